// What happens after a 200 (reference §2.5, §5, §10.3–5): the 24 h window opened only by the user,
// asynchronous failures 131047 / 131026 / 131049, sent -> delivered -> read with pricing, the callback
// data echoed, blocked users, and what the user's phone received.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOUR, MINUTE } from '../../shared/time';
import {
  ANA,
  type Harness,
  MARIA,
  NOT_ON_WA,
  optIn,
  SAMUEL,
  startHarness,
  template,
  text,
} from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const failedWith = async (wamid: string, code: number) => {
  const status = await h.waitStatus(wamid, 'failed');
  expect(status.errors).toHaveLength(1);
  const error = status.errors?.[0];
  expect(error).toMatchObject({
    code,
    title: expect.any(String),
    message: expect.any(String),
    href: expect.any(String),
  });
  expect(error?.error_data.details.length).toBeGreaterThan(10);
  return status;
};

describe('B6: the 24 h customer-service window', () => {
  it('131047: a free-form text before the user ever wrote is accepted (200) then fails by webhook', async () => {
    const wamid = await h.sendOk(text(MARIA, 'Hello Maria'));
    await failedWith(wamid, 131047);
    expect(h.statusesOf(wamid).map((s) => s.status)).toEqual(['failed']);
  });

  it('B6: a business template does not open the window; the user’s text does, for 24 h of sandbox clock', async () => {
    await h.sendOk(template(MARIA, 'meeting_follow_up', ['Maria', 'Alice', 'Acme']));
    await failedWith(await h.sendOk(text(MARIA, 'after template')), 131047);

    await h.userSays(MARIA, { text: 'Hi!' });
    const inside = await h.sendOk(text(MARIA, 'inside the window'));
    await h.waitStatus(inside, 'delivered');

    await h.advance(23 * HOUR + 59 * MINUTE);
    await h.waitStatus(await h.sendOk(text(MARIA, 'still inside')), 'delivered');
    await h.advance(2 * MINUTE);
    await failedWith(await h.sendOk(text(MARIA, 'too late')), 131047);
  });

  it('B6: a quick-reply tap opens the window', async () => {
    const tpl = await h.sendOk(optIn(SAMUEL));
    await h.waitStatus(tpl, 'delivered');
    await h.advance(25 * HOUR);
    await failedWith(await h.sendOk(text(SAMUEL, 'closed')), 131047);
    await h.userSays(SAMUEL, { button: { payload: 'Yes', text: 'Yes' }, contextId: tpl });
    await h.waitStatus(await h.sendOk(text(SAMUEL, 'thanks for opting in')), 'delivered');
  });

  it('B6: a picture from the user opens the window', async () => {
    await h.advance(25 * HOUR);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    await h.userSays(ANA, { image: { base64: png.toString('base64'), mimeType: 'image/png' } });
    await h.waitStatus(await h.sendOk(text(ANA, 'nice picture')), 'delivered');
  });

  it('131047 also for pictures and interactive messages outside the window; templates still go', async () => {
    await h.advance(25 * HOUR);
    const image = {
      messaging_product: 'whatsapp',
      to: MARIA,
      type: 'image',
      image: { link: 'https://example.com/a.png' },
    };
    await failedWith(await h.sendOk(image), 131047);
    await h.waitStatus(
      await h.sendOk(template(MARIA, 'appointment_reminder', ['Maria', 'Alice', 'Monday'])),
      'delivered',
    );
  });
});

describe('asynchronous failures', () => {
  it('131026: a number that is not on WhatsApp gets 200, then a failed status', async () => {
    const wamid = await h.sendOk(optIn(NOT_ON_WA, 'Someone'));
    await failedWith(wamid, 131026);
  });

  it('131026: a number the sandbox has never heard of too', async () => {
    await failedWith(await h.sendOk(optIn('+447700900123', 'Someone')), 131026);
  });

  it('131049: a MARKETING template to a US number fails by webhook; to Brazil it is delivered', async () => {
    await failedWith(await h.sendOk(template(SAMUEL, 'seasonal_offer', ['Samuel', '20%'])), 131049);
    await h.waitStatus(await h.sendOk(template(ANA, 'seasonal_offer', ['Ana', '20%'])), 'delivered');
  });
});

