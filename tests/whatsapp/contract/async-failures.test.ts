// Contract: failures Meta reports after a 200 (reference §6 "async", §8, §5), read by our webhook
// parser, with our biz_opaque_callback_data round-tripping so an uncertain send can be reconciled (I4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPT_IN_TEMPLATE_NAME } from '../../../shared/demo';
import type { StatusEvent } from '../../../worker/whatsapp';
import { NOBODY, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

async function failedStatus(messageId: string): Promise<StatusEvent> {
  const statuses = await world.statusesOf(messageId, 'failed');
  const failed = statuses.find((s): s is StatusEvent => s.type === 'status' && s.status === 'failed');
  if (!failed) throw new Error('no failed status');
  return failed;
}

describe('contract: asynchronous failures', () => {
  it('I2 131047: a text outside the window is accepted (200) and then fails by webhook, decision requeue_window', async () => {
    const result = await world.client().sendText(SAMUEL, 'Are you still interested?', {
      bizOpaqueCallbackData: 'gl_msg_131047',
    });
    expect(result.messageId).toMatch(/^wamid\./);
    const failed = await failedStatus(result.messageId);
    expect(failed).toMatchObject({ bizOpaqueCallbackData: 'gl_msg_131047', recipientId: '14155550101' });
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatchObject({ code: 131047, title: 'Re-engagement message' });
    expect(failed.errors[0]?.details).toEqual(expect.any(String));
    expect(failed.errors[0]?.decision.action).toBe('requeue_window');
  });

  it('B6 131047: the window closes 24 h after the customer last wrote (sandbox clock)', async () => {
    await world.userSays(SAMUEL, 'hello');
    await world.advance(24 * 60 * 60 * 1000 - 1000);
    const inside = await world.client().sendText(SAMUEL, 'still inside');
    await world.statusesOf(inside.messageId, 'delivered');
    await world.advance(2000);
    const outside = await world.client().sendText(SAMUEL, 'now outside', { bizOpaqueCallbackData: 'late' });
    const failed = await failedStatus(outside.messageId);
    expect(failed.errors[0]?.code).toBe(131047);
    expect(failed.bizOpaqueCallbackData).toBe('late');
  });

  it('B2a 131026: the opt-in to a number not on WhatsApp is accepted and then fails, decision not_on_whatsapp', async () => {
    const result = await world.client().sendTemplate(
      NOBODY,
      {
        name: OPT_IN_TEMPLATE_NAME,
        language: 'en_US',
        bodyParams: ['Friend'],
        quickReplyPayloads: ['y', 'n'],
      },
      { bizOpaqueCallbackData: 'optin_131026' },
    );
    expect(result.input).toBe(NOBODY);
    const failed = await failedStatus(result.messageId);
    expect(failed.bizOpaqueCallbackData).toBe('optin_131026');
    expect(failed.errors[0]).toMatchObject({ code: 131026 });
    expect(failed.errors[0]?.decision.action).toBe('not_on_whatsapp');
  });

  it('131049: a marketing template to a US number is accepted and then fails by webhook', async () => {
    const result = await world
      .client()
      .sendTemplate(
        SAMUEL,
        { name: 'seasonal_offer', language: 'en_US', bodyParams: ['Samuel', '20%'] },
        { bizOpaqueCallbackData: 'promo_1' },
      );
    const failed = await failedStatus(result.messageId);
    expect(failed.bizOpaqueCallbackData).toBe('promo_1');
    expect(failed.errors[0]).toMatchObject({
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    });
    expect(failed.errors[0]?.decision.action).toBe('final');
  });

  it('B7 §5.1: a utility template outside the window is delivered (templates need no window)', async () => {
    const result = await world.client().sendTemplate(SAMUEL, {
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParams: ['Samuel', 'Alice', 'Monday 10:00'],
    });
    const statuses = await world.statusesOf(result.messageId, 'delivered');
    expect(statuses.map((s) => (s.type === 'status' ? s.status : ''))).toEqual(['sent', 'delivered']);
  });

  it('B6 §5.1: nothing the business sends opens the window: a template, then a text still fails with 131047', async () => {
    const client = world.client();
    const template = await client.sendTemplate(SAMUEL, {
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParams: ['Samuel', 'Alice', 'Monday 10:00'],
    });
    await world.statusesOf(template.messageId, 'delivered');
    const text = await client.sendText(SAMUEL, 'follow-up text');
    expect((await failedStatus(text.messageId)).errors[0]?.code).toBe(131047);
  });

  it('B6 §5.1: a quick-reply tap is a customer message and opens the window', async () => {
    const client = world.client();
    const optIn = await client.sendTemplate(SAMUEL, {
      name: OPT_IN_TEMPLATE_NAME,
      language: 'en_US',
      bodyParams: ['Samuel'],
      quickReplyPayloads: ['optin:yes', 'optin:no'],
    });
    await world.statusesOf(optIn.messageId, 'delivered');
    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`, {
      button: { payload: 'optin:yes', text: 'Yes' },
      contextId: optIn.messageId,
    });
    const text = await client.sendText(SAMUEL, 'Thanks for opting in!');
    const statuses = await world.statusesOf(text.messageId, 'delivered');
    expect(statuses.map((s) => (s.type === 'status' ? s.status : ''))).toEqual(['sent', 'delivered']);
  });

  it('§5.3 a user who blocked the number: the message stays `sent`, never delivered, and no error is reported', async () => {
    await world.userSays(SAMUEL, 'hello');
    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/block`, {});
    const result = await world.client().sendText(SAMUEL, 'are you there?');
    await world.statusesOf(result.messageId, 'sent');
    await world.advance(60_000);
    const { pending } = (await world.control('GET', '/sandbox/webhooks')) as { pending: number };
    expect(pending).toBe(0);
    const { events } = await world.received();
    const ours = events.filter((e) => e.type === 'status' && e.messageId === result.messageId);
    expect(ours.map((e) => (e.type === 'status' ? e.status : ''))).toEqual(['sent']);
  });

  it('131050 (forced by the faults knob): a marketing stop arrives as a failed status after a 200', async () => {
    await world.faults({ sendErrors: [{ code: 131050, count: 1 }] });
    const result = await world
      .client()
      .sendTemplate(
        '+14155550102',
        { name: 'seasonal_offer', language: 'en_US', bodyParams: ['Maria', '10%'] },
        { bizOpaqueCallbackData: 'promo_2' },
      );
    const failed = await failedStatus(result.messageId);
    expect(failed.bizOpaqueCallbackData).toBe('promo_2');
    expect(failed.errors[0]?.code).toBe(131050);
  });

  it.each([
    [131000, 'retry'],
    [133010, 'pause_number'],
    [131031, 'pause_number'],
  ] as const)('forced synchronous %i is an API error with decision %s', async (code, action) => {
    await world.userSays(SAMUEL, 'hello');
    await world.faults({ sendErrors: [{ code, count: 1, mode: 'sync' }] });
    const error = await world
      .client()
      .sendText(SAMUEL, 'x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'WhatsAppApiError',
      code,
      decision: expect.objectContaining({ action }),
    });
  });

  it('I4: failed statuses arrive signed and parse without problems', async () => {
    const result = await world.client().sendText(SAMUEL, 'outside the window');
    await world.statusesOf(result.messageId, 'failed');
    const { problems, signatures } = await world.received();
    expect(problems).toEqual([]);
    expect(signatures.length).toBeGreaterThan(0);
    expect(signatures.every(Boolean)).toBe(true);
  });
});
