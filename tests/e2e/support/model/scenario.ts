// Fault-injected model runs (issue 11 part 5): what one random scenario is — the sandbox's fault
// settings and a handful of steps (users' commands through the API, customers through the sandbox,
// clock jumps, worker restarts, pauses) — its fast-check generator, and a readable form for reports.
import fc from 'fast-check';

export const USERS = ['alice', 'bob', 'shawn', 'carol'] as const;
export type UserName = (typeof USERS)[number];

/** Two customers per scenario: 0 is always on WhatsApp, 1 may not be. */
export type CustomerIndex = 0 | 1;

export interface SendErrorSpec {
  code: number;
  rate: number;
  mode?: 'sync' | 'async';
  httpStatus?: number;
}

export interface FaultSpec {
  webhookDuplicateRate: number;
  webhookReorderRate: number;
  webhookDelayMs: number;
  webhookFailRate: number;
  webhookFailCount: number;
  skipDeliveredRate: number;
  sendErrors: SendErrorSpec[];
}

export type UserCommand =
  | 'opt_in'
  | 'start'
  | 'text'
  | 'template'
  | 'marketing'
  | 'resend_same_key'
  | 'leave'
  | 'add'
  | 'remove'
  | 'transfer';

export type CustomerAct = 'text' | 'tap_yes' | 'tap_no' | 'yes' | 'no' | 'stop' | 'start' | 'picture';

export type Step =
  | { kind: 'user'; actor: UserName; command: UserCommand; customer: CustomerIndex; target: UserName }
  | { kind: 'customer'; customer: CustomerIndex; act: CustomerAct }
  | { kind: 'clock'; advanceMs: number }
  | { kind: 'restart' }
  | { kind: 'faults'; faults: FaultSpec }
  | { kind: 'pause'; ms: number };

export interface Scenario {
  /** Whether customer 1 is on WhatsApp (customer 0 always is). */
  secondOnWhatsApp: boolean;
  /** Whether the opening has customer 0 tap Yes and write, or leaves the opt-in pending. */
  answered: boolean;
  faults: FaultSpec;
  steps: Step[];
}

const HOUR = 3_600_000;

/** 5xx, 429 (130429 as Meta's 400 and as an HTTP 429), 131047 by webhook, 131056. */
const sendErrorArb: fc.Arbitrary<SendErrorSpec> = fc.oneof(
  fc.record({ code: fc.constantFrom(131000, 2, 131016), rate: fc.constantFrom(0.2, 0.5) }),
  fc.record({ code: fc.constant(130429), rate: fc.constantFrom(0.2, 0.5) }),
  fc.record({
    code: fc.constant(130429),
    rate: fc.constantFrom(0.2, 0.5),
    httpStatus: fc.constant(429),
  }),
  fc.record({
    code: fc.constant(131047),
    rate: fc.constantFrom(0.2, 0.5),
    mode: fc.constant('async' as const),
  }),
  fc.record({ code: fc.constant(131056), rate: fc.constantFrom(0.2, 0.5) }),
);

export const faultsArb: fc.Arbitrary<FaultSpec> = fc.record({
  webhookDuplicateRate: fc.constantFrom(0, 0.3, 0.6),
  webhookReorderRate: fc.constantFrom(0, 0.3, 1),
  webhookDelayMs: fc.constantFrom(0, 0, 50, 250),
  webhookFailRate: fc.constantFrom(0, 0.2, 0.4),
  webhookFailCount: fc.constantFrom(0, 0, 2),
  skipDeliveredRate: fc.constantFrom(0, 0.5),
  sendErrors: fc.array(sendErrorArb, { maxLength: 2 }),
});

const userArb = fc.constantFrom(...USERS);
const customerArb = fc.constantFrom<CustomerIndex>(0, 0, 0, 1);

/** Weighted so that most scenarios get a customer opted in and talking before the rest happens. */
const userStepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('user' as const),
  actor: fc.constantFrom<UserName>('alice', 'alice', 'alice', 'alice', 'bob', 'shawn', 'carol'),
  command: fc.constantFrom<UserCommand>(
    'opt_in',
    'opt_in',
    'start',
    'text',
    'text',
    'text',
    'template',
    'marketing',
    'resend_same_key',
    'leave',
    'add',
    'remove',
    'transfer',
  ),
  customer: customerArb,
  target: userArb,
});

const customerStepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('customer' as const),
  customer: customerArb,
  act: fc.constantFrom<CustomerAct>(
    'text',
    'text',
    'tap_yes',
    'tap_yes',
    'tap_no',
    'yes',
    'no',
    'stop',
    'start',
    'picture',
  ),
});

const worldStepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('clock' as const),
      advanceMs: fc.constantFrom(HOUR, 23 * HOUR, 25 * HOUR, 8 * 24 * HOUR),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('faults' as const), faults: faultsArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.constantFrom(200, 800) }) },
);

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: userStepArb },
  { weight: 4, arbitrary: customerStepArb },
  { weight: 2, arbitrary: worldStepArb },
);

/**
 * Every scenario opens, before its faults are switched on, with Alice asking customer 0 to opt in
 * and, three times in four, customer 0 tapping Yes and writing (so the window is open): the random
 * rest then mostly acts on a live conversation rather than bouncing off consent.
 */
export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  secondOnWhatsApp: fc.boolean(),
  answered: fc.constantFrom(true, true, true, false),
  faults: faultsArb,
  steps: fc.array(stepArb, { minLength: 4, maxLength: 8 }),
});

/** The scenarios of one run: the same seed gives the same list. */
export function scenarios(seed: number, count: number): Scenario[] {
  return fc.sample(scenarioArb, { seed, numRuns: count });
}

export function describeFaults(f: FaultSpec): string {
  const parts = [
    f.webhookDuplicateRate ? `dup ${f.webhookDuplicateRate}` : '',
    f.webhookReorderRate ? `reorder ${f.webhookReorderRate}` : '',
    f.webhookDelayMs ? `delay ${f.webhookDelayMs} ms` : '',
    f.webhookFailRate ? `fail ${f.webhookFailRate}` : '',
    f.webhookFailCount ? `fail next ${f.webhookFailCount}` : '',
    f.skipDeliveredRate ? `skip delivered ${f.skipDeliveredRate}` : '',
    ...f.sendErrors.map(
      (e) =>
        `send ${e.code}${e.httpStatus ? `/HTTP ${e.httpStatus}` : ''}${e.mode ? ` ${e.mode}` : ''} @${e.rate}`,
    ),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no faults';
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'user': {
      const who = `${step.actor} → customer ${step.customer}`;
      const withTarget = ['add', 'remove', 'transfer'].includes(step.command) ? ` ${step.target}` : '';
      return `${who}: ${step.command}${withTarget}`;
    }
    case 'customer':
      return `customer ${step.customer}: ${step.act}`;
    case 'clock':
      return `clock +${step.advanceMs / HOUR} h`;
    case 'restart':
      return 'restart the worker';
    case 'faults':
      return `faults: ${describeFaults(step.faults)}`;
    case 'pause':
      return `pause ${step.ms} ms`;
  }
}

export function describeScenario(s: Scenario): string {
  return [
    `customer 1 ${s.secondOnWhatsApp ? 'on' : 'NOT on'} WhatsApp; faults: ${describeFaults(s.faults)}`,
    `  0. (no faults yet) alice → customer 0: opt_in${s.answered ? '; customer 0: tap_yes, text' : ''}`,
    ...s.steps.map((step, i) => `  ${i + 1}. ${describeStep(step)}`),
  ].join('\n');
}
