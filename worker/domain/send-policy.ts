// The send policy (B4, B7, B14–B16, B22, I1, I2): for each kind of outbound message and each consent
// state, whether it goes now, waits in the queue (and why), or is refused (and why).
import type { ConsentType } from './consent';

export type OutboundKind = 'opt_in' | 'template' | 'text' | 'image' | 'notice';

/** Notices are automated free-form texts; two of them are allowed despite consent (I1 exceptions). */
export type NoticeKind =
  | 'opt_in_confirmation'
  | 'opt_out_notice'
  | 'participant_left'
  | 'participant_removed'
  | 'transferred';

export type QueueReason = 'consent_pending' | 'window_closed';
export type RefuseReason =
  | 'consent_required'
  | 'opted_out'
  | 'not_on_whatsapp'
  | 'already_opted_in'
  | 'window_closed';

export type SendDecision =
  | { type: 'send' }
  | { type: 'queue'; reason: QueueReason }
  | { type: 'refuse'; reason: RefuseReason };

export interface SendFacts {
  consent: ConsentType;
  windowOpen: boolean;
  notice?: NoticeKind;
}

const SEND: SendDecision = { type: 'send' };
const queue = (reason: QueueReason): SendDecision => ({ type: 'queue', reason });
const refuse = (reason: RefuseReason): SendDecision => ({ type: 'refuse', reason });

export function isFreeForm(kind: OutboundKind): boolean {
  return kind === 'text' || kind === 'image' || kind === 'notice';
}

/**
 * Decides one message. The opt-in's own 24 h rule (I3) is checked by the consent machine; this
 * answers only "may this kind go to a customer in this state right now".
 */
export function decideSend(kind: OutboundKind, facts: SendFacts): SendDecision {
  const { consent, windowOpen } = facts;
  if (kind === 'notice') return decideNotice(facts);
  switch (consent) {
    case 'opted_out':
      return refuse('opted_out');
    case 'not_on_whatsapp':
      return kind === 'opt_in' ? SEND : refuse('not_on_whatsapp');
    case 'opted_in':
      if (kind === 'opt_in') return refuse('already_opted_in');
      if (kind === 'template') return SEND;
      return windowOpen ? SEND : queue('window_closed');
    case 'pending':
      // Everything users write waits for the answer (B4); a repeated opt-in is the consent machine's call.
      return kind === 'opt_in' ? SEND : queue('consent_pending');
    case 'none':
      if (kind === 'opt_in') return SEND;
      if (kind === 'template') return refuse('consent_required');
      // B22: a free-form reply inside a window the customer opened; nothing to wait for otherwise.
      return windowOpen ? SEND : refuse('consent_required');
  }
}

function decideNotice({ consent, windowOpen, notice }: SendFacts): SendDecision {
  // Nothing free-form goes out outside the window, notices included (I2).
  if (!windowOpen) return refuse('window_closed');
  if (consent === 'not_on_whatsapp') return refuse('not_on_whatsapp');
  if (consent === 'opted_out') return notice === 'opt_out_notice' ? SEND : refuse('opted_out');
  return SEND;
}
