// Inbound pictures (B10): Meta's download URLs expire in 5 minutes, so the picture is fetched while
// the webhook is being handled (getMedia → downloadMedia with the number's token), checked and
// stripped like an upload, and stored in R2. The conversation then gets OUR media id. Failures are
// returned, never thrown: the message itself (its text, the window it opens) must not be lost.
import type { Env } from '../env';
import { sanitizeImage } from '../media/sanitize';
import type { Db } from '../storage/db';
import { findInboundByMetaId } from '../storage/repos/media';
import type { NumberRow } from '../storage/repos/numbers';
import { MediaUrlExpiredError } from '../whatsapp';
import { graphClient, MAX_IMAGE_BYTES, storeMedia } from './media-store';
import { numberCredentials } from './number-settings';

/** Per Graph call; two or three calls fit well inside Meta's patience for a webhook answer. */
const GRAPH_TIMEOUT_MS = 8_000;

export type InboundMediaOutcome =
  | { ok: true; id: string; mimeType: string }
  | {
      ok: false;
      reason: 'no_credentials' | 'too_large' | 'unsupported' | 'corrupt' | 'fetch_failed';
      error?: string;
    };

export interface InboundImage {
  mediaId: string;
  mimeType: string;
}

export async function fetchInboundImage(
  env: Env,
  db: Db,
  number: NumberRow,
  conversationId: string,
  image: InboundImage,
  now: number,
): Promise<InboundMediaOutcome> {
  // A redelivered webhook (I6) finds the picture already stored.
  const existing = await findInboundByMetaId(db, number.orgId, conversationId, image.mediaId);
  if (existing) return { ok: true, id: existing.id, mimeType: existing.mimeType };
  const credentials = await numberCredentials(db, env.TOKEN_ENCRYPTION_KEY, number.orgId);
  if (!credentials) return { ok: false, reason: 'no_credentials' };
  const client = graphClient(env, credentials, GRAPH_TIMEOUT_MS);
  let bytes: Uint8Array;
  try {
    bytes = await download(client, image.mediaId);
  } catch (err) {
    if (err instanceof TooLargeError) return { ok: false, reason: 'too_large' };
    return { ok: false, reason: 'fetch_failed', error: err instanceof Error ? err.name : 'unknown' };
  }
  const checked = sanitizeImage(bytes);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const row = await storeMedia(env, db, {
    orgId: number.orgId,
    conversationId,
    bytes: checked.bytes,
    mimeType: checked.mimeType,
    direction: 'in',
    uploadedBy: null,
    metaMediaId: image.mediaId,
    now,
  });
  return { ok: true, id: row.id, mimeType: row.mimeType };
}

class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

type Client = ReturnType<typeof graphClient>;

/** URL, then bytes; an expired URL (404) is asked for once more (reference §3). */
async function download(client: Client, mediaId: string): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    const info = await client.getMedia(mediaId);
    if (info.fileSize > MAX_IMAGE_BYTES) throw new TooLargeError();
    try {
      const downloaded = await client.downloadMedia(info.url);
      if (downloaded.bytes.byteLength > MAX_IMAGE_BYTES) throw new TooLargeError();
      return new Uint8Array(downloaded.bytes);
    } catch (err) {
      if (!(err instanceof MediaUrlExpiredError) || attempt > 0) throw err;
    }
  }
}