describe('status progression', () => {
  it('sent -> delivered -> read with pricing on sent and delivered; biz_opaque_callback_data in every status', async () => {
    await h.control('POST', `/sandbox/users/${MARIA}/read`, {});
    const wamid = await h.sendOk(optIn(MARIA, 'Maria'), {});
    const tagged = await h.sendOk(
      template(MARIA, 'appointment_reminder', ['Maria', 'Alice', 'Monday'], {
        biz_opaque_callback_data: 'msg-42',
      }),
    );
    const sent = await h.waitStatus(tagged, 'sent');
    const delivered = await h.waitStatus(tagged, 'delivered');
    expect(sent.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      category: 'utility',
      type: 'regular',
    });
    expect(delivered.pricing).toEqual(sent.pricing);
    expect(sent.recipient_id).toBe('14155550102');

    const read = await h.control('POST', `/sandbox/users/${MARIA}/read`, {});
    expect(read).toMatchObject({ status: 200, json: { read: 2 } });
    const readStatus = await h.waitStatus(tagged, 'read');
    expect(readStatus.pricing).toBeUndefined();
    await h.waitStatus(wamid, 'read');
    expect(h.statusesOf(tagged).map((s) => [s.status, s.biz_opaque_callback_data])).toEqual([
      ['sent', 'msg-42'],
      ['delivered', 'msg-42'],
      ['read', 'msg-42'],
    ]);
  });

  it('pricing: free-form in the window is free_customer_service; a utility template in the window too', async () => {
    await h.userSays(SAMUEL, { text: 'question' });
    const free = await h.waitStatus(await h.sendOk(text(SAMUEL, 'answer')), 'sent');
    expect(free.pricing).toEqual({
      billable: false,
      pricing_model: 'PMP',
      category: 'service',
      type: 'free_customer_service',
    });
    const utility = await h.waitStatus(
      await h.sendOk(template(SAMUEL, 'appointment_reminder', ['Samuel', 'Alice', 'Monday'])),
      'sent',
    );
    expect(utility.pricing).toMatchObject({
      billable: false,
      category: 'utility',
      type: 'free_customer_service',
    });
  });

  it('B9 §2.5: with skipDeliveredRate 1, read arrives without delivered and carries the pricing', async () => {
    await h.control('POST', `/sandbox/users/${MARIA}/read`, {});
    await h.control('POST', '/sandbox/faults', { skipDeliveredRate: 1 });
    const wamid = await h.sendOk(template(MARIA, 'appointment_reminder', ['Maria', 'Alice', 'Friday']));
    await h.waitStatus(wamid, 'sent');
    await h.control('DELETE', '/sandbox/faults');
    await h.control('POST', `/sandbox/users/${MARIA}/read`, {});
    const read = await h.waitStatus(wamid, 'read');
    expect(read.pricing).toMatchObject({ billable: true, category: 'utility', type: 'regular' });
    expect(h.statusesOf(wamid).map((s) => s.status)).toEqual(['sent', 'read']);
  });

  it('failed biz_opaque_callback_data is echoed too', async () => {
    const wamid = await h.sendOk(optIn(NOT_ON_WA, 'X'), {});
    const tagged = await h.sendOk({ ...optIn(NOT_ON_WA, 'X'), biz_opaque_callback_data: 'ours-7' });
    expect((await h.waitStatus(tagged, 'failed')).biz_opaque_callback_data).toBe('ours-7');
    expect((await h.waitStatus(wamid, 'failed')).biz_opaque_callback_data).toBeUndefined();
  });
});

describe('blocked users', () => {
  it('a user who blocked the number leaves messages at sent forever; unblocking delivers only new ones', async () => {
    expect((await h.control('POST', `/sandbox/users/${ANA}/block`, {})).status).toBe(200);
    const blocked = await h.sendOk(optIn(ANA, 'Ana'));
    await h.waitStatus(blocked, 'sent');
    await h.advance(48 * HOUR);
    await h.control('POST', `/sandbox/users/${ANA}/read`, {});
    await h.control('POST', `/sandbox/users/${ANA}/unblock`, {});
    const after = await h.sendOk(optIn(ANA, 'Ana'));
    await h.waitStatus(after, 'delivered');
    expect(h.statusesOf(blocked).map((s) => s.status)).toEqual(['sent']);
    const inbox = await h.control('GET', `/sandbox/users/${ANA}/messages`);
    expect(inbox.json).toMatchObject({ user: { blocked: [] } });
  });

  it('a blocked user cannot write to the number they blocked (409)', async () => {
    await h.control('POST', `/sandbox/users/${ANA}/block`, { phoneNumberId: '100000000000001' });
    const reply = await h.control('POST', `/sandbox/users/${ANA}/messages`, {
      text: 'hi',
      to: '100000000000001',
    });
    expect(reply.status).toBe(409);
    await h.control('POST', `/sandbox/users/${ANA}/unblock`, {});
  });
});

describe('what the user received', () => {
  it('GET /sandbox/users/{phone}/messages lists template name, params, rendered body, buttons, sender, time and state', async () => {
    const wamid = await h.sendOk(optIn(SAMUEL, 'Samuel'));
    await h.waitStatus(wamid, 'delivered');
    const inbox = await h.control('GET', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`);
    expect(inbox.status).toBe(200);
    const messages = z
      .object({ messages: z.array(z.looseObject({ wamid: z.string() })) })
      .parse(inbox.json).messages;
    expect(messages.find((m) => m.wamid === wamid)).toMatchObject({
      type: 'template',
      from: { phoneNumberId: '100000000000001', displayPhoneNumber: '+15550100001' },
      template: {
        name: 'greenline_opt_in',
        params: ['Samuel'],
        body: expect.stringMatching(/^Hi Samuel, Acme would like/),
        buttons: [
          { text: 'Yes', payload: 'Yes' },
          { text: 'No', payload: 'No' },
        ].map((b, index) => ({ ...b, index })),
      },
      state: 'delivered',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('quick-reply payloads given at send time come back when the user taps', async () => {
    const body = optIn(SAMUEL);
    const withPayloads = {
      ...body,
      template: {
        ...body.template,
        components: [
          ...body.template.components,
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'OPTIN_YES' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: 1,
            parameters: [{ type: 'payload', payload: 'OPTIN_NO' }],
          },
        ],
      },
    };
    const wamid = await h.sendOk(withPayloads);
    await h.waitStatus(wamid, 'delivered');
    const tap = await h.userSays(SAMUEL, { button: { payload: 'OPTIN_YES', text: 'Yes' }, contextId: wamid });
    const inbound = await h.waitInbound(tap);
    expect(inbound).toMatchObject({
      from: '14155550101',
      type: 'button',
      button: { payload: 'OPTIN_YES', text: 'Yes' },
      context: { from: '15550100001', id: wamid },
    });
  });
});
