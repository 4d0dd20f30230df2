// Webhook delivery (reference §2.2–2.3, §2.7, §10.6; SPEC S1): the envelope, ASCII-escaped JSON signed
// with the app secret over the exact bytes, delivery in order, retries until 200, and fault knobs.

import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACME, type Harness, MARIA, NOT_ON_WA, optIn, SAMUEL, startHarness, text } from './support/harness';
import { verifySignature } from './support/receiver';
import { inboundOf } from './support/schemas';

const LogSchema = z.object({
  pending: z.number(),
  deliveries: z.array(
    z.object({
      state: z.string(),
      attempts: z.array(
        z.object({
          at: z.number(),
          status: z.number().optional(),
          retryAt: z.number().optional(),
          retryInMs: z.number().optional(),
        }),
      ),
    }),
  ),
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('signing and encoding', () => {
  it('S1: X-Hub-Signature-256 is the HMAC-SHA256 of the raw bytes with the app secret; non-ASCII is \\u-escaped lowercase', async () => {
    h = await startHarness();
    const wamid = await h.userSays(SAMUEL, { text: 'Olá, café 😀 ÄÖ' });
    const inbound = await h.waitInbound(wamid);
    expect(inbound.text?.body).toBe('Olá, café 😀 ÄÖ');
    const hook = h.receiver.received.find((w) => inboundOf(w.envelope).some((m) => m.id === wamid));
    if (!hook) throw new Error('no webhook');
    expect(hook.signatureValid).toBe(true);
    expect(hook.signature).toBe(
      `sha256=${createHmac('sha256', 'sandbox-app-secret').update(hook.raw).digest('hex')}`,
    );
    const raw = hook.raw.toString('latin1');
    expect([...hook.raw].every((b) => b < 0x80)).toBe(true);
    expect(raw).toContain('Ol\\u00e1, caf\\u00e9 \\ud83d\\ude00 \\u00c4\\u00d6');
    // Verifying against re-serialised JSON fails for non-ASCII text, which is why receivers must use raw bytes.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw)));
    expect(verifySignature(reserialised, hook.signature, 'sandbox-app-secret')).toBe(false);
    // One changed byte, a wrong secret or a missing header fail.
    const tampered = Buffer.from(hook.raw);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(verifySignature(tampered, hook.signature, 'sandbox-app-secret')).toBe(false);
    expect(verifySignature(hook.raw, hook.signature, 'another-secret')).toBe(false);
    expect(verifySignature(hook.raw, undefined, 'sandbox-app-secret')).toBe(false);
  });

  it('the app secret is configurable', async () => {
    h = await startHarness({ appSecret: 'other-secret' });
    const wamid = await h.userSays(SAMUEL, { text: 'hi' });
    await h.waitInbound(wamid);
    const hook = h.receiver.received[0];
    expect(hook && verifySignature(hook.raw, hook.signature, 'other-secret')).toBe(true);
  });

  it('§2.3 envelope: entry id = WABA id, metadata, contacts with wa_id; Brazil: `from` is the phone, wa_id drops the ninth digit', async () => {
    h = await startHarness();
    const wamid = await h.userSays('+5511912345678', { text: 'Oi' });
    await h.waitInbound(wamid);
    const env = h.receiver.received[0]?.envelope;
    expect(env).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: ACME.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100001', phone_number_id: ACME.phoneNumberId },
                contacts: [{ profile: { name: 'Ana Souza' }, wa_id: '551112345678' }],
                messages: [{ from: '5511912345678', id: wamid, type: 'text', text: { body: 'Oi' } }],
              },
            },
          ],
        },
      ],
    });
  });
});

