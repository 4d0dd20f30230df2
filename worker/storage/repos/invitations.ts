// Invitations: an admin invites an address into a sub-org; the hashed token sets the first password.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { invitations } from '../schema';

export type InvitationRow = typeof invitations.$inferSelect;

export async function createInvitation(
  db: Db,
  input: Omit<typeof invitations.$inferInsert, 'id' | 'createdAt' | 'acceptedAt' | 'revokedAt'> & {
    now: number;
  },
): Promise<InvitationRow> {
  const { now, ...values } = input;
  const [row] = await db
    .insert(invitations)
    .values({ ...values, id: newId(), createdAt: now })
    .returning();
  if (!row) throw new Error('invitation insert returned nothing');
  return row;
}

export async function listPendingInvitations(db: Db, orgId: string, now: number): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

/** Revokes one pending invitation; false when there is none with this id in the org. */
export async function revokeInvitation(db: Db, orgId: string, id: string, now: number): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** A new invitation for an address replaces the pending ones for it. */
export async function revokePendingForEmail(
  db: Db,
  orgId: string,
  email: string,
  now: number,
): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}

/** Marks a valid invitation accepted and returns it; at most one caller wins for a token. */
export async function claimInvitation(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/** Undoes a claim when the account could not be created, so the invitation stays usable. */
export async function unclaimInvitation(db: Db, id: string): Promise<void> {
  await db.update(invitations).set({ acceptedAt: null }).where(eq(invitations.id, id));
}
