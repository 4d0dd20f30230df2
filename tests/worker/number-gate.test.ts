// P3: one throughput limiter per number, shared by all its conversations.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('number gate (P3)', () => {
  it('P3: 80 sends in a burst pass, the 81st waits for the next token; another number is not affected', async () => {
    const gate = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName('number-a'));
    const started = Date.now();
    const answers = [];
    for (let i = 0; i < 300; i++) answers.push(await gate.acquire(80));
    const elapsed = Date.now() - started;
    const granted = answers.filter((a) => a.ok).length;
    // Never more than the burst plus what refilled meanwhile (80 per second).
    expect(granted).toBeGreaterThanOrEqual(80);
    expect(granted).toBeLessThanOrEqual(80 + Math.ceil((elapsed * 80) / 1_000) + 1);
    const refused = answers.find((a) => !a.ok);
    expect(refused).toBeDefined();
    if (refused && !refused.ok) expect(refused.retryAt - Date.now()).toBeLessThanOrEqual(1_000 / 80 + 5);
    const other = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName('number-b'));
    expect(await other.acquire(80)).toEqual({ ok: true });
  });

  it('P3: a number configured up to 1,000/s allows that many', async () => {
    const gate = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName('number-fast'));
    let ok = 0;
    for (let i = 0; i < 1_000; i++) if ((await gate.acquire(1_000)).ok) ok += 1;
    expect(ok).toBeGreaterThanOrEqual(1_000);
  });
});
