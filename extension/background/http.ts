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

/**
 * The longest wait a 503's `Retry-After` may ask for and still be waited out once before answering:
 * a server restarting or being deployed says "again in a moment"; a longer outage is told to the
 * person instead of holding their click.
 */
export const RETRY_AFTER_MAX_MS = 5_000;

/**
 * Whether sending the request twice does no harm: reads, sends with an idempotency key, and sign-in
 * (a second session nobody uses expires). Not a refresh: the first may have rotated the token.
 */
function repeatable(request: ApiRequest): boolean {
  if (request.method === 'GET' || request.idempotencyKey !== undefined) return true;
  return request.anonymous === true && request.path === '/auth/login';
}

/** How long a 503 asks the client to wait (seconds or an HTTP date), or null when it does not say. */
function retryAfterMs(response: Response): number | null {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function performRequest(
  fetchFn: Fetch,
  serverUrl: string,
  request: ApiRequest,
  token: string | null,
): Promise<ApiResponse> {
  const url = apiUrl(serverUrl, request);
  let response: Response;
  try {
    response = await fetchFn(url, requestInit(request, token));
    // A server that is briefly unavailable and says when to come back gets one more try, when the
    // request can safely be sent again (docs/extension.md).
    const after = response.status === 503 && repeatable(request) ? retryAfterMs(response) : null;
    if (after !== null && after <= RETRY_AFTER_MAX_MS) {
      await response.body?.cancel();
      await wait(after);
      response = await fetchFn(url, requestInit(request, token));
    }
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
