// The thread as the panel holds it (B9, B11): items in time order, merged from fetches, send answers
// and live frames that may arrive in any order. A message's state never moves backwards: a late
// "sending" does not overwrite "delivered", and final states stay final.
import type { z } from 'zod';
import {
  compareThreadItems,
  type ThreadItemSchema,
  type ThreadSchema,
} from '../../../shared/api/conversations';

export type ThreadItem = z.infer<typeof ThreadItemSchema>;
export type OutboundItem = Extract<ThreadItem, { type: 'outbound' }>;
export type InboundItem = Extract<ThreadItem, { type: 'inbound' }>;
export type Thread = z.infer<typeof ThreadSchema>;
export type MessageState = OutboundItem['state'];

/** A stable key: messages by id, system lines (which have none) by time and text. */
export function itemKey(item: ThreadItem): string {
  if (item.type === 'system') return `system:${item.at}:${item.text}`;
  return `${item.type}:${item.id}`;
}

const BEFORE_SEND: ReadonlySet<MessageState> = new Set(['queued', 'sending', 'uncertain']);
const DELIVERY_RANK: Partial<Record<MessageState, number>> = { sent: 1, delivered: 2, read: 3 };

function isFinal(m: OutboundItem): boolean {
  return m.state === 'not_sent' || (m.state === 'failed' && m.failure?.code !== 'unconfirmed');
}

/**
 * Which of two versions of one message to keep. Before WhatsApp has it, the latest word wins (a
 * retry puts it back in the queue); once sent, only forward (sent → delivered → read); final states
 * stay, except an "unconfirmed" failure that a real status later proves sent.
 */
export function mergeOutbound(current: OutboundItem, incoming: OutboundItem): OutboundItem {
  if (isFinal(current)) return current;
  if (BEFORE_SEND.has(current.state)) return incoming;
  if (current.state === 'failed') return DELIVERY_RANK[incoming.state] ? incoming : current;
  if (BEFORE_SEND.has(incoming.state)) return current;
  const now = DELIVERY_RANK[current.state] ?? 0;
  const next = DELIVERY_RANK[incoming.state];
  if (next === undefined) return incoming;
  return next > now ? incoming : current;
}

/** Adds or updates one item; returns the same array when nothing changed. */
export function applyItem(items: readonly ThreadItem[], item: ThreadItem): readonly ThreadItem[] {
  const key = itemKey(item);
  const index = items.findIndex((x) => itemKey(x) === key);
  if (index === -1) return insertInOrder(items, item);
  const current = items[index];
  if (current?.type !== 'outbound' || item.type !== 'outbound') return items;
  const merged = mergeOutbound(current, item);
  if (merged === current) return items;
  const next = [...items];
  next[index] = merged;
  return next;
}

function insertInOrder(items: readonly ThreadItem[], item: ThreadItem): readonly ThreadItem[] {
  let at = items.length;
  const belongsAfter = (x: ThreadItem | undefined) => x !== undefined && compareThreadItems(x, item) > 0;
  while (belongsAfter(items[at - 1])) at--;
  return [...items.slice(0, at), item, ...items.slice(at)];
}

/** A fetched thread merged into what the panel already has (frames may be newer than the fetch). */
export function mergeThread(current: Thread | null, fetched: Thread): Thread {
  if (!current || current.threadId !== fetched.threadId) return fetched;
  let items: readonly ThreadItem[] = fetched.items;
  for (const item of current.items) items = applyItem(items, item);
  return { ...fetched, items: [...items] };
}
