// How the extension reaches the API: a request is plain data, so it can cross runtime messaging from
// the panel or the options page to the background, the only holder of the session. Binary bodies
// travel as base64 (runtime messages are JSON).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FilePart {
  base64: string;
  fileName: string;
  contentType: string;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Below `/api/v1`, e.g. `/contacts/abc/whatsapp`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Multipart upload with a `file` field and, optionally, other text fields. */
  upload?: { file: FilePart; fields?: Record<string, string> };
  /** Required by the API on message sends (I4). */
  idempotencyKey?: string;
  /** How to read a successful answer; JSON unless told. */
  accept?: 'json' | 'text' | 'binary';
  /** Sign-in and refresh go without the session. */
  anonymous?: boolean;
}

export type ApiBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string; contentType: string }
  | { kind: 'binary'; base64: string; contentType: string }
  | { kind: 'empty' };

export interface ApiResponse {
  status: number;
  body: ApiBody;
}

export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

/** An API refusal (4xx/5xx) or a network failure, with the API's own message for people. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** Status 0: the server could not be reached at all. */
  static unreachable(detail: string): ApiFailure {
    return new ApiFailure(0, 'unreachable', `The Greenline server cannot be reached (${detail}).`);
  }
}
