// P1 / B11: the history list is written behind the conversation's step. When that write fails (the
// directory is unreachable for a moment) the customer's message is still applied and answered, the
// write stays owed in the object's storage, and the alarm writes it once the directory is back.
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ListWriter } from '../../worker/durable-objects/list-writer';
import { customerSays, handle, optedIn } from './conversations-support';
import { call, setupDemo, tokenFor } from './helpers';

let alice = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
});

const lastText = async (conversationId: string) => {
  const res = await call<{ threads: { conversationId: string; lastText: string | null }[] }>(
    'GET',
    '/api/v1/threads',
    { token: alice },
  );
  return res.body.threads.find((t) => t.conversationId === conversationId)?.lastText ?? null;
};

const owedFlag = (stub: DurableObjectStub) =>
  runInDurableObject(
    stub,
    (_instance, state) =>
      state.storage.sql
        .exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'directory_owed'`)
        .toArray()[0]?.value ?? null,
  );

describe('the history list written behind the step (P1, B11)', () => {
  it('a failed directory write leaves the message applied, stays owed, and the alarm writes it', async () => {
    const phone = '+14155550191';
    const { conversationId } = await optedIn(alice, 'Behind Customer', phone);
    await expect.poll(() => lastText(conversationId)).not.toBeNull();
    const { stub } = await handle(conversationId);

    await env.DB.exec('ALTER TABLE thread_index RENAME TO thread_index_away');
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const answer = await customerSays(conversationId, phone, {
        text: 'Still there?',
        timestamp: Date.now(),
      });
      expect(answer.duplicate).toBe(false);
      await expect.poll(() => owedFlag(stub)).toBe('1');
      // The write failed and is owed, and the alarm is armed to retry it within seconds.
      await expect
        .poll(() => runInDurableObject(stub, (_instance, state) => state.storage.getAlarm()))
        .toBeLessThanOrEqual(Date.now() + 11_000);
      expect(await owedFlag(stub)).toBe('1');
    } finally {
      await env.DB.exec('ALTER TABLE thread_index_away RENAME TO thread_index');
      quiet.mockRestore();
    }
    expect(await lastText(conversationId)).not.toBe('Still there?');

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await lastText(conversationId)).toBe('Still there?');
    expect(await owedFlag(stub)).toBe('0');
  });

  it('a customer writing four messages within half a second costs at most two list writes, and the list shows the last (P1)', async () => {
    const phone = '+14155550192';
    const { conversationId } = await optedIn(alice, 'Burst Customer', phone);
    await expect.poll(() => lastText(conversationId)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 600)); // a quiet half second
    const writes = vi.spyOn(ListWriter.prototype, 'write');
    try {
      const start = Date.now();
      for (const text of ['one', 'two', 'three', 'four']) {
        await customerSays(conversationId, phone, { text, timestamp: Date.now() });
        await new Promise((resolve) => setTimeout(resolve, 40)); // each write has time to finish
      }
      const span = Date.now() - start;
      await expect.poll(() => lastText(conversationId)).toBe('four');
      // Writes begin at least half a second apart: the first message's at once (unless one began in
      // the half second before it), the rest shared. Two when the burst took under half a second (a
      // slow machine may stretch it); written at once, each message would cost its own.
      expect(writes.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(writes.mock.calls.length).toBeLessThanOrEqual(1 + Math.ceil((span + 1) / 500));
      expect(writes.mock.calls.length).toBeLessThan(4);
    } finally {
      writes.mockRestore();
    }
  });
});
