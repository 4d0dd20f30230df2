import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideError, KNOWN_ERROR_CODES } from '../../worker/domain/error-codes';
import { decideRetry, MAX_SEND_ATTEMPTS, RETRY_CAP_MS } from '../../worker/domain/retry-policy';

describe('error codes (SPEC §6, reference §6)', () => {
  it.each([190, 131031, 131042, 133010, 368])('SPEC §6: account-level code %i pauses the number', (code) => {
    expect(decideError(code).action).toBe('pause_number');
  });

  it.each([2, 4, 80007, 130429, 131000, 131016, 131057, 133004])(
    'SPEC §6: code %i is retried with backoff',
    (code) => {
      expect(decideError(code).action).toBe('retry');
    },
  );

  it('SPEC §6: 131056 retries the same recipient after 4^x seconds', () => {
    expect(decideError(131056).action).toBe('retry_pair');
    expect([1, 2, 3, 4].map((a) => decideRetry('retry_pair', a, () => 0.9))).toEqual([
      { type: 'retry', delayMs: 1_000 },
      { type: 'retry', delayMs: 4_000 },
      { type: 'retry', delayMs: 16_000 },
      { type: 'retry', delayMs: 64_000 },
    ]);
  });

  it('SPEC §6: 131047 puts the message back in the queue; B2a: 131026 means not on WhatsApp', () => {
    expect(decideError(131047).action).toBe('requeue_window');
    expect(decideError(131026).action).toBe('not_on_whatsapp');
  });

  it.each([100, 131008, 131009, 131049, 131050, 131051, 131053, 132000, 132001, 132012, 132015, 132016])(
    'B9: code %i is final',
    (code) => expect(decideError(code).action).toBe('final'),
  );

  it('B9: every code, known or not, has a plain-language reason and a next step', () => {
    for (const code of [...KNOWN_ERROR_CODES, 1, 999_999, 250]) {
      const d = decideError(code);
      expect(d.reason.length).toBeGreaterThan(10);
      expect(d.nextStep.length).toBeGreaterThan(10);
      expect(d.reason).not.toMatch(/#\d|OAuthException|undefined/);
    }
  });
});

describe('retry policy', () => {
  it('SPEC §6: jittered exponential backoff stays between half and all of the step, capped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_SEND_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const d = decideRetry('retry', attempt, () => r);
          if (d.type !== 'retry') throw new Error('expected a retry');
          const step = Math.min(RETRY_CAP_MS, 2_000 * 2 ** (attempt - 1));
          expect(d.delayMs).toBeGreaterThanOrEqual(step / 2);
          expect(d.delayMs).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('SPEC §6: the random source spreads retries (different draws, different delays)', () => {
    const a = decideRetry('retry', 3, () => 0);
    const b = decideRetry('retry', 3, () => 1);
    expect(a).toEqual({ type: 'retry', delayMs: 4_000 });
    expect(b).toEqual({ type: 'retry', delayMs: 8_000 });
  });

  it('B9: transient errors become final after the last attempt; final codes never retry', () => {
    expect(decideRetry('retry', MAX_SEND_ATTEMPTS, () => 0.5)).toEqual({ type: 'give_up' });
    expect(decideRetry('final', 1, () => 0.5)).toEqual({ type: 'give_up' });
  });
});
