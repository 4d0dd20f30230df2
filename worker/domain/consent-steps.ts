// Applies a consent event to a conversation: the new consent, exactly one ledger record per change
// (B5, I7), the notice the customer gets (B2b, B2c), and what happens to the queue (B4).
import { applyConsentEvent, type ConsentEvent } from './consent';
import { type ConversationContext, type ConversationState, type Effect, recipientOf } from './conversation';
import type { ConsentRecordDraft, CustomerReply } from './ledger';
import { currentThread } from './team';
import { dropQueued, enqueueNotice } from './queue-ops';

export interface ConsentDetails {
  occurredAt: number;
  userId?: string | null;
  template?: { name: string; language: string; renderedText: string } | null;
  wamids?: string[];
  reply?: CustomerReply | null;
  errorCode?: number | null;
  /** Shown with the consent change in the thread, e.g. the plain-language reason of a refusal. */
  reason?: string | null;
}

export function changeConsent(
  state: ConversationState,
  event: ConsentEvent,
  details: ConsentDetails,
  ctx: ConversationContext,
  effects: Effect[],
): ConversationState {
  const t = applyConsentEvent(state.consent, event, ctx.now);
  if (t.record === null) return state;
  let next: ConversationState = { ...state, consent: t.consent };

  const draft: ConsentRecordDraft = {
    kind: t.record,
    orgId: state.orgId,
    phoneNumberId: state.phoneNumberId,
    contactPhone: state.customer.phone ?? '',
    customerId: recipientOf(state.customer) ?? '',
    conversationId: state.id,
    userId: details.userId ?? null,
    templateName: details.template?.name ?? null,
    language: details.template?.language ?? null,
    renderedText: details.template?.renderedText ?? null,
    wamids: details.wamids ?? [],
    customerReply: details.reply ?? null,
    errorCode: details.errorCode ?? null,
    consentAfter: t.consent.type,
    occurredAt: details.occurredAt,
  };
  effects.push({ type: 'ledger', draft });

  const thread = currentThread(next.team) ?? next.team.threads.at(-1);
  if (thread) {
    effects.push({
      type: 'system',
      threadId: thread.id,
      at: ctx.now,
      event: { type: 'consent', consent: t.consent.type, reason: details.reason ?? null },
    });
  }
  effects.push({ type: 'state_changed' });

  // What is waiting can no longer go (I1), except the opt-in itself when it is the one being refused.
  switch (t.consent.type) {
    case 'opted_out':
      next = dropQueued(next, () => true, 'opted_out', ctx.now, effects);
      break;
    case 'not_on_whatsapp':
      next = dropQueued(next, () => true, 'not_on_whatsapp', ctx.now, effects);
      break;
    case 'none':
      if (t.record === 'opt_in_failed')
        next = dropQueued(next, (m) => m.kind !== 'notice', 'opt_in_failed', ctx.now, effects);
      break;
    default:
      break;
  }
  if (t.notice) next = enqueueNotice(next, t.notice, null, ctx, effects);
  return next;
}
