// B10: a customer's picture is fetched from Meta while the webhook is handled (its URL lives 5
// minutes), stored in R2 without location metadata, and served only to users who may read its
// thread; a picture that cannot be fetched leaves the message (and its caption) intact, with a dead
// letter an admin can read (SPEC §6).
import { env } from 'cloudflare:test';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../worker/storage/schema';
import { getMediaRow } from '../../worker/storage/repos/media';
import { MEDIA_BROKEN, MEDIA_GIF, MEDIA_JPEG } from './fake-graph';
import { call, db, setupDemo, tokenFor } from './helpers';
import { containsAscii, GPS_MARKER } from './media-images';
import {
  ACME_PNID,
  claimedThread,
  envelope,
  imageMessage,
  messagesChange,
  postWebhook,
} from './webhooks-support';

beforeAll(setupDemo);

const imageWebhook = (from: string, mediaId: string, caption?: string) =>
  envelope({
    changes: [
      messagesChange(ACME_PNID, [imageMessage(from, mediaId, caption)], [{ waId: from, name: 'Pic' }]),
    ],
  });

interface DeadLetters {
  deadLetters: Array<{ reason: string; payload: unknown }>;
}

describe('B10: inbound pictures', () => {
  let mediaId = '';

  it('B10: a customer picture is stored in R2 (no GPS) and the thread shows our media id with the caption', async () => {
    const res = await postWebhook(imageWebhook('14155550180', MEDIA_JPEG, 'our shop front'));
    expect(res.status).toBe(200);
    const thread = await claimedThread('+14155550180');
    const item = thread?.items.find((i) => i.type === 'inbound');
    expect(item).toMatchObject({ type: 'inbound', kind: 'image', text: 'our shop front' });
    mediaId = item?.mediaId ?? '';
    expect(mediaId).not.toBe(MEDIA_JPEG);
    const row = await getMediaRow(db(), 'acme', mediaId);
    expect(row).toMatchObject({ direction: 'in', mimeType: 'image/jpeg', metaMediaId: MEDIA_JPEG });
    const object = await env.MEDIA.get(row?.r2Key ?? '');
    expect(
      containsAscii(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0)), GPS_MARKER),
    ).toBe(false);
  });

  it('B10 / I8: served to the participant; refused to a colleague outside the thread and to another org', async () => {
    const get = (token: string) =>
      call('GET', `/api/v1/media/${mediaId}`, { token, headers: { accept: 'application/json' } });
    expect((await get(await tokenFor('alice@acme.test'))).status).toBe(200);
    expect((await get(await tokenFor('carol@acme.test'))).status).toBe(404);
    expect((await get(await tokenFor('erin@globex.test'))).status).toBe(404);
  });

  it('I6: a redelivered picture webhook is stored once', async () => {
    const stored = async () =>
      (await db().select({ n: count() }).from(media).where(eq(media.metaMediaId, MEDIA_JPEG)))[0]?.n ?? 0;
    const before = await stored();
    const payload = imageWebhook('14155550181', MEDIA_JPEG);
    expect((await postWebhook(payload)).status).toBe(200);
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it.each([
    ['cannot be fetched', MEDIA_BROKEN, 'fetch_failed'],
    ['is not a JPEG or PNG', MEDIA_GIF, 'unsupported'],
  ])(
    'B10: a picture that %s: the message and caption still arrive, media null, dead letter',
    async (_n, id, reason) => {
      const from = id === MEDIA_BROKEN ? '14155550182' : '14155550183';
      expect((await postWebhook(imageWebhook(from, id, 'see attached'))).status).toBe(200);
      const thread = await claimedThread(`+${from}`);
      expect(thread?.items.find((i) => i.type === 'inbound')).toMatchObject({
        kind: 'image',
        text: 'see attached',
        mediaId: null,
      });
      const admin = await call<DeadLetters>('GET', '/api/v1/admin/dead-letters?limit=10', {
        token: await tokenFor('admin@acme.test'),
      });
      expect(admin.status).toBe(200);
      expect(admin.body.deadLetters.map((d) => d.reason)).toContain(`inbound picture not stored: ${reason}`);
    },
  );

  it("§6: another org's admin does not see Acme's dead letters", async () => {
    const res = await call<DeadLetters>('GET', '/api/v1/admin/dead-letters', {
      token: await tokenFor('admin@globex.test'),
    });
    expect(res.status).toBe(200);
    expect(res.body.deadLetters).toEqual([]);
  });
});
