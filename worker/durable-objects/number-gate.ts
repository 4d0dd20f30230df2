// One send schedule per business number (SPEC §6, P3), shared by all its conversations: each send
// books an evenly spaced slot (`domain/send-slots`), so no one-second window ever carries more than
// the number's messages-per-second (80 by default, up to 1,000), a burst right after a release
// included. Kept in memory: after a restart the schedule starts empty, which WhatsApp's own 130429
// (retried) still guards.
import { DurableObject } from 'cloudflare:workers';
import { bookSlot, type SlotSchedule, sendSlots } from '../domain/send-slots';

export class NumberGate extends DurableObject {
  private schedule: SlotSchedule | null = null;

  /** Books this send's slot: the instant (epoch ms, real time) from which it may leave. */
  async reserve(messagesPerSecond: number): Promise<{ at: number }> {
    const booked = bookSlot(this.schedule, sendSlots(messagesPerSecond), Date.now());
    this.schedule = booked.schedule;
    return { at: booked.at };
  }
}
