// Runs model scenarios on one local stack: each scenario gets two fresh customers (new sandbox users
// and CRM contacts, so scenarios never share a conversation and no reset is needed), its faults, its
// steps, then the settle-and-observe pass and the checks. Returns what a report needs.
import { checkApi } from './check-api';
import { checkPhones } from './check-phones';
import { asJson, ModelClient } from './client';
import { observe } from './observe';
import { type Customer, newRecord, type RunRecord, type Violation } from './record';
import { describeScenario, type Scenario, type Step, scenarios } from './scenario';
import { runUserStep, type StepContext } from './user-steps';
import { type CustomerStep, faultsBody, runCustomerStep, runWorldStep } from './world-steps';

export interface ScenarioResult {
  index: number;
  scenario: Scenario;
  record: RunRecord;
  violations: Violation[];
  ms: number;
}

/** Spanish mobiles (+34 61…): valid numbers, outside the US marketing rule (131049). */
const phoneFor = (run: number, index: number, k: number) =>
  `+3461${String((run % 100) * 10_000 + index * 2 + k).padStart(7, '0')}`;

async function setUp(
  client: ModelClient,
  scenario: Scenario,
  run: number,
  index: number,
): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (const k of [0, 1]) {
    const phone = phoneFor(run, index, k);
    const onWhatsApp = k === 0 || scenario.secondOnWhatsApp;
    const name = `Model ${index}-${k}`;
    const added = await client.sandbox('/sandbox/users', { body: { phone, name, onWhatsApp } });
    if (added.status >= 300)
      throw new Error(`sandbox user ${phone}: ${added.status} ${JSON.stringify(added.body)}`);
    const contact = await client.api('alice', '/api/v1/contacts', { method: 'PUT', body: { name, phone } });
    const contactId = asJson(contact).id;
    if (typeof contactId !== 'string')
      throw new Error(`contact ${phone}: ${contact.status} ${JSON.stringify(contact.body)}`);
    customers.push({ phone, onWhatsApp, contactId });
  }
  return customers;
}

async function runSteps(ctx: StepContext, scenario: Scenario, seed: number): Promise<void> {
  for (const [i, step] of scenario.steps.entries()) {
    try {
      const line =
        step.kind === 'user'
          ? await runUserStep(ctx, step)
          : step.kind === 'customer'
            ? await runCustomerStep(ctx, step)
            : await runWorldStep(ctx, step, seed + i);
      ctx.record.log.push(`${i + 1}. ${line}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.record.anomalies.push(`step ${i + 1} threw: ${message}`);
      ctx.record.log.push(`${i + 1}. threw ${message}`);
    }
  }
}

/** One violation per rule and detail; a repeat (a message re-sent 40 times) says how often. */
function distinct(all: Violation[]): Violation[] {
  const counts = new Map<string, { v: Violation; n: number }>();
  for (const v of all) {
    const key = `${v.rule} ${v.detail}`;
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { v, n: 1 });
  }
  return [...counts.values()].map(({ v, n }) => (n > 1 ? { ...v, detail: `${v.detail} (×${n})` } : v));
}

/** Opt-in for customer 0 (and the answer and a first message), before any fault. */
async function opening(ctx: StepContext, scenario: Scenario): Promise<void> {
  const steps: Step[] = [{ kind: 'user', actor: 'alice', command: 'opt_in', customer: 0, target: 'bob' }];
  if (scenario.answered)
    steps.push(
      { kind: 'customer', customer: 0, act: 'tap_yes' },
      { kind: 'customer', customer: 0, act: 'text' },
    );
  for (const step of steps) {
    const line =
      step.kind === 'user' ? await runUserStep(ctx, step) : await runCustomerStep(ctx, step as CustomerStep);
    ctx.record.log.push(`0. ${line}`);
  }
}

/** I8 across orgs: Globex's user gets nothing of Acme's conversations. */
async function otherOrgCheck(client: ModelClient, conversationIds: string[]): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const id of conversationIds) {
    const reply = await client.api('erin', `/api/v1/conversations/${id}/messages`);
    if (reply.status === 200)
      out.push({ rule: 'I8', detail: `Globex's Erin reads Acme's conversation ${id}` });
  }
  return out;
}

export async function runScenario(
  client: ModelClient,
  scenario: Scenario,
  opts: { run: number; index: number; seed: number },
): Promise<ScenarioResult> {
  const started = Date.now();
  await client.sandbox('/sandbox/faults', { method: 'DELETE' });
  const customers = await setUp(client, scenario, opts.run, opts.index);
  const record = newRecord(customers);
  const ctx: StepContext = { client, record, tag: `r${opts.run}s${opts.index}`, counter: { n: 0 } };
  await opening(ctx, scenario);
  await client.sandbox('/sandbox/faults', { body: faultsBody(scenario.faults, opts.seed + opts.index) });
  await runSteps(ctx, scenario, opts.seed + opts.index * 100);
  const obs = await observe(client, record);
  if (!obs.quiet)
    record.anomalies.push('the sandbox did not go quiet within 45 s after the final clock moves');
  const conversationIds = obs.views.map((v) => String(v.conversationId));
  const violations = distinct([
    ...record.violations,
    ...checkPhones(record, obs),
    ...checkApi(record, obs),
    ...(await otherOrgCheck(client, conversationIds)),
  ]);
  return { index: opts.index, scenario, record, violations, ms: Date.now() - started };
}

export function describeResult(r: ScenarioResult): string {
  const lines = [
    `scenario #${r.index} (${Math.round(r.ms / 1000)} s): ${r.violations.length} violation(s)`,
    describeScenario(r.scenario),
    '  what happened:',
    ...r.record.log.map((l) => `    ${l}`),
  ];
  if (r.violations.length)
    lines.push('  violations:', ...r.violations.map((v) => `    ${v.rule}: ${v.detail}`));
  if (r.record.anomalies.length) lines.push('  anomalies:', ...r.record.anomalies.map((a) => `    ${a}`));
  return lines.join('\n');
}

/** A scenario the harness could not finish (e.g. wrangler reloading edited sources): an anomaly, not a verdict. */
function aborted(index: number, scenario: Scenario, err: unknown): ScenarioResult {
  const record = newRecord([]);
  record.anomalies.push(`scenario aborted: ${err instanceof Error ? err.message : String(err)}`);
  return { index, scenario, record, violations: [], ms: 0 };
}

export interface ModelRun {
  seed: number;
  results: ScenarioResult[];
  violations: number;
  failing: ScenarioResult[];
}

/** Runs `count` scenarios of `seed` one after the other on `stack`; `onResult` sees each as it ends. */
export async function runModel(
  stack: ConstructorParameters<typeof ModelClient>[0],
  options: {
    seed: number;
    count: number;
    run?: number;
    /** Run only these scenario numbers of the seed (to replay a failing one). */
    only?: number[];
    onResult?: (r: ScenarioResult) => void;
  },
): Promise<ModelRun> {
  const client = new ModelClient(stack);
  const list = scenarios(options.seed, options.count);
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of list.entries()) {
    if (options.only && !options.only.includes(index)) continue;
    const result = await runScenario(client, scenario, {
      run: options.run ?? 0,
      index,
      seed: options.seed,
    }).catch((err: unknown) => aborted(index, scenario, err));
    results.push(result);
    options.onResult?.(result);
  }
  const failing = results.filter((r) => r.violations.length > 0);
  return {
    seed: options.seed,
    results,
    violations: failing.reduce((n, r) => n + r.violations.length, 0),
    failing,
  };
}
