// The sandbox clock: a base clock (real time unless injected) plus an offset that `POST /sandbox/clock`
// moves forward. Timers are due at sandbox times; they fire when real time reaches them or at once
// when the clock is advanced past them, so "skip 24 hours" runs everything that was waiting.

export type Timer = { id: number; at: number; run: () => void };

export class SandboxClock {
  private offsetMs = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  private handle: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Restores a saved offset (state file). */
  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
    this.arm();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Runs `run` once the sandbox clock reaches `at`. Returns an id usable with `cancel`. */
  at(at: number, run: () => void): number {
    const id = this.nextId++;
    this.timers.push({ id, at, run });
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    this.arm();
    return id;
  }

  after(ms: number, run: () => void): number {
    return this.at(this.now() + ms, run);
  }

  cancel(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** Fires every due timer, in due order (including timers scheduled by the ones that fire). */
  runDue(): number {
    let fired = 0;
    for (;;) {
      const first = this.timers[0];
      if (!first || first.at > this.now()) break;
      this.timers.shift();
      fired++;
      first.run();
    }
    this.arm();
    return fired;
  }

  pending(): number {
    return this.timers.length;
  }

  stop(): void {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    const first = this.timers[0];
    if (!first || this.stopped) return;
    // Capped so an injected (possibly frozen) base clock is re-read at least once a second.
    const wait = Math.min(Math.max(first.at - this.now(), 0), 1_000);
    this.handle = setTimeout(() => this.runDue(), wait);
    this.handle.unref?.();
  }
}
