// Issue 12 retention in workerd: the org's period is set by an admin (audited, 30 days to 7 years or
// forever); a run turns exactly the messages written before the cutoff into stubs that keep their state
// and times, deletes the pictures stored before it from R2, keeps the consent ledger whole, and removes
// nothing more when repeated. The directory half runs on D1 and libSQL in tests/storage too.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../shared/time';
import { isPastRetention } from '../../worker/privacy/redact';
import type { OutboundMessage } from '../../worker/domain/messages';
import {
  advanceClock,
  customerSays,
  newContact,
  send,
  state,
  thread,
  tokenAt,
} from './conversations-support';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { pngWithText } from './media-images';
import { bucketKeys } from './privacy-support';

const PHONE = '+14155550131';
let admin = '';
let alice = '';

interface Item {
  type: string;
  id?: string;
  text: string | null;
  mediaId?: string | null;
  state?: string;
  at: number;
  removed?: { notice: string; afterDays: number };
}

async function upload(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([pngWithText()], { type: 'image/png' }), 'p.png');
  const res = await SELF.fetch('http://greenline.test/api/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${alice}` },
    body: form,
  });
  return ((await res.json()) as { id: string }).id;
}

/** The customer writes, Alice answers with a text and a picture. */
async function exchange(conversationId: string, words: string): Promise<{ picture: string }> {
  const now = (await call<{ now: number }>('POST', '/__dev/clock', { body: { advanceMs: 0 } })).body.now;
  await customerSays(conversationId, PHONE, { text: `${words} question`, timestamp: now });
  expect((await send(alice, conversationId, { type: 'text', text: `${words} answer` })).status).toBe(201);
  const picture = await upload();
  expect(
    (await send(alice, conversationId, { type: 'image', mediaId: picture, caption: `${words} picture` }))
      .status,
  ).toBe(201);
  return { picture };
}

const items = async (conversationId: string): Promise<Item[]> =>
  (await thread(alice, conversationId)).items as unknown as Item[];

const ledgerCount = async () =>
  (await call<{ records: unknown[] }>('GET', '/api/v1/admin/consent-records?format=json', { token: admin }))
    .body.records.length;

beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
  alice = await tokenFor('alice@acme.test');
});

describe('issue 12: the retention setting', () => {
  it('S2: an agent cannot change it (403)', async () => {
    const res = await call<ErrorBody>('PUT', '/api/v1/admin/privacy/retention', {
      token: alice,
      body: { retentionDays: 30 },
    });
    expect(res.status).toBe(403);
  });

  it('issue 12: defaults to 365 days; an admin sets 30 days, audited once however often it is sent', async () => {
    const before = await call<{ retentionDays: number }>('GET', '/api/v1/admin/privacy/retention', {
      token: admin,
    });
    expect(before.body).toMatchObject({ retentionDays: 365, defaultDays: 365, minDays: 30, maxDays: 2555 });
    for (let i = 0; i < 2; i++) {
      const res = await call('PUT', '/api/v1/admin/privacy/retention', {
        token: admin,
        body: { retentionDays: 30 },
      });
      expect(res.body).toMatchObject({ retentionDays: 30 });
    }
    const audit = await call<{ entries: Array<{ action: string; detail: unknown; actorUserId: string }> }>(
      'GET',
      '/api/v1/admin/privacy/audit',
      { token: admin },
    );
    const sets = audit.body.entries.filter((e) => e.action === 'retention_set');
    expect(sets).toEqual([
      expect.objectContaining({ actorUserId: 'acme-admin', detail: { before: 365, after: 30 } }),
    ]);
  });

  it('issue 12: a message is past the period only when finished and written before the cutoff', () => {
    const m = { state: 'read', createdAt: 1_000 } as OutboundMessage;
    expect(isPastRetention(m, 1_001)).toBe(true);
    expect(isPastRetention(m, 1_000)).toBe(false);
    expect(isPastRetention({ ...m, state: 'queued' }, 1_001)).toBe(false);
  });
});

describe("issue 12: the retention run — last: it moves this file's clock for good", () => {
  it('issue 12: exactly the bodies and pictures written more than 30 days ago are removed; stubs keep state and times', async () => {
    const contact = await newContact(alice, 'Old Timer', PHONE);
    await call('POST', `/api/v1/contacts/${contact}/whatsapp/start`, { token: alice });
    const conversationId = (await state(alice, contact)).conversationId;
    const old = await exchange(conversationId, 'old');
    let moved = await advanceClock(20 * DAY);
    alice = await tokenAt('alice@acme.test', moved.now);
    admin = await tokenAt('admin@acme.test', moved.now);
    const recent = await exchange(conversationId, 'recent');
    const before = await items(conversationId);
    const records = await ledgerCount();
    moved = await advanceClock(11 * DAY);
    alice = await tokenAt('alice@acme.test', moved.now);
    admin = await tokenAt('admin@acme.test', moved.now);

    const run = await call<Record<string, number>>('POST', '/api/v1/admin/privacy/retention/run', {
      token: admin,
    });
    expect(run.body).toMatchObject({
      retentionDays: 30,
      outboundRemoved: 2,
      inboundRemoved: 1,
      mediaRemoved: 1,
    });
    const after = await items(conversationId);
    const texts = after.filter((i) => i.type !== 'system').map((i) => i.text);
    expect(texts).toEqual([null, null, null, 'recent question', 'recent answer', 'recent picture']);
    for (const [i, item] of after.entries()) {
      if (item.type === 'system') continue;
      const was = before[i] as Item;
      expect(item.at).toBe(was.at);
      expect(item.state).toBe(was.state);
      if (item.text === null) {
        expect(item.removed?.notice).toBe('Message removed after 30 days');
        expect(item.mediaId ?? null).toBeNull();
      } else expect(item.removed).toBeUndefined();
    }
    const keys = await bucketKeys();
    expect(keys).not.toContain(`acme/${old.picture}`);
    expect(keys).toContain(`acme/${recent.picture}`);
    expect(await ledgerCount()).toBe(records);
    const verify = await call<{ ok: boolean }>('GET', '/api/v1/admin/consent-records/verify', {
      token: admin,
    });
    expect(verify.body.ok).toBe(true);

    const again = await call<Record<string, number>>('POST', '/api/v1/admin/privacy/retention/run', {
      token: admin,
    });
    expect(again.body).toMatchObject({ outboundRemoved: 0, inboundRemoved: 0, mediaRemoved: 0 });
    expect((await items(conversationId)).map((i) => i.text)).toEqual(after.map((i) => i.text));
  });

  it('issue 12: "forever" (null) keeps everything', async () => {
    const res = await call('PUT', '/api/v1/admin/privacy/retention', {
      token: admin,
      body: { retentionDays: null },
    });
    expect(res.body).toMatchObject({ retentionDays: null });
    await advanceClock(100 * DAY);
    const run = await call<Record<string, unknown>>('POST', '/api/v1/admin/privacy/retention/run', {
      token: await tokenAt('admin@acme.test', Date.now() + 132 * DAY),
    });
    expect(run.body).toMatchObject({ cutoff: null, outboundRemoved: 0, mediaRemoved: 0 });
  });
});
