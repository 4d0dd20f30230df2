// The history and Unassigned lists (B11, B22): a copy of each conversation's threads, their readers
// and whether it waits for someone, kept by the conversation object; read with one query per list.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { type PreparedWrite, preparedRowUpsert, preparedWrite, preparedWrites } from '../prepared';
import { type DirectoryQuery, runBatch } from './batch';
import { contacts, threadIndex, threadReaders, unassignedConversations } from '../schema';

export interface ThreadRow {
  threadId: string;
  startedAt: number;
  endedAt: number | null;
  lastAt: number;
  lastText: string | null;
  readers: { userId: string; until: number | null }[];
}

type HistoryRef = { conversationId: string; orgId: string; contactId: string };
type Waiting = { since: number; lastAt: number; lastText: string | null };

const p = sql.placeholder;

const threadUpsert = preparedRowUpsert(threadIndex, threadIndex.threadId);

const readersDelete = preparedWrite((db) =>
  db.delete(threadReaders).where(eq(threadReaders.threadId, p('threadId'))),
);

/** D1 binds at most 100 parameters a statement: 4 columns a row. */
const READERS_PER_INSERT = 20;

/** An insert of `count` reader rows, their placeholders numbered by row. */
const readersInsert = preparedWrites((db, count: number) =>
  db.insert(threadReaders).values(
    Array.from({ length: count }, (_, i) => ({
      threadId: p(`threadId${i}`),
      userId: p(`userId${i}`),
      orgId: p(`orgId${i}`),
      until: p(`until${i}`),
    })),
  ),
);

type ReaderRow = { threadId: string; userId: string; orgId: string; until: number | null };

function readersWrite(db: Db, rows: readonly ReaderRow[]): PreparedWrite {
  const values: Record<string, unknown> = {};
  rows.forEach((r, i) => {
    values[`threadId${i}`] = r.threadId;
    values[`userId${i}`] = r.userId;
    values[`orgId${i}`] = r.orgId;
    values[`until${i}`] = r.until;
  });
  return { statement: readersInsert(db, rows.length), values };
}

const unassignedUpsert = preparedRowUpsert(unassignedConversations, unassignedConversations.conversationId);

const unassignedDelete = preparedWrite((db) =>
  db.delete(unassignedConversations).where(eq(unassignedConversations.conversationId, p('conversationId'))),
);

/**
 * The writes for the given threads' rows (their readers only when listed in `withReaders`: all of a
 * thread's readers are replaced). Statements are prepared once per client; each write carries its values.
 */
export function threadQueries(
  db: Db,
  ref: HistoryRef,
  threads: readonly ThreadRow[],
  withReaders: readonly ThreadRow[] = threads,
): DirectoryQuery[] {
  const upsert = threadUpsert(db);
  const queries: DirectoryQuery[] = threads.map((t) => ({
    statement: upsert,
    values: {
      threadId: t.threadId,
      conversationId: ref.conversationId,
      orgId: ref.orgId,
      contactId: ref.contactId,
      startedAt: t.startedAt,
      endedAt: t.endedAt,
      lastAt: t.lastAt,
      lastText: t.lastText,
    },
  }));
  const remove = readersDelete(db);
  for (const t of withReaders) queries.push({ statement: remove, values: { threadId: t.threadId } });
  const readers = withReaders.flatMap((t) =>
    t.readers.map((r) => ({ threadId: t.threadId, userId: r.userId, orgId: ref.orgId, until: r.until })),
  );
  for (let i = 0; i < readers.length; i += READERS_PER_INSERT)
    queries.push(readersWrite(db, readers.slice(i, i + READERS_PER_INSERT)));
  return queries;
}

/** The write that sets or clears the conversation's Unassigned row. */
export function unassignedQuery(db: Db, ref: HistoryRef, waiting: Waiting | null): DirectoryQuery {
  if (!waiting) {
    return { statement: unassignedDelete(db), values: { conversationId: ref.conversationId } };
  }
  const values = {
    conversationId: ref.conversationId,
    orgId: ref.orgId,
    contactId: ref.contactId,
    since: waiting.since,
    lastAt: waiting.lastAt,
    lastText: waiting.lastText,
  };
  return { statement: unassignedUpsert(db), values };
}

/** Writes the given threads' rows (their readers only when `withReaders`); idempotent. */
export async function syncThreads(
  db: Db,
  ref: HistoryRef,
  threads: readonly ThreadRow[],
  withReaders: readonly ThreadRow[] = threads,
): Promise<void> {
  await runBatch(db, threadQueries(db, ref, threads, withReaders));
}

export async function setUnassigned(db: Db, ref: HistoryRef, waiting: Waiting | null): Promise<void> {
  await runBatch(db, [unassignedQuery(db, ref, waiting)]);
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
