// A small simulated world around one conversation for the property and model-based tests: the core
// (system under test), a fake WhatsApp that decides send outcomes and emits webhooks (which the test
// may duplicate, reorder or delay), and a tiny reference model that checks the invariants of SPEC §4
// at every step. The model tracks only what the core has been told, in the order it was told.
import { createHash } from 'node:crypto';
import { DEDUPE_RETENTION_MS } from '../../../shared/time';
import type {
  Command,
  ConversationState,
  Effect,
  InboundMessage,
  StatusEvent,
  WriteContent,
} from '../../../worker/domain/conversation';
import { decide } from '../../../worker/domain/decide';
import { appendRecord, type ConsentRecord, verifyChain } from '../../../worker/domain/ledger';
import { matchKeyword, DEFAULT_KEYWORDS } from '../../../worker/domain/keywords';
import { OPT_IN_NO_PAYLOAD, OPT_IN_YES_PAYLOAD } from '../../../worker/domain/outbound';
import { isFreeForm } from '../../../worker/domain/send-policy';
import { nextDueAt, overdueTimers } from '../../../worker/domain/timers';
import type { UserRef } from '../../../worker/domain/team';
import { alice, bob, ctxAt, CUSTOMER_WA_ID, fresh, HOUR, optInTemplate, T0 } from './fixtures';

export type Send = Extract<Effect, { type: 'send' }>;
export type Outcome =
  | 'accept'
  | 'error_retry'
  | 'error_final'
  | 'pair_limit'
  | 'lost_after_accept'
  | 'lost_before_accept'
  | 'crash_after_accept'
  | 'crash_before_accept';
type Webhook = ({ kind: 'inbound'; message: InboundMessage } | { kind: 'status'; status: StatusEvent }) & {
  /** A copy of a webhook already applied at this time; Meta stops retrying within 7 days (I6). */
  redeliveryOf?: number;
};
type ModelConsent = 'none' | 'pending' | 'opted_in' | 'opted_out' | 'not_on_whatsapp';

export const sha256 = async (s: string) => createHash('sha256').update(s).digest('hex');

export class World {
  state: ConversationState = fresh();
  now = T0;
  paused = false;
  private seed: number;
  /** Webhooks WhatsApp has produced and not yet delivered. */
  pending: Webhook[] = [];
  /** What reached the customer's phone, by our message id (at most once each: I4). */
  received = new Map<string, number>();
  /** wamids of opt-ins that reached the customer, for taps. */
  optInWamids: string[] = [];
  /** WhatsApp's own window: the customer's last message time, whether delivered to us yet or not. */
  realLastInbound: number | null = null;
  onWhatsApp = true;
  ledger: ConsentRecord[] = [];
  private ledgerQueue: Promise<void> = Promise.resolve();
  // The reference model: what the core has been told.
  model = {
    consent: 'none' as ModelConsent,
    restoreTo: 'none' as 'none' | 'opted_in',
    lastInbound: null as number | null,
    lastReachedOptIn: null as number | null,
    appliedInbound: new Set<string>(),
    acceptedOptIns: new Set<string>(),
    seenStatus: new Set<string>(),
  };
  private wamids = 0;
  private sendWamid = new Map<string, string>();
  violations: string[] = [];
  /** How many times each inbound message reached the thread's log (I6: once). */
  logged = new Map<string, number>();

  constructor(
    seed = 1,
    readonly dupMode: 'now' | 'later' = 'later',
  ) {
    this.seed = seed;
  }

