// The conversation object's copy in the directory (history rows and Unassigned, B11 / B22), written
// behind its steps through the outbox (worker/conversations/publish.ts) by the org's list writer
// (list-writer.ts). A failed write is logged and retried by the object's alarm; a write owed when
// the object stopped is written after its next load.
import { now } from '../clock';
import {
  type DirectoryWrites,
  historyWrites,
  NOTHING_WRITTEN,
  writeDirectory,
} from '../conversations/history';
import { deliverLive } from '../conversations/live';
import { DirectoryOutbox, type Push, realSpacing } from '../conversations/publish';
import { timed } from '../conversations/timings';
import type { ConversationState } from '../domain/conversation';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import type { ConversationRef, ConversationStore } from './conversation-store';
import { listWriter } from './list-writer';

/** A failed directory write is retried by the alarm this long after. */
export const DIRECTORY_RETRY_MS = 10_000;

/**
 * Behind its steps, a conversation starts a directory write at most this often: a busy one shares a
 * write among the steps of half a second (P1; docs/directory-write-spacing.md).
 */
export const DIRECTORY_WRITE_GAP_MS = 500;

export interface DirectoryHost {
  readonly env: Env;
  readonly store: ConversationStore;
  db(): Db;
  ref(): ConversationRef | null;
  state(): ConversationState | null;
  /** Re-arms the object's alarm (the retry time changed); returns the timer registry write. */
  rearm(clockNow: number | null): Promise<DirectoryWrites | null>;
}

export function logProblem(msg: string, ref: ConversationRef | null, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ msg, conversation: ref?.conversationId ?? null, error: detail }));
}

export class ConversationDirectory {
  private readonly written = NOTHING_WRITTEN();
  /** When (clock time) the alarm retries a write that failed; null while none failed. */
  private retryAt: number | null = null;
  private readonly outbox: DirectoryOutbox;

  constructor(private readonly host: DirectoryHost) {
    this.outbox = new DirectoryOutbox(
      {
        readOwed: () => host.store.meta('directory_owed') === '1',
        writeOwed: (owed) => host.store.setMeta('directory_owed', owed ? '1' : '0'),
        write: () => this.write(),
        deliver: (pushes) => timed(host.env, 'live_push', deliverLive(host.env, pushes)),
        settled: () => this.settled(),
      },
      realSpacing(DIRECTORY_WRITE_GAP_MS),
    );
  }

  /** Whether a write is owed. */
  get owed(): boolean {
    return this.outbox.owed;
  }

  /** When the alarm must retry a failed write (clock time), or null. */
  get retryDue(): number | null {
    return this.outbox.owed ? this.retryAt : null;
  }

  /** A step was saved (synchronously, so the owed flag is saved with it). */
  owe(changedList: boolean, announcing: readonly Push[]): void {
    this.outbox.owe(changedList, announcing);
  }

  /** Clears the stored flag when nothing is owed (an idle moment: the alarm's wake). */
  settleStored(): void {
    this.outbox.settleStored();
  }

  /** Writes what is owed; throws when the write fails (the alarm's wake: the alarm is retried). */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  /** Writes what is owed now; a failure is logged and the alarm armed to retry it. */
  flushBehind(): Promise<void> {
    return this.logFailure(this.outbox.flush());
  }

  /** Behind a step: writes what is owed, at most once per `DIRECTORY_WRITE_GAP_MS` (failures as above). */
  flushSpaced(): Promise<void> {
    return this.logFailure(this.outbox.flushSpaced());
  }

  private async logFailure(write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      logProblem('directory write failed; the alarm retries it', this.host.ref(), error);
      await this.retryLater().catch((e: unknown) =>
        logProblem('could not arm the directory retry', this.host.ref(), e),
      );
    }
  }

  /**
   * Shortly after a load with the flag set: writes what is owed, then clears the stored flag, unless a
   * step's write since the load covered it (a failure is logged, as behind a step).
   */
  settleAfterLoad(): Promise<void> {
    return this.outbox.settleAfterLoad(() => this.flushBehind());
  }

  /** The object's storage was erased: nothing is owed, nothing was written. */
  reset(): void {
    this.outbox.reset();
    this.retryAt = null;
    this.written.threads.clear();
    this.written.readers.clear();
    this.written.waiting = '';
  }

  private async write(): Promise<void> {
    const ref = this.host.ref();
    const state = this.host.state();
    if (!ref || !state) return;
    const lists = historyWrites(ref, this.host.store, state, this.written);
    if (lists.patch) {
      const write = listWriter(this.host.env, ref.orgId).write(lists.patch);
      await timed(this.host.env, 'directory_write', write);
    }
    lists.done();
  }

  private async retryLater(): Promise<void> {
    if (this.retryAt !== null || !this.host.ref() || !this.host.state()) return;
    const clock = await now(this.host.env);
    this.retryAt = clock + DIRECTORY_RETRY_MS;
    const timer = await this.host.rearm(clock);
    if (timer) await writeDirectory(this.host.db(), [timer]);
  }

  /** Nothing is owed any more: drop the retry alarm if one was armed. */
  private async settled(): Promise<void> {
    if (this.retryAt === null) return;
    this.retryAt = null;
    const timer = await this.host.rearm(null);
    if (timer) await writeDirectory(this.host.db(), [timer]);
  }
}
