// P3: the number's send schedule (worker/domain/send-slots) as a rule: whatever the times sends are
// asked for and however late within the jitter each one leaves, no one-second window holds more
// than the limit, and a queue released at once drains at ≥ 95 % of the limit. Fixed seed, so a
// failure replays; another seed: change P3_SEED.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookSlot,
  MAX_LATE_MS,
  SEND_JITTER_MS,
  type SlotSchedule,
  sendSlots,
  slotStillUsable,
} from '../../worker/domain/send-slots';
import { maxInWindow } from './p3-windows';

const P3_SEED = 20261129;
const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);

/** Books a slot at each time in turn, keeping the schedule as the gate does; returns the slots. */
function bookAll(limit: number, times: readonly number[]): number[] {
  const spec = sendSlots(limit);
  let schedule: SlotSchedule | null = null;
  return times.map((now) => {
    const booked = bookSlot(schedule, spec, now);
    schedule = booked.schedule;
    return booked.at;
  });
}

describe('P3 send slots', () => {
  it('P3: no one-second window ever holds more than the limit, however sends are asked for and however late (≤ jitter) each leaves', () => {
    const limits = fc.oneof(fc.constantFrom(1, 20, 80, 500, 1_000), fc.integer({ min: 1, max: 1_000 }));
    const asks = fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 1_500 }),
        late: fc.integer({ min: 0, max: SEND_JITTER_MS }),
      }),
      { minLength: 1, maxLength: 1_500 },
    );
    fc.assert(
      fc.property(limits, asks, (limit, list) => {
        let now = T0;
        const times = list.map(({ gap }) => {
          // Mostly bursts (a release), sometimes a pause long enough to let the schedule go idle.
          now += gap > 1_400 ? gap : gap % 3;
          return now;
        });
        const slots = bookAll(limit, times);
        expect(slots.every((at, i) => at >= (times[i] ?? 0))).toBe(true);
        const arrivals = slots.map((at, i) => at + (list[i]?.late ?? 0));
        expect(maxInWindow(arrivals)).toBeLessThanOrEqual(limit);
      }),
      { seed: P3_SEED, numRuns: 150 },
    );
  });

  it.each([80, 500])(
    'P3: 2,000 released at once at %i/s: no second above the limit, and the drain runs at 95 percent of it or more',
    (limit) => {
      const slots = bookAll(
        limit,
        Array.from({ length: 2_000 }, () => T0),
      );
      expect(slots[0]).toBe(T0);
      expect(maxInWindow(slots)).toBeLessThanOrEqual(limit);
      const rate = (slots.length - 1) / (((slots.at(-1) ?? 0) - (slots[0] ?? 0)) / 1_000);
      expect(rate).toBeGreaterThanOrEqual(0.95 * limit);
      expect(rate).toBeLessThanOrEqual(limit);
    },
  );

  it('P3: an idle number sends at once; a clock going back frees no slot', () => {
    const spec = sendSlots(80);
    const first = bookSlot(null, spec, T0);
    expect(first.at).toBe(T0);
    const back = bookSlot(first.schedule, spec, T0 - 60_000);
    expect(back.at).toBeGreaterThan(T0);
    expect(bookSlot(back.schedule, spec, T0 + 5_000).at).toBe(T0 + 5_000);
  });

  it('P3: a sender waking more than its share of the jitter after the slot gives it up', () => {
    expect(MAX_LATE_MS).toBeLessThan(SEND_JITTER_MS);
    expect(slotStillUsable(T0, T0 + MAX_LATE_MS)).toBe(true);
    expect(slotStillUsable(T0, T0 + MAX_LATE_MS + 1)).toBe(false);
    expect(slotStillUsable(T0, T0)).toBe(true);
  });

  it.each([0, 1_001, 1.5, Number.NaN])(
    'P3: a limit of %s messages per second is a configuration bug',
    (mps) => {
      expect(() => sendSlots(mps)).toThrow(RangeError);
    },
  );

  it('P3: a negative, fractional or huge jitter and a non-finite time are refused', () => {
    expect(() => sendSlots(80, -1)).toThrow(RangeError);
    expect(() => sendSlots(80, 2.5)).toThrow(RangeError);
    expect(() => sendSlots(80, 501)).toThrow(RangeError);
    expect(() => bookSlot(null, sendSlots(80), Number.NaN)).toThrow(RangeError);
  });
});