describe('delivery, order and retries', () => {
  it('webhooks arrive in the order events happened', async () => {
    h = await startHarness();
    const ids: string[] = [];
    for (const t of ['one', 'two', 'three', 'four']) ids.push(await h.userSays(SAMUEL, { text: t }));
    await h.receiver.waitForCount(4);
    expect(h.receiver.received.flatMap((w) => inboundOf(w.envelope).map((m) => m.text?.body))).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
  });

  it('a webhook is retried with growing backoff until answered 200, and later ones wait behind it', async () => {
    h = await startHarness({ respond: (n) => (n <= 3 ? 500 : 200) });
    const first = await h.userSays(SAMUEL, { text: 'first' });
    const second = await h.userSays(SAMUEL, { text: 'second' });
    await h.receiver.waitForCount(2);
    expect(h.receiver.attempts).toBe(5);
    expect(h.receiver.received.map((w) => inboundOf(w.envelope)[0]?.id)).toEqual([first, second]);
    const log = await h.control('GET', '/sandbox/webhooks');
    const deliveries = LogSchema.parse(log.json).deliveries;
    const attempts = deliveries[0]?.attempts ?? [];
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    expect(attempts.map((a) => a.retryInMs)).toEqual([20, 40, 80, undefined]);
    for (const [i, a] of attempts.slice(1).entries())
      expect(a.at).toBeGreaterThanOrEqual(attempts[i]?.retryAt ?? 0);
    expect(attempts[3]?.retryAt).toBeUndefined();
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered']);
  });

  it('retries are due on the sandbox clock: advancing it delivers at once', async () => {
    let down = true;
    h = await startHarness({
      respond: () => (down ? 503 : 200),
      webhookRetry: { initialDelayMs: 60 * 60_000, maxDelayMs: 60 * 60_000 },
    });
    const wamid = await h.userSays(SAMUEL, { text: 'while you were down' });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.receiver.received).toHaveLength(0);
    down = false;
    await h.advance(60 * 60_000);
    await h.waitInbound(wamid);
  });

  it('a webhook is dropped after the configured number of attempts and the next one goes out', async () => {
    h = await startHarness({
      respond: (n) => (n <= 2 ? 500 : 200),
      webhookRetry: { initialDelayMs: 10, maxAttempts: 2 },
    });
    await h.userSays(SAMUEL, { text: 'lost' });
    const kept = await h.userSays(SAMUEL, { text: 'kept' });
    await h.waitInbound(kept);
    expect(h.receiver.received).toHaveLength(1);
    const log = await h.control('GET', '/sandbox/webhooks');
    expect(log.json).toMatchObject({ deliveries: [{ state: 'dropped' }, { state: 'delivered' }] });
  });

  it('a webhook still unanswered past the retry horizon (sandbox clock) is dropped', async () => {
    const frozen = Date.parse('2026-11-24T09:00:00Z');
    h = await startHarness({
      now: () => frozen,
      respond: () => 500,
      webhookRetry: { initialDelayMs: 600, factor: 2, horizonMs: 1_000 },
    });
    await h.userSays(SAMUEL, { text: 'into the void' });
    await expect.poll(() => h?.receiver.attempts).toBe(1);
    await h.advance(600);
    await expect.poll(() => h?.receiver.attempts).toBe(2);
    await expect
      .poll(
        async () =>
          LogSchema.parse((await h?.control('GET', '/sandbox/webhooks'))?.json).deliveries[0]?.state,
      )
      .toBe('dropped');
    await h.advance(60_000);
    expect(h.receiver.attempts).toBe(2);
  });

  it('webhookUrl null disables delivery; the log says so', async () => {
    h = await startHarness({ webhookUrl: null });
    await h.userSays(SAMUEL, { text: 'nobody listens' });
    expect(h.receiver.attempts).toBe(0);
    expect((await h.control('GET', '/sandbox/webhooks')).json).toMatchObject({
      deliveries: [{ state: 'disabled' }],
    });
  });
});

