// One place that talks HTTP to the Graph API: adds the Bearer token, applies a timeout, and turns
// every answer into either a zod-checked value, a WhatsAppApiError (Meta's envelope) or a
// WhatsAppTransportError (no definite answer). No retries here: the caller owns retry policy (SPEC I4).
import type { z } from 'zod';
import { MediaUrlExpiredError, parseApiError, WhatsAppTransportError } from './errors';

export interface GraphHttpConfig {
  accessToken: string;
  fetch: typeof fetch;
  /** Per-request timeout; 0 disables it. */
  timeoutMs: number;
}

export interface GraphCall {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `multipart/form-data` (fetch sets the boundary). */
  form?: FormData;
  /** Names the call in errors, e.g. `send text`. */
  operation: string;
  /** A message send: a transport failure leaves its outcome unknown. */
  isSend: boolean;
}

type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

async function rawFetch(config: GraphHttpConfig, call: GraphCall): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${config.accessToken}` };
  let body: string | FormData | undefined;
  if (call.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    body = call.form;
  }
  const init: FetchInit = { method: call.method, headers };
  if (body !== undefined) init.body = body;
  if (config.timeoutMs > 0) init.signal = AbortSignal.timeout(config.timeoutMs);
  // Called unbound on purpose: workerd throws "Illegal invocation" when fetch runs with another `this`.
  const doFetch = config.fetch;
  try {
    return await doFetch(call.url, init);
  } catch (cause) {
    throw transportFailure(call, isTimeout(cause) ? 'timeout' : 'network', cause);
  }
}

function isTimeout(cause: unknown): boolean {
  return cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
}

function transportFailure(
  call: GraphCall,
  failure: WhatsAppTransportError['failure'],
  cause?: unknown,
  httpStatus?: number,
  detail?: string,
): WhatsAppTransportError {
  return new WhatsAppTransportError({
    failure,
    operation: call.operation,
    outcomeUnknown: call.isSend,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(detail === undefined ? {} : { detail }),
    ...(cause === undefined ? {} : { cause }),
  });
}

async function readText(call: GraphCall, response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    throw transportFailure(call, isTimeout(cause) ? 'timeout' : 'network', cause, response.status);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Performs a Graph call and validates a successful body with `schema`. */
export async function callGraph<S extends z.ZodType>(
  config: GraphHttpConfig,
  call: GraphCall,
  schema: S,
): Promise<z.output<S>> {
  const response = await rawFetch(config, call);
  const text = await readText(call, response);
  const json = parseJson(text);
  if (json.ok) {
    const apiError = parseApiError(json.value, response.status);
    if (apiError) throw apiError;
  }
  if (!response.ok) {
    throw transportFailure(call, 'http', undefined, response.status, 'not a Graph error envelope');
  }
  if (!json.ok) throw transportFailure(call, 'bad_response', undefined, response.status, 'body is not JSON');
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`)
      .join('; ');
    throw transportFailure(call, 'bad_response', parsed.error, response.status, where);
  }
  return parsed.data;
}

export interface DownloadedMedia {
  bytes: ArrayBuffer;
  mimeType: string;
}

/** GETs a media download URL with the Bearer token. 404 means the URL expired (reference §3). */
export async function downloadBinary(config: GraphHttpConfig, url: string): Promise<DownloadedMedia> {
  const call: GraphCall = { method: 'GET', url, operation: 'download media', isSend: false };
  const response = await rawFetch(config, call);
  if (response.status === 404) {
    await response.body?.cancel();
    throw new MediaUrlExpiredError();
  }
  if (!response.ok) {
    const json = parseJson(await readText(call, response));
    const apiError = json.ok ? parseApiError(json.value, response.status) : null;
    throw apiError ?? transportFailure(call, 'http', undefined, response.status);
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (cause) {
    throw transportFailure(call, isTimeout(cause) ? 'timeout' : 'network', cause, response.status);
  }
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const mimeType = contentType.split(';')[0]?.trim() || 'application/octet-stream';
  return { bytes, mimeType };
}
