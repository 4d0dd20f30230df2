// A small simulated world around one conversation for the property and model-based tests: the core
// (system under test), a fake WhatsApp that decides send outcomes and emits webhooks (which the test
// may duplicate, reorder or delay), the clock as the Durable Object's alarm moves it, and the
// reference model (reference-model.ts) with the invariant checks (checks.ts) run at every step.
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
import { OPT_IN_NO_PAYLOAD, OPT_IN_YES_PAYLOAD } from '../../../worker/domain/outbound';
import { decideError, KNOWN_ERROR_CODES } from '../../../worker/domain/error-codes';
import { MAX_SEND_ATTEMPTS } from '../../../worker/domain/retry-policy';
import { nextDueAt, overdueTimers } from '../../../worker/domain/timers';
import type { UserRef } from '../../../worker/domain/team';
import { viewFor } from '../../../worker/domain/view';
import {
  checkDepartureQueue,
  checkLedger,
  checkNotEarly,
  checkOutsider,
  checkSend,
  checkSettled,
  checkTemplatesNotHeld,
  checkWindowLiveness,
  windowVoided,
} from './checks';
import { AppliedKeys, alice, ctxAt, CUSTOMER_WA_ID, fresh, HOUR, optInTemplate, T0 } from './fixtures';
import { ListedMirror } from './listed-mirror';
import { ReferenceModel } from './reference-model';

export type Send = Extract<Effect, { type: 'send' }>;
export type Outcome =
  | 'accept'
  | 'error_retry'
  | 'error_final'
  /** Any code of reference §6 (and a few the table does not know), synchronously. */
  | 'error_any'
  | 'pair_limit'
  | 'lost_after_accept'
  | 'lost_before_accept'
  | 'crash_after_accept'
  | 'crash_before_accept';
