// Turns an ApiRequest (plain data) into a fetch to `<server>/api/v1<path>` and the answer back into
// plain data. A network failure becomes status 0 with the API's error shape, so callers see one kind
// of failure with a message for people.
import { base64ToBlob, bytesToBase64 } from '../api/base64';
import type { ApiBody, ApiRequest, ApiResponse } from '../api/transport';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function apiUrl(serverUrl: string, request: Pick<ApiRequest, 'path' | 'query'>): string {
  const url = new URL(`/api/v1${request.path}`, serverUrl);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

function requestInit(request: ApiRequest, token: string | null): RequestInit {
  const headers = new Headers();
  if (token && !request.anonymous) headers.set('authorization', `Bearer ${token}`);
  if (request.idempotencyKey) headers.set('idempotency-key', request.idempotencyKey);
  let body: BodyInit | undefined;
  if (request.upload) {
    const form = new FormData();
    const { file, fields } = request.upload;
    form.set('file', base64ToBlob(file.base64, file.contentType), file.fileName);
    for (const [key, value] of Object.entries(fields ?? {})) form.set(key, value);
    body = form;
  } else if (request.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(request.body);
  }
  return { method: request.method, headers, ...(body === undefined ? {} : { body }), credentials: 'omit' };
}

async function readBody(response: Response, accept: ApiRequest['accept']): Promise<ApiBody> {
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status === 204) return { kind: 'empty' };
  // A problem is always read as JSON; a success as JSON only when the caller did not ask for the
  // file itself (a JSON export is wanted as the text the server wrote, or as bytes).
  const wantsFile = accept === 'text' || accept === 'binary';
  if (contentType.includes('application/json') && (response.status >= 400 || !wantsFile)) {
    try {
      return { kind: 'json', value: await response.json() };
    } catch {
      return { kind: 'empty' };
    }
  }
  if (accept === 'binary') {
    return {
      kind: 'binary',
      base64: bytesToBase64(new Uint8Array(await response.arrayBuffer())),
      contentType,
    };
  }
  return { kind: 'text', value: await response.text(), contentType };
}

export function unreachable(serverUrl: string): ApiResponse {
  const origin = URL.canParse(serverUrl) ? new URL(serverUrl).origin : serverUrl;
  return {
    status: 0,
    body: {
      kind: 'json',
      value: {
        error: {
          code: 'unreachable',
          message: `The Greenline server at ${origin} cannot be reached. Check the address and your connection.`,
        },
      },
    },
  };
}

export async function performRequest(
  fetchFn: Fetch,
  serverUrl: string,
  request: ApiRequest,
  token: string | null,
): Promise<ApiResponse> {
  let response: Response;
  try {
    response = await fetchFn(apiUrl(serverUrl, request), requestInit(request, token));
  } catch {
    return unreachable(serverUrl);
  }
  return { status: response.status, body: await readBody(response, request.accept) };
}

/** The API's error code of an answer, if it has one. */
export function errorCode(response: ApiResponse): string | null {
  if (response.body.kind !== 'json') return null;
  const value = response.body.value as { error?: { code?: unknown } } | null;
  return typeof value?.error?.code === 'string' ? value.error.code : null;
}
