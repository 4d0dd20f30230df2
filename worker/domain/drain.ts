// Draining the outbound queue (I5, P3): picks the one message that may go to the Cloud API next.
// Texts and pictures go strictly in the order written; templates and the opt-in never wait behind
// texts held for the window; the pair limit is respected before WhatsApp has to refuse.
import type { ConversationContext, ConversationState, Effect, SendPayload, Step } from './conversation';
import { putMessage, recipientOf } from './conversation';
import { callbackData, notSent, type NotSentReason, type OutboundMessage, prefixedText } from './messages';
import { PAIR_LIMIT, takeToken } from './rate-limit';
import { decideSend, isFreeForm, type RefuseReason } from './send-policy';
import { isWindowOpen } from './window';

const REFUSAL_TO_NOT_SENT: Record<RefuseReason, NotSentReason> = {
  consent_required: 'opt_in_failed',
  opted_out: 'opted_out',
  not_on_whatsapp: 'not_on_whatsapp',
  already_opted_in: 'already_opted_in',
  window_closed: 'window_closed',
};

/** Whether `next_send` can change anything: only a queued message is sent, refused or held. */
export function hasQueued(state: ConversationState): boolean {
  return state.messages.some((m) => m.state === 'queued');
}

export function nextSend(state: ConversationState, ctx: ConversationContext): Step {
  const effects: Effect[] = [];
  if (ctx.numberPaused) return { state, effects, result: { ok: true, sent: false, reason: 'number_paused' } };
  let next = state;
  let freeFormBlocked = false;
  const windowOpen = isWindowOpen(state.window, ctx.now);

  // Notices answer what just happened (a tap, a departure): they go first; everything else in order.
  const ordered = [
    ...state.messages.filter((m) => m.kind === 'notice'),
    ...state.messages.filter((m) => m.kind !== 'notice'),
  ];
  for (const m of ordered) {
    const freeForm = isFreeForm(m.kind);
    if (m.state === 'sending' && freeForm) freeFormBlocked = true; // the one before it is still in flight
    if (m.state !== 'queued' || (freeForm && freeFormBlocked)) continue;

    const decision = decideSend(m.kind, {
      consent: next.consent.type,
      windowOpen,
      ...(m.notice ? { notice: m.notice } : {}),
    });
    if (decision.type === 'refuse') {
      next = putMessage(next, notSent(m, REFUSAL_TO_NOT_SENT[decision.reason], ctx.now), effects);
      continue;
    }
    if (decision.type === 'queue' || (m.nextAttemptAt !== null && m.nextAttemptAt > ctx.now)) {
      if (decision.type === 'queue' && m.holdReason !== decision.reason) {
        next = putMessage(next, { ...m, holdReason: decision.reason, updatedAt: ctx.now }, effects);
      }
      if (freeForm) freeFormBlocked = true;
      continue;
    }
    const token = takeToken(next.pair, PAIR_LIMIT, ctx.now);
    if (!token.ok) {
      // Nothing else may go to this customer before then either.
      next = putMessage(
        next,
        { ...m, holdReason: 'rate_limited', nextAttemptAt: token.availableAt, updatedAt: ctx.now },
        effects,
      );
      return { state: next, effects, result: { ok: true, sent: false, reason: 'rate_limited' } };
    }
    next = { ...next, pair: token.bucket };
    return dispatch(next, m, ctx, effects);
  }
  return { state: next, effects, result: { ok: true, sent: false } };
}

function dispatch(
  state: ConversationState,
  m: OutboundMessage,
  ctx: ConversationContext,
  effects: Effect[],
): Step {
  const recipient = recipientOf(state.customer);
  if (recipient === null) throw new Error('invariant: a conversation has a phone or a BSUID to send to');
  const author = state.team.participants.find((p) => p.userId === m.authorId);
  const withPrefix = state.team.participants.length > 1 || ctx.singleParticipantPrefix;
  let payload: SendPayload;
  let sentText: string | null = null;
  switch (m.content.type) {
    case 'text':
      sentText =
        m.kind === 'notice' ? m.content.text : prefixedText(m.content.text, author?.name ?? null, withPrefix);
      payload = { type: 'text', text: sentText };
      break;
    case 'image':
      payload = { type: 'image', mediaId: m.content.mediaId, caption: m.content.caption };
      sentText = m.content.caption;
      break;
    case 'template': {
      const { name, language, headerParams, headerMedia, bodyParams, quickReplyPayloads, renderedText } =
        m.content;
      payload = { type: 'template', name, language, headerParams, bodyParams, quickReplyPayloads };
      if (headerMedia) payload.headerMedia = headerMedia;
      sentText = renderedText;
      break;
    }
  }
  const sending: OutboundMessage = {
    ...m,
    state: 'sending',
    attempts: m.attempts + 1,
    holdReason: null,
    nextAttemptAt: null,
    sentText,
    updatedAt: ctx.now,
  };
  const next = putMessage(state, sending, effects);
  effects.push({
    type: 'send',
    messageId: m.id,
    attempt: sending.attempts,
    callbackData: callbackData(sending),
    to: recipient,
    payload,
  });
  return { state: next, effects, result: { ok: true, sent: true, messageId: m.id } };
}
