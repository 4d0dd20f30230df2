// The org's WhatsApp business number. One per org in this version; keyed by its own id so more can
// come later. The access token arrives here already encrypted (worker/auth/secret-box.ts).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { businessNumbers, orgs } from '../schema';
import { normaliseOrg, type OrgRow } from './orgs';

export type NumberRow = typeof businessNumbers.$inferSelect;

export async function getOrgNumber(db: Db, orgId: string): Promise<NumberRow | undefined> {
  const [row] = await db
    .select()
    .from(businessNumbers)
    .where(eq(businessNumbers.orgId, orgId))
    .orderBy(asc(businessNumbers.createdAt))
    .limit(1);
  return row;
}

/** Webhook routing: the number (and so the org) a `phone_number_id` belongs to. */
export async function findNumberByPhoneNumberId(
  db: Db,
  phoneNumberId: string,
): Promise<NumberRow | undefined> {
  const [row] = await db
    .select()
    .from(businessNumbers)
    .where(eq(businessNumbers.phoneNumberId, phoneNumberId));
  return row;
}

/** A conversation's directory facts in one query: its org and the org's (first) number, if any. */
export async function getOrgWithNumber(
  db: Db,
  orgId: string,
): Promise<{ org: OrgRow; number: NumberRow | null } | undefined> {
  const [row] = await db
    .select({ org: orgs, number: businessNumbers })
    .from(orgs)
    .leftJoin(businessNumbers, eq(businessNumbers.orgId, orgs.id))
    .where(eq(orgs.id, orgId))
    .orderBy(asc(businessNumbers.createdAt))
    .limit(1);
  return row && { org: normaliseOrg(row.org), number: row.number };
}

/** Webhook routing in one query: the number a `phone_number_id` belongs to and whether its org has WhatsApp on. */
export async function findRoutingNumber(
  db: Db,
  phoneNumberId: string,
): Promise<{ number: NumberRow; enabled: boolean } | undefined> {
  const [row] = await db
    .select({ number: businessNumbers, enabled: orgs.whatsappEnabled })
    .from(businessNumbers)
    .leftJoin(orgs, eq(orgs.id, businessNumbers.orgId))
    .where(eq(businessNumbers.phoneNumberId, phoneNumberId));
  return row && { number: row.number, enabled: row.enabled === true };
}

export interface NumberInput {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessTokenCiphertext: string;
}

export async function createNumber(
  db: Db,
  orgId: string,
  input: NumberInput & { id?: string; now: number },
): Promise<NumberRow> {
  const { now, id, ...values } = input;
  const [row] = await db
    .insert(businessNumbers)
    .values({ ...values, id: id ?? newId(), orgId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('number insert returned nothing');
  return row;
}

export async function updateNumber(
  db: Db,
  orgId: string,
  id: string,
  changes: Partial<NumberInput> & {
    paused?: boolean;
    pausedReason?: string | null;
    messagingLimitTier?: string | null;
    qualityEvent?: string | null;
    qualityUpdatedAt?: number | null;
  },
  now: number,
): Promise<NumberRow | undefined> {
  const [row] = await db
    .update(businessNumbers)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(businessNumbers.orgId, orgId), eq(businessNumbers.id, id)))
    .returning();
  return row;
}
