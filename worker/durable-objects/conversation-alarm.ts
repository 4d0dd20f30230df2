// The conversation object's one alarm (I9): armed to the earliest of what is due (a timer of the
// core, a consent record waiting for the ledger, a directory write to retry), in clock time, which the
// development clock may run ahead of real time. Set only when that instant changed, and never moved
// later while it is still ahead (it rings early and is re-armed).
import { clockOffset } from '../clock';
import type { Env } from '../env';

export const earliest = (...times: (number | null)[]): number | null => {
  const set = times.filter((t): t is number => t !== null);
  return set.length === 0 ? null : Math.min(...set);
};

export class ConversationAlarm {
  /** The clock time last armed (null: none); undefined when unknown (after a wake, or not read yet). */
  private armedFor: number | null | undefined;
  /**
   * Whether what is armed is read from storage before the next `armAt`: true from a load until the
   * first arm. Without it, an object loaded for one message (at 10,000 conversations nearly every
   * one) would set its alarm again each time, a storage write for nothing.
   */
  private readStored = true;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
  ) {}

  /** Forget what was armed: the next `armAt` sets the alarm whatever it holds. */
  forget(): void {
    this.armedFor = undefined;
    this.readStored = false;
  }

  /**
   * Arms the alarm for clock time `next` (null: none); false when it is left as it was. An alarm still
   * ahead of `now` and earlier than `next` is kept: it rings early, finds nothing due and the wake
   * re-arms it. Moving it later would cost a storage write at every customer message, each of which
   * pushes the 24-hour window's end a little further (P1).
   */
  async armAt(next: number | null, now: number): Promise<boolean> {
    if (this.readStored) {
      this.readStored = false;
      this.armedFor = await this.stored();
    }
    if (next === this.armedFor) return false;
    const armed = this.armedFor;
    if (typeof armed === 'number' && armed > now && (next === null || armed < next)) return false;
    this.armedFor = next;
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(Math.max(Date.now(), next - (await clockOffset(this.env))));
    return true;
  }

  /** Wakes the object in `ms` of real time whatever was armed (the next wake re-arms every timer). */
  async soon(ms: number): Promise<void> {
    this.forget();
    await this.storage.setAlarm(Date.now() + ms);
  }

  /** The stored alarm in clock time (null: none). */
  private async stored(): Promise<number | null> {
    const at = await this.storage.getAlarm();
    return at === null ? null : at + (await clockOffset(this.env));
  }
}
