// Outbound messages and their states (B9, I4): what a user wrote, where it stands, and the rules that
// move it: statuses never move backwards, early statuses are kept, unknown outcomes stay "uncertain".
import type { NoticeKind, OutboundKind, QueueReason } from './send-policy';

export type MessageState =
  | 'queued'
  | 'sending'
  | 'uncertain'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'not_sent';

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export type OutboundContent =
  | { type: 'text'; text: string }
  | { type: 'image'; mediaId: string; caption: string | null }
  | {
      type: 'template';
      name: string;
      language: string;
      headerParams: string[];
      /**
       * The picture or document of an IMAGE / DOCUMENT header: our media id until the send, when the
       * dispatcher puts Meta's media id in its place (as for pictures).
       */
      headerMedia?: { type: 'image' | 'document'; mediaId: string; filename?: string };
      bodyParams: string[];
      quickReplyPayloads: string[];
      /** The exact text the customer sees (recorded in the ledger for the opt-in). */
      renderedText: string;
    };

export type NotSentReason =
  | 'opted_out'
  | 'not_on_whatsapp'
  | 'author_left'
  | 'author_removed'
  | 'expired'
  | 'opt_in_failed'
  | 'already_opted_in'
  | 'window_closed';

export interface Failure {
  /** A Cloud API error code, or 'unconfirmed' when WhatsApp never confirmed an uncertain send. */
  code: number | 'unconfirmed';
  reason: string;
  nextStep: string;
}

export type HoldReason = QueueReason | 'retry' | 'number_paused' | 'rate_limited';

export interface OutboundMessage {
  id: string;
  threadId: string;
  /** The user who wrote it; null for automated notices. */
  authorId: string | null;
  kind: OutboundKind;
  notice: NoticeKind | null;
  content: OutboundContent;
  createdAt: number;
  updatedAt: number;
  state: MessageState;
  holdReason: HoldReason | null;
  /** Attempts handed to the Cloud API so far; the current one travels in biz_opaque_callback_data. */
  attempts: number;
  /** Statuses and responses of attempts before this one belong to a send WhatsApp refused: ignored. */
  liveFromAttempt: number;
  nextAttemptAt: number | null;
  wamid: string | null;
  /** When the current attempt's outcome became unknown. */
  uncertainSince: number | null;
  failure: Failure | null;
  notSentReason: NotSentReason | null;
  /** The text as it reached the customer (with the author's name prefix, B12). */
  sentText: string | null;
}

/** The text a message shows in lists: as it reached the customer once sent, else as written. */
export function shownText(m: Pick<OutboundMessage, 'sentText' | 'content'>): string | null {
  if (m.sentText !== null) return m.sentText;
  switch (m.content.type) {
    case 'text':
      return m.content.text;
    case 'image':
      return m.content.caption;
    case 'template':
      return m.content.renderedText;
  }
}

const RANK: Record<MessageState, number> = {
  queued: 0,
  sending: 1,
  uncertain: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
  not_sent: 6,
};

export function isFinal(m: Pick<OutboundMessage, 'state' | 'failure'>): boolean {
  if (m.state === 'failed') return m.failure?.code !== 'unconfirmed';
  return m.state === 'not_sent' || m.state === 'read';
}

/** Written by a user and not yet in a final state that reached (or will never reach) the customer. */
export function isPending(m: OutboundMessage): boolean {
  return m.state === 'queued' || m.state === 'sending' || m.state === 'uncertain';
}

/**
 * Applies a positive delivery status (sent / delivered / read). States only move forward; a status
 * may arrive before the send's response (the message is then still `sending`) and is kept. The one
 * way back from `failed` is a real status for a send we had given up on as unconfirmed.
 */
export function applyDeliveredStatus(
  m: OutboundMessage,
  status: 'sent' | 'delivered' | 'read',
  now: number,
): OutboundMessage {
  if (m.state === 'not_sent' || (m.state === 'failed' && m.failure?.code !== 'unconfirmed')) return m;
  const current = m.state === 'failed' ? -1 : RANK[m.state];
  if (RANK[status] <= current) return m;
  return { ...m, state: status, failure: null, uncertainSince: null, holdReason: null, updatedAt: now };
}

/** Whether a response or status for `attempt` still concerns this message. */
export function isLiveAttempt(
  m: Pick<OutboundMessage, 'attempts' | 'liveFromAttempt'>,
  attempt: number,
): boolean {
  return attempt === m.attempts && attempt >= m.liveFromAttempt;
}

export function callbackData(m: Pick<OutboundMessage, 'id' | 'attempts'>): string {
  return `${m.id}:${m.attempts}`;
}

export function parseCallbackData(
  data: string | null | undefined,
): { messageId: string; attempt: number } | null {
  if (!data) return null;
  const at = data.lastIndexOf(':');
  if (at <= 0) return null;
  const attempt = Number(data.slice(at + 1));
  if (!Number.isInteger(attempt) || attempt < 1) return null;
  return { messageId: data.slice(0, at), attempt };
}

export function notSent(m: OutboundMessage, reason: NotSentReason, now: number): OutboundMessage {
  return {
    ...m,
    state: 'not_sent',
    notSentReason: reason,
    holdReason: null,
    nextAttemptAt: null,
    updatedAt: now,
  };
}

export function failed(m: OutboundMessage, failure: Failure, now: number): OutboundMessage {
  return { ...m, state: 'failed', failure, holdReason: null, nextAttemptAt: null, updatedAt: now };
}

export function requeued(
  m: OutboundMessage,
  holdReason: HoldReason,
  nextAttemptAt: number | null,
  now: number,
): OutboundMessage {
  return {
    ...m,
    state: 'queued',
    holdReason,
    nextAttemptAt,
    wamid: null,
    uncertainSince: null,
    liveFromAttempt: m.attempts + 1,
    updatedAt: now,
  };
}

/** What the customer receives for a user's text: with the author's name when it helps (B12). */
export function prefixedText(text: string, authorName: string | null, withPrefix: boolean): string {
  return withPrefix && authorName ? `${authorName}: ${text}` : text;
}
