// Conversations end to end inside workerd — messages, restarts, teamwork and the development clock
// (B6–B10, B13, B15, I4, I8, I9, S2). The clock test comes last: it moves this file's clock for good.
import { beforeAll, describe, expect, it } from 'vitest';
import { abortAllDurableObjects, SELF } from 'cloudflare:test';
import { listConsentRecordRows } from '../../worker/storage/repos/consent-records';
import {
  advanceClock,
  customerSays,
  deliverStatus,
  newContact,
  optedIn,
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

describe('messages (B6, B7, B9, I4)', () => {
  it('I4: the same Idempotency-Key returns the same message; another body under it is refused; the key is required', async () => {
    const { conversationId } = await optedIn(alice, 'Key Customer', '+14155550123');
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

  it('S4: a text over WhatsApp’s 4,096 characters is refused with the limit said once, and nothing is queued', async () => {
    const { conversationId } = await optedIn(alice, 'Long Customer', '+14155550139');
    const res = await send(alice, conversationId, { type: 'text', text: 'x'.repeat(5000) });
    expect(res.status).toBe(400);
    expect((res.body as { error?: { message?: string } }).error?.message).toBe(
      'Invalid body: text: text is at most 4096 characters',
    );
    const items = (await thread(alice, conversationId)).items;
    expect(items.filter((i) => i.type === 'outbound' && i.kind === 'text')).toEqual([]);
  });

  it('B11: a reply in the same second as the agent’s message is listed after it, with a later time', async () => {
    const phone = '+14155550131';
    const { conversationId } = await optedIn(alice, 'Quick Customer', phone);
    await send(alice, conversationId, { type: 'text', text: 'Shall we meet at 4?' });
    const asked = (await thread(alice, conversationId)).items.find((i) => i.text === 'Shall we meet at 4?');
    // WhatsApp's timestamps are whole seconds: the reply's may be earlier than the question's.
    const sameSecond = Math.floor(((asked?.at ?? 0) - 1) / 1000) * 1000;
    await customerSays(conversationId, phone, { text: 'Yes, 4 works', timestamp: sameSecond });
    const items = (await thread(alice, conversationId)).items;
    const texts = items.map((i) => i.text);
    expect(texts.indexOf('Yes, 4 works')).toBeGreaterThan(texts.indexOf('Shall we meet at 4?'));
    // The panel places live items by `at`: it must agree with the order.
    const ats = items.map((i) => i.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });

  it('B1: the opt-in template cannot be sent as an ordinary template (422), and nothing is written', async () => {
    const { conversationId } = await optedIn(alice, 'Twice Asked', '+14155550132');
    const before = (await thread(alice, conversationId)).items.length;
    const res = await send(alice, conversationId, {
      type: 'template',
      name: 'greenline_opt_in',
      language: 'en_US',
      params: {},
    });
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('opt_in_template');
    expect((await thread(alice, conversationId)).items).toHaveLength(before);
  });

  it('B10: an uploaded picture goes out by a Meta media id; an unknown picture is not found', async () => {
    const { conversationId } = await optedIn(alice, 'Picture Customer', '+14155550128');
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
    const { conversationId } = await optedIn(alice, 'Status Customer', '+14155550124');
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

describe('who may act (S2, I8, B13, B15)', () => {
  it('S2: a non-participant cannot send or read; an added colleague can; a removed one loses access at once', async () => {
    const { conversationId } = await optedIn(alice, 'Team Customer', '+14155550127');
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
    const { contact, conversationId } = await optedIn(alice, 'Window Customer', phone);
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
