// The org's WhatsApp business number. One per org in this version; keyed by its own id so more can
// come later. The access token arrives here already encrypted (worker/auth/secret-box.ts).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { perClient } from '../prepared';
import { businessNumbers, contacts, contactWaIds, conversations, orgs } from '../schema';
import type { ContactRow } from './contacts';
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

// Webhook-path queries are built once per database client (../prepared.ts): building drizzle's SQL
// for a joined select costs more CPU than parsing the answer (about 0.3 ms for the route query).
const preparedOrgWithNumber = perClient((db) =>
  db
    .select({ org: orgs, number: businessNumbers })
    .from(orgs)
    .leftJoin(businessNumbers, eq(businessNumbers.orgId, orgs.id))
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .orderBy(asc(businessNumbers.createdAt))
    .limit(1)
    .prepare(),
);

const preparedRoutingNumber = perClient((db) =>
  db
    .select({ number: businessNumbers, org: orgs })
    .from(businessNumbers)
    .leftJoin(orgs, eq(orgs.id, businessNumbers.orgId))
    .where(eq(businessNumbers.phoneNumberId, sql.placeholder('phoneNumberId')))
    .prepare(),
);

/** A conversation's directory facts in one query: its org and the org's (first) number, if any. */
export async function getOrgWithNumber(
  db: Db,
  orgId: string,
): Promise<{ org: OrgRow; number: NumberRow | null } | undefined> {
  const [row] = await preparedOrgWithNumber(db).all({ orgId });
  return row && { org: normaliseOrg(row.org), number: row.number };
}

/** A number as webhook routing reads it: with its org (whose WhatsApp switch decides, B21). */
export interface RoutingNumber {
  number: NumberRow;
  enabled: boolean;
  /** The org as read in the same query (null only for a number whose org is gone). */
  org: OrgRow | null;
}

/** Webhook routing in one query: the number a `phone_number_id` belongs to, with its org. */
export async function findRoutingNumber(db: Db, phoneNumberId: string): Promise<RoutingNumber | undefined> {
  const [row] = await preparedRoutingNumber(db).all({ phoneNumberId });
  return row && routingNumber(row.number, row.org);
}

function routingNumber(number: NumberRow, org: OrgRow | null): RoutingNumber {
  const normalised = org ? normaliseOrg(org) : null;
  return { number, enabled: normalised?.whatsappEnabled === true, org: normalised };
}

/** A conversation intake already knows: its id and the contact a wa_id (or BSUID) names. */
export interface KnownConversation {
  conversationId: string;
  contact: ContactRow;
}

export interface MessageRoute extends RoutingNumber {
  /** The conversation on this number of the contact known by the id asked for; null if none yet. */
  known: KnownConversation | null;
}

function messageRouteQuery(db: Db) {
  return db
    .select({
      number: businessNumbers,
      org: orgs,
      conversationId: conversations.id,
      contact: contacts,
    })
    .from(businessNumbers)
    .leftJoin(orgs, eq(orgs.id, businessNumbers.orgId))
    .leftJoin(
      contactWaIds,
      and(eq(contactWaIds.orgId, businessNumbers.orgId), eq(contactWaIds.waId, sql.placeholder('waId'))),
    )
    .leftJoin(
      contacts,
      and(eq(contacts.id, contactWaIds.contactId), eq(contacts.orgId, businessNumbers.orgId)),
    )
    .leftJoin(
      conversations,
      and(eq(conversations.contactId, contacts.id), eq(conversations.numberId, businessNumbers.id)),
    )
    .where(eq(businessNumbers.phoneNumberId, sql.placeholder('phoneNumberId')))
    .limit(1)
    .prepare();
}

const preparedMessageRoute = perClient(messageRouteQuery);

/**
 * Intake's usual path in one query: the number a `phone_number_id` belongs to, its org's WhatsApp
 * switch, and the conversation on that number with the contact known by `waId` (null: not found,
 * so the caller resolves the customer the long way).
 */
export async function findMessageRoute(
  db: Db,
  phoneNumberId: string,
  waId: string | null,
): Promise<MessageRoute | undefined> {
  const [row] = await preparedMessageRoute(db).all({ phoneNumberId, waId: waId ?? '' });
  if (!row) return undefined;
  const known =
    waId && row.conversationId !== null && row.contact !== null
      ? { conversationId: row.conversationId, contact: row.contact }
      : null;
  return { ...routingNumber(row.number, row.org), known };
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
