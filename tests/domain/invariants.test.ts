// SPEC §4 stated directly as fast-check properties over random sequences of user commands, customer
// replies, webhooks (duplicated, reordered, late), failures, restarts and clock jumps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, actionArb, perform } from './support/actions';
import { World } from './support/world';

const scenario = fc.record({
  seed: fc.integer(),
  actions: fc.array(actionArb, { minLength: 10, maxLength: 50 }),
});

async function play(
  { seed, actions }: { seed: number; actions: Action[] },
  dupMode: 'now' | 'later' = 'later',
): Promise<World> {
  const w = new World(seed, dupMode);
  for (const a of actions) perform(w, a);
  await w.settle();
  return w;
}

const violationsOf = (w: World, prefix: string) => w.violations.filter((v) => v.startsWith(prefix));

describe('invariants (SPEC §4)', () => {
  it.each(['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', 'B6', 'B8', 'B9', 'B14'])(
    '%s holds under any interleaving',
    async (item) => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const w = await play(s);
          expect(violationsOf(w, item)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('the reference model and the core agree on consent at every send', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const w = await play(s);
        expect(violationsOf(w, 'model')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('I6: delivering every webhook twice ends in exactly the same state as delivering it once', async () => {
    const once = (a: Action): Action => (a.t === 'deliver' ? { ...a, dup: false } : a);
    const twice = (a: Action): Action => (a.t === 'deliver' ? { ...a, dup: true } : a);
    await fc.assert(
      fc.asyncProperty(scenario, async ({ seed, actions }) => {
        const a = await play({ seed, actions: actions.map(once) }, 'now');
        const b = await play({ seed, actions: actions.map(twice) }, 'now');
        expect(b.state).toEqual(a.state);
        expect(b.violations).toEqual([]);
        expect(b.ledger.map((r) => r.hash)).toEqual(a.ledger.map((r) => r.hash));
        expect([...b.received]).toEqual([...a.received]);
      }),
      { numRuns: 150 },
    );
  });

  it('I5: in a busy opted-in conversation, texts keep their order through retries, crashes and closed windows', async () => {
    const busy = fc.array(
      fc.oneof(
        {
          weight: 5,
          arbitrary: fc.constantFrom<Action>(
            { t: 'write', who: 'alice', kind: 'text' },
            { t: 'write', who: 'alice', kind: 'image' },
          ),
        },
        { weight: 1, arbitrary: fc.constant<Action>({ t: 'write', who: 'alice', kind: 'template' }) },
        { weight: 4, arbitrary: fc.constant<Action>({ t: 'drain', flaky: true }) },
        { weight: 2, arbitrary: fc.constant<Action>({ t: 'say', body: 'hello' }) },
        {
          weight: 2,
          arbitrary: fc.integer({ min: 1, max: 8 }).map((n): Action => ({ t: 'deliver', n, dup: false })),
        },
        {
          weight: 2,
          arbitrary: fc.constantFrom<Action>(
            { t: 'jump', ms: 5_000 },
            { t: 'jump', ms: 60_000 },
            { t: 'jump', ms: 25 * 3_600_000 },
          ),
        },
        { weight: 1, arbitrary: fc.constant<Action>({ t: 'resume' }) },
      ),
      { minLength: 10, maxLength: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer(), busy, async (seed, actions) => {
        const opening: Action[] = [
          { t: 'opt_in', who: 'alice', flaky: false },
          { t: 'tap', answer: 'yes' },
          { t: 'deliver', n: 10, dup: false },
        ];
        const w = await play({ seed, actions: [...opening, ...actions] });
        // Any error code may come back, 131026 included (not on WhatsApp until the customer writes).
        expect(['opted_in', 'not_on_whatsapp']).toContain(w.state.consent.type);
        expect(violationsOf(w, 'I5')).toEqual([]);
        expect(violationsOf(w, 'I4')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('I4: every message a user wrote ends in one visible final state and reached the customer at most once', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const w = await play(s);
        for (const m of w.state.messages) {
          expect(['sent', 'delivered', 'read', 'failed', 'not_sent']).toContain(m.state);
          expect(w.received.get(m.id) ?? 0).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
