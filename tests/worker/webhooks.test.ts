// Webhook intake (SPEC §6, S1, I6, B22): the handshake, the signature check before anything else,
// routing every message of a batch into its conversation exactly once, unknown numbers and disabled
// orgs, dead letters for broken parts, and a 500 when a conversation cannot take its event.
import { env, SELF } from 'cloudflare:test';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversations, deadLetters, templates } from '../../worker/storage/schema';
import { updateOrg } from '../../worker/storage/repos/orgs';
import { findContactByWaId, upsertContact } from '../../worker/storage/repos/contacts';
import { phonesForWaId } from '../../worker/services/webhook-customers';
import { ensureConversation } from '../../worker/storage/repos/conversations';
import { call, db, setupDemo, tokenFor } from './helpers';
import {
  ACME_PNID,
  acmeContact,
  claimedThread,
  envelope,
  GLOBEX_PNID,
  messagesChange,
  postWebhook,
  statusChange,
  textMessage,
  textWebhook,
  wamid,
} from './webhooks-support';

beforeAll(setupDemo);

const conversationCount = async () => (await db().select({ n: count() }).from(conversations))[0]?.n ?? 0;
const deadLetterCount = async () => (await db().select({ n: count() }).from(deadLetters))[0]?.n ?? 0;

describe('webhook handshake', () => {
  const handshake = (token: string) =>
    SELF.fetch(
      `http://greenline.test/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`,
    );

  it('answers the raw challenge as text/plain with the right verify token', async () => {
    const res = await handshake(env.WHATSAPP_VERIFY_TOKEN ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong token or a missing mode with 403', async () => {
    expect((await handshake('wrong-token')).status).toBe(403);
    const noMode = await SELF.fetch('http://greenline.test/webhooks/whatsapp?hub.challenge=1');
    expect(noMode.status).toBe(403);
  });
});

describe('S1: signature', () => {
  const payload = textWebhook('14155550170', 'Mallory', 'forged');

  it('S1: a missing signature is 401 and creates nothing', async () => {
    const before = await conversationCount();
    expect((await postWebhook(payload, 'none')).status).toBe(401);
    expect(await conversationCount()).toBe(before);
    expect(await acmeContact('+14155550170')).toBeUndefined();
  });

  it('S1: a wrong or malformed signature is 401 and creates nothing', async () => {
    expect((await postWebhook(payload, `sha256=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await postWebhook(payload, 'sha1=abc')).status).toBe(401);
    expect(await acmeContact('+14155550170')).toBeUndefined();
  });

  it('S1: a body or a signature with one byte changed is 401 and creates nothing; the intact pair is accepted', async () => {
    const raw = JSON.stringify(payload);
    const { signBody } = await import('../../worker/whatsapp');
    const signature = await signBody(new TextEncoder().encode(raw), env.WHATSAPP_APP_SECRET ?? '');
    const tampered = raw.replace('forged', 'forgeD');
    expect((await postWebhook(tampered, signature)).status).toBe(401);
    const last = signature.at(-1) === '0' ? '1' : '0';
    expect((await postWebhook(raw, `${signature.slice(0, -1)}${last}`)).status).toBe(401);
    expect(await acmeContact('+14155550170')).toBeUndefined();
    expect(await postWebhook(raw, signature).then((r) => r.status)).toBe(200);
    expect(await acmeContact('+14155550170')).toBeDefined();
  });

  it('S1: a signed body that is not JSON is 400', async () => {
    expect((await postWebhook('{"object": ')).status).toBe(400);
  });
});

describe('B22: a customer writes first', () => {
  it('B22: a signed text creates the contact (profile name), the conversation and the thread message', async () => {
    const res = await postWebhook(textWebhook('14155550171', 'Grace Hopper', 'Hello from Grace'));
    expect(res.status).toBe(200);
    const contact = await acmeContact('+14155550171');
    expect(contact?.name).toBe('Grace Hopper');
    const thread = await claimedThread('+14155550171');
    expect(thread?.items).toContainEqual(
      expect.objectContaining({ type: 'inbound', kind: 'text', text: 'Hello from Grace' }),
    );
  });

  it('S1: a body signed as Meta sends it (ASCII with \\u escapes) is verified on its raw bytes', async () => {
    const raw = JSON.stringify(textWebhook('14155550179', 'Jos\u00e9', 'PLACEHOLDER')).replace(
      'PLACEHOLDER',
      '\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00',
    );
    expect((await postWebhook(raw)).status).toBe(200);
    const thread = await claimedThread('+14155550179');
    expect(thread?.items.find((i) => i.type === 'inbound')?.text).toBe('\u00e4\u00f6\u00e5 \u{1f600}');
  });

  it('I6: the same webhook delivered twice is applied once', async () => {
    const payload = textWebhook('14155550172', 'Ada', 'only once', wamid());
    expect((await postWebhook(payload)).status).toBe(200);
    expect((await postWebhook(payload)).status).toBe(200);
    const thread = await claimedThread('+14155550172');
    expect(thread?.items.filter((i) => i.type === 'inbound')).toHaveLength(1);
  });

  it('routes every message of a batch with two entries and several changes, in order per customer', async () => {
    const a = '14155550173';
    const b = '14155550174';
    const payload = envelope(
      {
        changes: [
          messagesChange(ACME_PNID, [textMessage(a, 'a1'), textMessage(a, 'a2')], [{ waId: a, name: 'A' }]),
          messagesChange(ACME_PNID, [textMessage(b, 'b1')], [{ waId: b, name: 'B' }]),
        ],
      },
      { changes: [messagesChange(ACME_PNID, [textMessage(a, 'a3')], [{ waId: a, name: 'A' }])] },
    );
    expect((await postWebhook(payload)).status).toBe(200);
    const texts = (await claimedThread(`+${a}`))?.items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['a1', 'a2', 'a3']);
    const other = await claimedThread(`+${b}`, 'bob@acme.test');
    expect(other?.items.filter((i) => i.type === 'inbound')).toHaveLength(1);
  });
});

describe('§6: what cannot be applied', () => {
  it('an unknown phone_number_id is answered 200 and stores nothing', async () => {
    const before = await conversationCount();
    const payload = envelope({
      changes: [messagesChange('199999999999999', [textMessage('14155550175', 'hi')])],
    });
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await conversationCount()).toBe(before);
  });

  it('a message to a disabled org is answered 200 and stores nothing', async () => {
    await updateOrg(db(), 'globex', { whatsappEnabled: false, now: Date.now() });
    try {
      const before = await conversationCount();
      const payload = envelope({
        changes: [messagesChange(GLOBEX_PNID, [textMessage('14155550176', 'hi')])],
      });
      expect((await postWebhook(payload)).status).toBe(200);
      expect(await conversationCount()).toBe(before);
    } finally {
      await updateOrg(db(), 'globex', { whatsappEnabled: true, now: Date.now() });
    }
  });

  it('a malformed message beside a good one: the good one is applied, the broken one dead-lettered', async () => {
    const before = await deadLetterCount();
    const from = '14155550177';
    const broken = { from, id: wamid(), timestamp: 'not a time', type: 'text', text: { body: 'x' } };
    const payload = envelope({ changes: [messagesChange(ACME_PNID, [broken, textMessage(from, 'good')])] });
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await deadLetterCount()).toBe(before + 1);
    const admin = await call<{
      deadLetters: Array<{ reason: string; payload: { path: string; part: unknown } }>;
    }>('GET', '/api/v1/admin/dead-letters?limit=1', { token: await tokenFor('admin@acme.test') });
    expect(admin.body.deadLetters[0]?.reason).toMatch(/timestamp/);
    expect(admin.body.deadLetters[0]?.payload).toMatchObject({
      path: 'entry[0].changes[0].value.messages[0]',
      part: broken,
    });
    const thread = await claimedThread(`+${from}`);
    expect(thread?.items.flatMap((i) => (i.type === 'inbound' ? [i.text] : []))).toEqual(['good']);
  });

  it('a message whose sender is no phone number is dead-lettered and creates no contact', async () => {
    const before = await deadLetterCount();
    const contacts = await conversationCount();
    const payload = envelope({ changes: [messagesChange(ACME_PNID, [textMessage('BR.user.123', 'hi')])] });
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await deadLetterCount()).toBe(before + 1);
    expect(await conversationCount()).toBe(contacts);
  });

  it('B9: a status for a wamid nobody sent is answered 200', async () => {
    const status = {
      id: wamid(),
      status: 'delivered',
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: '14155550171',
    };
    expect((await postWebhook(envelope({ changes: [statusChange(ACME_PNID, [status])] }))).status).toBe(200);
  });

  it('a template status update refreshes the template of the numbers of that WABA', async () => {
    const change = {
      field: 'message_template_status_update',
      value: {
        event: 'PAUSED',
        message_template_id: 300000000000101,
        message_template_name: 'greenline_opt_in',
        message_template_language: 'en_US',
        reason: 'NONE',
      },
    };
    expect((await postWebhook(envelope({ changes: [change] }))).status).toBe(200);
    const [row] = await db().select().from(templates).where(eq(templates.id, 'acme-greenline_opt_in-en_US'));
    expect(row?.status).toBe('PAUSED');
  });

  it('user preferences and system errors are answered 200 (logged, nothing stored)', async () => {
    const prefs = {
      field: 'user_preferences',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
        user_preferences: [
          {
            wa_id: '14155550171',
            detail: 'stop',
            category: 'marketing_messages',
            value: 'stop',
            timestamp: 1731705721,
          },
        ],
      },
    };
    const errors = {
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
        errors: [{ code: 130429, title: 'Rate limit hit', message: 'Rate limit hit' }],
      },
    };
    const before = await deadLetterCount();
    expect((await postWebhook(envelope({ changes: [prefs, errors] }))).status).toBe(200);
    expect(await deadLetterCount()).toBe(before);
  });

  it("a status naming a Brazilian customer by wa_id (no ninth digit) reaches that customer's conversation", async () => {
    const now = Date.now();
    await upsertContact(db(), 'acme', { phone: '+5511912345678', name: 'Ana Souza', now });
    expect(phonesForWaId('551112345678')).toEqual(['+551112345678', '+5511912345678']);
    expect(phonesForWaId('5215512345678')).toEqual(['+5215512345678', '+525512345678']);
    const before = await deadLetterCount();
    const status = {
      id: wamid(),
      status: 'sent',
      timestamp: String(Math.floor(now / 1000)),
      recipient_id: '551112345678',
    };
    expect((await postWebhook(envelope({ changes: [statusChange(ACME_PNID, [status])] }))).status).toBe(200);
    expect(await deadLetterCount()).toBe(before);
    expect((await findContactByWaId(db(), 'acme', '551112345678'))?.phone).toBe('+5511912345678');
  });

  it('a status for a customer we never knew is dead-lettered, not turned into a contact', async () => {
    const before = await deadLetterCount();
    const status = {
      id: wamid(),
      status: 'sent',
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: '14155550199',
    };
    expect((await postWebhook(envelope({ changes: [statusChange(ACME_PNID, [status])] }))).status).toBe(200);
    expect(await acmeContact('+14155550199')).toBeUndefined();
    expect(await deadLetterCount()).toBe(before + 1);
  });

  it('a conversation that fails to take its event makes the POST 500, so Meta retries', async () => {
    const phone = '+14155550178';
    const now = Date.now();
    const { contact } = await upsertContact(db(), 'acme', { phone, name: 'Broken', now });
    const row = await ensureConversation(db(), 'acme', 'acme-number', contact.id, now);
    // Open the conversation object with a ref naming no org: every later call fails in it.
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName(row.id));
    const ref = {
      conversationId: row.id,
      orgId: 'no-such-org',
      numberId: 'acme-number',
      phoneNumberId: ACME_PNID,
      contactId: contact.id,
      customerPhone: phone,
    };
    const poisoned = await stub.view(ref, { id: 'x', name: 'x', subOrgId: 'x', enabled: true }).then(
      () => false,
      () => true,
    );
    expect(poisoned).toBe(true);
    const res = await postWebhook(textWebhook('14155550178', 'Broken', 'will fail'));
    expect(res.status).toBe(500);
  });
});
