// The one error mapper: ApiError and framework HTTP errors become `{ error: { code, message } }`
// with their status; zod validation failures become 400 with the offending fields named; anything
// else is logged with the request id and answered with a generic 500 (never a stack).
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { ErrorResponse } from '../../shared/api/common';
import type { AppEnv } from '../env';
import { ApiError } from '../services/errors';

function body(code: string, message: string, details?: Record<string, unknown>): ErrorResponse {
  return { error: details ? { code, message, details } : { code, message } };
}

/** "email: must be an email address; password: is required" */
export function describeZodError(error: ZodError): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  // A rule checked twice (before and after trimming) is said once.
  return [...new Set(lines)].slice(0, 5).join('; ');
}

const TARGET_NAMES: Record<string, string> = {
  json: 'body',
  param: 'path',
  query: 'query',
  header: 'headers',
};

/** I4: the Idempotency-Key header's own codes (missing, or not 1–200 visible ASCII characters). */
function idempotencyKeyProblem(error: ZodError, target?: string): [string, string] | null {
  const issue = error.issues.find((i) => i.path[0] === 'idempotency-key');
  if (target !== 'header' || !issue) return null;
  if (issue.code === 'invalid_type')
    return ['idempotency_key_required', 'Send an Idempotency-Key header (e.g. a UUID) with every message.'];
  return ['invalid_idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters.'];
}

/** `defaultHook` of every OpenAPIHono router: answers invalid input before the handler runs. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const key = idempotencyKeyProblem(result.error, result.target);
  if (key) return c.json(body(...key), 400);
  const where = TARGET_NAMES[result.target ?? ''] ?? 'request';
  // SPEC §5: a bad phone is `invalid_phone`, whether its shape (here) or its number (libphonenumber) is wrong.
  const onlyPhone = result.error.issues.every((i) => i.path[0] === 'phone');
  const code = onlyPhone ? 'invalid_phone' : 'invalid_request';
  return c.json(body(code, `Invalid ${where}: ${describeZodError(result.error)}`), 400);
}

/** Framework-level refusals (body parsing, content type) in the API's words; always a 400. */
function describeHttpError(err: HTTPException): [string, string] {
  if (err.status === 415) {
    return ['unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).'];
  }
  if (/json/i.test(err.message)) return ['invalid_json', 'The request body is not valid JSON.'];
  return ['invalid_request', err.message ? `Invalid request: ${err.message}` : 'Invalid request.'];
}

/**
 * An error's message fit for the logs: drizzle's query errors carry the SQL parameters (emails,
 * phone numbers), so the driver's own message is used, long digit runs are masked, and it is capped.
 */
export function safeMessage(err: Error): string {
  const root = err.cause instanceof Error ? err.cause : err;
  const message = root.message.split(/\bparams:/)[0] ?? '';
  return message.replace(/\+?\d[\d\s-]{5,}\d/g, '<digits>').slice(0, 300);
}

/** One JSON line with the request id, method and path (never bodies, tokens or phone numbers). */
function log(
  c: Context<AppEnv>,
  level: 'warn' | 'error',
  event: string,
  fields: Record<string, string> = {},
): string {
  const requestId = c.get('requestId') ?? 'unknown';
  const line = JSON.stringify({ level, event, requestId, method: c.req.method, path: c.req.path, ...fields });
  if (level === 'error') console.error(line);
  else console.warn(line);
  return requestId;
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    // Lock-outs and an unreachable Cloud API are worth seeing in the logs; other refusals are routine.
    if (err.status === 429 || err.status === 503) log(c, 'warn', err.code);
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const [code, message] = describeHttpError(err);
    return c.json(body(code, message), 400);
  }
  const requestId = log(c, 'error', 'internal_error', { error: err.name, message: safeMessage(err) });
  return c.json(body('internal_error', `Something went wrong on our side (request ${requestId}).`), 500);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(body('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
