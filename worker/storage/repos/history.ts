// The history and Unassigned lists (B11, B22): a copy of each conversation's threads, their readers
// and whether it waits for someone, kept by the conversation object; read with one query per list.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ListedThread } from '../../domain/view';
import type { Db } from '../db';
import {
  MAX_PARAMETERS,
  numbered,
  type PreparedWrite,
  preparedRowsUpsert,
  preparedWrite,
  preparedWrites,
  type WriteStatement,
} from '../prepared';
import { contacts, threadIndex, threadReaders, unassignedConversations } from '../schema';
import { type DirectoryQuery, runBatch } from './batch';

export type ThreadRow = ListedThread;

type HistoryRef = { conversationId: string; orgId: string; contactId: string };
type Waiting = { since: number; lastAt: number; lastText: string | null };

/**
 * One conversation's changes to the lists: thread rows to write, threads whose readers are replaced
 * (all of them), and its Unassigned row (absent: unchanged; null: removed). Plain data, so a
 * conversation object can hand it to the org's list writer (durable-objects/list-writer.ts).
 */
export interface ListPatch {
  ref: HistoryRef;
  threads: ThreadRow[];
  readers: ThreadRow[];
  waiting?: Waiting | null;
}

const p = sql.placeholder;

const threadUpserts = preparedRowsUpsert(threadIndex, threadIndex.threadId);

/** A delete of `count` threads' readers, their ids numbered `threadId<n>`. */
const readersDelete = preparedWrites((db, count: number) =>
  db.delete(threadReaders).where(
    inArray(
      threadReaders.threadId,
      Array.from({ length: count }, (_, i) => p(`threadId${i}`)),
    ),
  ),
);

/** One thread id a parameter. */
const THREADS_PER_DELETE = MAX_PARAMETERS;

/** 4 columns a row. */
const READERS_PER_INSERT = MAX_PARAMETERS / 4;

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

const unassignedUpserts = preparedRowsUpsert(unassignedConversations, unassignedConversations.conversationId);

const unassignedDelete = preparedWrite((db) =>
  db.delete(unassignedConversations).where(eq(unassignedConversations.conversationId, p('conversationId'))),
);

/** `rows` in statements of at most `per` rows each. */
function inStatements<T extends Record<string, unknown>>(
  rows: readonly T[],
  per: number,
  statement: (count: number) => WriteStatement,
): PreparedWrite[] {
  const writes: PreparedWrite[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    writes.push({ statement: statement(chunk.length), values: numbered(chunk) });
  }
  return writes;
}

/** The last of each key wins: a later patch holds the newer copy (one statement may not hold a key twice). */
function lastByKey<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const kept = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    kept.delete(k);
    kept.set(k, item);
  }
  return [...kept.values()];
}

/**
 * The writes for several conversations' patches, as few statements as D1 allows: thread rows and
 * Unassigned rows many to a statement, each thread's readers replaced. When two patches touch the
 * same row, the later one is written. Statements are prepared once per client and row count.
 */
export function listQueries(db: Db, patches: readonly ListPatch[]): DirectoryQuery[] {
  const threads = lastByKey(
    patches.flatMap(({ ref, threads }) => threads.map((t) => ({ ref, t }))),
    ({ t }) => t.threadId,
  ).map(({ ref, t }) => ({
    threadId: t.threadId,
    conversationId: ref.conversationId,
    orgId: ref.orgId,
    contactId: ref.contactId,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    lastAt: t.lastAt,
    lastText: t.lastText,
  }));
  const readers = lastByKey(
    patches.flatMap(({ ref, readers }) => readers.map((t) => ({ ref, t }))),
    ({ t }) => t.threadId,
  );
  const waiting = lastByKey(
    patches.filter((patch) => patch.waiting !== undefined),
    (patch) => patch.ref.conversationId,
  );
  const queries: DirectoryQuery[] = inStatements(threads, threadUpserts.rowsPerStatement, (n) =>
    threadUpserts.statement(db, n),
  );
  queries.push(
    ...inStatements(
      readers.map(({ t }) => ({ threadId: t.threadId })),
      THREADS_PER_DELETE,
      (n) => readersDelete(db, n),
    ),
  );
  const readerRows: ReaderRow[] = readers.flatMap(({ ref, t }) =>
    t.readers.map((r) => ({ threadId: t.threadId, userId: r.userId, orgId: ref.orgId, until: r.until })),
  );
  queries.push(...inStatements(readerRows, READERS_PER_INSERT, (n) => readersInsert(db, n)));
  const set = waiting.flatMap(({ ref, waiting: w }) =>
    w ? [{ conversationId: ref.conversationId, orgId: ref.orgId, contactId: ref.contactId, ...w }] : [],
  );
  queries.push(
    ...inStatements(set, unassignedUpserts.rowsPerStatement, (n) => unassignedUpserts.statement(db, n)),
  );
  for (const { ref, waiting: w } of waiting) {
    if (w === null) queries.push(unassignedQuery(db, ref, null));
  }
  return queries;
}

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
  return listQueries(db, [{ ref, threads: [...threads], readers: [...withReaders] }]);
}

/** The write that sets or clears the conversation's Unassigned row. */
export function unassignedQuery(db: Db, ref: HistoryRef, waiting: Waiting | null): DirectoryQuery {
  if (!waiting) {
    return { statement: unassignedDelete(db), values: { conversationId: ref.conversationId } };
  }
  const row = { conversationId: ref.conversationId, orgId: ref.orgId, contactId: ref.contactId, ...waiting };
  return { statement: unassignedUpserts.statement(db, 1), values: numbered([row]) };
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
