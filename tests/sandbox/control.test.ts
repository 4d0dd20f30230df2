// The control API of SPEC §5 (Sandbox): creating users, playing the customer, input validation (S4: 400
// with a clear message, nothing changed), reset, in-process use and the phone page route.

import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/index';
import { type Harness, optIn, SAMUEL, startHarness, text } from './support/harness';
import { ControlErrorSchema } from './support/schemas';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const expect400 = (reply: { status: number; json: unknown }, fragment: string) => {
  expect(reply.status).toBe(400);
  expect(ControlErrorSchema.parse(reply.json).error.message).toContain(fragment);
};

describe('users', () => {
  it('POST /sandbox/users adds a WhatsApp user who can then receive and write', async () => {
    h = await startHarness();
    const created = await h.control('POST', '/sandbox/users', {
      phone: '+447700900321',
      name: 'Priya Shah',
      onWhatsApp: true,
    });
    expect(created).toMatchObject({
      status: 201,
      json: { user: { phone: '+447700900321', waId: '447700900321' } },
    });
    await h.waitStatus(await h.sendOk(optIn('+447700900321', 'Priya')), 'delivered');
    const wamid = await h.userSays('+447700900321', { text: 'hello' });
    expect(await h.waitInbound(wamid)).toMatchObject({ from: '447700900321', text: { body: 'hello' } });
  });

  it('a new Brazilian mobile gets a wa_id without the ninth digit; a user not on WhatsApp gets 131026', async () => {
    h = await startHarness();
    const br = await h.control('POST', '/sandbox/users', {
      phone: '+5521987654321',
      name: 'João',
      onWhatsApp: true,
    });
    expect(br.json).toMatchObject({ user: { waId: '552187654321' } });
    await h.control('POST', '/sandbox/users', { phone: '+447700900999', name: 'Off', onWhatsApp: false });
    const wamid = await h.sendOk(optIn('+447700900999', 'Off'));
    expect((await h.waitStatus(wamid, 'failed')).errors?.[0]?.code).toBe(131026);
  });

  it('S4: bad user input is 400 with a clear message and creates nothing', async () => {
    h = await startHarness();
    expect400(await h.control('POST', '/sandbox/users', { phone: '0044 7700', name: 'X' }), 'E.164');
    expect400(await h.control('POST', '/sandbox/users', { phone: '+447700900111', name: '' }), 'name');
    expect400(await h.control('POST', '/sandbox/users', '{not json'), 'JSON');
    expect((await h.control('GET', '/sandbox/users/+447700900111/messages')).status).toBe(404);
  });
});

describe('playing the customer', () => {
  it('S4: a message body that is none of text, button, interactive or image is 400; unknown users 404', async () => {
    h = await startHarness();
    expect400(
      await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, { txt: 'typo' }),
      'Expected {text}',
    );
    expect400(await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, { text: '' }), 'Expected');
    expect400(
      await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, {
        image: { base64: 'not base64!', mimeType: 'image/png' },
      }),
      'image',
    );
    expect((await h.control('POST', '/sandbox/users/+19999999999/messages', { text: 'hi' })).status).toBe(
      404,
    );
    expect(h.receiver.attempts).toBe(0);
  });

  it('button taps need a delivered template to this user with that label (404 / 400 / 409)', async () => {
    h = await startHarness();
    expect(
      (
        await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, {
          button: { payload: 'Yes', text: 'Yes' },
          contextId: 'wamid.x',
        })
      ).status,
    ).toBe(404);
    const tpl = await h.sendOk(optIn(SAMUEL));
    await h.waitStatus(tpl, 'delivered');
    expect400(
      await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, {
        button: { payload: 'Maybe', text: 'Maybe' },
        contextId: tpl,
      }),
      'Yes, No',
    );
    await h.control('POST', `/sandbox/users/${SAMUEL}/block`, {});
    const blockedTpl = await h.sendOk(optIn(SAMUEL));
    await h.control('POST', `/sandbox/users/${SAMUEL}/unblock`, {});
    const tap = await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, {
      button: { payload: 'Yes', text: 'Yes' },
      contextId: blockedTpl,
    });
    expect(tap.status).toBe(409);
  });

  it('interactive reply buttons: a tap arrives as interactive.button_reply with context', async () => {
    h = await startHarness();
    await h.userSays(SAMUEL, { text: 'hi' });
    const wamid = await h.sendOk({
      messaging_product: 'whatsapp',
      to: SAMUEL,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Reschedule?' },
        action: { buttons: [{ type: 'reply', reply: { id: 'change', title: 'Change' } }] },
      },
    });
    await h.waitStatus(wamid, 'delivered');
    const tap = await h.userSays(SAMUEL, {
      interactive: { id: 'change', title: 'Change' },
      contextId: wamid,
    });
    expect(await h.waitInbound(tap)).toMatchObject({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'change', title: 'Change' } },
      context: { id: wamid },
    });
  });

  it('a user writes to the number that last wrote to them, or to the one given in "to"', async () => {
    h = await startHarness();
    const toGlobex = await h.userSays(SAMUEL, { text: 'hi Globex', to: '100000000000002' });
    await h.waitInbound(toGlobex);
    const hook = h.receiver.received.at(-1);
    expect(hook?.envelope.entry[0]?.id).toBe('200000000000002');
    expect(
      (await h.control('POST', `/sandbox/users/${SAMUEL}/messages`, { text: 'x', to: '42' })).status,
    ).toBe(404);
  });
});

