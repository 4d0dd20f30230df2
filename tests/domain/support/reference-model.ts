// The reference model for the property and model-based tests: a deliberately small restatement of
// the consent rules (B2, B3) and the window (B6), fed exactly what the core is told, in that order.
// If the core and this model disagree at a send, one of them is wrong.
import type { ConversationState, InboundMessage, StatusEvent } from '../../../worker/domain/conversation';
import { DEFAULT_KEYWORDS, matchKeyword } from '../../../worker/domain/keywords';
import { OPT_IN_YES_PAYLOAD } from '../../../worker/domain/outbound';
import { HOUR } from './fixtures';

export type ModelConsent = 'none' | 'pending' | 'opted_in' | 'opted_out' | 'not_on_whatsapp';

export class ReferenceModel {
  consent: ModelConsent = 'none';
  private restoreTo: 'none' | 'opted_in' = 'none';
  /** The latest customer message the core was told of (WhatsApp's timestamp). */
  lastInbound: number | null = null;
  /** When an opt-in last reached the customer unanswered (I3). */
  lastReachedOptIn: number | null = null;
  private appliedInbound = new Set<string>();
  private acceptedOptIns = new Set<string>();
  private seenStatus = new Set<string>();

  windowOpen(now: number): boolean {
    return this.lastInbound !== null && now < this.lastInbound + 24 * HOUR;
  }

  onInbound(m: InboundMessage): void {
    if (this.appliedInbound.has(m.wamid)) return;
    this.appliedInbound.add(m.wamid);
    this.lastInbound = this.lastInbound === null ? m.timestamp : Math.max(this.lastInbound, m.timestamp);
    if (this.consent === 'not_on_whatsapp') this.consent = this.restoreTo;
    const tapped = m.button ? (m.button.payload === OPT_IN_YES_PAYLOAD ? 'yes' : 'no') : null;
    const answer = tapped ?? matchKeyword(m.text ?? '', DEFAULT_KEYWORDS);
    const pending = this.consent === 'pending';
    if (answer === 'opt_out' || (answer === 'no' && (tapped || pending))) this.consent = 'opted_out';
    else if (
      answer === 'opt_in' ||
      (answer === 'yes' && (tapped || pending || this.consent === 'opted_out'))
    ) {
      this.consent = 'opted_in';
    }
    if (this.consent === 'opted_in' || this.consent === 'opted_out') this.lastReachedOptIn = null;
  }

  /** The core learns WhatsApp has an opt-in (by its response or a first status): pending. */
  onOptInAccepted(messageId: string, attempt: number): void {
    const key = `${messageId}:${attempt}`;
    if (this.acceptedOptIns.has(key)) return;
    this.acceptedOptIns.add(key);
    if (this.consent === 'none' || this.consent === 'pending' || this.consent === 'not_on_whatsapp')
      this.consent = 'pending';
  }

  /** A status the core is about to apply; only those of a live attempt count. */
  onStatus(s: StatusEvent, state: ConversationState): void {
    const messageId = s.callbackData?.split(':')[0] ?? '';
    const m = state.messages.find((x) => x.id === messageId);
    if (!m || `${m.id}:${m.attempts}` !== s.callbackData || m.attempts < m.liveFromAttempt) return;
    if (m.kind === 'opt_in') this.onOptInAccepted(m.id, m.attempts);
    if (s.status === 'failed' && s.errorCode === 131026 && !this.seenStatus.has(`${s.wamid}:failed`)) {
      if (this.consent !== 'opted_out' && this.consent !== 'not_on_whatsapp') {
        this.restoreTo = this.consent === 'opted_in' ? 'opted_in' : 'none';
        this.consent = 'not_on_whatsapp';
      }
    }
    this.seenStatus.add(`${s.wamid}:${s.status}`);
  }
}