describe('faults', () => {
  it('webhookDuplicateRate 1: every event arrives twice with the same ids', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/faults', { webhookDuplicateRate: 1 });
    const wamid = await h.userSays(SAMUEL, { text: 'dup' });
    await h.receiver.waitForCount(2);
    await h.control('DELETE', '/sandbox/faults');
    expect(h.receiver.received.map((w) => inboundOf(w.envelope)[0]?.id)).toEqual([wamid, wamid]);
  });

  it('webhookFailCount: the next N deliveries fail and are retried; nothing is lost', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/faults', { webhookFailCount: 2 });
    const wamid = await h.userSays(SAMUEL, { text: 'eventually' });
    await h.waitInbound(wamid);
    const log = await h.control('GET', '/sandbox/webhooks');
    expect(log.json).toMatchObject({
      deliveries: [
        {
          attempts: [
            { error: expect.stringContaining('simulated') },
            { error: expect.any(String) },
            { status: 200 },
          ],
        },
      ],
    });
  });

  it('webhookReorderRate 1: a later event can overtake an earlier queued one', async () => {
    // A slow delivery keeps the first event in flight while the next ones queue up behind it.
    h = await startHarness({ faults: { webhookDelayMs: 300 } });
    await h.control('POST', '/sandbox/faults', { webhookReorderRate: 1 });
    await h.userSays(SAMUEL, { text: 'a' });
    await h.userSays(SAMUEL, { text: 'b' });
    await h.userSays(SAMUEL, { text: 'c' });
    await h.receiver.waitForCount(3);
    const order = h.receiver.received.map((w) => inboundOf(w.envelope)[0]?.text?.body);
    expect(order).not.toEqual(['a', 'b', 'c']);
    expect([...order].sort()).toEqual(['a', 'b', 'c']);
  });

  it('webhookDelayMs holds each delivery back', async () => {
    h = await startHarness({ faults: { webhookDelayMs: 300 } });
    const started = Date.now();
    await h.waitInbound(await h.userSays(SAMUEL, { text: 'slow' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('forced send errors: sync codes answer with Meta’s HTTP status, async ones fail by webhook, count runs out', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/faults', { sendErrors: [{ code: 131000, count: 1 }] });
    h.expectError(await h.send(optIn(SAMUEL)), 131000, 500);
    await h.sendOk(optIn(SAMUEL));
    await h.control('POST', '/sandbox/faults', { sendErrors: [{ code: 131026, to: MARIA }] });
    await h.sendOk(optIn(SAMUEL));
    const failed = await h.sendOk(optIn(MARIA));
    expect((await h.waitStatus(failed, 'failed')).errors?.[0]?.code).toBe(131026);
    await h.control('POST', '/sandbox/faults', { sendErrors: [{ code: 130429, rate: 0.5 }], seed: 7 });
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await h.send(optIn(NOT_ON_WA))).status);
    expect(codes.filter((s) => s === 400).length).toBeGreaterThan(3);
    expect(codes.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect((await h.control('DELETE', '/sandbox/faults')).json).toMatchObject({
      sendErrors: [],
      throughputPerSecond: 80,
    });
    await h.sendOk(text(SAMUEL, 'back to normal'));
  });

  it('forced send errors: httpStatus answers a sync error with another HTTP status (429), Meta’s envelope kept, nothing sent', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/faults', {
      sendErrors: [{ code: 130429, count: 1, httpStatus: 429 }],
    });
    h.expectError(await h.send(text(SAMUEL, 'throttled')), 130429, 429);
    await h.sendOk(text(SAMUEL, 'let through'));
    const inbox = await h.control('GET', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`);
    expect(JSON.stringify(inbox.json)).not.toContain('throttled');
    expect(
      (await h.control('POST', '/sandbox/faults', { sendErrors: [{ code: 4, httpStatus: 200 }] })).status,
    ).toBe(400);
  });

  it('the same seed gives the same fault outcomes', async () => {
    const run = async () => {
      const one = await startHarness();
      await one.control('POST', '/sandbox/faults', { sendErrors: [{ code: 131000, rate: 0.5 }], seed: 42 });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await one.send(optIn(NOT_ON_WA))).status);
      await one.close();
      return codes;
    };
    expect(await run()).toEqual(await run());
  });

  it('GET /sandbox/faults shows the settings; bad input is 400 and changes nothing', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/faults', { webhookDuplicateRate: 0.25 });
    const bad = await h.control('POST', '/sandbox/faults', {
      webhookDuplicateRate: 2,
      throughputPerSecond: 3,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('webhookDuplicateRate') },
    });
    expect((await h.control('POST', '/sandbox/faults', { sendErrors: [{ code: 999 }] })).status).toBe(400);
    expect((await h.control('POST', '/sandbox/faults', { surprise: true })).status).toBe(400);
    expect((await h.control('GET', '/sandbox/faults')).json).toMatchObject({
      webhookDuplicateRate: 0.25,
      throughputPerSecond: 80,
      sendErrors: [],
    });
  });
});
