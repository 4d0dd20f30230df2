// The long fault-injected model run (issue 11 part 5, docs/model-runs.md):
//   npm run model-run -- --scenarios 200 --seed 7      (--only 12,40 replays those scenarios of the seed)
// starts its own local stack (sandbox + wrangler dev on free ports, fresh state), runs the scenarios of
// that seed one after the other, prints one line per scenario, every failing scenario as readable steps,
// and the totals; exits 1 when any invariant was violated.
import { parseArgs } from 'node:util';
import { describeResult, runModel } from '../tests/e2e/support/model/run';
import { startStack } from '../tests/e2e/support/stack';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '200' },
    seed: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const count = Number(values.scenarios);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run model-run -- --scenarios <n ≥ 1> [--seed <integer>] [--verbose]');
  process.exit(2);
}

console.log(`model run: ${count} scenarios, seed ${seed} (rerun with --seed ${seed})`);
const started = Date.now();
const stack = await startStack();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping the stack`);
    void stack.stop().then(() => process.exit(130));
  });
}
let exitCode = 0;
try {
  const run = await runModel(stack, {
    seed,
    count,
    ...(values.only ? { only: values.only.split(',').map(Number) } : {}),
    onResult: (r) => {
      const anomalies = r.record.anomalies.length ? `, ${r.record.anomalies.length} anomalies` : '';
      console.log(`#${r.index} ${Math.round(r.ms / 1000)} s: ${r.violations.length} violations${anomalies}`);
      if (r.violations.length > 0 || values.verbose) console.log(describeResult(r));
    },
  });
  const anomalies = run.results.reduce((n, r) => n + r.record.anomalies.length, 0);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `\nseed ${seed}: ${run.results.length} scenarios run in ${minutes} min, ${run.violations} violations in ${run.failing.length} scenarios, ${anomalies} anomalies`,
  );
  const byRule = new Map<string, number>();
  for (const r of run.failing)
    for (const v of r.violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
  if (byRule.size) console.log(`by rule: ${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (run.violations > 0) exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
