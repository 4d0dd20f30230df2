// Webhook intake after the signature check (SPEC §6, I6): parse the batch, route every event, and
// report success only when every event is durably accepted. Events of one conversation are applied in
// order; different conversations go in parallel. What cannot be applied becomes a dead letter, written
// once the whole batch is accepted (a retried batch would otherwise write its letters twice).
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { type DeadLetterInput, insertDeadLetters } from '../storage/repos/dead-letters';
import { isDeadLetterProblem, parseWebhook, type WebhookEvent, type WebhookProblem } from '../whatsapp';
import { type IntakeContext, type IntakeLog, NumberDirectory, routeEvent } from './webhook-events';

export interface IntakeOutcome {
  events: number;
  deadLetters: number;
}

/**
 * Events that touch one conversation share a key: the business number and the customer's BSUID when
 * WhatsApp sent one (2026), else their wa_id.
 */
function groupKey(e: WebhookEvent): string {
  if (e.type === 'message') return `c:${e.phoneNumberId}:${e.userId ?? e.waId ?? ''}`;
  if (e.type === 'status') return `c:${e.phoneNumberId}:${e.recipientUserId ?? e.recipientId ?? ''}`;
  return 'directory';
}

export function groupByConversation(events: WebhookEvent[]): WebhookEvent[][] {
  const groups = new Map<string, WebhookEvent[]>();
  for (const e of events) {
    const key = groupKey(e);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** The value at a parser path such as `entry[0].changes[1].value.messages[2]`, if any. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const [, key, index] of path.matchAll(SEGMENT)) {
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    node = index !== undefined ? (Array.isArray(node) ? node[Number(index)] : undefined) : record[key ?? ''];
  }
  return node;
}

/** The part a problem is about: its item (one message or status), else its change, else its entry. */
export function itemPathOf(path: string): string {
  const item = /^entry\[\d+\]\.changes\[\d+\]\.value\.\w+\[\d+\]/.exec(path);
  if (item) return item[0];
  const change = /^entry\[\d+\]\.changes\[\d+\]/.exec(path);
  if (change) return change[0];
  return /^entry\[\d+\]/.exec(path)?.[0] ?? '';
}

async function orgOfPath(ctx: IntakeContext, body: unknown, path: string): Promise<string | null> {
  const change = /^entry\[\d+\]\.changes\[\d+\]/.exec(path)?.[0];
  const phoneNumberId = change ? valueAt(body, `${change}.value.metadata.phone_number_id`) : undefined;
  if (typeof phoneNumberId === 'string')
    return (await ctx.numbers.lookup(phoneNumberId))?.number.orgId ?? null;
  const entry = /^entry\[\d+\]/.exec(path)?.[0];
  const wabaId = entry ? valueAt(body, `${entry}.id`) : undefined;
  if (typeof wabaId !== 'string') return null;
  return (await ctx.numbers.ofWaba(wabaId))[0]?.orgId ?? null;
}

/**
 * One dead letter per offending part. Unknown fields and types are only logged: Meta adds them all
 * the time, and the event they sit in was applied (an unknown message type as a placeholder).
 */
async function deadLetterProblems(ctx: IntakeContext, body: unknown, problems: WebhookProblem[]) {
  const unknownFields = problems.filter((p) => p.kind === 'unknown_field');
  if (unknownFields.length > 0) ctx.log('webhook_unknown_fields', { count: unknownFields.length });
  const unknownTypes = problems.filter((p) => p.kind === 'unknown_type');
  if (unknownTypes.length > 0) ctx.log('webhook_unknown_types', { count: unknownTypes.length });
  const byPart = new Map<string, WebhookProblem[]>();
  for (const p of problems) {
    if (!isDeadLetterProblem(p)) continue;
    const part = itemPathOf(p.path);
    byPart.set(part, [...(byPart.get(part) ?? []), p]);
  }
  for (const [part, list] of byPart) {
    ctx.deadLetter({
      orgId: await orgOfPath(ctx, body, part),
      reason: list.map((p) => `${p.path}: ${p.message}`).join('; '),
      payload: { path: part, problems: list, part: part ? valueAt(body, part) : body },
    });
  }
  if (byPart.size > 0) ctx.log('webhook_dead_letters', { count: byPart.size });
}

/** Conversations applied at once: a 1000-event batch must not open 1000 subrequests together. */
const GROUP_CONCURRENCY = 16;

/** Runs every item (at most `limit` at a time) to the end, and returns what failed. */
async function inPool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  const lane = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      try {
        await run(item);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return failures;
}

export async function intakeWebhook(
  env: Env,
  db: Db,
  body: unknown,
  now: number,
  log: IntakeLog,
): Promise<IntakeOutcome> {
  const { events, problems } = parseWebhook(body);
  const letters: DeadLetterInput[] = [];
  const ctx: IntakeContext = {
    env,
    db,
    now,
    log,
    numbers: new NumberDirectory(env, db),
    deadLetter: (letter) => letters.push({ ...letter, now }),
  };
  await deadLetterProblems(ctx, body, problems);
  const failures = await inPool(groupByConversation(events), GROUP_CONCURRENCY, async (group) => {
    for (const e of group) await routeEvent(ctx, e);
  });
  if (failures.length > 0) throw failures[0];
  await insertDeadLetters(db, letters);
  return { events: events.length, deadLetters: letters.length };
}
