// P3: one send schedule per number, shared by all its conversations: evenly spaced slots, so no
// one-second window carries more than the limit, a release of the whole queue at once included.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SEND_JITTER_MS } from '../../worker/domain/send-slots';
import { maxInWindow } from './p3-windows';

async function book(name: string, limit: number, count: number): Promise<number[]> {
  const gate = env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName(name));
  const slots: number[] = [];
  for (let i = 0; i < count; i++) slots.push((await gate.reserve(limit)).at);
  return slots;
}

describe('number gate (P3)', () => {
  it('P3: 300 sends asked for at once get slots no 1-second window holds more than 80 of, even sent late by the jitter; another number is not behind them', async () => {
    const slots = await book('number-a', 80, 300);
    // Each send may reach WhatsApp up to the jitter after its slot: the latest arrival of the first
    // ones and the earliest of the later ones are the worst case for a window.
    const late = slots.map((at, i) => (i % 2 === 0 ? at + SEND_JITTER_MS : at));
    expect(maxInWindow(slots)).toBeLessThanOrEqual(80);
    expect(maxInWindow(late)).toBeLessThanOrEqual(80);
    // No burst: one booking is never earlier than the one before it.
    for (let i = 1; i < slots.length; i++) expect(slots[i]).toBeGreaterThan(slots[i - 1] ?? 0);
    // ... and the limit is nearly reached: 300 slots span less than 300 / (0.95 × 80) seconds.
    const span = (slots.at(-1) ?? 0) - (slots[0] ?? 0);
    expect(span).toBeLessThan((299 * 1_000) / (0.95 * 80));
    const [other] = await book('number-b', 80, 1);
    expect(other).toBeLessThan(slots.at(-1) ?? 0);
  });

  it('P3: a number configured at 1,000/s gets 1,000 slots within about a second, never more than 1,000 in one', async () => {
    const slots = await book('number-fast', 1_000, 2_000);
    expect(maxInWindow(slots)).toBeLessThanOrEqual(1_000);
    expect(maxInWindow(slots.map((at, i) => (i % 3 === 0 ? at + SEND_JITTER_MS : at)))).toBeLessThanOrEqual(
      1_000,
    );
    expect(maxInWindow(slots)).toBeGreaterThanOrEqual(950);
  });
});
