// Session issue, refresh and logout. Access tokens live 15 minutes, refresh tokens 30 days; each
// refresh replaces both (rotation), so a stolen refresh token stops working once the owner refreshes.
import type { SessionResponse, User } from '../../shared/api/auth';
import { DAY, MINUTE } from '../../shared/time';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../storage/db';
import {
  createSession,
  findSessionByRefreshHash,
  revokeSession,
  rotateSession,
  type SessionContext,
} from '../storage/repos/sessions';
import type { UserRow } from '../storage/repos/users';
import { ApiError } from './errors';

export const ACCESS_TTL_MS = 15 * MINUTE;
export const REFRESH_TTL_MS = 30 * DAY;

export function toUserDto(user: UserRow): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    subOrgId: user.subOrgId,
    whatsappEnabled: user.whatsappEnabled,
  };
}

async function newTokenPair(now: number) {
  const token = newToken('access');
  const refreshToken = newToken('refresh');
  const hashes = {
    accessTokenHash: await hashToken(token),
    accessExpiresAt: now + ACCESS_TTL_MS,
    refreshTokenHash: await hashToken(refreshToken),
    refreshExpiresAt: now + REFRESH_TTL_MS,
  };
  return { token, refreshToken, hashes };
}

export async function issueSession(db: Db, user: UserRow, now: number): Promise<SessionResponse> {
  const { token, refreshToken, hashes } = await newTokenPair(now);
  await createSession(db, { ...hashes, orgId: user.orgId, userId: user.id, now });
  return {
    token,
    refreshToken,
    expiresAt: hashes.accessExpiresAt,
    refreshExpiresAt: hashes.refreshExpiresAt,
    user: toUserDto(user),
  };
}

/**
 * Why a session (found by either token) may not be used; undefined when it may. A disabled account
 * is named as such even after its sessions were revoked, so the extension can say why.
 */
export function sessionRefusal(ctx: SessionContext, now: number, expiresAt: number): ApiError | undefined {
  const ended = new ApiError(401, 'session_revoked', 'This session has ended. Sign in again.');
  if (ctx.user.removedAt !== null || ctx.user.orgId !== ctx.session.orgId) return ended;
  if (ctx.user.disabledAt !== null) {
    return new ApiError(401, 'account_disabled', 'This account has been disabled by an administrator.');
  }
  if (ctx.session.revokedAt !== null) return ended;
  if (expiresAt <= now)
    return new ApiError(401, 'token_expired', 'The token has expired. Refresh or sign in again.');
  return undefined;
}

export async function refreshSession(db: Db, refreshToken: string, now: number): Promise<SessionResponse> {
  const presented = await hashToken(refreshToken);
  const ctx = await findSessionByRefreshHash(db, presented);
  if (!ctx)
    throw new ApiError(401, 'invalid_refresh_token', 'The refresh token is not valid. Sign in again.');
  const refusal = sessionRefusal(ctx, now, ctx.session.refreshExpiresAt);
  if (refusal) throw refusal;
  const { token, refreshToken: nextRefresh, hashes } = await newTokenPair(now);
  const rotated = await rotateSession(db, ctx.session.id, presented, hashes);
  if (!rotated)
    throw new ApiError(401, 'invalid_refresh_token', 'The refresh token is not valid. Sign in again.');
  return {
    token,
    refreshToken: nextRefresh,
    expiresAt: hashes.accessExpiresAt,
    refreshExpiresAt: hashes.refreshExpiresAt,
    user: toUserDto(ctx.user),
  };
}

export function endSession(db: Db, ctx: SessionContext, now: number): Promise<void> {
  return revokeSession(db, ctx.session.orgId, ctx.session.id, now);
}
