// Login throttling per (email, client address): after MAX_FAILURES failed logins within WINDOW_MS
// the pair is locked for LOCK_MS and answered 429 with Retry-After, even with the right password.
// The key is hashed so the table holds no addresses.
import { MINUTE } from '../../shared/time';
import { hashToken } from '../auth/tokens';
import type { Db } from '../storage/db';
import { clearLoginAttempts, getLoginAttempts, saveLoginAttempts } from '../storage/repos/login-attempts';
import { ApiError } from './errors';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * MINUTE;
export const LOCK_MS = 15 * MINUTE;

export function throttleKey(email: string, clientAddress: string): Promise<string> {
  return hashToken(`login|${email}|${clientAddress}`);
}

export async function assertNotThrottled(db: Db, key: string, now: number): Promise<void> {
  const row = await getLoginAttempts(db, key);
  if (row?.lockedUntil && row.lockedUntil > now) {
    const retryAfter = Math.ceil((row.lockedUntil - now) / 1000);
    throw new ApiError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}

export async function recordFailure(db: Db, key: string, now: number): Promise<void> {
  const row = await getLoginAttempts(db, key);
  const fresh =
    !row || now - row.windowStartedAt > WINDOW_MS || (row.lockedUntil !== null && row.lockedUntil <= now);
  const failures = fresh ? 1 : row.failures + 1;
  await saveLoginAttempts(db, {
    key,
    failures,
    windowStartedAt: fresh ? now : row.windowStartedAt,
    lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : null,
  });
}

export function recordSuccess(db: Db, key: string): Promise<void> {
  return clearLoginAttempts(db, key);
}
