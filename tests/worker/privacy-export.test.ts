// Issue 12 subject-access export: for one customer, every message (both ways), picture and consent
// record Greenline holds, as JSON and as a readable HTML page (S3: their text escaped), and nothing of
// any other customer; refused to agents (S2); every download audited.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerSays, optedIn, send, state } from './conversations-support';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { pngWithText } from './media-images';

let admin = '';
let alice = '';
const samuel = { contact: '', conversationId: '' };

interface Export {
  contact: { name: string; phone: string };
  conversations: Array<{
    id: string;
    outbound: Array<{ sentText: string | null }>;
    inbound: Array<{ text: string | null }>;
  }>;
  media: Array<{ base64: string | null; mimeType: string }>;
  consentRecords: Array<{ kind: string; conversationId: string; contactPhone: string }>;
}

async function picture(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([pngWithText()], { type: 'image/png' }), 'p.png');
  const res = await SELF.fetch('http://greenline.test/api/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${alice}` },
    body: form,
  });
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
  alice = await tokenFor('alice@acme.test');
  Object.assign(samuel, await optedIn(alice, 'Samuel Johnson', '+14155550101'));
  const now = (await state(alice, samuel.contact)).serverNow;
  await customerSays(samuel.conversationId, '+14155550101', {
    text: '<script>alert(1)</script> about the offer',
    timestamp: now,
  });
  await send(alice, samuel.conversationId, { type: 'text', text: 'Here is the offer, Samuel' });
  await send(alice, samuel.conversationId, {
    type: 'image',
    mediaId: await picture(),
    caption: 'the offer sheet',
  });
  const maria = await optedIn(alice, 'Maria Garcia', '+14155550102');
  const later = (await state(alice, maria.contact)).serverNow;
  await customerSays(maria.conversationId, '+14155550102', { text: 'Maria private note', timestamp: later });
  await send(alice, maria.conversationId, { type: 'text', text: 'Hola Maria' });
});

const exportOf = (id: string, format: string, token = admin) =>
  SELF.fetch(`http://greenline.test/api/v1/admin/privacy/contacts/${id}/export?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('issue 12: subject-access export', () => {
  it('S2: an agent cannot export (403)', async () => {
    const res = await exportOf(samuel.contact, 'json', alice);
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe('forbidden');
  });

  it('issue 12: the JSON holds every message, picture and consent record of Samuel, and nothing of Maria', async () => {
    const res = await exportOf(samuel.contact, 'json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-${samuel.contact}.json"`,
    );
    const raw = await res.text();
    const data = JSON.parse(raw) as Export;
    expect(data.contact).toMatchObject({ name: 'Samuel Johnson', phone: '+14155550101' });
    const [conv] = data.conversations;
    expect(conv?.id).toBe(samuel.conversationId);
    expect(conv?.inbound.map((m) => m.text)).toEqual(['Yes', '<script>alert(1)</script> about the offer']);
    const sent = conv?.outbound.map((m) => m.sentText) ?? [];
    expect(sent).toEqual(expect.arrayContaining(['Here is the offer, Samuel', 'the offer sheet']));
    expect(sent.some((t) => t?.includes('would like to send you messages'))).toBe(true);
    expect(data.media).toHaveLength(1);
    expect(data.media[0]?.base64?.length).toBeGreaterThan(10);
    expect(data.consentRecords.map((r) => r.kind)).toEqual(['opt_in_requested', 'opt_in_accepted']);
    for (const r of data.consentRecords) expect(r.conversationId).toBe(samuel.conversationId);
    for (const foreign of ['14155550102', 'Maria', 'Hola']) expect(raw).not.toContain(foreign);
  });

  it("issue 12 / S3: the HTML page is readable and shows the customer's text as text", async () => {
    const res = await exportOf(samuel.contact, 'html');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('Data Acme holds about Samuel Johnson');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; about the offer');
    expect(html).not.toContain('<script>');
    expect(html).toContain('opt_in_accepted');
    expect(html).not.toContain('Maria');
  });

  it('issue 12: every download is audited (who, when, which contact)', async () => {
    const audit = await call<{
      entries: Array<{ action: string; target: string; actorUserId: string; at: number }>;
    }>('GET', '/api/v1/admin/privacy/audit', { token: admin });
    const exports = audit.body.entries.filter((e) => e.action === 'export');
    expect(exports).toHaveLength(2);
    for (const e of exports) expect(e).toMatchObject({ target: samuel.contact, actorUserId: 'acme-admin' });
  });

  it('issue 12: an admin finds the customer by phone (null when none is held)', async () => {
    const found = await call<{ contact: { id: string; name: string } | null }>(
      'GET',
      '/api/v1/admin/privacy/contacts?phone=%2B1%20415%20555%200101',
      { token: admin },
    );
    expect(found.body.contact).toMatchObject({ id: samuel.contact, name: 'Samuel Johnson' });
    const none = await call<{ contact: null }>('GET', '/api/v1/admin/privacy/contacts?phone=%2B14155550177', {
      token: admin,
    });
    expect(none.body.contact).toBeNull();
  });

  it("S2: another org's admin gets 404 for Acme's customer", async () => {
    const res = await exportOf(samuel.contact, 'json', await tokenFor('admin@globex.test'));
    expect(res.status).toBe(404);
  });
});
