// P3: one send pacer per number, shared by all its conversations: grants at least a spacing apart,
// so no one-second window carries more than the limit, a release of the whole queue at once included.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SEND_JITTER_MS } from '../../worker/domain/send-slots';
import { maxInWindow } from '../../scripts/bench/support/send-figures';

/** `senders` at once, each sending `each` messages the way dispatch does; returns the grant times. */
async function drain(name: string, limit: number, senders: number, each: number) {
  const gate = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName(name));
  const grants: number[] = [];
  const retries: number[] = [];
  const sender = async () => {
    for (let sent = 0; sent < each; ) {
      const answer = await gate.acquire(limit);
      if (answer.ok) {
        grants.push(answer.at);
        sent += 1;
      } else {
        retries.push(answer.retryAt);
        await new Promise((r) => setTimeout(r, Math.max(1, answer.retryAt - Date.now())));
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return { grants, retries };
}

describe('number gate (P3)', () => {
  it('P3: 10 conversations sending at once at 80/s: no 1-second window holds more than 80, even sent late by the jitter; waiters come back each at its own time; another number is not held up', async () => {
    const { grants, retries } = await drain('number-a', 80, 10, 12);
    expect(grants).toHaveLength(120);
    const late = grants.map((at, i) => (i % 2 === 0 ? at + SEND_JITTER_MS : at));
    expect(maxInWindow(grants)).toBeLessThanOrEqual(80);
    expect(maxInWindow(late)).toBeLessThanOrEqual(80);
    // Waiters were told to come back, each at its own time (no herd at one instant).
    expect(retries.length).toBeGreaterThan(0);
    expect(new Set(retries).size).toBe(retries.length);
    const other = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName('number-b'));
    expect(await other.acquire(80)).toMatchObject({ ok: true });
  });

  it('P3: a number configured at 1,000/s gets most of its 1,000 in a second, never more than 1,000 in one', async () => {
    const { grants } = await drain('number-fast', 1_000, 20, 60);
    expect(grants).toHaveLength(1_200);
    expect(maxInWindow(grants)).toBeLessThanOrEqual(1_000);
    expect(maxInWindow(grants.map((at, i) => (i % 3 === 0 ? at + SEND_JITTER_MS : at)))).toBeLessThanOrEqual(
      1_000,
    );
  });

  it('P3: a send WhatsApp refused for a rate limit gives its grant back: the next send may go at once', async () => {
    const gate = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName('number-slow'));
    const first = await gate.acquire(1);
    if (!first.ok) throw new Error('an idle number refused its first send');
    expect((await gate.acquire(1)).ok).toBe(false);
    await gate.giveBack(first.at);
    expect(await gate.acquire(1)).toMatchObject({ ok: true });
    expect((await gate.acquire(1)).ok).toBe(false);
  });
});
