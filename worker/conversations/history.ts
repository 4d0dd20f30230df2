// Keeps the directory's history and Unassigned lists (B11, B22) in step with one conversation: its
// threads with their readers and last message, and whether its customer waits for someone. Written
// only when something listed changed.
import type { ConversationState } from '../domain/conversation';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { Db } from '../storage/db';
import { type DirectoryQuery, runBatch } from '../storage/repos/batch';
import type { ListPatch, ThreadRow } from '../storage/repos/history';
import { historyRows, type LastSource, lastLookup, waitingFor } from './listed';

/** What was last written, so only changes are written again. */
export interface HistoryWritten {
  threads: Map<string, string>;
  readers: Map<string, string>;
  waiting: string;
}

export const NOTHING_WRITTEN = (): HistoryWritten => ({
  threads: new Map(),
  readers: new Map(),
  waiting: '',
});

/** Directory queries to run in one batch, and what to remember once they committed. */
export interface DirectoryWrites {
  queries: DirectoryQuery[];
  done(): void;
}

/** The lists' rows that changed since they were last written, and what to remember once written. */
export interface ListWrite {
  /** Null: nothing listed changed. */
  patch: ListPatch | null;
  done(): void;
}

/** The patch for the threads, readers and waiting flag that changed since `written`. */
export function historyWrites(
  ref: ConversationRef,
  store: LastSource,
  state: ConversationState,
  written: HistoryWritten,
): ListWrite {
  const lastOf = lastLookup(store);
  const rows = historyRows(store, state, lastOf);
  const threadKey = (r: ThreadRow) => JSON.stringify({ ...r, readers: [] });
  const changed = rows.filter((r) => written.threads.get(r.threadId) !== threadKey(r));
  const readersChanged = rows.filter((r) => written.readers.get(r.threadId) !== JSON.stringify(r.readers));
  const waiting = waitingFor(store, state, lastOf);
  const waitingKey = JSON.stringify(waiting);
  const patch: ListPatch = { ref, threads: changed, readers: readersChanged };
  if (waitingKey !== written.waiting) patch.waiting = waiting;
  const empty = changed.length === 0 && readersChanged.length === 0 && patch.waiting === undefined;
  return {
    patch: empty ? null : patch,
    // Remembered only once committed: a failed write is written again by the next step.
    done() {
      for (const r of changed) written.threads.set(r.threadId, threadKey(r));
      for (const r of readersChanged) written.readers.set(r.threadId, JSON.stringify(r.readers));
      written.waiting = waitingKey;
    },
  };
}

/** Runs several writes as one batch (one commit). */
export async function writeDirectory(db: Db, writes: readonly (DirectoryWrites | null)[]): Promise<void> {
  await runBatch(
    db,
    writes.flatMap((w) => w?.queries ?? []),
  );
  for (const w of writes) w?.done();
}
