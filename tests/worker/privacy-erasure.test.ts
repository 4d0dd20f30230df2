// Issue 12: erasing a customer leaves no row, R2 object or Durable Object state that names them (phone,
// BSUID, name, CRM record, what they wrote), the consent ledger still verifies with their records
// pseudonymised, an opt-out stands when they write again (I1), and retries return the same receipt.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDeadLetters } from '../../worker/storage/repos/dead-letters';
import { customerSays, optInWamid, send, state, tap, thread } from './conversations-support';
import { call, db, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { pngWithText } from './media-images';
import {
  bsuidText,
  bucketKeys,
  conversationStub,
  directoryRowsNaming,
  mentionsAny,
  objectStorageText,
} from './privacy-support';
import { acmeContact, postWebhook, textWebhook } from './webhooks-support';

const SAMUEL = { phone: '+14155550101', bsuid: 'US.13491208655302741918', name: 'Samuel Johnson' };
const NEEDLES = ['14155550101', SAMUEL.bsuid, 'Samuel', 'Johnson', 'sam-42', 'Oak Street', 'the blue plan'];
const tokens = { admin: '', alice: '' };
const world = { contactId: '', conversationId: '', mediaKey: '', mariaId: '', receiptId: '' };

interface Receipt {
  id: string;
  contactId: string;
  standingOptOut: boolean;
  removed: Record<string, number>;
  ledger: { pseudonymised: number; resealedFrom: number | null };
}

async function upload(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([pngWithText()], { type: 'image/png' }), 'plan.png');
  const res = await SELF.fetch('http://greenline.test/api/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.alice}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Samuel writes, Alice answers with a text and a picture, he opts in, then out; Maria writes too. */
async function samuelsHistory(): Promise<void> {
  expect((await postWebhook(bsuidText(SAMUEL, 'Hi, Samuel here from 12 Oak Street'))).status).toBe(200);
  const crm = { system: 'hubspot', recordId: 'sam-42', url: 'https://crm.test/contacts/sam-42' };
  const contact = await call<{ id: string }>('PUT', '/api/v1/contacts', {
    token: tokens.alice,
    body: { name: SAMUEL.name, phone: SAMUEL.phone, crm },
  });
  world.contactId = contact.body.id;
  const start = await call<{ conversationId: string }>(
    'POST',
    `/api/v1/contacts/${world.contactId}/whatsapp/start`,
    {
      token: tokens.alice,
    },
  );
  world.conversationId =
    start.body.conversationId ?? (await state(tokens.alice, world.contactId)).conversationId;
  expect(
    (await send(tokens.alice, world.conversationId, { type: 'text', text: 'Hello Samuel, welcome' })).status,
  ).toBe(201);
  const mediaId = await upload();
  world.mediaKey = `acme/${mediaId}`;
  const pic = await send(tokens.alice, world.conversationId, {
    type: 'image',
    mediaId,
    caption: 'the blue plan',
  });
  expect(pic.status).toBe(201);
  const optIn = await call('POST', `/api/v1/contacts/${world.contactId}/whatsapp/opt-in`, {
    token: tokens.alice,
  });
  expect(optIn.status).toBe(201);
  const now = (await state(tokens.alice, world.contactId)).serverNow;
  await customerSays(
    world.conversationId,
    SAMUEL.phone,
    tap('yes', await optInWamid(tokens.alice, world.conversationId), now),
  );
  await customerSays(world.conversationId, SAMUEL.phone, { text: 'STOP', timestamp: now + 1000 });
  expect((await state(tokens.alice, world.contactId)).consent).toBe('opted_out');
  await insertDeadLetters(db(), [
    { orgId: 'acme', reason: 'test: unreadable', payload: { from: '14155550101', text: 'Oak Street' }, now },
  ]);
  expect((await postWebhook(textWebhook('14155550102', 'Maria Garcia', 'Hola, soy Maria'))).status).toBe(200);
  world.mariaId = (await acmeContact('+14155550102'))?.id ?? '';
}

const erase = (body: unknown, token = tokens.admin) =>
  call<Receipt & ErrorBody>('POST', '/api/v1/admin/privacy/erasures', { token, body });

beforeAll(async () => {
  await setupDemo();
  tokens.admin = await tokenFor('admin@acme.test');
  tokens.alice = await tokenFor('alice@acme.test');
  await samuelsHistory();
});

describe('issue 12: erasure', () => {
  it('S2: an agent cannot erase a customer (403) and nothing changes', async () => {
    const res = await erase({ contactId: world.contactId }, tokens.alice);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await directoryRowsNaming(['14155550101'])).length).toBeGreaterThan(0);
  });

  it('issue 12: before erasure Samuel is everywhere (the scans can see him)', async () => {
    expect(await bucketKeys()).toContain(world.mediaKey);
    const text = await objectStorageText(conversationStub(world.conversationId));
    expect(mentionsAny(text, NEEDLES)).toEqual(
      expect.arrayContaining(['samuel', 'oak street', 'the blue plan']),
    );
  });

  it('issue 12: erasing by phone leaves no row, object or Durable Object state naming Samuel', async () => {
    const res = await erase({ phone: '+1 (415) 555-0101' });
    expect(res.status).toBe(201);
    world.receiptId = res.body.id;
    expect(res.body).toMatchObject({ contactId: world.contactId, standingOptOut: true });
    expect(res.body.removed).toMatchObject({ conversations: 1, media: 1, crmLinks: 1, deadLetters: 1 });
    expect(res.body.ledger.pseudonymised).toBeGreaterThanOrEqual(3);
    // Templates come from Meta; the demo ones use "Samuel" as their example value, which is not him.
    expect(await directoryRowsNaming(NEEDLES, { templates: ['Samuel'] })).toEqual([]);
    expect(mentionsAny(await objectStorageText(conversationStub(world.conversationId)), NEEDLES)).toEqual([]);
    const ledger = env.LEDGER.get(env.LEDGER.idFromName('acme'));
    expect(mentionsAny(await objectStorageText(ledger), NEEDLES)).toEqual([]);
    expect(await bucketKeys()).not.toContain(world.mediaKey);
    expect((await call('GET', `/api/v1/contacts/${world.contactId}`, { token: tokens.alice })).status).toBe(
      404,
    );
  });

  it('I7 / issue 12: the ledger verifies afterwards and keeps his records, pseudonymised', async () => {
    const verify = await call<{ ok: boolean }>('GET', '/api/v1/admin/consent-records/verify', {
      token: tokens.admin,
    });
    expect(verify.body).toMatchObject({ ok: true });
    const list = await call<{
      records: Array<{ conversationId: string; contactPhone: string; kind: string }>;
    }>('GET', '/api/v1/admin/consent-records?format=json', { token: tokens.admin });
    const his = list.body.records.filter((r) => r.conversationId === world.conversationId);
    expect(his.map((r) => r.kind)).toEqual(['opt_in_requested', 'opt_in_accepted', 'opted_out']);
    for (const r of his) expect(r.contactPhone).toMatch(/^erased:[0-9a-f]{64}$/);
  });

  it('issue 12: a retry, by phone, BSUID or contact id, returns the same receipt (200) and erases nothing more', async () => {
    for (const body of [{ phone: SAMUEL.phone }, { contactId: world.contactId }, { bsuid: SAMUEL.bsuid }]) {
      const again = await erase(body);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(world.receiptId);
    }
    const receipt = await call<Receipt>('GET', `/api/v1/admin/privacy/erasures/${world.receiptId}`, {
      token: tokens.admin,
    });
    expect(receipt.body.id).toBe(world.receiptId);
    const audit = await call<{ entries: Array<{ action: string; target: string; actorUserId: string }> }>(
      'GET',
      '/api/v1/admin/privacy/audit',
      { token: tokens.admin },
    );
    const erasures = audit.body.entries.filter((e) => e.action === 'erasure');
    expect(erasures).toEqual([
      expect.objectContaining({ target: world.receiptId, actorUserId: 'acme-admin' }),
    ]);
  });

  it('issue 12: another customer is untouched', async () => {
    const maria = await call<{ name: string }>('GET', `/api/v1/contacts/${world.mariaId}`, {
      token: tokens.alice,
    });
    expect(maria.body.name).toBe('Maria Garcia');
  });

  it('I1 / issue 12: Samuel writes again: a new contact and conversation with nothing old, and his opt-out stands', async () => {
    expect((await postWebhook(bsuidText(SAMUEL, 'Hello again'))).status).toBe(200);
    const contact = await acmeContact(SAMUEL.phone);
    expect(contact?.id).toBeDefined();
    expect(contact?.id).not.toBe(world.contactId);
    const id = contact?.id ?? '';
    const now = await state(tokens.alice, id);
    expect(now.consent).toBe('opted_out');
    expect(now.conversationId).not.toBe(world.conversationId);
    await call('POST', `/api/v1/contacts/${id}/whatsapp/start`, { token: tokens.alice });
    const items = (await thread(tokens.alice, now.conversationId)).items.filter((i) => i.type !== 'system');
    expect(items.map((i) => i.text)).toEqual(['Hello again']);
    const optIn = await call<ErrorBody>('POST', `/api/v1/contacts/${id}/whatsapp/opt-in`, {
      token: tokens.alice,
    });
    expect(optIn.status).toBe(409);
  });
});
