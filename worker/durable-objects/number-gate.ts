// One send pacer per business number (SPEC §6, P3), shared by all its conversations: a send is
// granted only when the number's last grant is far enough back (`domain/send-slots`), so no
// one-second window ever carries more than the number's messages-per-second (80 by default, up to
// 1,000), a burst right after a release included. Senders whose turn is near wait here in line, and
// one timer grants them in order as the slots come, so a send costs one call to the gate however
// many others wait (asking again from each conversation cost 3.3 calls per send in a 500/s drain,
// and a waiter that woke a moment late lost its turn to the back of the line). One whose turn is
// further off is told when to ask again, so no call is held for long. Kept in memory: after a
// restart the pacing starts afresh, which WhatsApp's own 130429 (retried) still guards.
import { DurableObject } from 'cloudflare:workers';
import { returnSlot, type SlotSchedule, type SlotSpec, sendSlots, takeSlot } from '../domain/send-slots';

/** A sender whose turn is at most this far off waits for it inside the gate. */
export const HOLD_MS = 3_000;

type Answer = { ok: true; at: number } | { ok: false; retryAt: number };

interface Waiter {
  spec: SlotSpec;
  granted(at: number): void;
}

export class NumberGate extends DurableObject {
  private schedule: SlotSchedule | null = null;
  private readonly line: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The last time told to a sender sent away, so each is told its own. */
  private toldUntil = 0;

  /**
   * A send may leave now (`at`: the grant's time, epoch ms), possibly after waiting here in line;
   * or, when its turn is more than `HOLD_MS` off, it is told when to ask again (`retryAt`, a time
   * told to it alone, so those sent away do not come back together).
   */
  async acquire(messagesPerSecond: number): Promise<Answer> {
    const spec = sendSlots(messagesPerSecond);
    const now = Date.now();
    const answer = takeSlot(this.schedule, spec, now);
    if (answer.ok && this.line.length === 0) {
      this.schedule = answer.schedule;
      return { ok: true, at: answer.at };
    }
    // The first free slot, then one spacing for each sender ahead in line.
    const firstFree = answer.ok ? now : answer.retryAt;
    const turn = firstFree + (this.line.length * spec.spacingUs) / 1_000;
    if (turn - now > HOLD_MS) {
      const retryAt = Math.ceil(Math.max(turn, this.toldUntil + spec.spacingUs / 1_000));
      this.toldUntil = retryAt;
      return { ok: false, retryAt };
    }
    return new Promise<Answer>((resolve) => {
      this.line.push({ spec, granted: (at) => resolve({ ok: true, at }) });
      this.grantDue();
    });
  }

  /** The send granted at `at` never used its slot (refused for the pair limit, or its grant came too late). */
  async giveBack(at: number): Promise<void> {
    this.schedule = returnSlot(this.schedule, at);
    this.grantDue();
  }

  /** Grants the senders in line whose slot has come, in order; sets the timer for the next one. */
  private grantDue(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (let head = this.line[0]; head; head = this.line[0]) {
      const answer = takeSlot(this.schedule, head.spec, Date.now());
      if (!answer.ok) {
        // Only the grants are kept: the line, not named slots, says who goes next.
        this.schedule = { grantsUs: answer.schedule.grantsUs, promisedUs: 0 };
        this.timer = setTimeout(() => this.grantDue(), Math.max(1, answer.retryAt - Date.now()));
        return;
      }
      this.schedule = answer.schedule;
      this.line.shift();
      head.granted(answer.at);
    }
  }
}
