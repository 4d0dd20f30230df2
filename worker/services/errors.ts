// Expected refusals raised by services and middleware; the one error mapper (middleware/errors.ts)
// turns them into `{ error: { code, message } }` with their status. Anything else is a 500.
/** 503 only for an upstream (Cloud API) that cannot be reached; everything else is a client's 4xx. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found.`);
