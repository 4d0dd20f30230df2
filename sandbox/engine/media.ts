// Media storage for both directions: uploads by the business (kept 30 days) and pictures users send
// (7 days), plus download URLs that need the Bearer token and expire 5 minutes after they are issued
// (reference §3). All lifetimes run on the sandbox clock.

import { createHash } from 'node:crypto';
import { DAY, MINUTE } from '../../shared/time';
import { newMediaId, newUrlHash } from '../random';
import type { MediaRecord } from '../state';
import type { World } from '../world';

export const MEDIA_URL_TTL_MS = 5 * MINUTE;
export const UPLOAD_TTL_MS = 30 * DAY;
export const INBOUND_TTL_MS = 7 * DAY;
export const DOWNLOAD_PATH = '/whatsapp_business/attachments/';

export function storeMedia(
  world: World,
  input: { phoneNumberId: string; mimeType: string; bytes: Uint8Array; ttlMs: number },
): MediaRecord {
  const now = world.clock.now();
  const record: MediaRecord = {
    id: newMediaId(world.random),
    phoneNumberId: input.phoneNumberId,
    mimeType: input.mimeType,
    sha256: createHash('sha256').update(input.bytes).digest('base64'),
    size: input.bytes.byteLength,
    base64: Buffer.from(input.bytes).toString('base64'),
    createdAt: now,
    expiresAt: now + input.ttlMs,
  };
  world.state.media.push(record);
  world.changed();
  return record;
}

/** A live (not deleted, not expired) media object. */
export function findMedia(world: World, id: string): MediaRecord | undefined {
  const media = world.state.media.find((m) => m.id === id);
  return media && media.expiresAt > world.clock.now() ? media : undefined;
}

export function deleteMedia(world: World, id: string): boolean {
  const before = world.state.media.length;
  world.state.media = world.state.media.filter((m) => m.id !== id);
  world.changed();
  return world.state.media.length < before;
}

/** Issues a fresh download URL, lookaside-style (`?mid=...&hash=...`). */
export function issueMediaUrl(world: World, media: MediaRecord): string {
  const hash = newUrlHash(world.random);
  const expiresAt = world.clock.now() + MEDIA_URL_TTL_MS;
  world.mediaUrls.set(hash, { mediaId: media.id, expiresAt });
  const ext = Math.floor(expiresAt / 1000);
  return `${world.baseUrl}${DOWNLOAD_PATH}?mid=${media.id}&ext=${ext}&hash=${hash}`;
}

/** The media a download URL points at, or undefined once the URL expired or the media is gone. */
export function resolveMediaUrl(world: World, mid: string, hash: string): MediaRecord | undefined {
  const issued = world.mediaUrls.get(hash);
  if (!issued || issued.mediaId !== mid) return undefined;
  if (issued.expiresAt <= world.clock.now()) {
    world.mediaUrls.delete(hash);
    return undefined;
  }
  return findMedia(world, mid);
}

export const mediaBytes = (media: MediaRecord): Buffer => Buffer.from(media.base64, 'base64');

/** Magic-number check, so a PNG declared as JPEG is caught like Meta's 131053. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46) return 'image/webp';
  return undefined;
}
