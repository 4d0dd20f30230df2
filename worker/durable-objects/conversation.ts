// One Durable Object per conversation: thin over the pure core. Each call loads the context, decides,
// saves the step (state, log, ledger outbox) in one transaction, then carries out the effects: sends
// through the typed client (drained one at a time), ledger records to the org's ledger, the number's
// pause, and the one alarm re-armed to the earliest timer (I9).
import { DurableObject } from 'cloudflare:workers';
import { now } from '../clock';
import { ContextSource, type OfferedFacts, readDirectoryFacts } from '../conversations/context';
import { deliverOutbox } from '../conversations/effects';
import { outboundItem, type ThreadView, threadView } from '../conversations/thread-view';
import { phaseTimer } from '../conversations/timings';
import type {
  Command,
  ConversationContext,
  ConversationState,
  InboundMessage,
  StatusEvent,
  Step,
} from '../domain/conversation';
import { withIdentity } from '../domain/conversation';
import { decide } from '../domain/decide';
import { readAccess, type UserRef } from '../domain/team';
import { type ConversationView, viewFor } from '../domain/view';
import type { Env } from '../env';
import { applyRetention, eraseStorage, freshConversation } from '../privacy/conversation-hooks';
import { exportLog, type RetentionCounts } from '../privacy/conversation-storage';
import type { Removal } from '../privacy/redact';
import { type Db, openDb } from '../storage/db';
import { ConversationAftermath } from './conversation-aftermath';
import { ConversationAlarm } from './conversation-alarm';
import type { ActResult, UserCommand } from './conversation-contract';
import { answerThenNext, ConversationDrain } from './conversation-drain';
import { ConversationSender } from './conversation-sender';
import { type ConversationRef, ConversationStore } from './conversation-store';

/** How long after loading an object writes a directory copy still owed from before it stopped. */
const LOAD_FLUSH_DELAY_MS = 1_000;