  random = (): number => {
    // mulberry32: deterministic per world, so a failing sequence replays exactly.
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  run(command: Command) {
    const before = this.state;
    const step = decide(this.state, command, {
      ...ctxAt(this.now),
      random: this.random,
      numberPaused: this.paused,
    });
    this.state = step.state;
    this.checkLedger(before, step.effects);
    for (const e of step.effects) {
      // The Durable Object pauses the number's sending on an account-level error (SPEC §6).
      if (e.type === 'pause_number') this.paused = true;
      if (e.type === 'inbound') {
        const n = (this.logged.get(e.message.wamid) ?? 0) + 1;
        this.logged.set(e.message.wamid, n);
        if (n > 1) this.fail(`I6: inbound ${e.message.wamid} applied twice`);
      }
      if (e.type === 'ledger') {
        const draft = e.draft;
        this.ledgerQueue = this.ledgerQueue.then(async () => {
          const last = this.ledger.at(-1);
          this.ledger.push(
            await appendRecord(last ? { seq: last.seq, hash: last.hash } : null, draft, this.now, sha256),
          );
        });
      }
    }
    return step;
  }

  fail(message: string) {
    this.violations.push(`${message} (t=${(this.now - T0) / HOUR}h)`);
  }

  // ---- the customer ------------------------------------------------------------------------------

  customerSays(message: Omit<InboundMessage, 'wamid' | 'timestamp' | 'from'>) {
    const inbound: InboundMessage = {
      ...message,
      wamid: `wamid.in${++this.wamids}`,
      timestamp: this.now,
      from: CUSTOMER_WA_ID,
    };
    this.realLastInbound = this.now;
    this.onWhatsApp = true;
    this.pending.push({ kind: 'inbound', message: inbound });
  }

  text(body: string) {
    this.customerSays({ kind: 'text', text: body, button: null, contextId: null, media: null });
  }

  tap(answer: 'yes' | 'no') {
    const contextId = this.optInWamids.at(-1);
    if (!contextId) return;
    const payload = answer === 'yes' ? OPT_IN_YES_PAYLOAD : OPT_IN_NO_PAYLOAD;
    const label = answer === 'yes' ? 'Yes' : 'No';
    this.customerSays({
      kind: 'button',
      text: label,
      button: { payload, text: label },
      contextId,
      media: null,
    });
  }

  // ---- webhooks ----------------------------------------------------------------------------------

  /**
   * Delivers up to `count` pending webhooks, picked at random. A duplicated one (I6) is applied
   * again at once (`dupMode: 'now'`) or put back to arrive again later, as Meta's retries do.
   */
  deliver(count: number, duplicate: boolean) {
    for (let i = 0; i < count && this.pending.length > 0; i++) {
      const index = Math.floor(this.random() * this.pending.length);
      const [hook] = this.pending.splice(index, 1);
      if (!hook) continue;
      if (hook.redeliveryOf !== undefined && this.now - hook.redeliveryOf >= DEDUPE_RETENTION_MS) continue;
      this.apply(hook);
      if (duplicate && this.dupMode === 'now') this.apply(hook);
      if (duplicate && this.dupMode === 'later' && hook.redeliveryOf === undefined) {
        this.pending.push({ ...hook, redeliveryOf: this.now });
      }
    }
    this.drain();
  }

  private apply(hook: Webhook) {
    if (hook.kind === 'inbound') {
      this.modelInbound(hook.message);
      this.run({ type: 'inbound', message: hook.message });
    } else {
      this.modelStatus(hook.status);
      this.run({ type: 'status', status: hook.status });
    }
  }

  // ---- the Cloud API -----------------------------------------------------------------------------

  /** Drains the queue, WhatsApp answering each send with `outcome()` (default: accepted). */
  drain(outcome: () => Outcome = () => 'accept') {
    for (let i = 0; i < 200; i++) {
      const step = this.run({ type: 'next_send' });
      const send = step.effects.find((e): e is Send => e.type === 'send');
      if (!send) break;
      this.checkSend(send);
      this.cloudApi(send, outcome());
    }
    this.checkTemplatesNotHeld();
  }

  private cloudApi(send: Send, outcome: Outcome) {
    const result = (o: Extract<Command, { type: 'send_result' }>['outcome']) =>
      this.run({ type: 'send_result', messageId: send.messageId, attempt: send.attempt, outcome: o });
    if (outcome === 'error_retry') return result({ type: 'error', code: 131000 });
    if (outcome === 'error_final') return result({ type: 'error', code: 131009 });
    if (outcome === 'pair_limit') return result({ type: 'error', code: 131056 });
    if (outcome === 'lost_before_accept') return result({ type: 'unknown' });
    // The runtime restarts mid-send: no result ever arrives; the object recovers on load (I4).
    if (outcome === 'crash_before_accept') {
      this.run({ type: 'recover' });
      return;
    }
    const wamid = `wamid.out${++this.wamids}`;
    this.sendWamid.set(wamid, send.messageId);
    const status = (s: StatusEvent['status'], errorCode: number | null = null) =>
      this.pending.push({
        kind: 'status',
        status: { wamid, status: s, timestamp: this.now, callbackData: send.callbackData, errorCode },
      });
    const free = send.payload.type !== 'template';
    const windowOpen = this.realLastInbound !== null && this.now < this.realLastInbound + 24 * HOUR;
    if (!this.onWhatsApp) status('failed', 131026);
    else if (free && !windowOpen) status('failed', 131047);
    else {
      this.received.set(send.messageId, (this.received.get(send.messageId) ?? 0) + 1);
      if ((this.received.get(send.messageId) ?? 0) > 1)
        this.fail(`I4: ${send.messageId} reached the customer twice`);
      if (send.payload.type === 'template' && send.payload.quickReplyPayloads.includes(OPT_IN_YES_PAYLOAD)) {
        this.optInWamids.push(wamid);
        this.model.lastReachedOptIn = this.now;
      }
      status('sent');
      status('delivered');
      if (this.random() < 0.3) status('read');
    }
    if (outcome === 'crash_after_accept') {
      this.run({ type: 'recover' });
    } else if (outcome === 'accept') {
      const m = this.state.messages.find((x) => x.id === send.messageId);
      if (m?.kind === 'opt_in' && m.attempts === send.attempt) this.modelOptInAccepted(m.id, send.attempt);
      result({ type: 'accepted', wamid, waId: CUSTOMER_WA_ID });
    } else result({ type: 'unknown' });
  }

  // ---- the reference model -----------------------------------------------------------------------

  private modelInbound(m: InboundMessage) {
    if (this.model.appliedInbound.has(m.wamid)) return;
    this.model.appliedInbound.add(m.wamid);
    const md = this.model;
    md.lastInbound = md.lastInbound === null ? m.timestamp : Math.max(md.lastInbound, m.timestamp);
    if (md.consent === 'not_on_whatsapp') md.consent = md.restoreTo;
    const answer = m.button
      ? m.button.payload === OPT_IN_YES_PAYLOAD
        ? 'yes'
        : 'no'
      : matchKeyword(m.text ?? '', DEFAULT_KEYWORDS);
    if (answer === 'opt_out' || (answer === 'no' && (m.button || md.consent === 'pending')))
      md.consent = 'opted_out';
    else if (
      answer === 'opt_in' ||
      (answer === 'yes' && (m.button || md.consent === 'pending' || md.consent === 'opted_out'))
    ) {
      md.consent = 'opted_in';
    }
    if (md.consent === 'opted_in' || md.consent === 'opted_out') md.lastReachedOptIn = null;
  }

  /** The core learns that WhatsApp has an opt-in (by its response or a first status): pending. */
  private modelOptInAccepted(messageId: string, attempt: number) {
    const key = `${messageId}:${attempt}`;
    if (this.model.acceptedOptIns.has(key)) return;
    this.model.acceptedOptIns.add(key);
    const c = this.model.consent;
    if (c === 'none' || c === 'pending' || c === 'not_on_whatsapp') this.model.consent = 'pending';
  }

  private modelStatus(s: StatusEvent) {
    const messageId = s.callbackData?.split(':')[0] ?? '';
    const m = this.state.messages.find((x) => x.id === messageId);
    const live = m && `${m.id}:${m.attempts}` === s.callbackData && m.attempts >= m.liveFromAttempt;
    if (!live || !m) return;
    if (m.kind === 'opt_in') this.modelOptInAccepted(m.id, m.attempts);
    if (s.status === 'failed' && s.errorCode === 131026 && !this.model.seenStatus.has(`${s.wamid}:failed`)) {
      const c = this.model.consent;
      if (c !== 'opted_out' && c !== 'not_on_whatsapp') {
        this.model.restoreTo = c === 'opted_in' ? 'opted_in' : 'none';
        this.model.consent = 'not_on_whatsapp';
      }
    }
    this.model.seenStatus.add(`${s.wamid}:${s.status}`);
  }

  /** I1, I2, I3, I5 at the moment a message reaches the Cloud API. */
  private checkSend(send: Send) {
    const m = this.state.messages.find((x) => x.id === send.messageId);
    if (!m) return this.fail(`unknown message ${send.messageId} sent`);
    const consent = this.state.consent.type;
    const windowOpen = this.model.lastInbound !== null && this.now < this.model.lastInbound + 24 * HOUR;
    if (consent !== this.model.consent)
      this.fail(`model: consent ${consent}, expected ${this.model.consent}`);
    if (m.kind === 'template' && consent !== 'opted_in') this.fail(`I1: template to a ${consent} customer`);
    if (
      (consent === 'opted_out' || consent === 'not_on_whatsapp') &&
      m.kind !== 'opt_in' &&
      m.notice !== 'opt_out_notice'
    ) {
      this.fail(`I1: ${m.kind} to a ${consent} customer`);
    }
    if (isFreeForm(m.kind) && !windowOpen) this.fail(`I2: ${m.kind} outside the window`);
    if (
      m.kind === 'opt_in' &&
      this.model.lastReachedOptIn !== null &&
      this.now - this.model.lastReachedOptIn < 24 * HOUR
    ) {
      this.fail('I3: opt-in re-sent within 24 h');
    }
    if (isFreeForm(m.kind) && m.kind !== 'notice') {
      const seq = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? Number.NaN);
      const overtaken = this.state.messages.some(
        (x) => (x.kind === 'text' || x.kind === 'image') && x.state === 'queued' && seq(x.id) < seq(m.id),
      );
      if (overtaken) this.fail('I5: a text overtook an earlier text');
    }
  }

