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

/** Writes what changed since the last call (`previous` is the digest it returns). */
export async function syncHistory(
  db: Db,
  ref: ConversationRef,
  store: ConversationStore,
  state: ConversationState,
  previous: string | null,
): Promise<string> {
  const threads = historyRows(store, state);
  const waiting = waitingFor(store, state);
  const digest = JSON.stringify({ threads, waiting });
  if (digest === previous) return digest;
  await syncThreads(db, ref, threads);
  await setUnassigned(db, ref, waiting);
  return digest;
}
