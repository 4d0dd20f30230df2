// System events shown in a thread and the automated notices the customer gets, worded as SPEC B13–B16
// and B2 quote them. One structured event, rendered per viewer.
import type { ConsentType } from './consent';
import type { NoticeKind } from './send-policy';

export interface Person {
  id: string;
  name: string;
}

export type SystemEvent =
  | { type: 'started'; actor: Person }
  | { type: 'claimed'; actor: Person }
  | { type: 'added'; actor: Person; subject: Person }
  | { type: 'left'; actor: Person }
  | { type: 'removed'; actor: Person; subject: Person }
  | { type: 'transferred'; actor: Person; subject: Person }
  | { type: 'join_requested'; actor: Person }
  | { type: 'join_declined'; actor: Person; subject: Person }
  | { type: 'ended' }
  | { type: 'consent'; consent: ConsentType; reason: string | null };

const CONSENT_TEXT: Record<ConsentType, string> = {
  none: 'Consent is not given yet.',
  pending: 'Opt-in request sent. Waiting for the customer to answer.',
  opted_in: 'The customer opted in. You can message them now.',
  opted_out: 'The customer opted out. Messages and templates are disabled for this contact.',
  not_on_whatsapp: 'This number is not on WhatsApp. You can send an SMS instead.',
};

/** The line a given user sees for an event (B13–B16). */
export function describeSystemEvent(event: SystemEvent, viewerId: string): string {
  switch (event.type) {
    case 'started':
      return event.actor.id === viewerId
        ? 'You started the conversation'
        : `${event.actor.name} started the conversation`;
    case 'claimed':
      return event.actor.id === viewerId
        ? 'You took the conversation'
        : `${event.actor.name} took the conversation`;
    case 'added':
      return `${event.actor.name} added ${event.subject.name}`;
    case 'left':
      return event.actor.id === viewerId ? 'You left the conversation' : `${event.actor.name} left`;
    case 'removed':
      if (event.subject.id === viewerId)
        return `Your colleague ${event.actor.name} has removed you from the conversation`;
      if (event.actor.id === viewerId) return `You have removed ${event.subject.name} from the conversation`;
      return `Your colleague ${event.actor.name} has removed ${event.subject.name} from the conversation`;
    case 'transferred':
      if (event.actor.id === viewerId) return `You transferred the conversation to ${event.subject.name}`;
      if (event.subject.id === viewerId) return `${event.actor.name} transferred the conversation to you`;
      return `${event.actor.name} transferred the conversation to ${event.subject.name}`;
    case 'join_requested':
      return `${event.actor.name} asks to join the conversation`;
    case 'join_declined':
      if (event.actor.id === viewerId) return `You declined ${event.subject.name}’s request to join`;
      if (event.subject.id === viewerId) return `${event.actor.name} declined your request to join`;
      return `${event.actor.name} declined ${event.subject.name}’s request to join`;
    case 'ended':
      return 'The conversation ended';
    case 'consent':
      return event.reason ? `${CONSENT_TEXT[event.consent]} ${event.reason}` : CONSENT_TEXT[event.consent];
  }
}

/** What the customer receives for an automated notice. `name` is the user concerned. */
export function noticeText(kind: NoticeKind, orgName: string, name: string | null): string {
  switch (kind) {
    case 'opt_in_confirmation':
      return `Thank you! You will now receive WhatsApp messages from ${orgName}. Reply STOP at any time to opt out.`;
    case 'opt_out_notice':
      return `You have opted out and will not receive further WhatsApp messages from ${orgName}. You can reply "yes" at any time to opt in again.`;
    case 'participant_left':
    case 'participant_removed':
      return `${name ?? 'Your contact'} is no longer available to chat`;
    case 'transferred':
      return `You are now chatting with ${name ?? 'a colleague'} from ${orgName}`;
  }
}
