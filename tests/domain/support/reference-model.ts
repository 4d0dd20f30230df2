// The reference model for the property and model-based tests: a deliberately small restatement of
// the consent rules (B2, B3) and the window (B6), fed exactly what the core is told, in that order.
// If the core and this model disagree at a send, one of them is wrong.
import type { ConversationState, InboundMessage, StatusEvent } from '../../../worker/domain/conversation';
import { DEFAULT_KEYWORDS, matchKeyword } from '../../../worker/domain/keywords';
import { OPT_IN_NO_PAYLOAD, OPT_IN_YES_PAYLOAD } from '../../../worker/domain/outbound';
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
    // Our opt-in's buttons carry our payloads; any other template's button counts only by its label,
    // and then only as an unambiguous keyword (STOP, START), never as a bare yes / no.
    const payload = m.button?.payload;
    const tapped =
      payload === OPT_IN_YES_PAYLOAD ? 'yes' : payload === OPT_IN_NO_PAYLOAD ? ('no' as const) : null;
    const keyword = matchKeyword(m.button ? m.button.text : (m.text ?? ''), DEFAULT_KEYWORDS);
    const otherButton = m.button !== null && tapped === null;
    const answer = tapped ?? (otherButton && (keyword === 'yes' || keyword === 'no') ? null : keyword);
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
    const late = m.state === 'delivered' || m.state === 'read' || m.state === 'failed';
    if (
      s.status === 'failed' &&
      s.errorCode === 131026 &&
      !late &&
      !this.seenStatus.has(`${s.wamid}:failed`)
    ) {
      this.onUndeliverable();
    }
    this.seenStatus.add(`${s.wamid}:${s.status}`);
  }

  /** WhatsApp refused an opt-in for good (not 131026): a pending consent falls back to none (B2). */
  onOptInRefused(): void {
    if (this.consent === 'pending') this.consent = 'none';
  }

  /** 131026, synchronous or by a (not late) failed status: not on WhatsApp (B2a). */
  onUndeliverable(): void {
    if (this.consent === 'opted_out' || this.consent === 'not_on_whatsapp') return;
    this.restoreTo = this.consent === 'opted_in' ? 'opted_in' : 'none';
    this.consent = 'not_on_whatsapp';
  }
}
