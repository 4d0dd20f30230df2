// How long to wait before retrying a send that WhatsApp refused for a transient reason (SPEC §6):
// jittered exponential backoff from an injected random, and 4^x seconds for the pair limit (131056).
import type { ErrorAction } from './error-codes';
import { pairBackoffMs } from './rate-limit';

/** First retry after about this long; doubles per attempt. */
export const RETRY_BASE_MS = 2_000;
/** No single wait is longer than this. */
export const RETRY_CAP_MS = 10 * 60_000;
/** After this many failed attempts a transient error becomes final. */
export const MAX_SEND_ATTEMPTS = 8;

export type Random = () => number;

export type RetryDecision = { type: 'retry'; delayMs: number } | { type: 'give_up' };

/**
 * `attempt` counts the attempts already made (1 after the first failure). "Equal jitter": half the
 * exponential step plus a random share of the other half, so retries spread out but never collapse to 0.
 */
export function decideRetry(action: ErrorAction, attempt: number, random: Random): RetryDecision {
  if (attempt >= MAX_SEND_ATTEMPTS) return { type: 'give_up' };
  if (action === 'retry_pair') return { type: 'retry', delayMs: pairBackoffMs(attempt - 1) };
  if (action !== 'retry') return { type: 'give_up' };
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return { type: 'retry', delayMs: Math.round(step / 2 + (step / 2) * r) };
}
