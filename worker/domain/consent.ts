// The consent state machine (B1–B3, B22, I3): a total transition function from (consent, event) to
// the next consent, the ledger record kind it produces, and the notice the customer gets, if any.
import { OPT_IN_RETRY_MS } from '../../shared/time';
import type { KeywordKind } from './keywords';
import type { ConsentRecordKind } from './ledger';

export type ConsentType = 'none' | 'pending' | 'opted_in' | 'opted_out' | 'not_on_whatsapp';

export type Consent =
  | { type: 'none' }
  | { type: 'pending'; since: number }
  | { type: 'opted_in'; since: number }
  | { type: 'opted_out'; since: number }
  /** `restoreTo`: what a later message from the customer brings back (B2a clears the state). */
  | { type: 'not_on_whatsapp'; since: number; restoreTo: 'none' | 'opted_in' };

export type ConsentEvent =
  | { type: 'opt_in_sent' }
  /** A tap on the Yes / No quick reply of one of our opt-in messages (tied by `context.id`). */
  | { type: 'opt_in_button'; answer: 'yes' | 'no' }
  /** A customer text or button that matched a keyword list (B3). */
  | { type: 'keyword'; keyword: KeywordKind }
  /** 131026 on any send, synchronous or by webhook. */
  | { type: 'undeliverable' }
  /** WhatsApp refused the opt-in for another reason (131049, 131050, template errors...). */
  | { type: 'opt_in_refused' }
  /** Any message from the customer (checked before keywords): clears `not_on_whatsapp`. */
  | { type: 'customer_message' };

export type ConsentNotice = 'opt_in_confirmation' | 'opt_out_notice';

export interface ConsentTransition {
  consent: Consent;
  record: ConsentRecordKind | null;
  notice: ConsentNotice | null;
}

const stay = (consent: Consent): ConsentTransition => ({ consent, record: null, notice: null });

/** Total: every (state, event) pair has an answer; "no change" is an answer with no record. */
export function applyConsentEvent(consent: Consent, event: ConsentEvent, now: number): ConsentTransition {
  switch (event.type) {
    case 'opt_in_sent':
      // The customer may have answered (START, an old button) while this opt-in was on its way.
      if (consent.type === 'opted_in' || consent.type === 'opted_out') return stay(consent);
      return { consent: { type: 'pending', since: now }, record: 'opt_in_requested', notice: null };
    case 'opt_in_refused':
      return consent.type === 'pending'
        ? { consent: { type: 'none' }, record: 'opt_in_failed', notice: null }
        : stay(consent);
    case 'undeliverable':
      if (consent.type === 'not_on_whatsapp' || consent.type === 'opted_out') return stay(consent);
      return {
        consent: {
          type: 'not_on_whatsapp',
          since: now,
          restoreTo: consent.type === 'opted_in' ? 'opted_in' : 'none',
        },
        record: 'not_on_whatsapp',
        notice: null,
      };
    case 'customer_message':
      if (consent.type !== 'not_on_whatsapp') return stay(consent);
      return {
        consent: consent.restoreTo === 'opted_in' ? { type: 'opted_in', since: now } : { type: 'none' },
        record: 'not_on_whatsapp_cleared',
        notice: null,
      };
    case 'opt_in_button':
      return event.answer === 'yes' ? optIn(consent, now) : optOut(consent, now, true);
    case 'keyword':
      switch (event.keyword) {
        case 'opt_out':
          return optOut(consent, now, false);
        case 'opt_in':
          return optIn(consent, now);
        case 'yes':
          // A bare "yes" answers a pending opt-in and re-opts-in an opted-out customer (B3).
          return consent.type === 'pending' || consent.type === 'opted_out'
            ? optIn(consent, now)
            : stay(consent);
        case 'no':
          // A bare "no" answers only a pending opt-in.
          return consent.type === 'pending' ? optOut(consent, now, true) : stay(consent);
      }
  }
}

function optIn(consent: Consent, now: number): ConsentTransition {
  if (consent.type === 'opted_in') return stay(consent);
  return {
    consent: { type: 'opted_in', since: now },
    record: consent.type === 'pending' ? 'opt_in_accepted' : 're_opted_in',
    notice: 'opt_in_confirmation',
  };
}

function optOut(consent: Consent, now: number, answeringOptIn: boolean): ConsentTransition {
  if (consent.type === 'opted_out') return stay(consent);
  return {
    consent: { type: 'opted_out', since: now },
    record: answeringOptIn && consent.type === 'pending' ? 'opt_in_rejected' : 'opted_out',
    notice: 'opt_out_notice',
  };
}

/**
 * When the next opt-in may be sent (I3, B2a, B2d): 24 h after the last one reached WhatsApp, whatever
 * happened since, unless the customer already answered. `null` means "now".
 */
export function optInAvailableAt(consent: Consent, lastOptInAt: number | null): number | null {
  if (consent.type === 'opted_in' || consent.type === 'opted_out') return null;
  if (lastOptInAt === null) return null;
  return lastOptInAt + OPT_IN_RETRY_MS;
}

export type OptInRefusal = 'already_opted_in' | 'opted_out' | 'opt_in_too_soon';

export function canRequestOptIn(
  consent: Consent,
  lastOptInAt: number | null,
  now: number,
): { ok: true } | { ok: false; reason: OptInRefusal; availableAt?: number } {
  if (consent.type === 'opted_in') return { ok: false, reason: 'already_opted_in' };
  // An explicit refusal is not overridden by a salesperson; the customer can reply "yes" at any time.
  if (consent.type === 'opted_out') return { ok: false, reason: 'opted_out' };
  const availableAt = optInAvailableAt(consent, lastOptInAt);
  if (availableAt !== null && now < availableAt) return { ok: false, reason: 'opt_in_too_soon', availableAt };
  return { ok: true };
}
