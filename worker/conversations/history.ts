// Keeps the directory's history and Unassigned lists (B11, B22) in step with one conversation: its
// threads with their readers and last message, and whether its customer waits for someone. Written
// only when something listed changed.
import type { ConversationState, Effect } from '../domain/conversation';
import { currentThread } from '../domain/team';
import type { ConversationRef, ConversationStore } from '../durable-objects/conversation-store';
import type { Db } from '../storage/db';
import { setUnassigned, syncThreads, type ThreadRow } from '../storage/repos/history';

const PREVIEW = 120;
const LISTED: ReadonlySet<Effect['type']> = new Set([
  'message',
  'inbound',
  'system',
  'state_changed',
  'access_revoked',
]);

const preview = (text: string | null): string | null =>
  text === null ? null : text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;

export function touchesHistory(effects: readonly Effect[]): boolean {
  return effects.some((e) => LISTED.has(e.type));
}

export function historyRows(store: ConversationStore, state: ConversationState): ThreadRow[] {
  return state.team.threads.map((t) => {
    const last = store.lastOf(t.id);
    return {
      threadId: t.id,
      startedAt: t.startedAt,
      endedAt: t.endedAt,
      lastAt: last?.at ?? t.startedAt,
      lastText: preview(last?.text ?? null),
      readers: state.team.access
        .filter((g) => g.threadId === t.id)
        .map((g) => ({ userId: g.userId, until: g.until })),
    };
  });
}

/** B22: the customer wrote into a thread nobody is in. */
export function waitingFor(store: ConversationStore, state: ConversationState) {
  const thread = currentThread(state.team);
  if (!thread || state.team.participants.length > 0) return null;
  const last = store.lastOf(thread.id);
  if (!last?.inbound) return null;
  return { since: thread.startedAt, lastAt: last.at, lastText: preview(last.text) };
}

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

/** Writes the threads, readers and waiting flag that changed since `written` (updated in place). */
export async function syncHistory(
  db: Db,
  ref: ConversationRef,
  store: ConversationStore,
  state: ConversationState,
  written: HistoryWritten,
): Promise<void> {
  const rows = historyRows(store, state);
  const changed = rows.filter(
    (r) => written.threads.get(r.threadId) !== JSON.stringify({ ...r, readers: [] }),
  );
  const readersChanged = rows.filter((r) => written.readers.get(r.threadId) !== JSON.stringify(r.readers));
  if (changed.length > 0 || readersChanged.length > 0) await syncThreads(db, ref, changed, readersChanged);
  for (const r of changed) written.threads.set(r.threadId, JSON.stringify({ ...r, readers: [] }));
  for (const r of readersChanged) written.readers.set(r.threadId, JSON.stringify(r.readers));
  const waiting = waitingFor(store, state);
  const waitingKey = JSON.stringify(waiting);
  if (waitingKey !== written.waiting) {
    await setUnassigned(db, ref, waiting);
    written.waiting = waitingKey;
  }
}
