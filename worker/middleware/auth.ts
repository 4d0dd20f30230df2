// Bearer-token authentication and authorisation. The session, its user and org are read on every
// request, so a revoked session or a disabled / removed user gets nothing from the next request on.
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../auth/tokens';
import type { AppEnv } from '../env';
import { ApiError } from '../services/errors';
import { sessionRefusal } from '../services/sessions';
import { findSessionByAccessHash } from '../storage/repos/sessions';

const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match?.[1]) {
    throw new ApiError(401, 'unauthenticated', 'Sign in first: send "Authorization: Bearer <token>".');
  }
  const ctx = await findSessionByAccessHash(c.var.db, await hashToken(match[1]));
  if (!ctx) throw new ApiError(401, 'invalid_token', 'The token is not valid. Sign in again.');
  const refusal = sessionRefusal(ctx, c.var.now, ctx.session.accessExpiresAt);
  if (refusal) throw refusal;
  c.set('auth', ctx);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.auth.user.role !== 'admin') {
    throw new ApiError(403, 'forbidden', 'Only an org admin may do this.');
  }
  await next();
});

/** WhatsApp features need both the org and the user enabled (B18). */
export const requireWhatsApp = createMiddleware<AppEnv>(async (c, next) => {
  const { org, user } = c.var.auth;
  if (!org.whatsappEnabled) {
    throw new ApiError(403, 'whatsapp_disabled', 'WhatsApp is not enabled for your organisation.');
  }
  if (!user.whatsappEnabled)
    throw new ApiError(403, 'whatsapp_disabled', 'WhatsApp is not enabled for your account.');
  await next();
});
