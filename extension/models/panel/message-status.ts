// How a message's state reads to a salesperson (B4, B9, I4): every state in words, with why it waits
// or why it did not go, and who wrote it. Pure.
import type { InboundItem, OutboundItem } from './thread';

export type Tone = 'pending' | 'ok' | 'problem';

export interface StatusText {
  label: string;
  /** The reason and next step, when there is one. */
  detail: string | null;
  tone: Tone;
}

const HOLD: Record<string, string> = {
  consent_pending: 'Waiting for the customer to opt in; it goes out once they accept.',
  window_closed: 'The 24-hour window is closed; it goes out when the customer writes again.',
  retry: 'WhatsApp was busy; Greenline retries automatically.',
  number_paused: 'Sending is paused for your WhatsApp number; your admin has been alerted.',
  rate_limited: 'Sending shortly (WhatsApp rate limit).',
};

const NOT_SENT: Record<string, string> = {
  opted_out: 'The customer opted out.',
  not_on_whatsapp: "This number isn't on WhatsApp.",
  author_left: 'Its author left the conversation before it could go.',
  author_removed: 'Its author was removed from the conversation.',
  expired: 'It waited 7 days in the queue without a chance to go.',
  opt_in_failed: 'The opt-in did not go through, so nothing waiting for it was sent.',
  already_opted_in: 'The customer had already opted in.',
  window_closed: 'The 24-hour window was closed.',
};

export function messageStatus(
  m: Pick<OutboundItem, 'state' | 'holdReason' | 'failure' | 'notSentReason'>,
): StatusText {
  switch (m.state) {
    case 'queued':
      return { label: 'Queued', detail: m.holdReason ? (HOLD[m.holdReason] ?? null) : null, tone: 'pending' };
    case 'sending':
      return { label: 'Sending', detail: null, tone: 'pending' };
    case 'uncertain':
      return {
        label: 'Not confirmed yet',
        detail:
          'WhatsApp has not confirmed this message yet. Greenline checks before any retry, so it is never sent twice.',
        tone: 'pending',
      };
    case 'sent':
      return { label: 'Sent', detail: null, tone: 'ok' };
    case 'delivered':
      return { label: 'Delivered', detail: null, tone: 'ok' };
    case 'read':
      return { label: 'Read', detail: null, tone: 'ok' };
    case 'failed':
      return {
        label: 'Failed',
        detail: m.failure ? `${m.failure.reason} ${m.failure.nextStep}` : null,
        tone: 'problem',
      };
    case 'not_sent':
      return {
        label: 'Not sent',
        detail: m.notSentReason ? (NOT_SENT[m.notSentReason] ?? null) : null,
        tone: 'problem',
      };
  }
}

/** Who wrote an outbound message, as the reader sees it. */
export function authorLabel(
  m: Pick<OutboundItem, 'authorId' | 'kind'>,
  myId: string | null,
  names: ReadonlyMap<string, string>,
): string {
  if (m.authorId === null) return 'Automatic message';
  const who = m.authorId === myId ? 'You' : (names.get(m.authorId) ?? 'A colleague');
  if (m.kind === 'opt_in') return `${who} · opt-in request`;
  if (m.kind === 'template') return `${who} · template`;
  return who;
}

/** The words of a customer's message that has no plain text of its own. */
export function inboundText(m: Pick<InboundItem, 'kind' | 'text'>): string | null {
  if (m.kind === 'button') return m.text ? `Tapped “${m.text}”` : 'Tapped a button';
  if (m.kind === 'other') return 'Sent a file Greenline cannot show here (a video, document or other media).';
  return m.text;
}
