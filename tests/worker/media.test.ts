// Pictures through the API (B10, S3, I8): uploads are checked by their bytes and stripped of location
// metadata, stored in R2 with the checked type, served with nosniff to whoever may see them; and the
// Meta media id of an outbound picture is uploaded once and reused until it nears its 30-day expiry.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveOutboundMedia } from '../../worker/conversations/media';
import { getMediaRow } from '../../worker/storage/repos/media';
import { media } from '../../worker/storage/schema';
import { db, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { containsAscii, GPS_MARKER, gifBytes, jpegWithExif, pngWithText, textBytes } from './media-images';

const tokens: Record<'alice' | 'bob' | 'erin', string> = { alice: '', bob: '', erin: '' };

beforeAll(async () => {
  await setupDemo();
  tokens.alice = await tokenFor('alice@acme.test');
  tokens.bob = await tokenFor('bob@acme.test');
  tokens.erin = await tokenFor('erin@globex.test');
});

async function upload(
  bytes: Uint8Array,
  declared: string,
  token = tokens.alice,
  extra: Record<string, string> = {},
) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: declared }), 'picture.jpg');
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const res = await SELF.fetch('http://greenline.test/api/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as { id: string; mimeType: string; size: number } & ErrorBody,
  };
}

const read = (id: string, token: string, accept = '*/*') =>
  SELF.fetch(`http://greenline.test/api/v1/media/${id}`, {
    headers: { authorization: `Bearer ${token}`, accept },
  });

describe('B10: upload', () => {
  it('B10 / S3: a JPEG with EXIF GPS is stored without it and served with its checked type', async () => {
    const res = await upload(jpegWithExif(), 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe('image/jpeg');
    const served = await read(res.body.id, tokens.alice);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(served.headers.get('cache-control')).toBe('private');
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(bytes.byteLength).toBe(res.body.size);
    expect(containsAscii(bytes, GPS_MARKER)).toBe(false);
    const row = await getMediaRow(db(), 'acme', res.body.id);
    const stored = await env.MEDIA.get(row?.r2Key ?? '');
    expect(stored?.httpMetadata?.contentType).toBe('image/jpeg');
    expect(
      containsAscii(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0)), GPS_MARKER),
    ).toBe(false);
  });

  it('B10 / S3: a PNG declared as JPEG is stored and served as PNG, its text chunks gone', async () => {
    const res = await upload(pngWithText(), 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe('image/png');
    const served = await read(res.body.id, tokens.alice);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(containsAscii(new Uint8Array(await served.arrayBuffer()), GPS_MARKER)).toBe(false);
  });

  it.each([
    ['a GIF', gifBytes(), 'image/gif'],
    ['a text file called a JPEG', textBytes(), 'image/jpeg'],
  ])('B10 / S4: %s is 400 unsupported_media', async (_name, bytes, declared) => {
    const res = await upload(bytes, declared);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unsupported_media');
    expect(res.body.error.message).toMatch(/JPEG and PNG/);
  });

  it('B10 / S4: 6 MB, or just over 5 MB, is 422 too_large; an empty file 400 empty_file', async () => {
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(jpegWithExif().slice(0, 3));
    const six = await upload(big, 'image/jpeg');
    expect(six.status).toBe(422);
    expect(six.body.error.code).toBe('too_large');
    const justOver = await upload(big.slice(0, 5 * 1024 * 1024 + 10), 'image/jpeg');
    expect(justOver.status).toBe(422);
    expect(justOver.body.error.code).toBe('too_large');
    const empty = await upload(new Uint8Array(), 'image/jpeg');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('empty_file');
  });

  it('B10 / S4: a damaged JPEG is 422 invalid_image; a form without a file is 400', async () => {
    const damaged = await upload(jpegWithExif().slice(0, 30), 'image/jpeg');
    expect(damaged.status).toBe(422);
    expect(damaged.body.error.code).toBe('invalid_image');
    const form = new FormData();
    form.append('picture', 'not a file');
    const res = await SELF.fetch('http://greenline.test/api/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.alice}` },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/"file"/);
  });

  it('I8: a conversationId of another org is 404', async () => {
    const res = await upload(jpegWithExif(), 'image/jpeg', tokens.erin, {
      conversationId: 'acme-conversation-x',
    });
    expect(res.status).toBe(404);
  });
});

describe('I8: who may read an upload', () => {
  it('I8: an unsent upload is readable by its uploader only (not a colleague, not another org)', async () => {
    const { body } = await upload(jpegWithExif(), 'image/jpeg');
    expect((await read(body.id, tokens.alice)).status).toBe(200);
    expect((await read(body.id, tokens.bob)).status).toBe(404);
    expect((await read(body.id, tokens.erin)).status).toBe(404);
  });

  it('B10: Accept: application/json gives the metadata instead of the bytes', async () => {
    const { body } = await upload(pngWithText(), 'image/png');
    const res = await read(body.id, tokens.alice, 'application/json');
    expect(await res.json()).toEqual({ id: body.id, mimeType: 'image/png', size: body.size });
  });
});

describe('B10: outbound pictures get a Meta media id', () => {
  it('B10: uploaded to the Cloud API once, reused, and uploaded again near the 30-day expiry', async () => {
    const { body } = await upload(jpegWithExif(), 'image/jpeg');
    const first = await resolveOutboundMedia(env, db(), 'acme', body.id);
    expect(first).toMatch(/^\d+$/);
    expect(await resolveOutboundMedia(env, db(), 'acme', body.id)).toBe(first);
    // Once sent, the uploader's "not sent yet" access ends: the thread decides (I8).
    expect((await read(body.id, tokens.alice)).status).toBe(404);
    const { eq } = await import('drizzle-orm');
    await db()
      .update(media)
      .set({ metaMediaExpiresAt: Date.now() - 1 })
      .where(eq(media.id, body.id));
    const renewed = await resolveOutboundMedia(env, db(), 'acme', body.id);
    expect(renewed).not.toBe(first);
    expect((await getMediaRow(db(), 'acme', body.id))?.metaMediaId).toBe(renewed);
  });

  it("B10: another org's picture cannot be resolved", async () => {
    const { body } = await upload(jpegWithExif(), 'image/jpeg');
    await expect(resolveOutboundMedia(env, db(), 'globex', body.id)).rejects.toThrow(/not stored/);
  });
});
