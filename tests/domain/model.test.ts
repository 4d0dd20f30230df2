// Model-based test (fc.commands): random sequences of user commands, customer replies, webhook
// statuses (duplicated, reordered, early), failures, restarts and clock jumps, run against the core
// with the reference model of support/world.ts checking SPEC §4 after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, actionArb, perform } from './support/actions';
import { World } from './support/world';

type Model = { steps: number };

class Step implements fc.Command<Model, World> {
  constructor(readonly action: Action) {}
  check(): boolean {
    return true;
  }
  run(model: Model, world: World): void {
    model.steps += 1;
    perform(world, this.action);
    if (world.violations.length > 0)
      throw new Error(`after ${JSON.stringify(this.action)}: ${world.violations.join('; ')}`);
  }
  toString(): string {
    return JSON.stringify(this.action);
  }
}

const commands = fc.commands([actionArb.map((a) => new Step(a))], { maxCommands: 50, size: 'max' });

describe('model-based: the conversation core against a reference model', () => {
  it('I1–I7, I9: 1,000 random sequences keep every invariant, and settle with every message final', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), commands, async (seed, cmds) => {
        runs += 1;
        const world = new World(seed);
        fc.modelRun(() => ({ model: { steps: 0 }, real: world }), cmds);
        await world.settle();
        expect(world.violations).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
    expect(runs).toBeGreaterThanOrEqual(1_000);
  }, 120_000);
});
