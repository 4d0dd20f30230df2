// Sessions: hashed access and refresh tokens. The lookup joins the user and the org so that the
// auth middleware checks "disabled / removed / revoked / expired" on every request in one query.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { orgs, sessions, users } from '../schema';
import { normaliseOrg, type OrgRow } from './orgs';
import type { UserRow } from './users';

export type SessionRow = typeof sessions.$inferSelect;

export interface TokenHashes {
  accessTokenHash: string;
  accessExpiresAt: number;
  refreshTokenHash: string;
  refreshExpiresAt: number;
}

export async function createSession(
  db: Db,
  input: TokenHashes & { orgId: string; userId: string; now: number },
): Promise<SessionRow> {
  const { now, ...values } = input;
  const [row] = await db
    .insert(sessions)
    .values({ ...values, id: newId(), createdAt: now })
    .returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export interface SessionContext {
  session: SessionRow;
  user: UserRow;
  org: OrgRow;
}

/** A session with its user and org, the one join every lookup shares. */
async function sessionWhere(db: Db, where: SQL): Promise<SessionContext | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users, org: orgs })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, sessions.orgId))
    .where(where);
  return row && { ...row, org: normaliseOrg(row.org) };
}

export async function findSessionByAccessHash(db: Db, hash: string): Promise<SessionContext | undefined> {
  return sessionWhere(db, eq(sessions.accessTokenHash, hash));
}

export async function findSessionByRefreshHash(db: Db, hash: string): Promise<SessionContext | undefined> {
  return sessionWhere(db, eq(sessions.refreshTokenHash, hash));
}

/**
 * Replaces both tokens, only if the refresh token presented is still the current one, so two
 * concurrent refreshes with the same token cannot both win.
 */
export async function rotateSession(
  db: Db,
  sessionId: string,
  presentedRefreshHash: string,
  next: TokenHashes,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .update(sessions)
    .set(next)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.refreshTokenHash, presentedRefreshHash),
        isNull(sessions.revokedAt),
      ),
    )
    .returning();
  return row;
}

export async function revokeSession(db: Db, orgId: string, sessionId: string, now: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Db, orgId: string, userId: string, now: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** A session with its user and org by id: the live socket re-checks it before every frame (I8). */
export async function findSessionById(db: Db, sessionId: string): Promise<SessionContext | undefined> {
  return sessionWhere(db, eq(sessions.id, sessionId));
}
