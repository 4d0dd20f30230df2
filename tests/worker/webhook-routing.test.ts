// Webhook routing kept in the number's route objects (docs/webhook-routing.md): a customer's messages
// are routed without reading the directory each time, yet every change an admin or the org's data
// makes is seen by the very next message (B21: an org switched off stops routing at once).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { routesFor } from '../../worker/services/route-cache';
import { newContact } from './conversations-support';
import { LOCKED_RECIPIENT } from './fake-graph-messages';
import { call, setupDemo, tokenFor } from './helpers';
import {
  ACME_PNID,
  ACME_WABA,
  acmeContact,
  claimedThread,
  envelope,
  messagesChange,
  postWebhook,
  textMessage,
  textWebhook,
} from './webhooks-support';

let admin: string;

beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
});

const switchWhatsApp = (enabled: boolean) =>
  call('PATCH', '/api/v1/admin/org', { token: admin, body: { whatsappEnabled: enabled } });

/** What the customer and the team wrote in the thread a user sees (system notes left out). */
const textsOf = async (phone: string) =>
  (await claimedThread(phone))?.items.filter((i) => i.type !== 'system').map((i) => i.text) ?? [];

describe('B21: webhook routes are kept and told of changes', () => {
  it('B21: after the admin switches the org off, the next message of a customer routed a moment ago is answered 200 and not applied', async () => {
    const from = '14155550190';
    expect((await postWebhook(textWebhook(from, 'Lin', 'first while on'))).status).toBe(200);
    expect((await postWebhook(textWebhook(from, 'Lin', 'second while on'))).status).toBe(200);
    expect((await switchWhatsApp(false)).status).toBe(200);
    try {
      expect((await postWebhook(textWebhook(from, 'Lin', 'while off'))).status).toBe(200);
    } finally {
      expect((await switchWhatsApp(true)).status).toBe(200);
    }
    expect((await postWebhook(textWebhook(from, 'Lin', 'on again'))).status).toBe(200);
    const texts = await textsOf(`+${from}`);
    expect(texts).toEqual(expect.arrayContaining(['first while on', 'second while on', 'on again']));
    expect(texts).not.toContain('while off');
  });

  it("P1: a known customer's next message is routed without reading the number from the directory", async () => {
    const from = '14155550191';
    // The first message creates the customer; the second is routed by a read that finds them.
    expect((await postWebhook(textWebhook(from, 'Ode', 'hello'))).status).toBe(200);
    expect((await postWebhook(textWebhook(from, 'Ode', 'known now'))).status).toBe(200);
    await env.DB.exec('ALTER TABLE business_numbers RENAME TO business_numbers_away');
    let answer: Response;
    try {
      answer = await postWebhook(textWebhook(from, 'Ode', 'routed from memory'));
    } finally {
      await env.DB.exec('ALTER TABLE business_numbers_away RENAME TO business_numbers');
    }
    expect(answer.status).toBe(200);
    expect(await textsOf(`+${from}`)).toEqual(
      expect.arrayContaining(['hello', 'known now', 'routed from memory']),
    );
  });

  it('issue 12: a customer erased by the admin writes again: a new contact, and nothing of the old thread', async () => {
    const from = '14155550192';
    expect((await postWebhook(textWebhook(from, 'Ines', 'before erasure'))).status).toBe(200);
    expect((await postWebhook(textWebhook(from, 'Ines', 'kept route'))).status).toBe(200);
    const before = await acmeContact(`+${from}`);
    const erased = await call('POST', '/api/v1/admin/privacy/erasures', {
      token: admin,
      body: { phone: `+${from}` },
    });
    expect(erased.status).toBe(201);
    expect((await postWebhook(textWebhook(from, 'Ines', 'after erasure'))).status).toBe(200);
    const after = await acmeContact(`+${from}`);
    expect(after?.id).toBeDefined();
    expect(after?.id).not.toBe(before?.id);
    expect(await textsOf(`+${from}`)).toEqual(['after erasure']);
  });

  it('SPEC §6: the number paused by a send and resumed by the admin: the routes say so at once', async () => {
    const from = '14155550193';
    expect((await postWebhook(textWebhook(from, 'Noa', 'hi'))).status).toBe(200);
    expect((await postWebhook(textWebhook(from, 'Noa', 'known'))).status).toBe(200);
    const paused = async () => (await routesFor(env, ACME_PNID, from).route(ACME_PNID, from))?.number.paused;
    expect(await paused()).toBe(false);
    const alice = await tokenFor('alice@acme.test');
    const locked = await newContact(alice, 'Locked Out', LOCKED_RECIPIENT);
    await call('POST', `/api/v1/contacts/${locked}/whatsapp/opt-in`, { token: alice });
    expect(await paused()).toBe(true);
    expect((await call('POST', '/api/v1/admin/number/resume', { token: admin })).status).toBe(200);
    expect(await paused()).toBe(false);
  });

  it('B21: after the admin moves the org to a new phone number id, messages to the old id are not applied', async () => {
    const from = '14155550194';
    const to = (pnid: string, body: string) =>
      envelope({ changes: [messagesChange(pnid, [textMessage(from, body)], [{ waId: from, name: 'Ava' }])] });
    expect((await postWebhook(to(ACME_PNID, 'hello'))).status).toBe(200);
    expect((await postWebhook(to(ACME_PNID, 'known'))).status).toBe(200);
    const moved = '100000000000777';
    const put = (phoneNumberId: string) =>
      call('PUT', '/api/v1/admin/number', {
        token: admin,
        body: { phoneNumberId, displayPhoneNumber: '+15550100001', wabaId: ACME_WABA },
      });
    expect((await put(moved)).status).toBe(200);
    try {
      expect((await postWebhook(to(ACME_PNID, 'to the old id'))).status).toBe(200);
      expect((await postWebhook(to(moved, 'to the new id'))).status).toBe(200);
    } finally {
      expect((await put(ACME_PNID)).status).toBe(200);
    }
    const texts = await textsOf(`+${from}`);
    expect(texts).toEqual(expect.arrayContaining(['hello', 'known', 'to the new id']));
    expect(texts).not.toContain('to the old id');
  });
});
