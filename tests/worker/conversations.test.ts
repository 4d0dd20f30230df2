// Conversations end to end inside workerd: the API, the conversation Durable Object, the fake Graph
// API for sends, the consent ledger, and the development clock (B1–B9, I4, I7, I9, S2).
import { abortAllDurableObjects, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { listConsentRecordRows } from '../../worker/storage/repos/consent-records';
import {
  advanceClock,
  customerSays,
  deliverStatus,
  newContact,
  optInWamid,
  send,
  state,
  tap,
  thread,
  tokenAt,
} from './conversations-support';
import { call, db, setupDemo, tokenFor } from './helpers';
import { pngWithText } from './media-images';

const HOUR = 3_600_000;
let alice = '';
let bob = '';
let carol = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
  bob = await tokenFor('bob@acme.test');
  carol = await tokenFor('carol@acme.test');
});

async function optedIn(name: string, phone: string) {
  const contact = await newContact(alice, name, phone);
  const res = await call<{ conversation: { conversationId: string; consent: string } }>(
    'POST',
    `/api/v1/contacts/${contact}/whatsapp/opt-in`,
    { token: alice },
  );
  expect(res.status).toBe(201);
  const conversationId = res.body.conversation.conversationId;
  const now = (await state(alice, contact)).serverNow;
  await customerSays(conversationId, phone, tap('yes', await optInWamid(alice, conversationId), now));
  return { contact, conversationId };
}

