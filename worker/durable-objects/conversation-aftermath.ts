// What a conversation object does after a step is saved (conversation.ts): the live frames, the
// number's pause, consent records to the org's ledger, the one alarm re-armed to the earliest timer
// (I9), and the directory's copy owed and written behind the answer (P1; B11, B22).
import { deliverOutbox, pauseNumber, timerWrites } from '../conversations/effects';
import { type DirectoryWrites, writeDirectory } from '../conversations/history';
import { touchesHistory } from '../conversations/listed';
import { deliverLive, livePushes } from '../conversations/live';
import { announcesList } from '../conversations/publish';
import { timed } from '../conversations/timings';
import type { ConversationContext, ConversationState, Step } from '../domain/conversation';
import { nextDueAt } from '../domain/timers';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { type ConversationAlarm, earliest } from './conversation-alarm';
import { ConversationDirectory, DIRECTORY_RETRY_MS } from './conversation-directory';
import type { ConversationRef, ConversationStore } from './conversation-store';

export interface AftermathHost {
  readonly env: Env;
  readonly store: ConversationStore;
  readonly alarm: ConversationAlarm;
  db(): Db;
  ref(): ConversationRef | null;
  state(): ConversationState | null;
  /** The number was paused: the directory facts and credentials are read again before next use. */
  readAfresh(): void;
}

export class ConversationAftermath {
  /** The context of the last step, for re-arming the alarm when a directory write failed. */
  private lastContext: ConversationContext | null = null;

  /** The directory's copy of this conversation, written behind the steps. */
  readonly directory: ConversationDirectory;

  constructor(private readonly host: AftermathHost) {
    this.directory = new ConversationDirectory({
      env: host.env,
      store: host.store,
      db: () => host.db(),
      ref: () => host.ref(),
      state: () => host.state(),
      rearm: (clockNow) => this.rearm(clockNow),
    });
  }

  /** Carries out a saved step's effects; `before`: the state the step was decided on. */
  async follow(step: Step, ctx: ConversationContext, before: ConversationState | null): Promise<void> {
    const { env, store } = this.host;
    const ref = this.host.ref();
    const state = this.host.state();
    if (!ref || !state) return;
    this.lastContext = ctx;
    const db = this.host.db();
    // Owed before any await, so the flag is as durable as the step itself.
    const pushes = livePushes(ref, state, step.effects);
    this.directory.owe(
      touchesHistory(step.effects, before),
      pushes.filter((p) => announcesList(p.frame)),
    );
    for (const e of step.effects) {
      if (e.type === 'pause_number') {
        await pauseNumber(env, db, ref, e, ctx.now);
        this.host.readAfresh();
      }
    }
    if (step.effects.some((e) => e.type === 'ledger') || store.hasOutbox()) {
      await deliverOutbox(env, store, ref);
    }
    const timer = await this.arm(ctx);
    if (timer) await writeDirectory(db, [timer]);
    const items = pushes.filter((p) => !announcesList(p.frame));
    if (items.length > 0) await timed(env, 'live_push', deliverLive(env, items));
    // Behind the answer: the caller does not wait for the directory (act waits for it itself), and a
    // busy conversation's steps share a write.
    void this.directory.flushSpaced();
  }

  /** Arms the one alarm to the earliest timer, ledger retry or directory retry; returns the timer registry write. */
  private async arm(ctx: ConversationContext): Promise<DirectoryWrites | null> {
    const state = this.host.state();
    const ref = this.host.ref();
    if (!state) return null;
    const due = nextDueAt(state, ctx.now, ctx.numberPaused);
    const retryOutbox = this.host.store.hasOutbox() ? ctx.now + 5_000 : null;
    const next = earliest(due, retryOutbox, this.directory.retryDue);
    if (!(await this.host.alarm.armAt(next, ctx.now))) return null;
    return ref ? timerWrites(this.host.env, this.host.db(), ref.conversationId, next) : null;
  }

  /** The directory's retry time changed (`clockNow`: the clock's time then, if known). */
  private async rearm(clockNow: number | null): Promise<DirectoryWrites | null> {
    if (!this.host.state()) return null;
    if (!this.lastContext) {
      // Failed on load, before any step: the alarm's wake re-arms every timer from the state.
      await this.host.alarm.soon(DIRECTORY_RETRY_MS);
      return null;
    }
    return this.arm(clockNow === null ? this.lastContext : { ...this.lastContext, now: clockNow });
  }
}
