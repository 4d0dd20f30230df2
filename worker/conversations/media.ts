// Outbound pictures (B10): the Cloud API sends an image by a Meta media id, so a picture we stored is
// uploaded from R2 the first time it goes out and its id remembered; uploads expire after 30 days
// (reference §3), so an id older than 29 days is replaced by a fresh upload.
import { now as clockNow } from '../clock';
import type { Env } from '../env';
import { graphClient } from '../services/media-store';
import { numberCredentials } from '../services/number-settings';
import type { Db } from '../storage/db';
import { getMediaRow, linkMediaToConversation, setMetaMediaId } from '../storage/repos/media';

export const META_MEDIA_REUSE_MS = 29 * 24 * 60 * 60 * 1000;
const UPLOAD_TIMEOUT_MS = 30_000;

/** The picture cannot be sent at all (gone, not ours, no number): retrying will not help. */
export class OutboundMediaError extends Error {
  override readonly name = 'OutboundMediaError';

  constructor(readonly reason: 'not_found' | 'no_number') {
    super(reason === 'not_found' ? 'the picture is not stored (any more)' : 'the org has no business number');
  }
}

/**
 * A Meta media id for one of our stored pictures. Cloud API errors (WhatsAppApiError,
 * WhatsAppTransportError) are thrown as the client throws them, for the sender's usual handling.
 * `conversationId`, when given, links an upload made without one to the conversation it goes out in.
 */
export async function resolveOutboundMedia(
  env: Env,
  db: Db,
  orgId: string,
  mediaId: string,
  conversationId?: string,
): Promise<string> {
  const row = await getMediaRow(db, orgId, mediaId);
  if (!row) throw new OutboundMediaError('not_found');
  if (conversationId && row.conversationId === null) {
    await linkMediaToConversation(db, orgId, mediaId, conversationId);
  }
  const at = await clockNow(env);
  const reusable = row.direction === 'out' && row.metaMediaId !== null && (row.metaMediaExpiresAt ?? 0) > at;
  if (reusable && row.metaMediaId) return row.metaMediaId;
  const object = await env.MEDIA.get(row.r2Key);
  if (!object) throw new OutboundMediaError('not_found');
  const credentials = await numberCredentials(db, env.TOKEN_ENCRYPTION_KEY, orgId);
  if (!credentials) throw new OutboundMediaError('no_number');
  const bytes = new Uint8Array(await object.arrayBuffer());
  const extension = row.mimeType === 'image/png' ? 'png' : 'jpg';
  const client = graphClient(env, credentials, UPLOAD_TIMEOUT_MS);
  const { id } = await client.uploadMedia(bytes, row.mimeType, `${row.id}.${extension}`);
  // An inbound row keeps Meta's id of the customer's media (it dedupes redelivered webhooks).
  if (row.direction === 'out') await setMetaMediaId(db, orgId, row.id, id, at + META_MEDIA_REUSE_MS);
  return id;
}