  /** I5: templates never wait behind texts held for the window. */
  private checkTemplatesNotHeld() {
    for (const m of this.state.messages) {
      if (
        (m.kind === 'template' || m.kind === 'opt_in') &&
        m.state === 'queued' &&
        m.holdReason === 'window_closed'
      ) {
        this.fail('I5: template held for the window');
      }
    }
  }

  /** I7: exactly one record per consent change, and the record says where consent went. */
  private checkLedger(before: ConversationState, effects: Effect[]) {
    const drafts = effects.flatMap((e) => (e.type === 'ledger' ? [e.draft] : []));
    if (drafts.length === 0 && before.consent.type !== this.state.consent.type)
      this.fail('I7: consent changed without a record');
    const last = drafts.at(-1);
    if (last && last.consentAfter !== this.state.consent.type)
      this.fail('I7: the last record disagrees with the consent');
    let prev = before.consent.type;
    for (const d of drafts) {
      if (d.consentAfter === prev && d.kind !== 'opt_in_requested')
        this.fail(`I7: record ${d.kind} without a change`);
      prev = d.consentAfter;
    }
  }

  // ---- time --------------------------------------------------------------------------------------

  /**
   * Time passes with no request at all: only the alarm the Durable Object arms at `nextDueAt` wakes
   * the conversation (I9). Afterwards nothing may be overdue and no send may be waiting for a timer.
   */
  jump(ms: number) {
    const target = this.now + ms;
    this.drain(); // the Durable Object drains after every command; `write` here leaves that to us
    for (let i = 0; i < 10_000; i++) {
      const due = nextDueAt(this.state, this.now, this.paused);
      if (due === null || due > target) break;
      this.now = Math.max(this.now, due);
      this.run({ type: 'tick' });
      this.drain();
    }
    this.now = target;
    const overdue = overdueTimers(this.state, this.now);
    if (overdue.length > 0) this.fail(`I9: overdue with no alarm: ${overdue.join(', ')}`);
    const probe = decide(
      this.state,
      { type: 'next_send' },
      { ...ctxAt(this.now), random: () => 0.5, numberPaused: this.paused },
    );
    if (probe.effects.some((e) => e.type === 'send')) this.fail('I9: a retry was due but no alarm fired');
    this.run({ type: 'tick' });
    this.drain();
  }

