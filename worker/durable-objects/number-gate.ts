// One send pacer per business number (SPEC §6, P3), shared by all its conversations: a send is
// granted only when the number's last grant is far enough back (`domain/send-slots`), so no
// one-second window ever carries more than the number's messages-per-second (80 by default, up to
// 1,000), a burst right after a release included. A sender whose slot is near waits for it here, so
// a send costs one call to the gate however many others wait (asking again from each conversation
// cost 3.3 calls per send in a 500/s drain); one whose slot is further off is told when to ask
// again, so no call is held for long. Kept in memory: after a restart the pacing starts afresh,
// which WhatsApp's own 130429 (retried) still guards.
import { DurableObject } from 'cloudflare:workers';
import { returnSlot, type SlotSchedule, sendSlots, takeSlot } from '../domain/send-slots';

/** A sender whose slot is at most this far off waits for it inside the gate. */
export const HOLD_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));

export class NumberGate extends DurableObject {
  private schedule: SlotSchedule | null = null;

  /**
   * A send may leave now (`at`: the grant's time, epoch ms), possibly after waiting here for the slot
   * named to it; or, when that slot is more than `HOLD_MS` off, it is told when to ask again
   * (`retryAt`, a slot named to it alone, so waiters do not come back together).
   */
  async acquire(
    messagesPerSecond: number,
  ): Promise<{ ok: true; at: number } | { ok: false; retryAt: number }> {
    const spec = sendSlots(messagesPerSecond);
    for (;;) {
      const answer = takeSlot(this.schedule, spec, Date.now());
      this.schedule = answer.schedule;
      if (answer.ok) return { ok: true, at: answer.at };
      if (answer.retryAt - Date.now() > HOLD_MS) return { ok: false, retryAt: answer.retryAt };
      while (Date.now() < answer.retryAt) await sleep(answer.retryAt - Date.now());
    }
  }

  /** The send granted at `at` never used its slot (refused for the pair limit, or its grant came too late). */
  async giveBack(at: number): Promise<void> {
    this.schedule = returnSlot(this.schedule, at);
  }
}
