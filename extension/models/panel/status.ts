// What the panel says about consent, the window and what may be sent (B1, B2, B4, B7, B8, B22): pure
// functions of the state the API reported and the server's time now, so the panel changes state by
// itself when the window closes or an opt-in wait ends, without a fetch.
import { HOUR } from '../../../shared/time';
import type { ConversationStateDto } from '../../../shared/api/conversations';
import { formatDuration } from './time';

export type ConversationState = ConversationStateDto;
export type Consent = ConversationState['consent'];
type TextRule = Pick<ConversationState, 'canSendText' | 'textHint'>;

/** Free-form text by consent and window, as the server decides it (worker/domain/send-policy.ts). */
export function textRule(consent: Consent, windowOpen: boolean): TextRule {
  switch (consent) {
    case 'opted_out':
      return { canSendText: false, textHint: 'opted_out' };
    case 'not_on_whatsapp':
      return { canSendText: false, textHint: 'not_on_whatsapp' };
    case 'pending':
      return { canSendText: false, textHint: 'queued_until_consent' };
    case 'opted_in':
      return windowOpen
        ? { canSendText: true, textHint: null }
        : { canSendText: false, textHint: 'template_required' };
    case 'none':
      return windowOpen
        ? { canSendText: true, textHint: null }
        : { canSendText: false, textHint: 'consent_required' };
  }
}

/** The state at server time `at`: a window past its expiry is closed, an opt-in wait past its end is over. */
export function stateAt(state: ConversationState, at: number): ConversationState {
  let next = state;
  const { expiresAt } = state.window;
  if (state.window.open && expiresAt !== null && at >= expiresAt) {
    next = { ...next, window: { open: false, expiresAt: null }, ...textRule(state.consent, false) };
  }
  if (next.optInAvailableAt !== null && at >= next.optInAvailableAt) {
    const answered = state.consent === 'opted_in' || state.consent === 'opted_out';
    next = { ...next, optInAvailableAt: null, canRequestOptIn: !answered };
  }
  return next;
}

const CONSENT_LABEL: Record<Consent, string> = {
  none: 'No consent yet',
  pending: 'Opt-in sent, waiting for an answer',
  opted_in: 'Opted in',
  opted_out: 'Opted out',
  not_on_whatsapp: 'Not on WhatsApp',
};

export function consentLabel(consent: Consent): string {
  return CONSENT_LABEL[consent];
}

export type WindowPhase = 'open' | 'closing' | 'closed';

export interface WindowStatus {
  phase: WindowPhase;
  /** Time left while open, else null. */
  remainingMs: number | null;
  label: string;
}

/** Less than this left: the panel warns that the window is closing. */
export const CLOSING_SOON_MS = HOUR;

export function windowStatus(state: ConversationState, at: number): WindowStatus {
  const s = stateAt(state, at);
  // Opted out: the customer's own messages still open WhatsApp's window, but nothing may be sent, so a
  // countdown would only mislead (B3).
  if (s.consent === 'opted_out') return { phase: 'closed', remainingMs: null, label: 'Nothing can be sent' };
  if (s.window.open && s.window.expiresAt !== null) {
    const remainingMs = s.window.expiresAt - at;
    return remainingMs < CLOSING_SOON_MS
      ? { phase: 'closing', remainingMs, label: `Window closes in ${formatDuration(remainingMs)}` }
      : { phase: 'open', remainingMs, label: `Window open: ${formatDuration(remainingMs)} left` };
  }
  const label = s.consent === 'opted_in' ? 'Window closed: template required' : 'No open window';
  return { phase: 'closed', remainingMs: null, label };
}

/** The header's one line: consent and window (B8). */
export function statusLine(state: ConversationState, at: number): string {
  return `${consentLabel(state.consent)} · ${windowStatus(state, at).label}`;
}

export interface Availability {
  enabled: boolean;
  /** Why not, whenever disabled. */
  reason: string | null;
  /** What happens to what is sent, when it will not go at once (queued). */
  note: string | null;
}

const enabled = (note: string | null = null): Availability => ({ enabled: true, reason: null, note });
const disabled = (reason: string): Availability => ({ enabled: false, reason, note: null });

function participation(state: ConversationState): Availability | null {
  if (state.youAreParticipant) return null;
  if (state.participants.length > 0)
    return disabled('Only people in the conversation can write: ask to join.');
  return disabled('Start the conversation to write.');
}

function consentBlock(consent: Consent, name: string): Availability | null {
  if (consent === 'opted_out')
    return disabled(`${name} opted out of WhatsApp messages. They can opt in again by replying "yes".`);
  if (consent === 'not_on_whatsapp') return disabled(`${name} isn't on WhatsApp. Send an SMS instead.`);
  return null;
}

/** The composer's text (and pictures: free-form too) at server time `at` (B4, B7, B22). */
export function composerAvailability(state: ConversationState, at: number, name: string): Availability {
  const s = stateAt(state, at);
  const blocked = participation(s) ?? consentBlock(s.consent, name);
  if (blocked) return blocked;
  switch (s.textHint) {
    case null:
      return enabled();
    case 'template_required':
      return enabled(
        `Template required: the 24-hour window is closed. Send a template from the + menu; a text is queued until ${name} writes again.`,
      );
    case 'queued_until_consent':
      return enabled(`Waiting for ${name} to opt in: what you send is queued and goes out once they accept.`);
    case 'consent_required':
      return disabled(`${name} has not opted in yet: send the opt-in message first.`);
    default:
      return consentBlock(s.consent, name) ?? disabled('Messages cannot be sent now.');
  }
}

/** Templates (B7): any time once opted in, queued while the opt-in is pending. */
export function templateAvailability(state: ConversationState, name: string): Availability {
  const blocked = participation(state) ?? consentBlock(state.consent, name);
  if (blocked) return blocked;
  if (state.consent === 'pending')
    return enabled(`Waiting for ${name} to opt in: a template is queued until they accept.`);
  if (!state.canSendTemplate)
    return disabled(`Templates need ${name}'s consent: send the opt-in message first.`);
  return enabled();
}

export interface OptInAvailability extends Availability {
  /** Whether the panel offers the opt-in at all in this consent state. */
  offered: boolean;
  /** Time left until a new opt-in may go (B2d), while waiting. */
  waitMs: number | null;
}

/** B1, B2d: may an opt-in be sent now, and if not, when. */
export function optInAvailability(state: ConversationState, at: number): OptInAvailability {
  const s = stateAt(state, at);
  const offered = s.consent === 'none' || s.consent === 'not_on_whatsapp' || s.consent === 'pending';
  const base = { offered, waitMs: null };
  if (!offered) return { ...base, ...disabled('The customer already answered the opt-in.') };
  if (!s.youAreParticipant && s.participants.length > 0)
    return { ...base, ...disabled('Colleagues are in this conversation: ask to join instead.') };
  if (s.optInAvailableAt !== null) {
    const waitMs = s.optInAvailableAt - at;
    return {
      offered,
      waitMs,
      ...disabled(`A new opt-in can be sent in ${formatDuration(waitMs)} (24 hours after the last one).`),
    };
  }
  if (!s.canRequestOptIn) return { ...base, ...disabled('An opt-in cannot be sent now.') };
  return { ...base, ...enabled() };
}
