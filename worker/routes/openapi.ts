// Helpers that keep route declarations short: a router with the shared validation hook, JSON
// request/response blocks, and the error responses each route declares in the OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import { type ZodType, z } from 'zod';
import { ErrorResponseSchema } from '../../shared/api/common';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { requireAdmin, requireAuth, requireWhatsApp } from '../middleware/auth';
import { validationHook } from '../middleware/errors';

export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

export function json<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input',
  401: 'Missing, invalid, expired or revoked token, or a disabled user',
  403: 'Not allowed for this user',
  404: 'Not found in your org',
  409: 'Conflicts with the current state',
  422: 'Well-formed but not acceptable',
  429: 'Too many attempts',
  503: 'The Cloud API could not be reached',
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

export function errors<const S extends ErrorStatus[]>(...statuses: S) {
  const out: Partial<Record<ErrorStatus, ReturnType<typeof json<typeof ErrorResponseSchema>>>> = {};
  for (const s of statuses) out[s] = json(ErrorResponseSchema, ERROR_DESCRIPTIONS[s]);
  return out as { [K in S[number]]: ReturnType<typeof json<typeof ErrorResponseSchema>> };
}

/**
 * I4: required on message sends; 1–200 visible ASCII characters (a UUID fits). A malformed one is
 * answered 400 `invalid_idempotency_key` by the validation hook; a missing one 400
 * `idempotency_key_required` by the handler, after the body is checked (so a client hears about
 * both). The document marks it required (routes/openapi/document.ts).
 */
export const IdempotencyKeyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7E]{1,200}$/)
    .meta({
      description: 'Client-chosen key for safe retries (kept 24 h per user); 1–200 visible ASCII characters.',
      example: '3f1c2a9e-7a44-4c55-9b0e-6a1d2f3e4b5c',
    })
    .optional(),
});

/** The errors every signed-in route can answer. */
export const AUTHED = [400, 401, 403] as const;
export const bearer = [{ Bearer: [] }];

/** Route options shared by every `/admin/...` route: bearer auth, then the admin role. */
export const ADMIN: { security: typeof bearer; middleware: MiddlewareHandler<AppEnv>[]; tags: string[] } = {
  security: bearer,
  middleware: [requireAuth, requireAdmin],
  tags: ['admin'],
};

/** Route options shared by the conversation routes: bearer auth, then WhatsApp enabled (B18). */
export const WHATSAPP: { security: typeof bearer; middleware: MiddlewareHandler<AppEnv>[]; tags: string[] } =
  {
    security: bearer,
    middleware: [requireAuth, requireWhatsApp],
    tags: ['conversations'],
  };
