// I4–I9 seen through the worker's API after the world settled, held against the phones:
// every written message listed once, in a final or an explainable pending state, agreeing with what
// the customer's phone shows; texts reached WhatsApp in the order written; each customer message
// applied once; the ledger verifies and ends where the contact's consent is; nothing waited for a read.
import { deliveredTimes } from './check-phones';
import type { Json } from './client';
import type { Delivery, Inbox, Observation, PhoneMessage, ThreadItem } from './observe';
import type { RunRecord, Violation, Written } from './record';

const FINAL = new Set(['sent', 'delivered', 'read', 'failed', 'not_sent', 'uncertain']);
const WAITING = new Set(['consent_pending', 'window_closed']);
const DELIVERED = new Set(['sent', 'delivered', 'read']);

const phoneBody = (m: PhoneMessage) => m.text ?? m.template?.body ?? m.image?.caption ?? '';

function itemsOf(obs: Observation, conversationId: string): ThreadItem[] {
  return obs.threads.get(conversationId) ?? [];
}

const RANK = ['sent', 'delivered', 'read'];

/** The furthest of sent / delivered / read among the statuses delivered for one wamid. */
function latestStatus(seen: Set<string> | undefined): string | undefined {
  return [...(seen ?? [])]
    .filter((s) => RANK.includes(s))
    .sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0];
}

type Statuses = Map<string, Set<string>>;

/** wamid → the statuses the worker was told by delivered webhooks. */
export function statusesByWamid(deliveries: Delivery[]): Statuses {
  const out: Statuses = new Map();
  for (const d of deliveries) {
    if (!d.attempts.some((a) => a.status === 200)) continue;
    for (const [, wamid = '', status = ''] of d.body.matchAll(/"id":"(wamid\.[^"]+)","status":"(\w+)"/g))
      out.set(wamid, (out.get(wamid) ?? new Set<string>()).add(status));
  }
  return out;
}

/** `sameText`: how many messages of this customer carry w's token (more than one once written again). */
function stateChecks(
  w: Written,
  items: ThreadItem[],
  inbox: Inbox,
  sameText: number,
  out: Violation[],
): void {
  const found = items.filter((i) => i.type === 'outbound' && i.id === w.messageId);
  if (found.length !== 1) {
    out.push({ rule: 'I4', detail: `message ${w.token} is listed ${found.length} times` });
    return;
  }
  const item = found[0] as ThreadItem;
  const state = item.state ?? '';
  if (state === 'queued' && !WAITING.has(item.holdReason ?? ''))
    out.push({
      rule: 'I9',
      detail: `message ${w.token} still queued (${item.holdReason}) after the clock moved an hour`,
    });
  else if (!FINAL.has(state) && state !== 'queued')
    out.push({ rule: 'I4', detail: `message ${w.token} stuck in ${state}` });
  const sameBody = inbox.messages.filter((m) => m.state !== 'failed' && phoneBody(m).includes(w.token));
  // Written again with the same text, the copies are told apart by their wamid.
  const onPhone = sameText > 1 ? sameBody.filter((m) => m.wamid === item.wamid) : sameBody;
  if ((state === 'failed' || state === 'not_sent' || state === 'queued') && onPhone.length > 0)
    out.push({
      rule: 'I4',
      detail: `message ${w.token} shows ${state} but reached the customer (${onPhone[0]?.wamid})`,
    });
  // Each copy on the phone is one of the messages: a delivered one's own wamid is among them.
  const mismatch =
    sameText > 1
      ? sameBody.length === sameText && !sameBody.some((m) => m.wamid === item.wamid)
      : sameBody.length === 1 && sameBody[0]?.wamid !== item.wamid;
  if (DELIVERED.has(state) && mismatch)
    out.push({
      rule: 'I4',
      detail: `message ${w.token}: the customer got ${sameBody.map((m) => m.wamid).join(', ')}, the message shows ${item.wamid}`,
    });
}

/** Texts of one conversation reach WhatsApp (first attempts) in the order written. */
function orderCheck(texts: Written[], inbox: Inbox, out: Violation[]): void {
  const firstAt = texts
    .map((w) => ({ w, at: inbox.messages.findIndex((m) => phoneBody(m).includes(w.token)) }))
    .filter((x) => x.at >= 0);
  for (let i = 1; i < firstAt.length; i++) {
    const [a, b] = [firstAt[i - 1], firstAt[i]];
    if (a && b && b.at < a.at)
      out.push({
        rule: 'I5',
        detail: `text ${b.w.token} reached WhatsApp before ${a.w.token}, written earlier`,
      });
  }
}

