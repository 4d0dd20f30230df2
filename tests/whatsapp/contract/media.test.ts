// Contract: media upload, get, download and URL expiry after 5 minutes of sandbox clock (reference §3).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaUrlExpiredError, WhatsAppApiError, type MessageEvent } from '../../../worker/whatsapp';
import { ACME, rejectionOf, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

describe('contract: media', () => {
  it('B10 upload → get → download returns the same bytes; file_size is a number to callers', async () => {
    const client = world.client();
    const { id } = await client.uploadMedia(JPEG, 'image/jpeg', 'photo.jpg');
    expect(id).toMatch(/^\d+$/);
    const info = await client.getMedia(id);
    expect(info).toMatchObject({ id, mimeType: 'image/jpeg', fileSize: JPEG.byteLength });
    expect(info.sha256.length).toBeGreaterThan(0);
    const media = await client.downloadMedia(info.url);
    expect(new Uint8Array(media.bytes)).toEqual(JPEG);
    expect(media.mimeType).toBe('image/jpeg');
  });

  it('B10 a download URL expires after 5 minutes of sandbox clock: 404 → MediaUrlExpiredError; a fresh URL works', async () => {
    const client = world.client();
    const { id } = await client.uploadMedia(JPEG, 'image/jpeg');
    const first = await client.getMedia(id);
    await world.advance(4 * 60 * 1000);
    await expect(client.downloadMedia(first.url)).resolves.toMatchObject({ mimeType: 'image/jpeg' });
    await world.advance(60 * 1000);
    await expect(rejectionOf(client.downloadMedia(first.url))).resolves.toBeInstanceOf(MediaUrlExpiredError);
    const fresh = await client.getMedia(id);
    const media = await client.downloadMedia(fresh.url);
    expect(new Uint8Array(media.bytes)).toEqual(JPEG);
  });

  it('§3 download needs the Bearer token: another token is refused', async () => {
    const { id } = await world.client().uploadMedia(JPEG, 'image/jpeg');
    const { url } = await world.client().getMedia(id);
    const error = await rejectionOf(world.client(ACME, 'not-a-token').downloadMedia(url));
    expect(error instanceof WhatsAppApiError || error instanceof MediaUrlExpiredError).toBe(true);
  });

  it('§3 131053: a PNG declared as JPEG is refused', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const error = await rejectionOf(world.client().uploadMedia(png, 'image/jpeg'));
    expect(error).toMatchObject({ code: 131053 });
  });

  it('B10 a picture from the customer arrives as an image message whose media id our client can fetch', async () => {
    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`, {
      image: { base64: Buffer.from(JPEG).toString('base64'), mimeType: 'image/jpeg', caption: 'My aloe' },
      to: ACME.phoneNumberId,
    });
    const { events, problems } = await world.waitForEvents((all) => all.some((e) => e.type === 'message'));
    expect(problems).toEqual([]);
    const message = events.find((e): e is MessageEvent => e.type === 'message');
    expect(message?.content).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', caption: 'My aloe' });
    if (message?.content.kind !== 'image') throw new Error('expected an image');
    const info = await world.client().getMedia(message.content.mediaId);
    const media = await world.client().downloadMedia(info.url);
    expect(new Uint8Array(media.bytes)).toEqual(JPEG);
  });
});
