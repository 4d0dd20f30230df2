// A user's command of a model scenario, through the worker's public API only. Before acting the user
// reads the contact's state (fresh: only these sequential commands change participants), so a command
// a non-participant got through is an I8 violation; a client retry with the same Idempotency-Key must
// answer the same message (I4); a template is never held behind texts waiting for the window (I5).
import { IDEMPOTENCY_RETENTION_MS } from '../../../../shared/time';
import { asJson, type Json, type ModelClient } from './client';
import type { RunRecord, Written } from './record';
import type { Step } from './scenario';

type UserStep = Extract<Step, { kind: 'user' }>;

export interface StepContext {
  client: ModelClient;
  record: RunRecord;
  /** Unique per run: tokens in texts and keys never repeat across scenarios. */
  tag: string;
  counter: { n: number };
}

const ok = (status: number) => status >= 200 && status < 300;

function messageOf(body: Json): Json {
  return (body.message as Json | undefined) ?? {};
}

async function write(
  ctx: StepContext,
  step: UserStep,
  conversationId: string,
  kind: 'text' | 'template' | 'marketing',
) {
  const token = `${ctx.tag}-${++ctx.counter.n}`;
  const body: Record<string, unknown> =
    kind === 'text'
      ? { type: 'text', text: `note ${token} from ${step.actor}` }
      : kind === 'template'
        ? {
            type: 'template',
            name: 'appointment_reminder',
            language: 'en_US',
            params: { 'body.3': `slot ${token}` },
          }
        : {
            type: 'template',
            name: 'seasonal_offer',
            language: 'en_US',
            params: { 'body.2': `offer ${token}` },
          };
  const key = `model-${token}`;
  const reply = await ctx.client.api(step.actor, `/api/v1/conversations/${conversationId}/messages`, {
    body,
    headers: { 'idempotency-key': key },
  });
  const message = messageOf(asJson(reply));
  const written: Written = {
    key,
    body,
    token,
    kind: kind === 'text' ? 'text' : 'template',
    actor: step.actor,
    customer: step.customer,
    status: reply.status,
    messageId: typeof message.id === 'string' ? message.id : null,
    state: typeof message.state === 'string' ? message.state : null,
    holdReason: typeof message.holdReason === 'string' ? message.holdReason : null,
    clockAt: ctx.record.clockMovedMs,
  };
  ctx.record.written.push(written);
  if (written.kind === 'template' && written.state === 'queued' && written.holdReason === 'window_closed')
    ctx.record.violations.push({ rule: 'I5', detail: `template ${token} was held for the window` });
  return { reply, written };
}

async function resend(ctx: StepContext, step: UserStep, conversationId: string) {
  const last = [...ctx.record.written]
    .reverse()
    .find((w) => w.status === 201 && w.customer === step.customer);
  if (!last) return { status: 0, note: 'nothing to resend' };
  const reply = await ctx.client.api(last.actor, `/api/v1/conversations/${conversationId}/messages`, {
    body: last.body,
    headers: { 'idempotency-key': last.key },
  });
  const message = messageOf(asJson(reply));
  // Keys are kept 24 h (I4): after that the same key is a new request, and a new message is right.
  const keyKept = ctx.record.clockMovedMs - last.clockAt < IDEMPOTENCY_RETENTION_MS;
  if (keyKept && reply.status === 201 && message.id !== last.messageId)
    ctx.record.violations.push({
      rule: 'I4',
      detail: `a retry with Idempotency-Key ${last.key} created message ${String(message.id)} besides ${last.messageId}`,
    });
  if (!keyKept && reply.status === 201 && typeof message.id === 'string' && message.id !== last.messageId)
    ctx.record.written.push({
      ...last,
      messageId: message.id,
      state: typeof message.state === 'string' ? message.state : null,
      holdReason: typeof message.holdReason === 'string' ? message.holdReason : null,
      clockAt: ctx.record.clockMovedMs,
      rewriteOf: last.rewriteOf ?? last.messageId ?? undefined,
    });
  return { status: reply.status, note: `resent ${last.token}${keyKept ? '' : ' (key past its 24 h)'}` };
}

async function teamwork(ctx: StepContext, step: UserStep, conversationId: string) {
  const base = `/api/v1/conversations/${conversationId}`;
  const targetId = await ctx.client.userId(step.target);
  switch (step.command) {
    case 'leave':
      return ctx.client.api(step.actor, `${base}/leave`, { method: 'POST' });
    case 'add':
      return ctx.client.api(step.actor, `${base}/participants`, { body: { userId: targetId } });
    case 'transfer':
      return ctx.client.api(step.actor, `${base}/transfer`, { body: { userId: targetId } });
    default: {
      const reply = await ctx.client.api(step.actor, `${base}/participants/${targetId}`, {
        method: 'DELETE',
      });
      if (reply.status === 200 && step.target !== step.actor) {
        const read = await ctx.client.api(step.target, `${base}/messages`);
        if (read.status === 200)
          ctx.record.violations.push({
            rule: 'I8',
            detail: `${step.target}, removed by ${step.actor}, still reads the conversation (200)`,
          });
      }
      return reply;
    }
  }
}

const WRITES = new Set(['text', 'template', 'marketing', 'add', 'remove', 'transfer']);

/** Runs one user command; returns a line for the log. */
export async function runUserStep(ctx: StepContext, step: UserStep): Promise<string> {
  const customer = ctx.record.customers[step.customer];
  if (!customer) throw new Error(`no customer ${step.customer}`);
  const whatsapp = `/api/v1/contacts/${customer.contactId}/whatsapp`;
  const view = asJson(await ctx.client.api(step.actor, whatsapp));
  const conversationId = String(view.conversationId ?? '');
  const participant = view.youAreParticipant === true;
  let status: number;
  let note = '';
  if (step.command === 'opt_in')
    status = (await ctx.client.api(step.actor, `${whatsapp}/opt-in`, { method: 'POST' })).status;
  else if (step.command === 'start')
    status = (await ctx.client.api(step.actor, `${whatsapp}/start`, { method: 'POST' })).status;
  else if (step.command === 'resend_same_key') ({ status, note } = await resend(ctx, step, conversationId));
  else if (step.command === 'text' || step.command === 'template' || step.command === 'marketing') {
    const { reply, written } = await write(ctx, step, conversationId, step.command);
    status = reply.status;
    note = `${written.token} ${written.state ?? ''}`;
  } else status = (await teamwork(ctx, step, conversationId)).status;
  const skipSelf = ['add', 'remove', 'transfer'].includes(step.command) && step.target === step.actor;
  if (!participant && WRITES.has(step.command) && ok(status) && !skipSelf)
    ctx.record.violations.push({
      rule: 'I8',
      detail: `${step.actor}, not a participant, got ${status} for ${step.command}`,
    });
  if (status >= 500) ctx.record.anomalies.push(`${step.actor} ${step.command}: HTTP ${status}`);
  return `${step.actor} ${step.command} → ${status} ${note}`.trim();
}
