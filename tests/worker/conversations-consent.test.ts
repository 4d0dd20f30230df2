// Conversations end to end inside workerd — consent (B1–B5) and account-level pauses (SPEC §6): the
// API, the conversation Durable Object, the fake Graph API for sends and the consent ledger.
import { beforeAll, describe, expect, it } from 'vitest';
import { listConsentRecordRows } from '../../worker/storage/repos/consent-records';
import {
  customerSays,
  deliverStatus,
  newContact,
  optInWamid,
  send,
  state,
  tap,
  thread,
} from './conversations-support';
import { call, db, setupDemo, tokenFor } from './helpers';

let alice = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
});

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
    // The tap and the confirmation it triggered share one instant: the tap reads first, as it does
    // live in the panel (a reload showed the confirmation above the tap).
    expect(all.findIndex((i) => i.type === 'inbound')).toBeLessThan(
      all.findIndex((i) => i.type === 'outbound' && i.kind === 'notice'),
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
    // The conversation drains through its own alarm, set by the resume (P3): it goes out shortly after.
    const end = Date.now() + 8_000;
    while ((await state(alice, contact)).consent !== 'pending' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await state(alice, contact)).consent).toBe('pending');
  });
});
