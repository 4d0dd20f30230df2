// What a user sees of one thread (B9, B11, B14, B15): outbound messages with their states, the
// customer's messages and the system events worded for that user, up to where their access ends.
import type { ConversationState, InboundMessage } from '../domain/conversation';
import type { OutboundMessage } from '../domain/messages';
import { describeSystemEvent, type SystemEvent } from '../domain/system-events';
import { currentThread, readAccess, readableThreads } from '../domain/team';
import type { ConversationStore } from '../durable-objects/conversation-store';
import { type Removable, removedItem } from '../privacy/redact';

export type ThreadItem =
  | {
      type: 'outbound';
      id: string;
      at: number;
      authorId: string | null;
      kind: OutboundMessage['kind'];
      /** WhatsApp's id once it accepted the message (for support and reconciliation). */
      wamid: string | null;
      text: string | null;
      mediaId: string | null;
      state: OutboundMessage['state'];
      holdReason: OutboundMessage['holdReason'];
      failure: OutboundMessage['failure'];
      notSentReason: OutboundMessage['notSentReason'];
      /** Issue 12: the body was removed after the retention period. */
      removed?: { at: number; afterDays: number; notice: string };
    }
  | {
      type: 'inbound';
      id: string;
      at: number;
      kind: InboundMessage['kind'];
      text: string | null;
      mediaId: string | null;
      removed?: { at: number; afterDays: number; notice: string };
    }
  | { type: 'system'; at: number; text: string };

export interface ThreadView {
  threadId: string;
  startedAt: number;
  endedAt: number | null;
  /** Read-only for someone who left (B14) or when the thread is over (B11). */
  readOnly: boolean;
  items: ThreadItem[];
}

function outboundText(m: OutboundMessage): string | null {
  if (m.sentText !== null) return m.sentText;
  if (m.content.type === 'text') return m.content.text;
  if (m.content.type === 'image') return m.content.caption;
  return m.content.renderedText;
}

/** The picture the message shows: its own, or a template's picture header (B7, B10). */
function pictureOf(m: OutboundMessage): string | null {
  if (m.content.type === 'image') return m.content.mediaId;
  if (m.content.type === 'template' && m.content.headerMedia?.type === 'image')
    return m.content.headerMedia.mediaId;
  return null;
}

/** A message as the API shows it. */
export function outboundItem(m: OutboundMessage): Extract<ThreadItem, { type: 'outbound' }> {
  return {
    type: 'outbound',
    id: m.id,
    at: m.createdAt,
    authorId: m.authorId,
    kind: m.kind,
    wamid: m.wamid,
    text: outboundText(m),
    mediaId: pictureOf(m),
    state: m.state,
    holdReason: m.holdReason,
    failure: m.failure,
    notSentReason: m.notSentReason,
    ...removedItem(m as Removable<OutboundMessage>),
  };
}

/** `null` when the user may not read that thread (I8): removed, never in it, or no such thread. */
export function threadView(
  store: ConversationStore,
  state: ConversationState,
  userId: string,
  threadId?: string,
): ThreadView | null {
  const id = threadId ?? readableThreads(state.team, userId).at(-1)?.id;
  if (!id) return null;
  const thread = state.team.threads.find((t) => t.id === id);
  const access = readAccess(state.team, userId, id);
  if (!thread || !access) return null;
  const items = store.thread(id, access.until).map((row): ThreadItem => {
    if (row.kind === 'outbound') return outboundItem(JSON.parse(row.json) as OutboundMessage);
    if (row.kind === 'inbound') {
      const m = JSON.parse(row.json) as InboundMessage;
      return {
        type: 'inbound',
        id: m.wamid,
        at: row.at, // arrival (ms), the thread's order; see live.ts
        kind: m.kind,
        text: m.text,
        mediaId: m.media?.id ?? null,
        ...removedItem(m as Removable<InboundMessage>),
      };
    }
    return {
      type: 'system',
      at: row.at,
      text: describeSystemEvent(JSON.parse(row.json) as SystemEvent, userId),
    };
  });
  const current = currentThread(state.team);
  return {
    threadId: id,
    startedAt: thread.startedAt,
    endedAt: thread.endedAt,
    readOnly: access.until !== null || current?.id !== id,
    items,
  };
}
