// After a step is saved: when the directory and each user hear of it. Thread items go out at once
// (P2). The directory's copy of the conversation (history rows, Unassigned, B11 / B22) is written
// behind the step, so a webhook's 200 waits for the conversation object alone (P1); steps that come
// while a write is in flight share the next one. What is owed is flagged in the object's own storage
// (an object stopped before writing is woken by its alarm to write it), and the frames after which a
// panel reloads a list leave only after the write that holds what they announce.
//
// The stored flag is set in the step's own commit and cleared only at an idle moment (its alarm, or
// a load no step followed), not after every write: a busy conversation would otherwise commit once
// more per message just to clear it (P1). A flag left set after its write costs nothing when a step
// loads the object again (that step writes the lists anyway), and one idempotent write of the same
// rows when a read or the alarm does.
//
// Behind a step, a conversation starts a directory write at most once per `gapMs`: the first step
// after a quiet moment is written at once, and the steps of a busy conversation (a customer writing
// several messages a second) share one write when the gap has passed. A user's command (`flush`) is
// written at once: its actor reads their lists next (docs/directory-write-spacing.md).
import type { LiveFrame } from '../../shared/api/live';

export interface Push {
  userId: string;
  frame: LiveFrame;
}

/** Frames after which a panel reloads a list from the directory (Unassigned, history). */
export function announcesList(frame: LiveFrame): boolean {
  return frame.type === 'unassigned' || frame.type === 'customer_message';
}

export interface OutboxPorts {
  /** The durable "directory write owed" flag in the object's storage. */
  readOwed(): boolean;
  writeOwed(owed: boolean): void;
  /** Writes the directory's copy up to the object's current state (computed when the write starts). */
  write(): Promise<void>;
  deliver(pushes: readonly Push[]): Promise<void>;
  /** Nothing is owed any more (the object drops its safety alarm). */
  settled(): Promise<void>;
}

/** The clock that spaces the writes behind steps (real time; a fake one in tests). */
export interface WriteSpacing {
  /** The least time from the start of one write behind steps to the start of the next. */
  gapMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realSpacing = (gapMs: number): WriteSpacing => ({
  gapMs,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

export class DirectoryOutbox {
  /** Whether a write is owed: at first what storage says (it may be a write already done), then exact. */
  private owedFlag: boolean | null = null;
  /** What the stored flag holds; it stays set after a write until an idle moment clears it. */
  private storedFlag = false;
  /** Whether a write committed since this outbox was made (the object loaded). */
  private wrote = false;
  private generation = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private announcing: Push[] = [];
  /** When (the spacing's clock) the last write began. */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** The write waiting for the gap to pass, shared by every step until it begins. */
  private spaced: Promise<void> | null = null;

  constructor(
    private readonly ports: OutboxPorts,
    private readonly spacing: WriteSpacing = realSpacing(0),
  ) {}

  /** Whether a directory write is owed (read from storage once, then kept in memory). */
  get owed(): boolean {
    return this.loaded().owed;
  }

  private loaded(): { owed: boolean; stored: boolean } {
    if (this.owedFlag === null) {
      this.storedFlag = this.ports.readOwed();
      this.owedFlag = this.storedFlag;
    }
    return { owed: this.owedFlag, stored: this.storedFlag };
  }

  /**
   * A step was saved: owe a directory write when it changed something listed, and hold the frames
   * that announce a list until that write. Synchronous, so the flag is saved with the step.
   */
  owe(changedList: boolean, announcing: readonly Push[]): void {
    if (!changedList && announcing.length === 0) return;
    this.generation++;
    this.announcing.push(...announcing);
    if (!changedList) return;
    if (!this.loaded().stored) this.ports.writeOwed(true);
    this.storedFlag = true;
    this.owedFlag = true;
  }

  /** Resolves once a write that began after every earlier `owe` committed and its frames left. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (!this.owed && this.announcing.length === 0) return Promise.resolve();
    this.running = this.loop();
    return this.running;
  }

  /**
   * Behind a step: like `flush`, but the write begins no sooner than `gapMs` after the last one
   * began; every step until then shares it.
   */
  flushSpaced(): Promise<void> {
    const wait = this.lastStart + this.spacing.gapMs - this.spacing.now();
    if (wait <= 0 && !this.spaced) return this.flush();
    this.spaced ??= this.spacing.sleep(Math.max(wait, 0)).then(() => {
      this.spaced = null;
      return this.flush();
    });
    return this.spaced;
  }

  /**
   * Shortly after the object loaded with the flag set: writes what is owed and clears the flag,
   * unless a write has committed since the load. That write (a step's) covered what was owed, and
   * the flag stays set for the next idle moment: a conversation loaded for each of its messages (many
   * conversations, each quiet for minutes) would otherwise commit once more per message to clear it
   * (P1). `flush`: the caller's flush (it may log a failure rather than throw).
   */
  async settleAfterLoad(flush: () => Promise<void> = () => this.flush()): Promise<void> {
    if (this.wrote) return;
    await flush();
    this.settleStored();
  }

  /** An idle moment (a load no step followed, the alarm): clears the stored flag when nothing is owed. */
  settleStored(): void {
    const { owed, stored } = this.loaded();
    if (owed || !stored) return;
    this.ports.writeOwed(false);
    this.storedFlag = false;
  }

  /** Forgets what was owed (the object's storage was erased). */
  reset(): void {
    this.owedFlag = null;
    this.storedFlag = false;
    this.announcing = [];
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        this.again = false;
        const generation = this.generation;
        const pushes = this.announcing.splice(0);
        this.lastStart = this.spacing.now();
        try {
          await this.ports.write();
        } catch (error) {
          this.announcing.unshift(...pushes);
          throw error;
        }
        this.wrote = true;
        // A step saved while the write ran owes another one. The stored flag stays set (see above).
        if (generation === this.generation) this.owedFlag = false;
        if (pushes.length > 0) await this.ports.deliver(pushes);
        if (!this.owed) await this.ports.settled();
        if (!this.again) return;
      }
    } finally {
      this.running = null;
    }
  }
}