/**
 * Every outbound item with a wamid — opt-ins and notices too — shows the furthest status WhatsApp
 * reported (states never move back, a duplicated or reordered status changes nothing).
 */
function statusChecks(obs: Observation, statuses: Statuses, out: Violation[]): void {
  for (const item of [...obs.threads.values()].flat()) {
    if (item.type !== 'outbound' || !item.wamid || !DELIVERED.has(item.state ?? '')) continue;
    const told = latestStatus(statuses.get(item.wamid));
    if (told !== item.state)
      out.push({
        rule: 'I6',
        detail: `${item.kind} "${(item.text ?? '').slice(0, 40)}" shows ${item.state}, WhatsApp's last status was ${told ?? 'none'} (${item.wamid})`,
      });
  }
}

/** SPEC I6 keeps dedupe "at least 7 days": a copy delivered later than that may be applied again. */
const DEDUPE_MS = 7 * 24 * 3_600_000;

function inboundChecks(obs: Observation, out: Violation[]): void {
  const all = [...obs.threads.values()].flat().filter((i) => i.type === 'inbound');
  for (const inbox of obs.inboxes) {
    for (const sent of inbox.sent) {
      const times = deliveredTimes(sent.wamid, obs.deliveries);
      if (times.length > 1 && Math.max(...times) - Math.min(...times) > DEDUPE_MS) continue;
      const copies = all.filter((i) => i.id === sent.wamid).length;
      if (copies > 1)
        out.push({ rule: 'I6', detail: `customer message ${sent.wamid} applied ${copies} times` });
    }
  }
}

function ledgerChecks(obs: Observation, out: Violation[]): void {
  if (obs.verify.ok !== true)
    out.push({ rule: 'I7', detail: `ledger verify: ${JSON.stringify(obs.verify)}` });
  const seen = new Set<string>();
  for (const r of obs.ledger) {
    const wamids = (r.wamids as string[] | undefined) ?? [];
    const reply = JSON.stringify(r.customerReply ?? null);
    const key = `${r.conversationId} ${r.kind} ${wamids.join(',')} ${reply}`;
    if (wamids.length > 0 && seen.has(key))
      out.push({ rule: 'I7', detail: `two ${r.kind} records for ${wamids.join(',')}` });
    seen.add(key);
  }
  for (const view of obs.views) {
    const records = obs.ledger
      .filter((r) => r.conversationId === view.conversationId)
      .sort((a, b) => Number(a.seq) - Number(b.seq));
    const last = records.at(-1) as Json | undefined;
    const expected = last ? last.consentAfter : 'none';
    if (view.consent !== expected)
      out.push({
        rule: 'I7',
        detail: `contact consent ${String(view.consent)} but the ledger ends at ${String(expected)}`,
      });
  }
}

export function checkApi(record: RunRecord, obs: Observation): Violation[] {
  const out: Violation[] = [];
  const statuses = statusesByWamid(obs.deliveries);
  record.customers.forEach((_customer, index) => {
    const view = obs.views[index] ?? {};
    const inbox = obs.inboxes[index];
    if (!inbox) return;
    const items = itemsOf(obs, String(view.conversationId));
    const mine = record.written.filter((w) => w.customer === index && w.status === 201);
    for (const w of mine) stateChecks(w, items, inbox, mine.filter((x) => x.token === w.token).length, out);
    const notSent = new Set(items.filter((i) => i.state === 'not_sent').map((i) => i.id));
    // A text written again carries an earlier text's token, so only first writings show the order.
    orderCheck(
      mine.filter((w) => w.kind === 'text' && !w.rewriteOf && !notSent.has(w.messageId ?? '')),
      inbox,
      out,
    );
  });
  inboundChecks(obs, out);
  statusChecks(obs, statuses, out);
  ledgerChecks(obs, out);
  for (const m of obs.late)
    out.push({
      rule: 'I9',
      detail: `${m.type} ${m.wamid} reached the phone only after the worker's API was read`,
    });
  return out;
}
