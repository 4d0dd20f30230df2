// A sender waiting for the number's pacer (P3): a grant that reaches it too late is handed back and
// asked for again, but never forever — on a machine where every answer is late, the message still
// goes (a pacer that only ever gives late grants would otherwise send nothing at all).
import { describe, expect, it } from 'vitest';
import { MAX_LATE_GRANTS, type Pacer, waitForSlot } from '../../worker/conversations/pace';
import { returnSlot, type SlotSchedule, sendSlots, takeSlot } from '../../worker/domain/send-slots';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);

/** The real pacing rule over a fake clock; each answer reaches the sender `delayMs` after it was made. */
function world(delayMs: () => number) {
  let now = T0;
  let schedule: SlotSchedule | null = null;
  const given: number[] = [];
  const pacer: Pacer = {
    async acquire(limit) {
      const answer = takeSlot(schedule, sendSlots(limit), now);
      schedule = answer.schedule;
      now += delayMs();
      return answer.ok ? { ok: true, at: answer.at } : { ok: false, retryAt: answer.retryAt };
    },
    async giveBack(at) {
      given.push(at);
      schedule = returnSlot(schedule, at);
    },
  };
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
  return { pacer, clock, given, grants: () => schedule?.grantsUs.length ?? 0 };
}

describe('waiting for the send pacer (P3)', () => {
  it('P3: a grant in time is used at once', async () => {
    const w = world(() => 1);
    expect(await waitForSlot(w.pacer, 80, w.clock)).toBe(T0);
    expect(w.given).toEqual([]);
  });

  it('P3: a late grant is handed back and asked for again; the next one in time is used', async () => {
    const delays = [50, 1];
    const w = world(() => delays.shift() ?? 1);
    const at = await waitForSlot(w.pacer, 80, w.clock);
    expect(w.given).toEqual([T0]);
    expect(at).toBeGreaterThan(T0);
    // The handed-back grant no longer counts: only the one used is in the number's second.
    expect(w.grants()).toBe(1);
  });

  it('P3: when every answer is late, the message still goes after a few tries instead of never', async () => {
    const w = world(() => 50);
    await waitForSlot(w.pacer, 80, w.clock);
    expect(w.given).toHaveLength(MAX_LATE_GRANTS);
    expect(w.grants()).toBe(1);
  });
});
