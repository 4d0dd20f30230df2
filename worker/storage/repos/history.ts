// The history and Unassigned lists (B11, B22): a copy of each conversation's threads, their readers
// and whether it waits for someone, kept by the conversation object; read with one query per list.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { contacts, threadIndex, threadReaders, unassignedConversations } from '../schema';

export interface ThreadRow {
  threadId: string;
  startedAt: number;
  endedAt: number | null;
  lastAt: number;
  lastText: string | null;
  readers: { userId: string; until: number | null }[];
}

/** Writes the given threads' rows (their readers only when `withReaders`); idempotent. */
export async function syncThreads(
  db: Db,
  ref: { conversationId: string; orgId: string; contactId: string },
  threads: readonly ThreadRow[],
  withReaders: readonly ThreadRow[] = threads,
): Promise<void> {
  for (const t of threads) {
    const values = {
      threadId: t.threadId,
      conversationId: ref.conversationId,
      orgId: ref.orgId,
      contactId: ref.contactId,
      startedAt: t.startedAt,
      endedAt: t.endedAt,
      lastAt: t.lastAt,
      lastText: t.lastText,
    };
    await db
      .insert(threadIndex)
      .values(values)
      .onConflictDoUpdate({ target: threadIndex.threadId, set: values });
  }
  if (withReaders.length === 0) return;
  await db.delete(threadReaders).where(
    inArray(
      threadReaders.threadId,
      withReaders.map((t) => t.threadId),
    ),
  );
  const readers = withReaders.flatMap((t) =>
    t.readers.map((r) => ({ threadId: t.threadId, userId: r.userId, orgId: ref.orgId, until: r.until })),
  );
  // D1 binds at most 100 parameters: 4 columns a row.
  for (let i = 0; i < readers.length; i += 20)
    await db.insert(threadReaders).values(readers.slice(i, i + 20));
}

export async function setUnassigned(
  db: Db,
  ref: { conversationId: string; orgId: string; contactId: string },
  waiting: { since: number; lastAt: number; lastText: string | null } | null,
): Promise<void> {
  if (!waiting) {
    await db
      .delete(unassignedConversations)
      .where(eq(unassignedConversations.conversationId, ref.conversationId));
    return;
  }
  const values = {
    conversationId: ref.conversationId,
    orgId: ref.orgId,
    contactId: ref.contactId,
    ...waiting,
  };
  await db
    .insert(unassignedConversations)
    .values(values)
    .onConflictDoUpdate({ target: unassignedConversations.conversationId, set: values });
}

/**
 * How a list names a contact: a customer hiding their number (2026) has phone '' and is recognised by
 * their profile name and username instead.
 */
const CONTACT_SUMMARY = {
  id: contacts.id,
  name: contacts.name,
  phone: sql<string>`coalesce(${contacts.phone}, '')`,
  username: contacts.username,
};

/** B11: the threads a user may read, newest first, with the contact. */
export async function listReadableThreads(db: Db, orgId: string, userId: string, limit: number) {
  return db
    .select({
      conversationId: threadIndex.conversationId,
      threadId: threadIndex.threadId,
      startedAt: threadIndex.startedAt,
      endedAt: threadIndex.endedAt,
      lastAt: threadIndex.lastAt,
      lastText: threadIndex.lastText,
      until: threadReaders.until,
      contact: CONTACT_SUMMARY,
    })
    .from(threadReaders)
    .innerJoin(threadIndex, eq(threadIndex.threadId, threadReaders.threadId))
    .innerJoin(contacts, eq(contacts.id, threadIndex.contactId))
    .where(and(eq(threadReaders.orgId, orgId), eq(threadReaders.userId, userId), eq(contacts.orgId, orgId)))
    .orderBy(desc(threadIndex.lastAt))
    .limit(limit);
}

/** B22: conversations of the org waiting for someone, newest first. */
export async function listUnassigned(db: Db, orgId: string, limit: number) {
  return db
    .select({
      conversationId: unassignedConversations.conversationId,
      since: unassignedConversations.since,
      lastAt: unassignedConversations.lastAt,
      lastText: unassignedConversations.lastText,
      contact: CONTACT_SUMMARY,
    })
    .from(unassignedConversations)
    .innerJoin(contacts, eq(contacts.id, unassignedConversations.contactId))
    .where(and(eq(unassignedConversations.orgId, orgId), eq(contacts.orgId, orgId)))
    .orderBy(desc(unassignedConversations.lastAt))
    .limit(limit);
}
