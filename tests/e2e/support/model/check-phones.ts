// I1–I4 seen from the customers' phones (the sandbox), judged only by what the customer did and when
// the worker could know it — never by the worker's own account:
// - a webhook counts as known to the worker once the next delivery attempt after its 200 began (the
//   sandbox delivers one at a time), so a send racing a STOP on the wire is not blamed on the worker;
// - consent can be opted_in only after the customer tapped Yes or wrote yes/START; it is surely
//   opted_out after a known STOP with no yes/START written since.
import type { Delivery, Inbox, Observation, PhoneMessage, SentMessage } from './observe';
import type { RunRecord, Violation } from './record';

const DAY = 24 * 3_600_000;
const OPT_IN = 'greenline_opt_in';
const FREE_FORM = new Set(['text', 'image', 'interactive', 'reaction']);

const word = (m: SentMessage) => (m.button?.text ?? m.text ?? '').trim().toLowerCase();
const isIn = (m: SentMessage) => ['yes', 'start'].includes(word(m));
const isStop = (m: SentMessage) => word(m) === 'stop';
const isOut = (m: SentMessage) => ['stop', 'no'].includes(word(m));
const bodyOf = (m: PhoneMessage) => m.text ?? m.template?.body ?? m.image?.caption ?? '';
const isOptOutNotice = (m: PhoneMessage) => bodyOf(m).startsWith('You have opted out');
const label = (m: PhoneMessage) =>
  `${m.type}${m.template ? ` ${m.template.name}` : ''} "${bodyOf(m).slice(0, 60)}"`;

/** Sandbox-clock times at which a webhook carrying `wamid` was answered 200 (first attempt of each). */
export function deliveredTimes(wamid: string, deliveries: Delivery[]): number[] {
  return deliveries
    .filter((d) => d.body.includes(wamid))
    .flatMap((d) => d.attempts.filter((a) => a.status === 200).map((a) => a.at));
}

/** When the worker surely had the webhook carrying `wamid` (Infinity if never delivered). */
export function knownAt(wamid: string, deliveries: Delivery[], fallback: number): number {
  const attempts = deliveries
    .flatMap((d) => d.attempts.map((a) => ({ ...a, body: d.body })))
    .sort((a, b) => a.at - b.at);
  const index = attempts.findIndex((a) => a.status === 200 && a.body.includes(wamid));
  if (index < 0) return Number.POSITIVE_INFINITY;
  const own = attempts[index]?.at ?? 0;
  return attempts.slice(index + 1).find((a) => a.at >= own)?.at ?? fallback;
}

function consentChecks(inbox: Inbox, obs: Observation, out: Violation[]): void {
  const stops = inbox.sent
    .filter(isStop)
    .map((s) => ({ ...s, known: knownAt(s.wamid, obs.deliveries, obs.snapshotAt) }));
  for (const m of inbox.messages) {
    const lastIn = Math.max(
      -1,
      ...inbox.sent.filter((s) => isIn(s) && s.timestamp < m.timestamp).map((s) => s.timestamp),
    );
    if (m.type === 'template' && m.template?.name !== OPT_IN && lastIn < 0)
      out.push({ rule: 'I1', detail: `${inbox.phone} got ${label(m)} without ever opting in` });
    const stoppedBy = stops.find((s) => s.known < m.timestamp && s.timestamp > lastIn);
    if (stoppedBy && !isOptOutNotice(m))
      out.push({
        rule: 'I1',
        detail: `${inbox.phone} got ${label(m)} after STOP (${stoppedBy.wamid}) reached the worker`,
      });
  }
  const notices = inbox.messages.filter((m) => isOptOutNotice(m) && m.state !== 'failed').length;
  const outs = inbox.sent.filter(isOut).length;
  if (notices > outs)
    out.push({ rule: 'I1', detail: `${inbox.phone} got ${notices} opt-out notices for ${outs} opt-outs` });
}

function windowChecks(inbox: Inbox, out: Violation[]): void {
  for (const m of inbox.messages) {
    if (!FREE_FORM.has(m.type)) continue;
    // Refused by WhatsApp for the closed window, it never reached the phone: a send decided inside
    // the window that lands after a clock jump of days issued the same instant (docs/model-runs.md).
    if (m.state === 'failed' && m.error?.code === 131047) continue;
    const opened = inbox.sent.some((s) => s.timestamp < m.timestamp && s.timestamp > m.timestamp - DAY);
    if (!opened)
      out.push({ rule: 'I2', detail: `${inbox.phone} got free-form ${label(m)} outside any window` });
  }
}

function optInChecks(inbox: Inbox, out: Violation[]): void {
  const optIns = inbox.messages.filter((m) => m.template?.name === OPT_IN && m.state !== 'failed');
  for (let i = 1; i < optIns.length; i++) {
    const [a, b] = [optIns[i - 1] as PhoneMessage, optIns[i] as PhoneMessage];
    const answered = inbox.sent.some((s) => s.timestamp > a.timestamp && s.timestamp < b.timestamp);
    if (b.timestamp - a.timestamp < DAY && !answered)
      out.push({
        rule: 'I3',
        detail: `${inbox.phone} got a second opt-in ${Math.round((b.timestamp - a.timestamp) / 60_000)} min after an unanswered one`,
      });
  }
}

/** Not on WhatsApp: once the 131026 reached the worker, nothing more for 24 h. */
function absentChecks(inbox: Inbox, obs: Observation, out: Violation[]): void {
  for (const [i, a] of inbox.messages.entries()) {
    const known = knownAt(a.wamid, obs.deliveries, obs.snapshotAt);
    const again = inbox.messages
      .slice(i + 1)
      .find((b) => b.timestamp > known && b.timestamp - a.timestamp < DAY);
    if (again)
      out.push({
        rule: 'I1',
        detail: `${inbox.phone} (not on WhatsApp) was sent ${label(again)} within 24 h of the 131026`,
      });
  }
}

function duplicateChecks(inbox: Inbox, record: RunRecord, out: Violation[]): void {
  // A text written again after its key's 24 h is a second message: one copy for each is right.
  const allowed = new Map<string, number>();
  for (const w of record.written) allowed.set(w.token, (allowed.get(w.token) ?? 0) + (w.rewriteOf ? 1 : 0));
  for (const [token, rewrites] of allowed) {
    const copies = inbox.messages.filter((m) => m.state !== 'failed' && bodyOf(m).includes(token));
    if (copies.length > 1 + rewrites)
      out.push({
        rule: 'I4',
        detail: `${inbox.phone} got "${token}" ${copies.length} times (${copies.map((c) => c.wamid).join(', ')})`,
      });
  }
}

export function checkPhones(record: RunRecord, obs: Observation): Violation[] {
  const out: Violation[] = [];
  for (const inbox of obs.inboxes) {
    const customer = record.customers.find((c) => c.phone === inbox.phone);
    if (customer?.onWhatsApp === false) absentChecks(inbox, obs, out);
    else {
      consentChecks(inbox, obs, out);
      windowChecks(inbox, out);
      optInChecks(inbox, out);
    }
    duplicateChecks(inbox, record, out);
  }
  return out;
}
