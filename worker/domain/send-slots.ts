// The per-number send pacing (P3, SPEC §6, reference §7). The rule: a window of (1 s + jitter) never
// holds more grants than the number's limit, so no one-second window at WhatsApp holds more sends,
// even when each send arrives up to `jitterMs` after its grant — right after a release too (a token
// bucket holding a second's worth let a full bucket and a second of refill pass together). Grants
// are also paced at no more than twice the rate over a few of them, so a release is spread out
// rather than let through in one burst. A refused sender is told when to ask again, each waiter a
// different slot a spacing apart (the window over limit - 1, leaving room for one who comes back
// late); no slot is held for anyone, so a sender waking late costs nothing but its own turn.
// A send WhatsApp refused for the pair limit (131056) gives its grant back. Steady rate: up
// to limit × 1000 / (1000 + jitterMs), 98 % at 20 ms. Pure: the caller keeps the
// state and passes the time.
import { throughputLimit } from './rate-limit';

/** WhatsApp judges throughput per second (reference §7). */
export const WINDOW_MS = 1_000;

/**
 * How much later than its grant a send may reach WhatsApp and still be counted in the right window:
 * the way from the gate back to the sender plus the request's way out. A sender that gets its grant
 * later than `MAX_LATE_MS` gives it up and asks again.
 */
export const SEND_JITTER_MS = 20;

/** The part of the jitter the grant may spend reaching the sender; the rest is for the request. */
export const MAX_LATE_MS = 10;

/** Grants allowed within BURST half-spacings: a few waiters who came back together pass, a release does not. */
const BURST = 4;

export interface SlotSpec {
  /** Grants allowed in any window of `windowUs`: the number's messages per second. */
  limit: number;
  /** One second plus the jitter, in microseconds. */
  windowUs: number;
  /** Between two waiters' slots (µs): the window over limit - 1, whole. */
  spacingUs: number;
}

/** Grant times within the last window (epoch µs, ascending) and the first slot not yet named to a waiter. */
export interface SlotSchedule {
  grantsUs: number[];
  promisedUs: number;
}

export type SlotAnswer =
  | { ok: true; at: number; schedule: SlotSchedule }
  | { ok: false; retryAt: number; schedule: SlotSchedule };

/**
 * The pacing for `messagesPerSecond` (1..1000, as `throughputLimit` checks) with `jitterMs` of
 * guard (0..500; 0 only for a sender that reaches WhatsApp exactly at its grant).
 */
export function sendSlots(messagesPerSecond: number, jitterMs: number = SEND_JITTER_MS): SlotSpec {
  const { capacity } = throughputLimit(messagesPerSecond);
  if (!Number.isInteger(jitterMs) || jitterMs < 0 || jitterMs > 500) {
    throw new RangeError('jitterMs must be a whole number of milliseconds in 0..500');
  }
  const windowUs = (WINDOW_MS + jitterMs) * 1_000;
  return { limit: capacity, windowUs, spacingUs: Math.ceil(windowUs / Math.max(1, capacity - 1)) };
}

/** The first instant (epoch µs) a grant may be made, given the grants in the last window. */
function freeAt(grantsUs: readonly number[], spec: SlotSpec, nowUs: number): number {
  const burstUs = BURST * Math.ceil(spec.spacingUs / 2);
  const recent = grantsUs.filter((at) => at > nowUs - burstUs);
  const burstFree = recent.length < BURST ? nowUs : (recent[recent.length - BURST] ?? nowUs) + burstUs;
  const windowFree = grantsUs.length < spec.limit ? nowUs : (grantsUs[0] ?? nowUs) + spec.windowUs;
  // A clock going back never frees a slot: nothing is granted before the last grant.
  return Math.max(burstFree, windowFree, grantsUs.at(-1) ?? nowUs);
}

/**
 * A send asks at `now` (epoch ms): granted (`at`, the grant's time) when the last window holds fewer
 * than `limit` grants and the last few are not bunched; else refused with `retryAt` (whole epoch
 * ms), the slot named to this waiter. Store the returned schedule either way.
 */
export function takeSlot(schedule: SlotSchedule | null, spec: SlotSpec, now: number): SlotAnswer {
  if (!Number.isFinite(now)) throw new RangeError('now must be a finite epoch ms');
  const nowUs = Math.ceil(now * 1_000);
  const grantsUs = (schedule?.grantsUs ?? []).filter((at) => at > nowUs - spec.windowUs);
  const freeUs = freeAt(grantsUs, spec, nowUs);
  const promisedUs = schedule?.promisedUs ?? 0;
  if (nowUs >= freeUs) {
    grantsUs.push(nowUs);
    return { ok: true, at: nowUs / 1_000, schedule: { grantsUs, promisedUs } };
  }
  const slotUs = Math.max(freeUs, promisedUs);
  return {
    ok: false,
    retryAt: Math.ceil(slotUs / 1_000),
    schedule: { grantsUs, promisedUs: slotUs + spec.spacingUs },
  };
}

/**
 * WhatsApp's answers that say the send did not use the number's second: the pair limit (131056)
 * refuses one customer, not the number. A 130429 is not among them: it says WhatsApp's second was
 * full (the customers' own messages count too), and handing the grant on would send into the same
 * full second again (measured: a cascade of 384 refusals in one 2,000-message drain).
 */
const NOT_SENT_CODES: ReadonlySet<number> = new Set([131056]);

/** Whether a send WhatsApp answered with this error code left its slot unused (it was not sent). */
export function slotUnused(code: number): boolean {
  return NOT_SENT_CODES.has(code);
}

/**
 * The send granted at `at` (epoch ms) was refused by WhatsApp for a rate limit: it no longer counts.
 * Taking a grant out never lets a window hold more than the limit of the grants that remain.
 */
export function returnSlot(schedule: SlotSchedule | null, at: number): SlotSchedule | null {
  if (!schedule) return null;
  const atUs = Math.ceil(at * 1_000);
  const index = schedule.grantsUs.indexOf(atUs);
  if (index < 0) return schedule;
  return { ...schedule, grantsUs: schedule.grantsUs.filter((_, i) => i !== index) };
}

/** Whether a sender holding the grant made at `at` is still in time to use it at `now`. */
export function slotStillUsable(at: number, now: number, maxLateMs: number = MAX_LATE_MS): boolean {
  return now <= at + maxLateMs;
}
