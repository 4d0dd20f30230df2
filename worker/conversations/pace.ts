// Waiting for the number's send pacer (P3) before a send leaves: ask, and when refused sleep until
// the slot named to this sender. A grant that reached the sender too late to keep the pacing exact
// is handed back (it was never used) and asked for again — at most `MAX_LATE_GRANTS` times: on a
// machine so loaded that every answer is late, giving each up would send nothing at all, while one
// late send at most tips a second over, and WhatsApp's 130429 is retried.
import { slotStillUsable } from '../domain/send-slots';

export const MAX_LATE_GRANTS = 3;

export interface Pacer {
  acquire(messagesPerSecond: number): Promise<{ ok: true; at: number } | { ok: false; retryAt: number }>;
  giveBack(at: number): Promise<void>;
}

export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms)))),
};

/** Returns the grant's time (epoch ms) just as the send may leave. */
export async function waitForSlot(
  pacer: Pacer,
  limit: number,
  clock: PaceClock = realClock,
): Promise<number> {
  let late = 0;
  for (;;) {
    const answer = await pacer.acquire(limit);
    if (answer.ok) {
      if (slotStillUsable(answer.at, clock.now()) || late >= MAX_LATE_GRANTS) return answer.at;
      late += 1;
      await pacer.giveBack(answer.at);
      continue;
    }
    while (clock.now() < answer.retryAt) await clock.sleep(answer.retryAt - clock.now());
  }
}
