// Which of the panel's main states a contact's conversation is in for this user (B1, B17, B22):
// chatting, someone else's conversation, a customer waiting for anyone, consent to ask, or a
// conversation to (re)start. Pure.
import type { ConversationState } from './status';

export type PanelMode =
  /** You are a participant: the thread and the composer. */
  | 'conversation'
  /** Colleagues are in it and you are not: who, and ask to join if allowed. */
  | 'occupied'
  /** The customer wrote and nobody is in it: take it (B22). */
  | 'claim'
  /** No consent and no thread of yours: the opt-in question (B1). */
  | 'opt_in'
  /** Consent asked or given before, nobody in it: start or restart (B17). */
  | 'start';

export function panelMode(state: ConversationState): PanelMode {
  if (state.youAreParticipant) return 'conversation';
  if (state.participants.length > 0) return 'occupied';
  if (state.threadId !== null) return 'claim';
  if (state.consent === 'none' || state.consent === 'not_on_whatsapp') return 'opt_in';
  return 'start';
}
