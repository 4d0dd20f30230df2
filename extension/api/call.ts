// One API call: send through the transport, turn an error answer into an ApiFailure carrying the
// API's message, and check a success answer against the shared schema (never `as T`).
import type { z } from 'zod';
import { ErrorResponseSchema } from '../../shared/api/common';
import { type ApiRequest, type ApiResponse, ApiFailure, type Transport } from './transport';

export function failureOf(response: ApiResponse): ApiFailure {
  if (response.body.kind === 'json') {
    const parsed = ErrorResponseSchema.safeParse(response.body.value);
    if (parsed.success) {
      return new ApiFailure(response.status, parsed.data.error.code, parsed.data.error.message);
    }
  }
  return new ApiFailure(response.status, 'http_error', `The server answered ${response.status}.`);
}

export async function callJson<S extends z.ZodType>(
  transport: Transport,
  request: ApiRequest,
  schema: S,
): Promise<z.infer<S>> {
  const response = await transport(request);
  if (response.status >= 400) throw failureOf(response);
  if (response.body.kind !== 'json') {
    throw new ApiFailure(response.status, 'bad_response', 'The server sent an answer Greenline cannot read.');
  }
  const parsed = schema.safeParse(response.body.value);
  if (!parsed.success) {
    throw new ApiFailure(response.status, 'bad_response', 'The server sent an answer Greenline cannot read.');
  }
  return parsed.data;
}

export async function callEmpty(transport: Transport, request: ApiRequest): Promise<void> {
  const response = await transport(request);
  if (response.status >= 400) throw failureOf(response);
}

export async function callRaw(transport: Transport, request: ApiRequest): Promise<ApiResponse['body']> {
  const response = await transport(request);
  if (response.status >= 400) throw failureOf(response);
  return response.body;
}
