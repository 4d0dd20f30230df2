// Media (reference §3; SPEC B10): multipart upload, GET with a download URL that needs the Bearer
// token and expires after 5 minutes of sandbox clock, DELETE, sending by id, and pictures users send.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACME, GLOBEX, type Harness, SAMUEL, startHarness, V } from './support/harness';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

const MediaInfoSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  url: z.string().url(),
  mime_type: z.string(),
  sha256: z.string(),
  file_size: z.string(),
  id: z.string(),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function upload(
  parts: Record<string, string | Blob>,
  token = ACME.accessToken,
  numberId = ACME.phoneNumberId,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.append(k, v);
  const res = await fetch(`${h.url}/${V}/${numberId}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const uploadPng = async () => {
  const reply = await upload({
    messaging_product: 'whatsapp',
    type: 'image/png',
    file: new Blob([PNG], { type: 'image/png' }),
  });
  expect(reply.status).toBe(200);
  return z.object({ id: z.string().regex(/^\d+$/) }).parse(reply.json).id;
};

const info = async (id: string, token: string | null = ACME.accessToken) => h.graph(`/${id}`, { token });

const download = (url: string, token?: string) =>
  fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('upload and download', () => {
  it('upload returns an id; GET gives url, mime_type, sha256, file_size; the URL downloads the bytes with the token', async () => {
    const id = await uploadPng();
    const reply = await info(id);
    expect(reply.status).toBe(200);
    const media = MediaInfoSchema.parse(reply.json);
    expect(media).toMatchObject({ id, mime_type: 'image/png', file_size: String(PNG.length) });
    expect(media.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const res = await download(media.url, ACME.accessToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('the download URL needs the Bearer token (401 without, 404 with another number’s token)', async () => {
    const media = MediaInfoSchema.parse((await info(await uploadPng())).json);
    expect((await download(media.url)).status).toBe(401);
    expect((await download(media.url, GLOBEX.accessToken)).status).toBe(404);
  });

  it('the download URL expires after 5 minutes of sandbox clock (404); a new GET gives a working URL', async () => {
    const id = await uploadPng();
    const first = MediaInfoSchema.parse((await info(id)).json);
    await h.advance(4 * 60_000 + 59_000);
    expect((await download(first.url, ACME.accessToken)).status).toBe(200);
    await h.advance(1_000);
    expect((await download(first.url, ACME.accessToken)).status).toBe(404);
    const second = MediaInfoSchema.parse((await info(id)).json);
    expect(second.url).not.toBe(first.url);
    expect((await download(second.url, ACME.accessToken)).status).toBe(200);
  });

  it('GET needs a token for the owning number: 190 without, 100 for another org', async () => {
    const id = await uploadPng();
    h.expectError(await info(id, null), 190, 401);
    h.expectError(await info(id, GLOBEX.accessToken), 100, 400);
    h.expectError(await h.graph(`/${id}?phone_number_id=${GLOBEX.phoneNumberId}`), 100, 400);
  });

  it('DELETE answers {success:true}; the media is gone afterwards', async () => {
    const id = await uploadPng();
    const url = MediaInfoSchema.parse((await info(id)).json).url;
    expect(await h.graph(`/${id}`, { method: 'DELETE' })).toEqual({ status: 200, json: { success: true } });
    h.expectError(await info(id), 100, 400);
    expect((await download(url, ACME.accessToken)).status).toBe(404);
  });

  it('upload errors: 131008 without file or messaging_product, 100 for an unsupported type, 131053 when the bytes are not the declared type', async () => {
    h.expectError(await upload({ messaging_product: 'whatsapp', type: 'image/png' }), 131008, 400);
    h.expectError(await upload({ file: new Blob([PNG], { type: 'image/png' }) }), 131008, 400);
    h.expectError(
      await upload({ messaging_product: 'whatsapp', file: new Blob([PNG], { type: 'image/gif' }) }),
      100,
      400,
    );
    h.expectError(
      await upload({ messaging_product: 'whatsapp', type: 'constructor', file: new Blob([PNG]) }),
      100,
      400,
    );
    h.expectError(
      await upload({
        messaging_product: 'whatsapp',
        type: 'image/jpeg',
        file: new Blob([PNG], { type: 'image/jpeg' }),
      }),
      131053,
      400,
    );
    h.expectError(
      await upload({ messaging_product: 'whatsapp', file: new Blob([PNG]) }, 'bad-token'),
      190,
      401,
    );
  });
});

describe('images in messages', () => {
  it('an uploaded image sent by id reaches the phone with its caption; another number’s media id is 131009', async () => {
    await h.userSays(SAMUEL, { text: 'send me a photo' });
    const id = await uploadPng();
    const wamid = await h.sendOk({
      messaging_product: 'whatsapp',
      to: SAMUEL,
      type: 'image',
      image: { id, caption: 'Our new model' },
    });
    await h.waitStatus(wamid, 'delivered');
    const inbox = await h.control('GET', `/sandbox/users/${SAMUEL}/messages`);
    expect(inbox.json).toMatchObject({
      messages: expect.arrayContaining([
        expect.objectContaining({ wamid, type: 'image', image: { mediaId: id, caption: 'Our new model' } }),
      ]),
    });
    const res = await fetch(`${h.url}/sandbox/media/${id}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const globexUpload = await upload(
      { messaging_product: 'whatsapp', file: new Blob([JPEG], { type: 'image/jpeg' }) },
      GLOBEX.accessToken,
      GLOBEX.phoneNumberId,
    );
    const globexId = z.object({ id: z.string() }).parse(globexUpload.json).id;
    h.expectError(
      await h.send({ messaging_product: 'whatsapp', to: SAMUEL, type: 'image', image: { id: globexId } }),
      131009,
      400,
    );
  });

  it('B10: a picture from the user arrives as an image webhook whose media id downloads the same bytes via Graph', async () => {
    const wamid = await h.userSays(SAMUEL, {
      image: { base64: JPEG.toString('base64'), mimeType: 'image/jpeg', caption: 'my café' },
    });
    const inbound = await h.waitInbound(wamid);
    expect(inbound).toMatchObject({ type: 'image', image: { mime_type: 'image/jpeg', caption: 'my café' } });
    expect(inbound.image?.sha256).toBe(createHash('sha256').update(JPEG).digest('base64'));
    const media = MediaInfoSchema.parse((await info(inbound.image?.id ?? '')).json);
    const bytes = Buffer.from(await (await download(media.url, ACME.accessToken)).arrayBuffer());
    expect(bytes.equals(JPEG)).toBe(true);
  });
});
