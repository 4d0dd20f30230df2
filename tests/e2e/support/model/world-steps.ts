// Customers' and the world's steps of a model scenario: customers act through the sandbox's control API
// (reply, tap Yes / No on the latest opt-in, keywords, a picture), the clock jumps through
// POST /sandbox/clock (which moves the worker's dev clock too), the worker restarts, faults change.
import { ACME_NUMBER, asJson, type Json } from './client';
import type { FaultSpec, Step } from './scenario';
import type { StepContext } from './user-steps';

/** A 1×1 PNG. */
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const KEYWORDS = { yes: 'yes', no: 'no', stop: 'STOP', start: 'START' } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function latestOptIn(ctx: StepContext, phone: string): Promise<Json | undefined> {
  for (let tries = 0; tries < 12; tries++) {
    const inbox = await ctx.client.inbox(phone);
    const last = ((inbox.messages ?? []) as Json[])
      .filter((m) => (m.template as Json | undefined)?.name === 'greenline_opt_in' && m.state !== 'failed')
      .at(-1);
    if (last) return last;
    await sleep(250); // a send refused by a fault is retried by the worker shortly
  }
  return undefined;
}

async function tap(ctx: StepContext, phone: string, answer: 'Yes' | 'No'): Promise<Json | string> {
  const last = await latestOptIn(ctx, phone);
  const button = ((last?.template as Json | undefined)?.buttons as Json[] | undefined)?.find(
    (b) => b.text === answer,
  );
  if (!last || !button) return 'no opt-in to tap';
  return { button: { payload: button.payload, text: button.text }, contextId: last.wamid };
}

export type CustomerStep = Extract<Step, { kind: 'customer' }>;

export async function runCustomerStep(ctx: StepContext, step: CustomerStep): Promise<string> {
  const customer = ctx.record.customers[step.customer];
  if (!customer) throw new Error(`no customer ${step.customer}`);
  if (!customer.onWhatsApp) return `customer ${step.customer} is not on WhatsApp: nothing to do`;
  let body: Json | string;
  if (step.act === 'tap_yes' || step.act === 'tap_no')
    body = await tap(ctx, customer.phone, step.act === 'tap_yes' ? 'Yes' : 'No');
  else if (step.act === 'text') body = { text: `question ${ctx.tag}-${++ctx.counter.n}`, to: ACME_NUMBER };
  else if (step.act === 'picture')
    body = {
      image: { base64: PIXEL_PNG, mimeType: 'image/png', caption: `picture ${ctx.tag}-${++ctx.counter.n}` },
      to: ACME_NUMBER,
    };
  else body = { text: KEYWORDS[step.act], to: ACME_NUMBER };
  if (typeof body === 'string') return `customer ${step.customer} ${step.act}: ${body}`;
  const reply = await ctx.client.sandbox(`/sandbox/users/${encodeURIComponent(customer.phone)}/messages`, {
    body,
  });
  if (reply.status !== 200) ctx.record.anomalies.push(`customer ${step.act}: sandbox ${reply.status}`);
  return `customer ${step.customer} ${step.act} → ${String(asJson(reply).wamid ?? reply.status)}`;
}

/** What must survive a restart: customer 0's conversation (consent may move meanwhile: webhooks retried). */
async function snapshotOf(ctx: StepContext): Promise<string> {
  const contact = ctx.record.customers[0]?.contactId ?? '';
  const view = asJson(await ctx.client.api('alice', `/api/v1/contacts/${contact}/whatsapp`));
  return String(view.conversationId);
}

export function faultsBody(f: FaultSpec, seed: number): Json {
  return { ...f, seed };
}

export async function runWorldStep(
  ctx: StepContext,
  step: Extract<Step, { kind: 'clock' | 'restart' | 'faults' | 'pause' }>,
  seed: number,
): Promise<string> {
  switch (step.kind) {
    case 'clock': {
      const reply = await ctx.client.sandbox('/sandbox/clock', { body: { advanceMs: step.advanceMs } });
      const moved = (asJson(reply).worker as Json | undefined)?.forwarded === true;
      if (reply.status !== 200 || !moved)
        ctx.record.anomalies.push(`clock jump: ${reply.status} ${JSON.stringify(reply.body)}`);
      else ctx.record.clockMovedMs += step.advanceMs;
      return `clock +${step.advanceMs} ms → ${reply.status}`;
    }
    case 'restart': {
      const before = await snapshotOf(ctx);
      const started = Date.now();
      await ctx.client.stack.restartWorker();
      const took = Date.now() - started;
      const after = await snapshotOf(ctx);
      if (after !== before)
        ctx.record.anomalies.push(`state changed across the restart: ${before} → ${after}`);
      return `worker restarted in ${took} ms`;
    }
    case 'faults': {
      const reply = await ctx.client.sandbox('/sandbox/faults', { body: faultsBody(step.faults, seed) });
      if (reply.status !== 200)
        ctx.record.anomalies.push(`faults: ${reply.status} ${JSON.stringify(reply.body)}`);
      return `faults → ${reply.status}`;
    }
    case 'pause':
      await sleep(step.ms);
      return `paused ${step.ms} ms`;
  }
}
