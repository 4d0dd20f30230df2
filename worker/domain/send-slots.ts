// The per-number send schedule (P3, SPEC §6, reference §7): every send of a number books one slot,
// and slots are evenly spaced so that no one-second window ever holds more than the number's limit —
// not right after a release (a token bucket holding a second's worth let a full bucket and a second
// of refill pass together), and not when each send reaches WhatsApp up to `jitterMs` after its slot.
// The price is the guard: the steady rate is limit × 1000 / (1000 + jitterMs), 98 % at 20 ms. Pure:
// the caller keeps the schedule and passes the time.
import { throughputLimit } from './rate-limit';

/** WhatsApp judges throughput per second (reference §7). */
export const WINDOW_MS = 1_000;

/**
 * How much later than its slot a send may reach WhatsApp and still be counted in the right window:
 * the sender's timer firing late plus the spread of the request's way out. A send that would leave
 * later than its slot allows (see `MAX_LATE_MS`) gives the slot up and books another.
 */
export const SEND_JITTER_MS = 20;

/** The part of the jitter a sender may spend waking late; the rest is for the request's way out. */
export const MAX_LATE_MS = 10;

export interface SlotSpec {
  /** Messages per second the number is allowed. */
  limit: number;
  /** Whole microseconds between two slots: limit × spacing ≥ (1 s + jitter), exactly. */
  spacingUs: number;
}

/** The earliest free slot (epoch µs); `null` for a number that has not sent yet. */
export interface SlotSchedule {
  nextUs: number;
}

/**
 * The schedule for `messagesPerSecond` (1..1000, as `throughputLimit` checks) with `jitterMs` of
 * guard (0..500; 0 only for a sender that reaches WhatsApp exactly at its slot).
 */
export function sendSlots(messagesPerSecond: number, jitterMs: number = SEND_JITTER_MS): SlotSpec {
  const { capacity } = throughputLimit(messagesPerSecond);
  if (!Number.isInteger(jitterMs) || jitterMs < 0 || jitterMs > 500) {
    throw new RangeError('jitterMs must be a whole number of milliseconds in 0..500');
  }
  return { limit: capacity, spacingUs: Math.ceil(((WINDOW_MS + jitterMs) * 1_000) / capacity) };
}

/**
 * Books the next slot at or after `now` (epoch ms). The send may leave at `at` (epoch ms, possibly
 * fractional) and no earlier; store the returned schedule. A clock going back never frees a slot.
 */
export function bookSlot(
  schedule: SlotSchedule | null,
  spec: SlotSpec,
  now: number,
): { at: number; schedule: SlotSchedule } {
  if (!Number.isFinite(now)) throw new RangeError('now must be a finite epoch ms');
  if (!(Number.isSafeInteger(spec.spacingUs) && spec.spacingUs >= 1)) {
    throw new RangeError('spacingUs must be a whole number ≥ 1');
  }
  const nowUs = Math.ceil(now * 1_000);
  const atUs = schedule ? Math.max(nowUs, schedule.nextUs) : nowUs;
  return { at: atUs / 1_000, schedule: { nextUs: atUs + spec.spacingUs } };
}

/** Whether a sender waking at `now` for the slot at `at` is still in time to use it. */
export function slotStillUsable(at: number, now: number, maxLateMs: number = MAX_LATE_MS): boolean {
  return now <= at + maxLateMs;
}
