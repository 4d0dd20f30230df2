// P1: the conversation object skips the send pass when nothing is queued (`hasQueued`). That is only
// right if such a pass can never change anything: checked here after every action of random
// scenarios (commands, replies, webhooks, failures, clock jumps).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../worker/domain/decide';
import { hasQueued } from '../../worker/domain/drain';
import { actionArb, perform } from './support/actions';
import { ctxAt } from './support/fixtures';
import { World } from './support/world';

describe('the send pass without a queued message (P1, I5)', () => {
  it('changes nothing, whatever came before', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(actionArb, { minLength: 5, maxLength: 40 }), (seed, actions) => {
        const w = new World(seed, 'later');
        for (const a of actions) {
          perform(w, a);
          if (hasQueued(w.state)) continue;
          for (const numberPaused of [false, true]) {
            const step = decide(w.state, { type: 'next_send' }, { ...ctxAt(w.now), numberPaused });
            expect(step.effects).toEqual([]);
            expect(step.state).toBe(w.state);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is taken whenever a message waits in the queue', () => {
    const w = new World(7, 'later');
    w.requestOptIn();
    expect(hasQueued(w.state)).toBe(true);
    const step = decide(w.state, { type: 'next_send' }, ctxAt(w.now));
    expect(step.effects.some((e) => e.type === 'send')).toBe(true);
  });
});
