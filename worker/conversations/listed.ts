// What the directory's history and Unassigned lists (B11, B22) show of one conversation, and which
// steps change it: pure, over the state and the thread log's latest items (the object's store, or a
// model of it in the domain tests). Written to the directory by history.ts.
import type { ConversationState, Effect } from '../domain/conversation';
import { shownText } from '../domain/messages';
import { currentThread } from '../domain/team';
import type { ListedThread } from '../domain/view';

/** A thread's latest item in the log. */
export interface LastItem {
  at: number;
  text: string | null;
  inbound: boolean;
}

/** Where a thread's latest item is read: the object's store (or a model of it in tests). */
export interface LastSource {
  lastOf(threadId: string): LastItem | null;
}

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

/**
 * Whether a step changed what the lists show. A message that was already there changes them only
 * when the text it shows changed (a name prefix added as it was sent): its state is not listed, so
 * the statuses and sends of a drain owe no directory write (P3).
 */
export function touchesHistory(effects: readonly Effect[], before: ConversationState | null): boolean {
  return effects.some((e) => {
    if (e.type !== 'message') return LISTED.has(e.type);
    const prior = before?.messages.find((m) => m.id === e.message.id);
    return !prior || shownText(prior) !== shownText(e.message);
  });
}

/** The store's latest item of a thread, looked up at most once per thread by one copy. */
export function lastLookup(store: LastSource): (threadId: string) => LastItem | null {
  const seen = new Map<string, LastItem | null>();
  return (threadId) => {
    if (!seen.has(threadId)) seen.set(threadId, store.lastOf(threadId));
    return seen.get(threadId) ?? null;
  };
}

export function historyRows(
  store: LastSource,
  state: ConversationState,
  lastOf = lastLookup(store),
): ListedThread[] {
  return state.team.threads.map((t) => {
    const last = lastOf(t.id);
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
export function waitingFor(store: LastSource, state: ConversationState, lastOf = lastLookup(store)) {
  const thread = currentThread(state.team);
  if (!thread || state.team.participants.length > 0) return null;
  const last = lastOf(thread.id);
  if (!last?.inbound) return null;
  return { since: thread.startedAt, lastAt: last.at, lastText: preview(last.text) };
}
