// Contract: the sandbox's signed webhooks checked with our verifySignature on the raw bytes received,
// and parsed by our parser (reference §2.2–2.5).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_APP_SECRET } from '../../../shared/demo';
import { type MessageEvent, parseWebhook, verifySignature } from '../../../worker/whatsapp';
import { ACME, type Delivery, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const NON_ASCII = 'Olá! Ça coûte 20 € — äöå 😀';

async function firstDelivery(): Promise<Delivery> {
  await world.waitForEvents((all) => all.length > 0);
  const delivery = world.receiver.deliveries[0];
  if (!delivery) throw new Error('no delivery');
  return delivery;
}

describe('contract: webhook signatures and payloads', () => {
  it('S1: non-ASCII text arrives as escaped ASCII JSON (lowercase \\u) and verifies over the raw bytes', async () => {
    await world.userSays(SAMUEL, NON_ASCII);
    const delivery = await firstDelivery();
    const text = new TextDecoder().decode(delivery.raw);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(text).toContain('\\u00e4\\u00f6\\u00e5');
    expect(delivery.contentType).toMatch(/^application\/json/);
    expect(delivery.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verifySignature(delivery.raw, delivery.signature, DEMO_APP_SECRET)).toBe(true);
    const { events, problems } = parseWebhook(JSON.parse(text));
    expect(problems).toEqual([]);
    expect((events[0] as MessageEvent).content).toEqual({ kind: 'text', body: NON_ASCII });
  });

  it('S1: one changed byte of a received webhook fails verification', async () => {
    await world.userSays(SAMUEL, NON_ASCII);
    const delivery = await firstDelivery();
    const tampered = delivery.raw.slice();
    const at = new TextDecoder().decode(tampered).indexOf('Ol');
    tampered[at] = 0x6f; // 'O' -> 'o'
    expect(await verifySignature(tampered, delivery.signature, DEMO_APP_SECRET)).toBe(false);
  });

  it('S1: a wrong secret or a missing header fails verification of a received webhook', async () => {
    await world.userSays(SAMUEL, 'hello');
    const delivery = await firstDelivery();
    expect(await verifySignature(delivery.raw, delivery.signature, 'wrong-secret')).toBe(false);
    expect(await verifySignature(delivery.raw, null, DEMO_APP_SECRET)).toBe(false);
  });

  it('S1 I6: a whole conversation of webhooks: every delivery signed, every event parsed without problems', async () => {
    const inbound = await world.userSays(SAMUEL, 'Hi, price list please');
    const client = world.client();
    await client.markAsRead(inbound);
    const text = await client.sendText(SAMUEL, 'Sure, attached.', { bizOpaqueCallbackData: 'm1' });
    const template = await client.sendTemplate(SAMUEL, {
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParams: ['Samuel', 'Alice', 'Monday 10:00'],
    });
    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/read`, {});
    const { events, problems, signatures } = await world.waitForEvents(
      (all) =>
        all.filter((e) => e.type === 'status' && e.status === 'read').length === 2 &&
        all.some((e) => e.type === 'status' && e.messageId === template.messageId),
    );
    expect(problems).toEqual([]);
    expect(signatures.every(Boolean)).toBe(true);
    expect(events[0]).toMatchObject({
      type: 'message',
      messageId: inbound,
      phoneNumberId: ACME.phoneNumberId,
      displayPhoneNumber: '15550100001',
      wabaId: ACME.wabaId,
      profileName: 'Samuel Johnson',
      content: { kind: 'text', body: 'Hi, price list please' },
    });
    const textStatuses = events.filter((e) => e.type === 'status' && e.messageId === text.messageId);
    expect(textStatuses.map((e) => (e.type === 'status' ? e.status : ''))).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    for (const e of events) expect(e.type === 'message' || e.type === 'status').toBe(true);
  });

  it('§2.2 I6: a webhook answered non-200 is retried with the same signed bytes until answered 200', async () => {
    world.receiver.state.refuse = 2;
    await world.userSays(SAMUEL, 'retry me');
    // The retries wait on the sandbox clock (frozen here): move it past the backoff.
    for (let i = 0; i < 10 && world.receiver.deliveries.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await world.advance(5_000);
    }
    const { events, signatures } = await world.waitForEvents((all) => all.length > 0);
    expect(world.receiver.state.refused).toBe(2);
    expect(signatures).toEqual([true]);
    expect(events).toMatchObject([{ type: 'message', content: { kind: 'text', body: 'retry me' } }]);
  });

  it('§2.5 timestamps are strings of Unix seconds, converted to epoch ms on the sandbox clock', async () => {
    await world.userSays(SAMUEL, 'hello');
    await world.advance(90_000);
    const result = await world.client().sendText(SAMUEL, 'later');
    const [sent] = await world.statusesOf(result.messageId, 'sent');
    const { events } = await world.received();
    const inbound = events.find((e) => e.type === 'message');
    expect(sent?.type === 'status' && inbound?.type === 'message').toBe(true);
    if (sent?.type !== 'status' || inbound?.type !== 'message') return;
    expect(inbound.timestamp % 1000).toBe(0);
    expect(sent.timestamp - inbound.timestamp).toBe(90_000);
  });
});
