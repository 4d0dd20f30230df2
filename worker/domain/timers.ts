// Timers (I9): every time-driven change of a conversation, and the next instant one is due, so the
// Durable Object can keep exactly one alarm armed. `tick` fires everything due at `now`, however far
// the clock jumped.
import { QUEUE_EXPIRY_MS } from '../../shared/time';
import { optInAvailableAt } from './consent';
import {
  type ConversationContext,
  type ConversationState,
  type Effect,
  prune,
  putMessage,
  type Step,
} from './conversation';
import { failed, notSent } from './messages';
import { windowExpiresAt } from './window';

/** An uncertain send with no status for this long is reported failed ("unconfirmed"), never resent. */
export const UNCERTAIN_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function tick(state: ConversationState, ctx: ConversationContext): Step {
  const effects: Effect[] = [];
  const { now } = ctx;
  let next = state;
  for (const m of state.messages) {
    if (m.state === 'queued' && now >= m.createdAt + QUEUE_EXPIRY_MS) {
      next = putMessage(next, notSent(m, 'expired', now), effects);
    } else if (
      m.state === 'uncertain' &&
      m.uncertainSince !== null &&
      now >= m.uncertainSince + UNCERTAIN_TIMEOUT_MS
    ) {
      const failure = {
        code: 'unconfirmed' as const,
        reason: 'WhatsApp never confirmed this message; it may not have reached the customer.',
        nextStep: 'Check with the customer before sending it again.',
      };
      next = putMessage(next, failed(m, failure, now), effects);
    }
  }
  const expiresAt = windowExpiresAt(next.window);
  if (expiresAt !== null && now >= expiresAt && next.announced.windowClosedFor !== expiresAt) {
    next = { ...next, announced: { ...next.announced, windowClosedFor: expiresAt } };
    effects.push({ type: 'state_changed' });
  }
  const availableAt = optInAvailableAt(next.consent, next.lastOptInAt);
  if (availableAt !== null && now >= availableAt && next.announced.optInAvailableAt !== availableAt) {
    next = { ...next, announced: { ...next.announced, optInAvailableAt: availableAt } };
    effects.push({ type: 'state_changed' });
  }
  return { state: prune(next, now), effects, result: { ok: true } };
}

/** After a restart nobody knows whether an in-flight send reached WhatsApp (I4): uncertain, not resent. */
export function recover(state: ConversationState, ctx: ConversationContext): Step {
  const effects: Effect[] = [];
  let next = state;
  for (const m of state.messages) {
    if (m.state === 'sending') {
      next = putMessage(
        next,
        { ...m, state: 'uncertain', uncertainSince: ctx.now, updatedAt: ctx.now },
        effects,
      );
    }
  }
  return { state: next, effects, result: { ok: true } };
}

/**
 * The earliest instant at which something changes by time alone, or null. Anything `tick` handles
 * counts even when already past (it then fires at once and is done); a retry counts only while in
 * the future, since a send blocked by consent, the window or a paused number waits for an event.
 */
export function nextDueAt(state: ConversationState, now: number, numberPaused: boolean): number | null {
  const times: number[] = [];
  for (const m of state.messages) {
    if (m.state === 'queued') {
      times.push(m.createdAt + QUEUE_EXPIRY_MS);
      if (m.nextAttemptAt !== null && m.nextAttemptAt > now && !numberPaused) times.push(m.nextAttemptAt);
    }
    if (m.state === 'uncertain' && m.uncertainSince !== null)
      times.push(m.uncertainSince + UNCERTAIN_TIMEOUT_MS);
  }
  const expiresAt = windowExpiresAt(state.window);
  if (expiresAt !== null && state.announced.windowClosedFor !== expiresAt) times.push(expiresAt);
  const availableAt = optInAvailableAt(state.consent, state.lastOptInAt);
  if (availableAt !== null && state.announced.optInAvailableAt !== availableAt) times.push(availableAt);
  return times.length === 0 ? null : Math.min(...times);
}

/** Everything due at `now` that `tick` has not handled yet (empty after a tick: the I9 check). */
export function overdueTimers(state: ConversationState, now: number): string[] {
  const overdue: string[] = [];
  for (const m of state.messages) {
    if (m.state === 'queued' && now >= m.createdAt + QUEUE_EXPIRY_MS) overdue.push(`expiry:${m.id}`);
    if (
      m.state === 'uncertain' &&
      m.uncertainSince !== null &&
      now >= m.uncertainSince + UNCERTAIN_TIMEOUT_MS
    ) {
      overdue.push(`uncertain:${m.id}`);
    }
  }
  const expiresAt = windowExpiresAt(state.window);
  if (expiresAt !== null && now >= expiresAt && state.announced.windowClosedFor !== expiresAt)
    overdue.push('window');
  const availableAt = optInAvailableAt(state.consent, state.lastOptInAt);
  if (availableAt !== null && now >= availableAt && state.announced.optInAvailableAt !== availableAt)
    overdue.push('opt_in');
  return overdue;
}
