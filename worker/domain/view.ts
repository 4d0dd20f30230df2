// What the panel shows for a contact (SPEC §5 `GET /contacts/{id}/whatsapp`, B8): derived from the
// conversation state for one user at one instant; the server's time goes along so countdowns stay right.
import { type ConsentType, canRequestOptIn, optInAvailableAt } from './consent';
import type { ConversationState } from './conversation';
import { decideSend } from './send-policy';
import { currentThread, isParticipant } from './team';
import { isWindowOpen, windowExpiresAt } from './window';

export interface ConversationView {
  conversationId: string;
  consent: ConsentType;
  optInRequestedAt: number | null;
  optInAvailableAt: number | null;
  canRequestOptIn: boolean;
  window: { open: boolean; expiresAt: number | null };
  canSendText: boolean;
  canSendTemplate: boolean;
  /** What the composer should say when free-form text cannot go now. */
  textHint:
    | 'template_required'
    | 'queued_until_consent'
    | 'consent_required'
    | 'opted_out'
    | 'not_on_whatsapp'
    | null;
  threadId: string | null;
  participants: { userId: string; name: string }[];
  youAreParticipant: boolean;
  joinRequests: { userId: string; name: string }[];
  queued: number;
  serverNow: number;
}

export function viewFor(state: ConversationState, userId: string, now: number): ConversationView {
  const open = isWindowOpen(state.window, now);
  const expiresAt = open ? windowExpiresAt(state.window) : null;
  const text = decideSend('text', { consent: state.consent.type, windowOpen: open });
  const template = decideSend('template', { consent: state.consent.type, windowOpen: open });
  const availableAt = optInAvailableAt(state.consent, state.lastOptInAt);
  const thread = currentThread(state.team);
  return {
    conversationId: state.id,
    consent: state.consent.type,
    optInRequestedAt: state.consent.type === 'pending' ? state.lastOptInAt : null,
    optInAvailableAt: availableAt !== null && availableAt > now ? availableAt : null,
    canRequestOptIn: canRequestOptIn(state.consent, state.lastOptInAt, now).ok,
    window: { open, expiresAt },
    canSendText: text.type === 'send',
    canSendTemplate: template.type === 'send' || template.type === 'queue',
    textHint: hintFor(text),
    threadId: thread?.id ?? null,
    participants: state.team.participants.map((p) => ({ userId: p.userId, name: p.name })),
    youAreParticipant: isParticipant(state.team, userId),
    joinRequests: state.team.joinRequests.map((r) => ({ userId: r.userId, name: r.name })),
    queued: state.messages.filter((m) => m.state === 'queued' && m.kind !== 'notice').length,
    serverNow: now,
  };
}

function hintFor(decision: ReturnType<typeof decideSend>): ConversationView['textHint'] {
  if (decision.type === 'send') return null;
  if (decision.type === 'queue')
    return decision.reason === 'window_closed' ? 'template_required' : 'queued_until_consent';
  switch (decision.reason) {
    case 'opted_out':
      return 'opted_out';
    case 'not_on_whatsapp':
      return 'not_on_whatsapp';
    default:
      return 'consent_required';
  }
}

/** A thread as the history list shows it: its time span, its latest item and its readers (B11). */
export interface ListedThread {
  threadId: string;
  startedAt: number;
  endedAt: number | null;
  lastAt: number;
  lastText: string | null;
  readers: { userId: string; until: number | null }[];
}
