// Auth request and response schemas: login, refresh, logout, invitations and `GET /me`.
import { z } from 'zod';
import { nameText } from './text';
import { IdSchema, RoleSchema } from './common';

export const EmailSchema = z
  .email('must be an email address')
  .max(254)
  // The pattern z.email() checks, spelled out so the OpenAPI document is as strict as the server.
  .regex(z.regexes.email, 'must be an email address')
  .transform((s) => s.trim().toLowerCase());

/** At least 10 characters; the hash is PBKDF2 so very long inputs are refused early. */
export const NewPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

export const PersonNameSchema = nameText(200);

export const LoginRequestSchema = z
  .object({ email: EmailSchema, password: z.string().min(1, 'is required').max(256) })
  .meta({ id: 'LoginRequest' });

export const RefreshRequestSchema = z
  .object({ refreshToken: z.string().min(1, 'is required').max(200) })
  .meta({ id: 'RefreshRequest' });

export const AcceptInvitationRequestSchema = z
  .object({
    token: z.string().min(1, 'is required').max(200),
    password: NewPasswordSchema,
    name: PersonNameSchema,
  })
  .meta({ id: 'AcceptInvitationRequest' });

export const UserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    subOrgId: IdSchema,
    whatsappEnabled: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

/** Answer of login, refresh and accept-invitation. Times are epoch milliseconds. */
export const SessionResponseSchema = z
  .object({
    token: z.string(),
    refreshToken: z.string(),
    expiresAt: z.number(),
    refreshExpiresAt: z.number(),
    user: UserSchema,
  })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const OkResponseSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });

export const MeResponseSchema = z
  .object({
    user: UserSchema.extend({ subOrgName: z.string() }),
    org: z.object({ id: IdSchema, name: z.string(), whatsappEnabled: z.boolean() }),
    /** WhatsApp is usable only when both the org and the user are enabled. */
    whatsapp: z.object({ orgEnabled: z.boolean(), userEnabled: z.boolean(), enabled: z.boolean() }),
    serverNow: z.number(),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof MeResponseSchema>;