export class ConversationObject extends DurableObject<Env> {
  private readonly store = new ConversationStore(this.ctx.storage.sql);
  private state: ConversationState | null = null;
  private ref: ConversationRef | null = null;
  private readonly alarmClock = new ConversationAlarm(this.ctx.storage, this.env);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.ref = this.store.ref();
      this.state = this.store.loadState();
      // A send in flight when the object stopped has an unknown outcome (I4): uncertain, never resent.
      if (this.state?.messages.some((m) => m.state === 'sending')) await this.run({ type: 'recover' });
      // A directory write owed when the object stopped (a crash, a deploy) is written shortly: the
      // first step's own write covers it when an event loaded the object (then the flag stays set),
      // and a second write of the same rows at once would only cost a round trip.
      else if (this.ref && this.state && this.directory.owed)
        setTimeout(() => void this.directory.settleAfterLoad(), LOAD_FLUSH_DELAY_MS);
    });
  }

  async view(ref: ConversationRef, user: UserRef): Promise<ConversationView> {
    const { state, ctx } = await this.open(ref);
    return viewFor(state, user.id, ctx.now);
  }

  /** A user's command; the answer carries the message it concerns as it stands after the drain. */
  async act(ref: ConversationRef, command: UserCommand): Promise<ActResult> {
    await this.open(ref);
    const step = await this.run(command);
    await this.drain.run();
    // Read-your-writes for the actor: their lists (history, Unassigned) show the command's outcome.
    await this.directory.flushBehind();
    const ctx = await this.context();
    const written = step.result.ok ? (step.result.message as { id: string } | undefined) : undefined;
    const latest = written ? this.store.message(written.id) : null;
    return {
      result: step.result,
      message: latest ? outboundItem(latest) : null,
      view: viewFor(this.requireState(), command.actor.id, ctx.now),
    };
  }

  async thread(ref: ConversationRef, userId: string, threadId?: string): Promise<ThreadView | null> {
    const { state } = await this.open(ref);
    return threadView(this.store, state, userId, threadId);
  }

  /** B10, I8: media is served only to users who may read a thread it appears in. */
  async canReadMedia(ref: ConversationRef, userId: string, mediaId: string): Promise<boolean> {
    const { state } = await this.open(ref);
    return this.store
      .threadsWithMedia(mediaId)
      .some((threadId) => readAccess(state.team, userId, threadId) !== null);
  }

  /** `facts`: the org and number intake read to route this message (saves reading them again). */
  async inbound(
    ref: ConversationRef,
    message: InboundMessage,
    facts?: OfferedFacts,
  ): Promise<{ duplicate: boolean }> {
    const mark = phaseTimer(this.env);
    this.offer(ref, facts);
    const { ctx } = await this.open(ref);
    mark('do_open');
    const step = await this.run({ type: 'inbound', message }, ctx);
    mark('do_step');
    await this.drain.run();
    mark('do_drain');
    return { duplicate: step.result.ok && step.result.duplicate === true };
  }

  async status(ref: ConversationRef, status: StatusEvent, facts?: OfferedFacts): Promise<void> {
    this.offer(ref, facts);
    await this.open(ref);
    await this.run({ type: 'status', status });
    await this.drain.run();
  }

  /** Fires whatever is due now: the dev clock moved, or an admin resumed the number. */
  async wake(): Promise<void> {
    if (!this.ref || !this.state) return;
    // Woken after an admin resumed the number or the clock moved: read the directory afresh.
    this.readAfresh();
    await this.fireDue();
  }

  /**
   * P3: asks this object's own alarm to wake it now and returns at once (an admin resumed the number),
   * so every conversation of the number drains in parallel instead of inside the admin's request.
   * `resumedAt` (epoch ms): the credentials must come from a read begun after it; `facts`: the org
   * and number as the admin's request read them after the resume (saves each object reading them).
   * False for an object that holds no conversation.
   */
  async wakeSoon(resumedAt?: number, facts?: OfferedFacts): Promise<boolean> {
    if (!this.ref || !this.state) return false;
    // The number's pause is read afresh by whatever step runs next, the alarm's or another's.
    this.readAfresh(resumedAt, facts);
    this.readForAlarm = true;
    await this.ctx.storage.setAlarm(Date.now());
    return true;
  }

  /** Set by `wakeSoon`: the alarm it asked for need not read the directory again. */
  private readForAlarm = false;

  private async fireDue(): Promise<void> {
    await this.run({ type: 'tick' });
    await this.drain.run();
    // Also the safety net of a directory write that an earlier step owed (a failed or cut-off write).
    await this.directory.flush();
    this.directory.settleStored();
  }

  /** Issue 12: the state and the whole log as JSON (`PrivacyExport`), for a subject-access export. */
  async privacyExport(): Promise<string | null> {
    return this.state ? JSON.stringify({ state: this.state, log: exportLog(this.ctx.storage.sql) }) : null;
  }

  /** Issue 12: bodies of messages written before `cutoff` become stubs (the daily retention job). */
  async applyRetention(cutoff: number, removal: Removal): Promise<RetentionCounts> {
    if (!this.state) return { outbound: 0, inbound: 0 };
    const { state, counts } = applyRetention(this.ctx.storage, this.state, cutoff, removal);
    this.state = state;
    return counts;
  }

  /** Issue 12: erases everything this object stores, once its consent records reached the ledger. */
  async erase(): Promise<void> {
    // A directory write in flight must not bring the rows back after the erasure removed them.
    await this.directory.flushBehind();
    if (this.ref && this.store.outbox().length > 0) await deliverOutbox(this.env, this.store, this.ref);
    if (this.store.outbox().length > 0) throw new Error('consent records still wait for the ledger');
    await eraseStorage(this.ctx.storage, () => this.store.migrate());
    this.state = null;
    this.ref = null;
    this.alarmClock.forget();
    this.directory.reset();
  }

  override async alarm(): Promise<void> {
    this.alarmClock.forget();
    if (!this.readForAlarm) return this.wake();
    this.readForAlarm = false;
    if (this.ref && this.state) await this.fireDue();
  }

  private requireState(): ConversationState {
    if (!this.state) throw new Error('conversation not opened');
    return this.state;
  }

  /**
   * Stores where this conversation lives and creates its state on first use. Every caller passes the
   * directory's current ref: a customer's identity can grow (a BSUID, a shared or changed number,
   * a merged contact), and the conversation takes it over here.
   */
  private async open(ref: ConversationRef): Promise<{ state: ConversationState; ctx: ConversationContext }> {
    // Where the conversation lives is fixed on first use; who the customer is may grow since.
    const stored: ConversationRef = this.ref
      ? {
          ...this.ref,
          contactId: ref.contactId,
          customerPhone: ref.customerPhone,
          customerBsuid: ref.customerBsuid ?? null,
        }
      : ref;
    if (!this.ref || JSON.stringify(this.ref) !== JSON.stringify(stored)) {
      this.store.setMeta('ref', JSON.stringify(stored));
      this.ref = stored;
    }
    const identity = { phone: stored.customerPhone, bsuid: stored.customerBsuid ?? null };
    // A new conversation starts from nothing but a standing opt-out of an erased customer (issue 12).
    const fresh = this.state ? null : await freshConversation(this.env, ref, await now(this.env));
    const state = this.state ? withIdentity(this.state, identity) : (fresh as ConversationState);
    if (state !== this.state) {
      this.store.saveStep({ state, effects: [], result: { ok: true } });
      this.state = state;
    }
    return { state, ctx: await this.context() };
  }

  /** One drizzle instance for the object's life (its env, and so its binding, does not change). */
  private dbOnce: Db | null = null;
  private get db(): Db {
    this.dbOnce ??= openDb(this.env);
    return this.dbOnce;
  }

  /** Sends one message with the number's credentials (conversation-sender.ts). */
  private readonly sender = new ConversationSender(this.env, () => this.db);

  /** The send loop (conversation-drain.ts); a send's answer is saved with the next pass (P3). */
  private readonly drain = new ConversationDrain({
    state: () => this.requireState(),
    step: (command) => this.run(command),
    stepAnswer: async (answer) => {
      const ctx = await this.context();
      return this.commit(answerThenNext(decide, this.requireState(), answer, ctx), ctx);
    },
    send: async (send) =>
      this.ref ? this.sender.send(this.ref, this.requireState().customer.waIds, send) : { type: 'unknown' },
  });

  /** Effects, the alarm and the directory's copy after each saved step (conversation-aftermath.ts). */
  private readonly aftermath = new ConversationAftermath({
    env: this.env,
    store: this.store,
    alarm: this.alarmClock,
    db: () => this.db,
    ref: () => this.ref,
    state: () => this.state,
    readAfresh: () => this.readAfresh(),
  });

  /** The directory's copy of this conversation, written behind the steps (P1; B11, B22). */
  private get directory() {
    return this.aftermath.directory;
  }

  private readonly contextSource = new ContextSource(
    () => readDirectoryFacts(this.db, this.ref),
    (key) => this.store.isApplied(key),
  );

  /**
   * The directory facts and the credentials are read again before they are next used: from `at`
   * (default now) on; `fresh`: facts for this org read after the change, used as this object's own.
   */
  private readAfresh(at: number = Date.now(), fresh?: OfferedFacts): void {
    const ownOrg = fresh && this.ref && fresh.orgId === this.ref.orgId ? fresh : undefined;
    this.contextSource.invalidate(ownOrg);
    this.sender.readAfresh(at);
  }

  /** Facts intake read for this conversation's org (never another's: the stored ref decides). */
  private offer(ref: ConversationRef, offered: OfferedFacts | undefined): void {
    if (offered && offered.orgId === (this.ref ?? ref).orgId) this.contextSource.offer(offered);
  }

  private async context(): Promise<ConversationContext> {
    return this.contextSource.at(await now(this.env));
  }

  /** load → decide → save → effects (`known`: the context just read by `open`, not read twice). */
  private async run(command: Command, known?: ConversationContext): Promise<Step> {
    const ctx = known ?? (await this.context());
    return this.commit(decide(this.requireState(), command, ctx), ctx);
  }

  private async commit(step: Step, ctx: ConversationContext): Promise<Step> {
    // A step that changed nothing (the drain finding nothing to send) has nothing to save.
    if (step.state !== this.state || step.effects.length > 0) {
      this.ctx.storage.transactionSync(() => this.store.saveStep(step));
    }
    const before = this.state;
    this.state = step.state;
    await this.aftermath.follow(step, ctx, before);
    return step;
  }
}
