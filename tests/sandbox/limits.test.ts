// Throughput (130429) and pair (131056) limits on the sandbox clock (reference §7; SPEC P3). The base
// clock is frozen so only `POST /sandbox/clock` moves time and the buckets refill exactly.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANA, type Harness, MARIA, NOT_ON_WA, optIn, SAMUEL, startHarness } from './support/harness';
import { GraphErrorSchema } from './support/schemas';

let h: Harness;
const frozen = Date.parse('2026-11-24T09:00:00Z');
beforeAll(async () => {
  h = await startHarness({ now: () => frozen });
});
afterAll(() => h.close());
afterEach(async () => {
  await h.control('DELETE', '/sandbox/faults');
});

const sendMany = async (count: number, to: (i: number) => string) => {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await h.send(optIn(to(i)));
    codes.push(reply.status === 200 ? 0 : GraphErrorSchema.parse(reply.json).error.code);
  }
  return codes;
};

describe('per-number throughput', () => {
  it('130429: the 81st message within one second of sandbox clock is refused (80 mps default)', async () => {
    const users = [SAMUEL, MARIA, ANA, NOT_ON_WA];
    const codes = await sendMany(81, (i) => users[i % users.length] ?? SAMUEL);
    expect(codes.slice(0, 80).every((c) => c === 0)).toBe(true);
    expect(codes[80]).toBe(130429);
    const refused = await h.send(optIn(SAMUEL));
    h.expectError(refused, 130429, 400);
    await h.advance(1_000);
    expect((await h.send(optIn(MARIA))).status).toBe(200);
  });

  it('130429: the limit follows POST /sandbox/faults {throughputPerSecond}', async () => {
    await h.advance(60_000);
    await h.control('POST', '/sandbox/faults', { throughputPerSecond: 5 });
    const codes = await sendMany(7, (i) => [SAMUEL, MARIA][i % 2] ?? SAMUEL);
    expect(codes).toEqual([0, 0, 0, 0, 0, 130429, 130429]);
    await h.advance(999);
    expect(await sendMany(1, () => MARIA)).toEqual([130429]);
    await h.advance(1);
    expect(await sendMany(6, (i) => [SAMUEL, MARIA][i % 2] ?? SAMUEL)).toEqual([0, 0, 0, 0, 0, 130429]);
  });

  it('P3 / 130429: no one-second window holds more than the limit, across a burst and the second after it', async () => {
    await h.advance(60_000);
    await h.control('POST', '/sandbox/faults', { throughputPerSecond: 5 });
    expect(await sendMany(3, () => SAMUEL)).toEqual([0, 0, 0]);
    await h.advance(600);
    // (t-1 s, t] already holds 3: 2 more, not the 5 a refilled bucket would give.
    expect(await sendMany(3, () => MARIA)).toEqual([0, 0, 130429]);
    await h.advance(400);
    // The first 3 left the window; the 2 from 400 ms ago are still in it.
    expect(await sendMany(4, () => ANA)).toEqual([0, 0, 0, 130429]);
  });
});

describe('pair rate limit', () => {
  it('131056: a burst of 45 to one user, then one per 6 s; another user is not affected', async () => {
    await h.advance(10 * 60_000);
    const codes = await sendMany(46, () => '+447700900555');
    expect(codes.slice(0, 45).every((c) => c === 0)).toBe(true);
    expect(codes[45]).toBe(131056);
    h.expectError(await h.send(optIn('+447700900555')), 131056, 400);
    expect((await h.send(optIn('+447700900556'))).status).toBe(200);
    await h.advance(5_999);
    h.expectError(await h.send(optIn('+447700900555')), 131056, 400);
    await h.advance(1);
    expect((await h.send(optIn('+447700900555'))).status).toBe(200);
    h.expectError(await h.send(optIn('+447700900555')), 131056, 400);
  });

  it('131056: the pair limit follows the faults settings', async () => {
    await h.advance(10 * 60_000);
    await h.control('POST', '/sandbox/faults', { pairBurst: 2, pairRefillMs: 1_000 });
    expect(await sendMany(3, () => '+447700900777')).toEqual([0, 0, 131056]);
    await h.advance(1_000);
    expect(await sendMany(2, () => '+447700900777')).toEqual([0, 131056]);
  });
});

describe('inbound traffic', () => {
  it('130429: the customer’s messages use up the number’s throughput too (reference §7)', async () => {
    await h.advance(60_000);
    await h.control('POST', '/sandbox/faults', { throughputPerSecond: 2 });
    await h.userSays(SAMUEL, { text: 'one' });
    await h.userSays(MARIA, { text: 'two' });
    h.expectError(await h.send(optIn(SAMUEL)), 130429, 400);
    await h.advance(1_000);
    expect((await h.send(optIn(SAMUEL))).status).toBe(200);
  });
});
