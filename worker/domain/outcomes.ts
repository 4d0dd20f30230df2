// What happens after a send: the Cloud API's answer and the status webhooks (B2, B9, I4, SPEC §6).
// Acceptance is applied once whichever comes first (an early status or the response); an unknown
// outcome stays "uncertain" until a status tells; errors follow the code's decision.
import { changeConsent } from './consent-steps';
import type { Command, ConversationContext, ConversationState, Effect, Step } from './conversation';
import { findMessage, putMessage } from './conversation';
import { decideError } from './error-codes';
import {
  applyDeliveredStatus,
  failed,
  isLiveAttempt,
  type OutboundMessage,
  parseCallbackData,
  requeued,
} from './messages';
import { decideRetry } from './retry-policy';
import { onWindowRefused } from './window';

type SendResultCommand = Extract<Command, { type: 'send_result' }>;
type StatusCommand = Extract<Command, { type: 'status' }>;

export function onSendResult(
  state: ConversationState,
  cmd: SendResultCommand,
  ctx: ConversationContext,
): Step {
  const effects: Effect[] = [];
  const m = findMessage(state, cmd.messageId);
  if (!m || !isLiveAttempt(m, cmd.attempt))
    return { state, effects, result: { ok: false, reason: 'stale_result' } };
  let next = state;
  switch (cmd.outcome.type) {
    case 'accepted': {
      next = accept(next, m, cmd.outcome.wamid, ctx.now, ctx, effects);
      const waId = cmd.outcome.waId;
      if (waId && !next.customer.waIds.includes(waId)) {
        next = { ...next, customer: { ...next.customer, waIds: [...next.customer.waIds, waId] } };
      }
      break;
    }
    case 'unknown':
      if (m.state === 'sending')
        next = putMessage(
          next,
          { ...m, state: 'uncertain', uncertainSince: ctx.now, updatedAt: ctx.now },
          effects,
        );
      break;
    case 'error':
      // An early status already said more than the response can; the response changes nothing then.
      if (m.state === 'sending') next = onError(next, m, cmd.outcome.code, ctx, effects);
      break;
  }
  return { state: next, effects, result: { ok: true } };
}

export function onStatus(state: ConversationState, cmd: StatusCommand, ctx: ConversationContext): Step {
  const effects: Effect[] = [];
  const s = cmd.status;
  const key = `s:${s.wamid}:${s.status}`;
  if (ctx.applied(key)) return { state, effects, result: { ok: true, duplicate: true } };
  effects.push({ type: 'applied', key, at: ctx.now });
  let next: ConversationState = state;

  const ref = parseCallbackData(s.callbackData);
  const m = ref
    ? next.messages.find((x) => x.id === ref.messageId && isLiveAttempt(x, ref.attempt))
    : next.messages.find((x) => x.wamid === s.wamid);
  // Statuses of an earlier attempt (before a requeue) or of messages long settled change nothing.
  if (!m || (m.wamid !== null && m.wamid !== s.wamid))
    return { state: next, effects, result: { ok: true, applied: false } };

  next = accept(next, m, s.wamid, s.timestamp, ctx, effects);
  const current = findMessage(next, m.id) ?? m;
  if (s.status === 'failed') {
    if (current.state !== 'delivered' && current.state !== 'read' && current.state !== 'failed') {
      next = onError(next, current, s.errorCode ?? 131000, ctx, effects);
    }
  } else {
    const moved = applyDeliveredStatus(current, s.status, ctx.now);
    if (moved !== current) next = putMessage(next, moved, effects);
  }
  return { state: next, effects, result: { ok: true, applied: true } };
}

/** WhatsApp has the message: record its id once; for the opt-in, consent becomes pending (B1). */
function accept(
  state: ConversationState,
  m: OutboundMessage,
  wamid: string,
  at: number,
  ctx: ConversationContext,
  effects: Effect[],
): ConversationState {
  if (m.wamid !== null) return state;
  const sent = m.state === 'sending' || m.state === 'uncertain' ? 'sent' : m.state;
  let next = putMessage(
    state,
    { ...m, wamid, state: sent, uncertainSince: null, updatedAt: ctx.now },
    effects,
  );
  if (m.kind === 'opt_in' && m.content.type === 'template') {
    next = { ...next, lastOptInAt: Math.min(at, ctx.now), optInWamids: [...next.optInWamids, wamid] };
    const { name, language, renderedText } = m.content;
    next = changeConsent(
      next,
      { type: 'opt_in_sent' },
      {
        occurredAt: ctx.now,
        userId: m.authorId,
        template: { name, language, renderedText },
        wamids: [wamid],
      },
      ctx,
      effects,
    );
  }
  return next;
}

function onError(
  state: ConversationState,
  m: OutboundMessage,
  code: number,
  ctx: ConversationContext,
  effects: Effect[],
): ConversationState {
  const decision = decideError(code);
  const failure = { code, reason: decision.reason, nextStep: decision.nextStep };
  switch (decision.action) {
    case 'retry':
    case 'retry_pair': {
      const retry = decideRetry(decision.action, m.attempts, ctx.random);
      if (retry.type === 'retry')
        return putMessage(state, requeued(m, 'retry', ctx.now + retry.delayMs, ctx.now), effects);
      return finalFailure(state, m, failure, ctx, effects);
    }
    case 'pause_number':
      effects.push({ type: 'pause_number', code, reason: decision.reason });
      return putMessage(state, requeued(m, 'number_paused', null, ctx.now), effects);
    case 'requeue_window': {
      // SPEC §6: WhatsApp says the window is closed although we believed it open; it waits again.
      const next = { ...state, window: onWindowRefused(state.window, ctx.now) };
      effects.push({ type: 'state_changed' });
      return putMessage(next, requeued(m, 'window_closed', null, ctx.now), effects);
    }
    case 'not_on_whatsapp': {
      const next = putMessage(state, failed(m, failure, ctx.now), effects);
      return changeConsent(
        next,
        { type: 'undeliverable' },
        {
          occurredAt: ctx.now,
          userId: m.authorId,
          wamids: m.wamid ? [m.wamid] : [],
          errorCode: code,
          reason: decision.reason,
        },
        ctx,
        effects,
      );
    }
    case 'final':
      return finalFailure(state, m, failure, ctx, effects);
  }
}

function finalFailure(
  state: ConversationState,
  m: OutboundMessage,
  failure: { code: number; reason: string; nextStep: string },
  ctx: ConversationContext,
  effects: Effect[],
): ConversationState {
  let next = putMessage(state, failed(m, failure, ctx.now), effects);
  if (m.kind !== 'opt_in') return next;
  // B2: an opt-in WhatsApp refused leaves consent `none`; the 24 h wait applies only when WhatsApp
  // asks for it (131049, per-user marketing limit).
  if (failure.code !== 131049) next = { ...next, lastOptInAt: null };
  return changeConsent(
    next,
    { type: 'opt_in_refused' },
    {
      occurredAt: ctx.now,
      userId: m.authorId,
      wamids: m.wamid ? [m.wamid] : [],
      errorCode: failure.code,
      reason: failure.reason,
    },
    ctx,
    effects,
  );
}
