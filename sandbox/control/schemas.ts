// Zod schemas of the control API (SPEC §5 "Sandbox") and its error answers: `{error:{code,message}}`
// with 400 for bad input (nothing changed), 404 for unknown users or messages, 409 for impossible acts.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'phone must be E.164, e.g. +14155550101');
const numberId = z.string().regex(/^\d+$/, 'phoneNumberId must be a business phone number id');

export const CreateUserSchema = z.strictObject({
  phone: E164Schema,
  name: z.string().trim().min(1).max(100),
  onWhatsApp: z.boolean().default(true),
});

const to = { to: numberId.optional() };

export const UserMessageSchema = z.union([
  z.strictObject({ text: z.string().min(1).max(4096), ...to }),
  z.strictObject({
    button: z.strictObject({ payload: z.string().min(1).max(256), text: z.string().min(1).max(25) }),
    contextId: z.string().min(1),
  }),
  z.strictObject({
    interactive: z.strictObject({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
    contextId: z.string().min(1),
  }),
  z.strictObject({
    image: z.strictObject({
      base64: z.base64().min(4),
      mimeType: z.enum(['image/jpeg', 'image/png']),
      caption: z.string().max(1024).optional(),
    }),
    ...to,
  }),
]);

export type UserMessage = z.infer<typeof UserMessageSchema>;

export const ReadSchema = z.strictObject({
  phoneNumberId: numberId.optional(),
  upTo: z.string().min(1).optional(),
});
export const BlockSchema = z.strictObject({ phoneNumberId: numberId.optional() });
export const ClockSchema = z.strictObject({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3_600_000),
});

export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'ARCHIVED',
  'LIMIT_EXCEEDED',
  'LOCKED',
  'FLAGGED',
  'REINSTATED',
] as const;

export const TemplateStatusSchema = z.strictObject({
  status: z.enum(TEMPLATE_STATUSES),
  language: z.string().min(2).optional(),
  wabaId: z.string().regex(/^\d+$/).optional(),
  reason: z.string().min(1).nullable().optional(),
});

export function describeZodError(error: z.ZodError): string {
  const parts = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return [...new Set(parts)].join('; ');
}

export function controlError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  return c.json({ error: { code, message } }, status);
}

/**
 * Parses a JSON body (empty body = `{}`) with `schema`, or answers 400 with a readable message
 * (prefixed with `hint` when the shape alone would not say what was expected).
 */
export async function parseBody<T>(c: Context, schema: z.ZodType<T>, hint?: string): Promise<T | Response> {
  const raw = await c.req.text();
  let json: unknown = {};
  if (raw.trim()) {
    try {
      json = JSON.parse(raw);
    } catch {
      return controlError(c, 400, 'invalid_json', 'The body must be JSON.');
    }
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const message = describeZodError(parsed.error);
  return controlError(c, 400, 'invalid_input', hint ? `${hint}: ${message}` : message);
}

export const USER_MESSAGE_HINT =
  'Expected {text}, {button:{payload,text}, contextId}, {interactive:{id,title}, contextId} or {image:{base64,mimeType,caption?}}';

/** `POST /sandbox/users/{phone}/privacy`: hide the number behind the username, or show it. */
export const PrivacySchema = z.object({ phoneHidden: z.boolean() });