describe('consent (B1, B2, B4, B5)', () => {
  it('B1: the opt-in is sent at once, consent shows pending, and the request is in the ledger with its exact text', async () => {
    const contact = await newContact(alice, 'Samuel Johnson', '+14155550101');
    const res = await call<{
      message: { state: string; kind: string; text: string };
      conversation: { consent: string };
    }>('POST', `/api/v1/contacts/${contact}/whatsapp/opt-in`, { token: alice });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ kind: 'opt_in', state: 'sent' });
    expect(res.body.message.text).toContain('Hi Samuel, Acme would like to send you messages on WhatsApp');
    expect(res.body.conversation.consent).toBe('pending');
    const records = await listConsentRecordRows(db(), 'acme', {});
    const mine = records.filter((r) => r.contactPhone === '+14155550101');
    expect(mine.map((r) => r.kind)).toEqual(['opt_in_requested']);
    expect(mine[0]?.record).toMatchObject({
      userId: 'acme-alice',
      templateName: 'greenline_opt_in',
      renderedText: res.body.message.text,
    });
  });

  it('B2d / I3: a second opt-in within 24 h is refused with when it becomes available', async () => {
    const contact = await newContact(alice, 'Again Again', '+14155550120');
    await call('POST', `/api/v1/contacts/${contact}/whatsapp/opt-in`, { token: alice });
    const again = await call<{ error: { code: string; details: { availableAt: number } } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('opt_in_too_soon');
    expect((await state(alice, contact)).optInAvailableAt).toBe(again.body.error.details.availableAt);
  });

  it('B4 / B2b: texts written while pending are queued, then go out in order once the customer taps Yes', async () => {
    const phone = '+14155550121';
    const contact = await newContact(alice, 'Queued Customer', phone);
    const opt = await call<{ conversation: { conversationId: string } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    const id = opt.body.conversation.conversationId;
    const first = await send(alice, id, { type: 'text', text: 'first' });
    const second = await send(alice, id, { type: 'text', text: 'second' });
    expect(first.status).toBe(201);
    expect(first.body.message.state).toBe('queued');
    expect(second.body.message.state).toBe('queued');
    const now = (await state(alice, contact)).serverNow;
    await customerSays(id, phone, tap('yes', await optInWamid(alice, id), now));
    const all = (await thread(alice, id)).items;
    // The thread reads in the order things happened, though WhatsApp's timestamps are in seconds.
    expect(all.findIndex((i) => i.kind === 'opt_in')).toBeLessThan(
      all.findIndex((i) => i.type === 'inbound'),
    );
    const items = all.filter((i) => i.type === 'outbound');
    expect(items.map((i) => [i.kind, i.state])).toEqual([
      ['opt_in', 'sent'],
      ['text', 'sent'],
      ['text', 'sent'],
      ['notice', 'sent'],
    ]);
    expect((await state(alice, contact)).consent).toBe('opted_in');
  });

  it('B2c: a No makes queued messages "not sent", disables sending, and is recorded', async () => {
    const phone = '+14155550122';
    const contact = await newContact(alice, 'Maria Garcia', phone);
    const opt = await call<{ conversation: { conversationId: string } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    const id = opt.body.conversation.conversationId;
    const queued = await send(alice, id, { type: 'text', text: 'hello?' });
    await customerSays(
      id,
      phone,
      tap('no', await optInWamid(alice, id), (await state(alice, contact)).serverNow),
    );
    const item = (await thread(alice, id)).items.find((i) => i.id === queued.body.message.id);
    expect(item).toMatchObject({ state: 'not_sent', notSentReason: 'opted_out' });
    expect((await send(alice, id, { type: 'text', text: 'please?' })).body.error?.code).toBe('opted_out');
    const kinds = (await listConsentRecordRows(db(), 'acme', {}))
      .filter((r) => r.contactPhone === phone)
      .map((r) => r.kind);
    expect(kinds).toEqual(['opt_in_requested', 'opt_in_rejected']);
  });

  it('B2a: a 131026 status ends not_on_whatsapp', async () => {
    const phone = '+14155550199';
    const contact = await newContact(alice, 'No WhatsApp', phone);
    const opt = await call<{ conversation: { conversationId: string }; message: { id: string } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    const id = opt.body.conversation.conversationId;
    const wamid = await optInWamid(alice, id);
    await deliverStatus(id, {
      wamid,
      status: 'failed',
      timestamp: Date.now(),
      callbackData: `${opt.body.message.id}:1`,
      errorCode: 131026,
    });
    expect((await state(alice, contact)).consent).toBe('not_on_whatsapp');
  });
});

describe('messages (B6, B7, B9, I4)', () => {
  it('I4: the same Idempotency-Key returns the same message; another body under it is refused; the key is required', async () => {
    const { conversationId } = await optedIn('Key Customer', '+14155550123');
    const a = await send(alice, conversationId, { type: 'text', text: 'once' }, 'same-key');
    const b = await send(alice, conversationId, { type: 'text', text: 'once' }, 'same-key');
    expect(b.body.message.id).toBe(a.body.message.id);
    expect(b.body.duplicate).toBe(true);
    const c = await send(alice, conversationId, { type: 'text', text: 'twice' }, 'same-key');
    expect(c.status).toBe(422);
    expect(c.body.error?.code).toBe('idempotency_key_reused');
    const none = await call<{ error: { code: string } }>(
      'POST',
      `/api/v1/conversations/${conversationId}/messages`,
      { token: alice, body: { type: 'text', text: 'x' } },
    );
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('idempotency_key_required');
    const texts = (await thread(alice, conversationId)).items.filter((i) => i.text === 'once');
    expect(texts).toHaveLength(1);
  });

  it('B10: an uploaded picture goes out by a Meta media id; an unknown picture is not found', async () => {
    const { conversationId } = await optedIn('Picture Customer', '+14155550128');
    const form = new FormData();
    form.append('file', new Blob([pngWithText()], { type: 'image/png' }), 'picture.png');
    const up = await SELF.fetch('http://greenline.test/api/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const sent = await send(alice, conversationId, { type: 'image', mediaId: id, caption: 'the plan' });
    expect(sent.status).toBe(201);
    expect(sent.body.message.state).toBe('sent');
    const refused = await send(alice, conversationId, { type: 'image', mediaId: 'no-such-picture' });
    expect(refused.status).toBe(404);
  });

  it('B9: statuses move a message forward, never back, and a template is filled from mapped sources', async () => {
    const { conversationId } = await optedIn('Status Customer', '+14155550124');
    const sent = await send(alice, conversationId, {
      type: 'template',
      name: 'meeting_follow_up',
      language: 'en_US',
    });
    expect(sent.status).toBe(201);
    const item = (await thread(alice, conversationId)).items.find((i) => i.id === sent.body.message.id);
    expect(item?.text).toBe(
      'Hello Status, this is Alice Martin from Acme. Following up on our conversation: is now a good time to continue?',
    );
    const base = {
      wamid: item?.wamid ?? '',
      timestamp: Date.now(),
      callbackData: `${sent.body.message.id}:1`,
      errorCode: null,
    };
    await deliverStatus(conversationId, { ...base, status: 'read' });
    await deliverStatus(conversationId, { ...base, status: 'delivered' });
    const after = (await thread(alice, conversationId)).items.find((i) => i.id === sent.body.message.id);
    expect(after?.state).toBe('read');
  });

  it('I4: the Durable Object restarts mid-queue and between duplicate webhooks: nothing lost, nothing applied twice', async () => {
    const phone = '+14155550126';
    const contact = await newContact(alice, 'Restart Customer', phone);
    const opt = await call<{ conversation: { conversationId: string } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    const id = opt.body.conversation.conversationId;
    await send(alice, id, { type: 'text', text: 'queued one' });
    await send(alice, id, { type: 'text', text: 'queued two' });
    // A hard restart of every object (storage kept), as a crash or a deploy would do.
    await abortAllDurableObjects();
    const wamid = await optInWamid(alice, id);
    const now = (await state(alice, contact)).serverNow;
    const yes = { ...tap('yes', wamid, now), wamid: 'wamid.restart-yes' };
    expect((await customerSays(id, phone, yes)).duplicate).toBe(false);
    await abortAllDurableObjects();
    expect((await customerSays(id, phone, yes)).duplicate).toBe(true);
    const items = (await thread(alice, id)).items;
    expect(items.filter((i) => i.type === 'inbound')).toHaveLength(1);
    expect(
      items.filter((i) => i.type === 'outbound' && i.kind === 'text').map((i) => [i.text, i.state]),
    ).toEqual([
      ['queued one', 'sent'],
      ['queued two', 'sent'],
    ]);
    const kinds = (await listConsentRecordRows(db(), 'acme', {}))
      .filter((r) => r.contactPhone === phone)
      .map((r) => r.kind);
    expect(kinds).toEqual(['opt_in_requested', 'opt_in_accepted']);
  });
});

describe('account-level errors (SPEC §6)', () => {
  it('SPEC §6: 131042 pauses the number instead of failing the message; an admin resumes and it goes out', async () => {
    const contact = await newContact(alice, 'Paused Customer', '+14155550196');
    const opt = await call<{ message: { id: string; state: string } }>(
      'POST',
      `/api/v1/contacts/${contact}/whatsapp/opt-in`,
      { token: alice },
    );
    expect(opt.body.message.state).toBe('queued');
    const admin = await tokenFor('admin@acme.test');
    const number = await call<{ paused: boolean; pausedReason: string }>('GET', '/api/v1/admin/number', {
      token: admin,
    });
    expect(number.body.paused).toBe(true);
    expect(number.body.pausedReason).toMatch(/payment/);
    const resumed = await call<{ paused: boolean }>('POST', '/api/v1/admin/number/resume', { token: admin });
    expect(resumed.body.paused).toBe(false);
    expect((await state(alice, contact)).consent).toBe('pending');
  });
});

describe('who may act (S2, I8, B13, B15)', () => {
  it('S2: a non-participant cannot send or read; an added colleague can; a removed one loses access at once', async () => {
    const { conversationId } = await optedIn('Team Customer', '+14155550127');
    expect((await send(bob, conversationId, { type: 'text', text: 'hi' })).status).toBe(403);
    expect(
      (await call('GET', `/api/v1/conversations/${conversationId}/messages`, { token: bob })).status,
    ).toBe(404);
    expect(
      (
        await call('POST', `/api/v1/conversations/${conversationId}/participants`, {
          token: alice,
          body: { userId: 'acme-carol' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/v1/conversations/${conversationId}/participants`, {
          token: alice,
          body: { userId: 'acme-bob' },
        })
      ).status,
    ).toBe(200);
    expect((await send(bob, conversationId, { type: 'text', text: 'Bob here' })).status).toBe(201);
    const read = await thread(bob, conversationId);
    expect(read.items.some((i) => i.text === 'Alice Martin added Bob Keller')).toBe(true);
    expect(
      (
        await call('DELETE', `/api/v1/conversations/${conversationId}/participants/acme-bob`, {
          token: alice,
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('GET', `/api/v1/conversations/${conversationId}/messages`, { token: bob })).status,
    ).toBe(404);
    expect((await send(bob, conversationId, { type: 'text', text: 'again' })).status).toBe(403);
    expect(
      (await call('GET', `/api/v1/conversations/${conversationId}/messages`, { token: carol })).status,
    ).toBe(404);
  });
});

describe("the development clock (I9) — last: it moves this file's clock for good", () => {
  it('B7 / I9: 25 h later the window is closed with no request in between; a text queues; the customer writes and it follows', async () => {
    const phone = '+14155550125';
    const { contact, conversationId } = await optedIn('Window Customer', phone);
    expect((await state(alice, contact)).window.open).toBe(true);
    const moved = await advanceClock(25 * HOUR);
    expect(moved.woke).toBeGreaterThan(0);
    alice = await tokenAt('alice@acme.test', moved.now);
    const closed = await state(alice, contact);
    expect(closed.window.open).toBe(false);
    expect(closed.canSendText).toBe(false);
    const text = await send(alice, conversationId, { type: 'text', text: 'still there?' });
    expect(text.body.message.state).toBe('queued');
    const template = await send(alice, conversationId, {
      type: 'template',
      name: 'meeting_follow_up',
      language: 'en_US',
    });
    expect(template.body.message.state).toBe('sent');
    await customerSays(conversationId, phone, { text: 'yes, here', timestamp: closed.serverNow + 60_000 });
    const item = (await thread(alice, conversationId)).items.find((i) => i.id === text.body.message.id);
    expect(item?.state).toBe('sent');
  });
});
