// Storing and reading pictures (B10): bytes in the MEDIA bucket under `<orgId>/<id>` with the checked
// content type, a `media` row beside them. Also the Cloud API client for a number, used by the media
// paths (inbound fetch, outbound upload) with their own timeouts.
import type { Env } from '../env';
import { createWhatsAppClient, type WhatsAppClient } from '../whatsapp';
import type { Db } from '../storage/db';
import { newId } from '../storage/ids';
import { insertMedia, type MediaRow } from '../storage/repos/media';
import type { NumberCredentials } from './number-settings';

/** B10: JPEG or PNG up to 5 MB (the Cloud API's own image limit, reference §3). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface StoreMediaInput {
  orgId: string;
  conversationId: string | null;
  bytes: Uint8Array;
  mimeType: string;
  direction: 'in' | 'out';
  uploadedBy: string | null;
  metaMediaId: string | null;
  now: number;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', copy));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const mediaKey = (orgId: string, id: string): string => `${orgId}/${id}`;

/** Puts the bytes first, then the row: a row never points at missing bytes. */
export async function storeMedia(env: Env, db: Db, input: StoreMediaInput): Promise<MediaRow> {
  const id = newId();
  const r2Key = mediaKey(input.orgId, id);
  await env.MEDIA.put(r2Key, input.bytes, { httpMetadata: { contentType: input.mimeType } });
  try {
    return await insertMedia(db, {
      id,
      orgId: input.orgId,
      conversationId: input.conversationId,
      r2Key,
      mimeType: input.mimeType,
      size: input.bytes.byteLength,
      sha256: await sha256Hex(input.bytes),
      metaMediaId: input.metaMediaId,
      metaMediaExpiresAt: null,
      direction: input.direction,
      uploadedBy: input.uploadedBy,
      createdAt: input.now,
    });
  } catch (err) {
    await env.MEDIA.delete(r2Key).catch(() => undefined);
    throw err;
  }
}

export function graphClient(env: Env, credentials: NumberCredentials, timeoutMs: number): WhatsAppClient {
  return createWhatsAppClient({
    baseUrl: env.WHATSAPP_API_BASE ?? 'https://graph.facebook.com',
    apiVersion: env.WHATSAPP_API_VERSION ?? 'v24.0',
    accessToken: credentials.accessToken,
    phoneNumberId: credentials.number.phoneNumberId,
    // Called through a closure: workerd refuses a fetch invoked with another `this`.
    fetch: (input, init) => fetch(input, init),
    timeoutMs,
  });
}
