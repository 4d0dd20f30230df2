// The short fault-injected model run (issue 11 part 5; docs/model-runs.md): 20 random scenarios of a
// fixed seed on one real local stack — users through the API, customers through the sandbox, webhook
// and Graph faults, worker restarts, clock jumps — each checked against I1–I9 from the outside. The
// seed is printed; MODEL_RUN_SEED / MODEL_RUN_SCENARIOS run others. The long run: npm run model-run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeResult, runModel } from './support/model/run';
import { type Stack, startStack } from './support/stack';

const SEED = Number(process.env.MODEL_RUN_SEED ?? 20261129);
const SCENARIOS = Number(process.env.MODEL_RUN_SCENARIOS ?? 20);

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('fault-injected model run on the local stack', () => {
  it(`I1–I9: ${SCENARIOS} random scenarios of seed ${SEED} (MODEL_RUN_SEED to change) keep every invariant`, async () => {
    console.log(`model run: seed ${SEED}, ${SCENARIOS} scenarios (MODEL_RUN_SEED=${SEED} to rerun)`);
    const run = await runModel(stack, { seed: SEED, count: SCENARIOS });
    const report = run.failing.map(describeResult).join('\n\n');
    const odd = run.results.filter((r) => r.record.anomalies.length > 0);
    if (odd.length) console.log(`anomalies (not violations):\n${odd.map(describeResult).join('\n\n')}`);
    expect(run.results).toHaveLength(SCENARIOS);
    expect(run.violations, `seed ${SEED}:\n${report}`).toBe(0);
  }, 900_000);
});