  /** Delivers everything, lets every timer fire, and checks I4 (one final state each) and I7 (chain). */
  async settle() {
    this.paused = false;
    for (let i = 0; i < 5; i++) {
      this.deliver(this.pending.length, false);
      this.jump(8 * 24 * HOUR);
    }
    this.deliver(this.pending.length, false);
    for (const m of this.state.messages) {
      if (m.state === 'queued' || m.state === 'sending' || m.state === 'uncertain')
        this.fail(`I4: ${m.id} still ${m.state}`);
    }
    await this.ledgerQueue;
    const verified = await verifyChain(this.ledger, sha256);
    if (!verified.ok) this.fail(`I7: chain does not verify: ${verified.message}`);
  }

  requestOptIn(actor: UserRef = alice) {
    this.run({ type: 'request_opt_in', actor, template: optInTemplate });
  }

  private lastWrite: Extract<Command, { type: 'write' }> | null = null;
  private lastWriteAt = 0;
  private keys = 0;

  write(actor: UserRef, content: WriteContent) {
    const cmd = {
      type: 'write' as const,
      actor,
      idempotencyKey: `key-${++this.keys}`,
      fingerprint: JSON.stringify(content),
      content,
    };
    // Refused requests keep nothing; only an accepted one is replayed by a retry.
    this.lastWrite = this.run(cmd).result.ok ? cmd : null;
    this.lastWriteAt = this.now;
  }

  /** The client retries its last request (I4): same key, same body → the same message, nothing new. */
  retryLastWrite(sameBody: boolean) {
    const last = this.lastWrite;
    // Keys are kept 24 h (I4); after that a retry is a new request.
    if (!last || this.now - this.lastWriteAt >= 24 * HOUR) return;
    const count = this.state.messages.length;
    const cmd = sameBody ? last : { ...last, fingerprint: `${last.fingerprint}!` };
    const result = this.run(cmd).result;
    if (this.state.messages.length !== count) this.fail('I4: a retried request created another message');
    if (!sameBody && result.ok) this.fail('I4: the same key with another body was accepted');
  }

  /** A random mix of Cloud API answers, drawn from the world's seeded random. */
  flakyOutcome = (): Outcome => {
    const r = this.random();
    if (r < 0.6) return 'accept';
    if (r < 0.7) return 'error_retry';
    if (r < 0.75) return 'error_final';
    if (r < 0.8) return 'pair_limit';
    if (r < 0.85) return 'lost_after_accept';
    if (r < 0.9) return 'lost_before_accept';
    if (r < 0.95) return 'crash_after_accept';
    return 'crash_before_accept';
  };

  participants() {
    return [alice, bob].filter((u) => this.state.team.participants.some((p) => p.userId === u.id));
  }
}