describe('reset and number info', () => {
  it('POST /sandbox/reset brings back the demo world: added users, messages, faults and windows are gone', async () => {
    h = await startHarness();
    await h.control('POST', '/sandbox/users', { phone: '+447700900888', name: 'Temp', onWhatsApp: true });
    await h.userSays(SAMUEL, { text: 'open' });
    await h.control('POST', '/sandbox/faults', { throughputPerSecond: 1 });
    expect((await h.control('POST', '/sandbox/reset')).status).toBe(200);
    expect((await h.control('GET', '/sandbox/users/+447700900888/messages')).status).toBe(404);
    expect((await h.control('GET', `/sandbox/users/${SAMUEL}/messages`)).json).toMatchObject({
      messages: [],
      sent: [],
    });
    expect((await h.control('GET', '/sandbox/faults')).json).toMatchObject({ throughputPerSecond: 80 });
    const closed = await h.sendOk(text(SAMUEL, 'window was reset'));
    expect((await h.waitStatus(closed, 'failed')).errors?.[0]?.code).toBe(131047);
  });

  it('GET /{phone-number-id} answers the number’s display number and throughput level for its token only', async () => {
    h = await startHarness();
    const info = await h.graph('/100000000000001');
    expect(info).toMatchObject({
      status: 200,
      json: {
        id: '100000000000001',
        display_phone_number: '+15550100001',
        verified_name: 'Acme',
        throughput: { level: 'STANDARD' },
      },
    });
    h.expectError(await h.graph('/100000000000001', { token: 'sandbox-token-globex' }), 190, 401);
  });
});

describe('in process', () => {
  it('createSandbox gives the Hono app and its world without a port; webhooks can be disabled', async () => {
    const sandbox = createSandbox({ webhookUrl: null, now: () => Date.parse('2026-11-24T09:00:00Z') });
    try {
      const res = await sandbox.app.request(`/v24.0/100000000000001/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-token-acme', 'content-type': 'application/json' },
        body: JSON.stringify(optIn(SAMUEL)),
      });
      expect(res.status).toBe(200);
      expect(sandbox.world.state.outbound).toHaveLength(1);
      expect(sandbox.world.state.outbound[0]).toMatchObject({
        to: SAMUEL,
        state: 'delivered',
        type: 'template',
      });
      expect(sandbox.world.webhooks.records[0]?.state).toBe('disabled');
      expect(sandbox.world.clock.now()).toBe(Date.parse('2026-11-24T09:00:00Z'));
    } finally {
      sandbox.close();
    }
  });

  it('mark read up to one message leaves later ones delivered', async () => {
    h = await startHarness();
    const first = await h.sendOk(optIn(SAMUEL));
    const second = await h.sendOk(optIn(SAMUEL));
    await h.waitStatus(second, 'delivered');
    expect((await h.control('POST', `/sandbox/users/${SAMUEL}/read`, { upTo: first })).json).toEqual({
      read: 1,
    });
    await h.waitStatus(first, 'read');
    const inbox = await h.control('GET', `/sandbox/users/${SAMUEL}/messages`);
    expect(inbox.json).toMatchObject({
      messages: [
        { wamid: first, state: 'read' },
        { wamid: second, state: 'delivered' },
      ],
    });
  });
});

describe('phone page', () => {
  it('GET /phone/{phone} serves the page for a known user and 404 for an unknown one', async () => {
    h = await startHarness();
    const page = await fetch(`${h.url}/phone/${encodeURIComponent(SAMUEL)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('aria-label="Message"');
    expect(html).not.toContain('innerHTML');
    expect((await fetch(`${h.url}/phone/+19999999999`)).status).toBe(404);
  });
});
