// Conversations in the directory: one per (number, contact), its id naming the Durable Object; and
// the registry of conversations with a pending timer that the development clock sweeps (I9).
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { type DirectoryQuery, runBatch } from './batch';
import { newId } from '../ids';
import { preparedRowUpsert, preparedWrite } from '../prepared';
import { contacts, contactWaIds, conversations, conversationTimers } from '../schema';

export type ConversationRow = typeof conversations.$inferSelect;

/** The conversation of a contact on a number, created on first use (idempotent under races). */
export async function ensureConversation(
  db: Db,
  orgId: string,
  numberId: string,
  contactId: string,
  now: number,
): Promise<ConversationRow> {
  await db
    .insert(conversations)
    .values({ id: newId(), orgId, numberId, contactId, createdAt: now })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.numberId, numberId), eq(conversations.contactId, contactId)));
  if (!row) throw new Error('conversation insert returned nothing');
  return row;
}

export async function getConversation(
  db: Db,
  orgId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)));
  return row;
}

const timerUpsert = preparedRowUpsert(conversationTimers, conversationTimers.conversationId);

const timerDelete = preparedWrite((db) =>
  db
    .delete(conversationTimers)
    .where(eq(conversationTimers.conversationId, sql.placeholder('conversationId'))),
);

/**
 * The write that records (or, with `null`, clears) when the conversation's next timer is due; its
 * statement is prepared once per client (../prepared.ts) as it joins every step's batch.
 */
export function timerQuery(db: Db, conversationId: string, dueAt: number | null): DirectoryQuery {
  if (dueAt === null) return { statement: timerDelete(db), values: { conversationId } };
  return { statement: timerUpsert(db), values: { conversationId, dueAt } };
}

export async function upsertTimer(db: Db, conversationId: string, dueAt: number): Promise<void> {
  await runBatch(db, [timerQuery(db, conversationId, dueAt)]);
}

export async function clearTimer(db: Db, conversationId: string): Promise<void> {
  await runBatch(db, [timerQuery(db, conversationId, null)]);
}

export async function dueTimers(db: Db, now: number): Promise<string[]> {
  const rows = await db
    .select({ id: conversationTimers.conversationId })
    .from(conversationTimers)
    .where(lte(conversationTimers.dueAt, now));
  return rows.map((r) => r.id);
}

/** Every conversation of a number (to wake them all when its sending resumes). */
export async function listOrgConversationIds(db: Db, orgId: string, numberId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.numberId, numberId)));
  return rows.map((r) => r.id);
}

/** Intake's fast path: the conversation on `numberId` with the contact known by this wa_id, if any. */
export async function findConversationByWaId(db: Db, orgId: string, numberId: string, waId: string) {
  const [row] = await db
    .select({ conversationId: conversations.id, contact: contacts })
    .from(contactWaIds)
    .innerJoin(contacts, eq(contacts.id, contactWaIds.contactId))
    .innerJoin(
      conversations,
      and(eq(conversations.contactId, contacts.id), eq(conversations.numberId, numberId)),
    )
    .where(and(eq(contactWaIds.orgId, orgId), eq(contactWaIds.waId, waId), eq(contacts.orgId, orgId)));
  return row;
}
