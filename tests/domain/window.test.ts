import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isWindowOpen,
  NO_WINDOW,
  onCustomerMessage,
  onWindowRefused,
  windowExpiresAt,
} from '../../worker/domain/window';

const H = 3_600_000;

describe('customer-service window (B6)', () => {
  it('B6: closed until the customer writes', () => {
    expect(isWindowOpen(NO_WINDOW, 0)).toBe(false);
    expect(windowExpiresAt(NO_WINDOW)).toBeNull();
  });

  it.each([
    ['1 minute after', 60_000, true],
    ['23 h 59 min after', 24 * H - 60_000, true],
    ['exactly 24 h after', 24 * H, false],
    ['25 h after', 25 * H, false],
  ])('B6: a customer message at t keeps the window open %s: %s', (_t, dt, open) => {
    expect(isWindowOpen(onCustomerMessage(NO_WINDOW, 1000), 1000 + dt)).toBe(open);
  });

  it('B6: follows WhatsApp’s timestamp, and a late (reordered) older message never shrinks it', () => {
    const w = onCustomerMessage(onCustomerMessage(NO_WINDOW, 10 * H), 2 * H);
    expect(windowExpiresAt(w)).toBe(34 * H);
  });

  it('SPEC §6: after WhatsApp refuses with 131047 the window counts as closed until the customer writes again', () => {
    const w = onWindowRefused(onCustomerMessage(NO_WINDOW, 0), H);
    expect(isWindowOpen(w, H + 1)).toBe(false);
    expect(isWindowOpen(onCustomerMessage(w, 2 * H), 2 * H + 1)).toBe(true);
  });

  it('B6: the window is open exactly within 24 h of the latest customer message (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 * H }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 130 * H }),
        (times, now) => {
          const w = times.reduce(onCustomerMessage, NO_WINDOW);
          const latest = Math.max(...times);
          expect(isWindowOpen(w, now)).toBe(now < latest + 24 * H);
        },
      ),
    );
  });
});
