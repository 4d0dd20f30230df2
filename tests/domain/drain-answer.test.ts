// P3 / I5: a conversation object saves a send's answer together with the send pass after it (one
// commit, one set of live frames: worker/durable-objects/conversation-drain.ts). That is only right
// if the pair decides exactly what the two steps one after the other would, and if an answer that
// pauses the number stops the pass: the pause must take effect before anything else may go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerThenNext, type SendAnswer } from '../../worker/durable-objects/conversation-drain';
import type { Effect, SendResultOutcome } from '../../worker/domain/conversation';
import { decide } from '../../worker/domain/decide';
import { hasQueued } from '../../worker/domain/drain';
import { decideError, KNOWN_ERROR_CODES } from '../../worker/domain/error-codes';
import { actionArb, perform } from './support/actions';
import { ctxAt } from './support/fixtures';
import { World } from './support/world';

type Send = Extract<Effect, { type: 'send' }>;

const outcomeArb: fc.Arbitrary<SendResultOutcome> = fc.oneof(
  fc.constant({ type: 'accepted' as const, wamid: 'wamid.answer', waId: null }),
  fc.constant({ type: 'unknown' as const }),
  fc.constantFrom(...KNOWN_ERROR_CODES, 131000, 190).map((code) => ({ type: 'error' as const, code })),
);

describe('a send’s answer saved with the next send pass (P3, I5)', () => {
  it('P3 / I5: decides what the answer and then the pass decide, and a pausing answer stops the pass', () => {
    let paired = 0;
    let paused = 0;
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(actionArb, { minLength: 3, maxLength: 30 }),
        outcomeArb,
        (seed, actions, outcome) => {
          const w = new World(seed, 'later');
          for (const a of actions) perform(w, a);
          w.requestOptIn();
          w.text('and then this');
          const ctx = ctxAt(w.now);
          const pass = decide(w.state, { type: 'next_send' }, ctx);
          const send = pass.effects.find((e): e is Send => e.type === 'send');
          if (!send) return;
          const answer: SendAnswer = {
            type: 'send_result',
            messageId: send.messageId,
            attempt: send.attempt,
            outcome,
          };
          const together = answerThenNext(decide, pass.state, answer, ctx);
          const first = decide(pass.state, answer, ctx);
          if (first.effects.some((e) => e.type === 'pause_number')) {
            paused++;
            expect(together).toEqual(first);
            expect(together.effects.some((e) => e.type === 'send')).toBe(false);
            return;
          }
          if (!hasQueued(first.state)) {
            expect(together).toEqual(first);
            return;
          }
          paired++;
          const second = decide(first.state, { type: 'next_send' }, ctx);
          expect(together.state).toEqual(second.state);
          expect(together.effects).toEqual([...first.effects, ...second.effects]);
        },
      ),
      { numRuns: 300 },
    );
    // Both branches were taken, not only the easy one.
    expect(paired).toBeGreaterThan(0);
    expect(paused).toBeGreaterThan(0);
  });

  it('P3 / I5: an answer that pauses the number leaves the next queued message queued', () => {
    const w = new World(3, 'later');
    w.requestOptIn();
    w.text('first');
    const ctx = ctxAt(w.now);
    const pass = decide(w.state, { type: 'next_send' }, ctx);
    const send = pass.effects.find((e): e is Send => e.type === 'send');
    if (!send) throw new Error('the opt-in was not sent');
    const code = KNOWN_ERROR_CODES.find((c) => decideError(c).action === 'pause_number') ?? 190;
    const answer: SendAnswer = {
      type: 'send_result',
      messageId: send.messageId,
      attempt: send.attempt,
      outcome: { type: 'error', code },
    };
    const together = answerThenNext(decide, pass.state, answer, ctx);
    expect(together.effects.some((e) => e.type === 'pause_number')).toBe(true);
    expect(together.effects.some((e) => e.type === 'send')).toBe(false);
  });
});
