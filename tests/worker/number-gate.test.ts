// P3: one send pacer per number, shared by all its conversations: grants at least a spacing apart,
// so no one-second window carries more than the limit, a release of the whole queue at once included.
// A sender whose slot is near waits for it inside the gate (one call per send); one whose slot is
// further off than HOLD_MS is told when to ask again, each waiter its own time.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { maxInWindow } from '../../scripts/bench/support/send-figures';
import { SEND_JITTER_MS } from '../../worker/domain/send-slots';
import { HOLD_MS } from '../../worker/durable-objects/number-gate';

const gateFor = (name: string) => env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName(name));

/** `senders` at once, each sending `each` messages the way dispatch does; returns the grant times. */
async function drain(name: string, limit: number, senders: number, each: number) {
  const gate = gateFor(name);
  const grants: number[] = [];
  let asked = 0;
  const sender = async () => {
    for (let sent = 0; sent < each; ) {
      asked += 1;
      const answer = await gate.acquire(limit);
      if (answer.ok) {
        grants.push(answer.at);
        sent += 1;
      } else {
        await new Promise((r) => setTimeout(r, Math.max(1, answer.retryAt - Date.now())));
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return { grants, asked };
}

describe('number gate (P3)', () => {
  it('P3: 10 conversations sending at once at 80/s: no 1-second window holds more than 80, even sent late by the jitter; each send asks once; another number is not held up', async () => {
    const { grants, asked } = await drain('number-a', 80, 10, 12);
    expect(grants).toHaveLength(120);
    const late = grants.map((at, i) => (i % 2 === 0 ? at + SEND_JITTER_MS : at));
    expect(maxInWindow(grants)).toBeLessThanOrEqual(80);
    expect(maxInWindow(late)).toBeLessThanOrEqual(80);
    // Every wait was short: each send waited for its slot inside the gate, not asking again.
    expect(asked).toBe(120);
    expect(await gateFor('number-b').acquire(80)).toMatchObject({ ok: true });
  });

  it('P3: a number configured at 1,000/s gets most of its 1,000 in a second, never more than 1,000 in one', async () => {
    const { grants } = await drain('number-fast', 1_000, 20, 60);
    expect(grants).toHaveLength(1_200);
    expect(maxInWindow(grants)).toBeLessThanOrEqual(1_000);
    expect(maxInWindow(grants.map((at, i) => (i % 3 === 0 ? at + SEND_JITTER_MS : at)))).toBeLessThanOrEqual(
      1_000,
    );
  });

  it('P3: at 1/s, senders whose slot is within HOLD_MS wait for it in the gate; the others are told when to come back, each at its own time', async () => {
    const gate = gateFor('number-one');
    const asked = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => gate.acquire(1)));
    const granted = answers.flatMap((a) => (a.ok ? [a.at] : [])).sort((a, b) => a - b);
    const told = answers.flatMap((a) => (a.ok ? [] : [a.retryAt]));
    // One at once, then one a second (and the jitter) apart while the slot is within HOLD_MS (a
    // waiter woken late behind other work may lose its turn and be told to come back instead).
    expect(granted.length).toBeGreaterThanOrEqual(2);
    expect(granted.length).toBeLessThanOrEqual(Math.floor(HOLD_MS / (1_000 + SEND_JITTER_MS)) + 1);
    for (let i = 1; i < granted.length; i++) {
      expect((granted[i] ?? 0) - (granted[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000 + SEND_JITTER_MS);
    }
    expect(told.length).toBe(5 - granted.length);
    for (const retryAt of told) expect(retryAt - asked).toBeGreaterThan(HOLD_MS);
    expect(new Set(told).size).toBe(told.length);
  });

  it('P3: a send WhatsApp refused for a rate limit gives its grant back: the next send may go at once', async () => {
    const gate = gateFor('number-slow');
    const first = await gate.acquire(1);
    if (!first.ok) throw new Error('an idle number refused its first send');
    await gate.giveBack(first.at);
    const second = await gate.acquire(1);
    if (!second.ok) throw new Error('the returned slot was not given again');
    expect(second.at - first.at).toBeLessThan(500);
    // Not given back: the next one waits its second.
    const third = await gate.acquire(1);
    expect(third.ok && third.at - second.at).toBeGreaterThanOrEqual(1_000);
  });
});