type Webhook = ({ kind: 'inbound'; message: InboundMessage } | { kind: 'status'; status: StatusEvent }) & {
  /** A copy of a webhook already applied at this time; Meta stops retrying within 7 days (I6). */
  redeliveryOf?: number;
};

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
  /** The reference model: what the core has been told, in that order. */
  model = new ReferenceModel();
  private wamids = 0;
  violations: string[] = [];
  /** How many times each inbound message reached the thread's log (I6: once). */
  logged = new Map<string, number>();
  /** The dedupe keys the Durable Object keeps beside the state (they survive a crash like it). */
  private readonly applied = new AppliedKeys();
  /** wamids of other templates (with their own buttons) that reached the customer. */
  templateWamids: string[] = [];
  /** Messages the core once showed delivered or read: they never move back (B9). */
  private delivered = new Set<string>();
  /** What the history lists show, checked against the steps that owe a directory write (B11). */
  private readonly listed = new ListedMirror();
  /** `failed` statuses WhatsApp sends after the `delivered` of the same message. */
  private lateFailures = new Map<string, StatusEvent>();

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
      applied: this.applied.has,
    });
    this.state = step.state;
    this.applied.record(step.effects);
    this.violations.push(
      ...[
        ...checkLedger(before, this.state, step.effects),
        ...checkOutsider(before, command, step),
        ...checkDepartureQueue(before, this.state, command, step),
        ...checkNotEarly(before, this.state, this.now),
        ...this.checkNeverBack(),
        ...this.listed.check(before, step),
      ].map((v) => this.at(v)),
    );
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

  private checkNeverBack(): string[] {
    const found: string[] = [];
    for (const m of this.state.messages) {
      if (m.state === 'delivered' || m.state === 'read') this.delivered.add(m.id);
      else if (this.delivered.has(m.id)) found.push(`B9: ${m.id} moved back from delivered to ${m.state}`);
    }
    return found;
  }

  private numbers = 0;
  /** A number for generated texts, per world, so two plays of the same actions write the same texts. */
  nextNumber(): number {
    this.numbers += 1;
    return this.numbers;
  }

  private at(message: string): string {
    return `${message} (t=${(this.now - T0) / HOUR}h)`;
  }

  fail(message: string) {
    this.violations.push(this.at(message));
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

  /** A tap on a button of another template (or of a message we never sent): only its label counts. */
  tapOther(label: string) {
    const contextId = this.templateWamids.at(-1) ?? 'wamid.elsewhere';
    const payload = `other:${label.toLowerCase()}`;
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
      this.model.onInbound(hook.message);
      this.run({ type: 'inbound', message: hook.message });
    } else {
      this.model.onStatus(hook.status, this.state);
      this.run({ type: 'status', status: hook.status });
      const late = hook.status.status === 'delivered' ? this.lateFailures.get(hook.status.wamid) : undefined;
      if (late) {
        this.lateFailures.delete(late.wamid);
        this.pending.push({ kind: 'status', status: { ...late, timestamp: this.now } });
      }
    }
  }

  // ---- the Cloud API -----------------------------------------------------------------------------

  /** Drains the queue, WhatsApp answering each send with `outcome()` (default: accepted). */
  drain(outcome: () => Outcome = () => 'accept') {
    for (let i = 0; i < 200; i++) {
      const step = this.run({ type: 'next_send' });
      const send = step.effects.find((e): e is Send => e.type === 'send');
      if (!send) break;
      this.violations.push(...checkSend(this.state, this.model, send, this.now).map((v) => this.at(v)));
      this.cloudApi(send, outcome());
    }
    this.violations.push(
      ...[
        ...checkTemplatesNotHeld(this.state),
        ...checkWindowLiveness(this.state, this.model, this.now, this.paused),
      ].map((v) => this.at(v)),
    );
  }

  /** What a synchronous error tells the reference model: not on WhatsApp, or an opt-in refused for good. */
  private tellModelOfError(send: Send, code: number) {
    const m = this.state.messages.find((x) => x.id === send.messageId);
    if (m?.state !== 'sending' || m.attempts !== send.attempt) return;
    const action = decideError(code).action;
    if (action === 'not_on_whatsapp') this.model.onUndeliverable();
    const givesUp =
      action === 'final' ||
      ((action === 'retry' || action === 'retry_pair') && send.attempt >= MAX_SEND_ATTEMPTS);
    if (m.kind === 'opt_in' && givesUp) this.model.onOptInRefused();
  }

  /** WhatsApp's synchronous error for `send`, drawn from every code it may answer. */
  private anyErrorCode(send: Send): number {
    const codes = [...KNOWN_ERROR_CODES, 250, 470, 131059, 137000];
    const code = codes[Math.floor(this.random() * codes.length)] ?? 131000;
    // WhatsApp answers 131047 only to free-form messages.
    return code === 131047 && send.payload.type === 'template' ? 131000 : code;
  }

  private cloudApi(send: Send, outcome: Outcome) {
    const result = (o: Extract<Command, { type: 'send_result' }>['outcome']) =>
      this.run({ type: 'send_result', messageId: send.messageId, attempt: send.attempt, outcome: o });
    const error = (code: number) => {
      this.tellModelOfError(send, code);
      return result({ type: 'error', code });
    };
    if (outcome === 'error_retry') return error(131000);
    if (outcome === 'error_final') return error(131009);
    if (outcome === 'error_any') {
      return error(this.anyErrorCode(send));
    }
    if (outcome === 'pair_limit') return error(131056);
    if (outcome === 'lost_before_accept') return result({ type: 'unknown' });
    // The runtime restarts mid-send: no result ever arrives; the object recovers on load (I4).
    if (outcome === 'crash_before_accept') {
      this.run({ type: 'recover' });
      return;
    }
    const wamid = `wamid.out${++this.wamids}`;
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
      } else if (send.payload.type === 'template') this.templateWamids.push(wamid);
      status('sent');
      status('delivered');
      if (this.random() < 0.3) status('read');
      // A late `failed` after `delivered` (B9): sent once the core has the `delivered`; it must change nothing.
      if (this.random() < 0.15) {
        const errorCode = this.anyErrorCode(send);
        this.lateFailures.set(wamid, {
          wamid,
          status: 'failed',
          timestamp: this.now,
          callbackData: send.callbackData,
          errorCode,
        });
      }
    }
    if (outcome === 'crash_after_accept') {
      this.run({ type: 'recover' });
    } else if (outcome === 'accept') {
      const m = this.state.messages.find((x) => x.id === send.messageId);
      if (m?.kind === 'opt_in' && m.attempts === send.attempt) this.model.onOptInAccepted(m.id, send.attempt);
      result({ type: 'accepted', wamid, waId: CUSTOMER_WA_ID });
    } else result({ type: 'unknown' });
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
    const shown = viewFor(this.state, alice.id, this.now).window.open;
    if (!windowVoided(this.state) && shown !== this.model.windowOpen(this.now))
      this.fail(`B8: the window is shown ${shown ? 'open' : 'closed'}, WhatsApp has it the other way`);
    const probe = decide(
      this.state,
      { type: 'next_send' },
      { ...ctxAt(this.now), random: () => 0.5, numberPaused: this.paused },
    );
    if (probe.effects.some((e) => e.type === 'send')) this.fail('I9: a retry was due but no alarm fired');
    this.run({ type: 'tick' });
    this.drain();
  }

  /** Moves the clock to just before (offset -1) or exactly at (offset 0) the next deadline. */
  jumpNear(offset: -1 | 0) {
    const due = nextDueAt(this.state, this.now, this.paused);
    if (due === null || due + offset <= this.now) return;
    this.jump(due + offset - this.now);
  }

  /** Delivers everything, lets every timer fire, and checks I4 (one final state each) and I7 (chain). */
  async settle() {
    this.paused = false;
    for (let i = 0; i < 5; i++) {
      this.deliver(this.pending.length, false);
      this.jump(8 * 24 * HOUR);
    }
    this.deliver(this.pending.length, false);
    this.violations.push(...checkSettled(this.state).map((v) => this.at(v)));
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
    if (r < 0.55) return 'accept';
    if (r < 0.65) return 'error_any';
    if (r < 0.7) return 'error_retry';
    if (r < 0.75) return 'error_final';
    if (r < 0.8) return 'pair_limit';
    if (r < 0.85) return 'lost_after_accept';
    if (r < 0.9) return 'lost_before_accept';
    if (r < 0.95) return 'crash_after_accept';
    return 'crash_before_accept';
  };
}
