// One send pacer per business number (SPEC §6, P3), shared by all its conversations: a send is
// granted only when the number's last grant is far enough back (`domain/send-slots`), so no
// one-second window ever carries more than the number's messages-per-second (80 by default, up to
// 1,000), a burst right after a release included. Kept in memory: after a restart the pacing starts
// afresh, which WhatsApp's own 130429 (retried) still guards.
import { DurableObject } from 'cloudflare:workers';
import { returnSlot, type SlotSchedule, sendSlots, takeSlot } from '../domain/send-slots';

export class NumberGate extends DurableObject {
  private schedule: SlotSchedule | null = null;

  /**
   * A send may leave now (`at`: the grant's time, epoch ms), or is told when to ask again
   * (`retryAt`, a slot named to it alone, so waiters do not come back together).
   */
  async acquire(
    messagesPerSecond: number,
  ): Promise<{ ok: true; at: number } | { ok: false; retryAt: number }> {
    const answer = takeSlot(this.schedule, sendSlots(messagesPerSecond), Date.now());
    this.schedule = answer.schedule;
    return answer.ok ? { ok: true, at: answer.at } : { ok: false, retryAt: answer.retryAt };
  }

  /** The send granted at `at` never used its slot (refused for the pair limit, or its grant came too late). */
  async giveBack(at: number): Promise<void> {
    this.schedule = returnSlot(this.schedule, at);
  }
}
