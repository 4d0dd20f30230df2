// Pictures through the API (B10, S3, I8): uploads are checked by their bytes (JPEG / PNG only, 5 MB),
// stripped of location metadata and stored; a stored picture is served only to users of its org who
// may read a thread it appears in, or to its uploader while it has not been sent yet.
import type { MediaDto } from '../../shared/api/media';
import { MediaUploadFieldsSchema } from '../../shared/api/media';
import type { Env } from '../env';
import { sanitizeImage } from '../media/sanitize';
import { describeZodError } from '../middleware/errors';
import type { Db } from '../storage/db';
import { getMediaRow, linkMediaToConversation, type MediaRow } from '../storage/repos/media';
import { conversationById } from './conversations';
import { ApiError, notFound } from './errors';
import { MAX_IMAGE_BYTES, storeMedia } from './media-store';

const tooLarge = () => new ApiError(422, 'too_large', 'Pictures can be at most 5 MB.');
const pictureNotFound = () => notFound('Picture');

export interface Uploader {
  orgId: string;
  userId: string;
}

/** Reads the multipart body: the `file` part and the optional `conversationId`. */
export async function readUpload(request: Request): Promise<{ file: Blob; conversationId: string | null }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Send the picture as multipart/form-data, in a part named "file".',
    );
  }
  // Refuse an oversized body before reading it (the part headers add a little to the file).
  if (Number(request.headers.get('content-length') ?? '0') > MAX_IMAGE_BYTES + 64 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError(
      400,
      'invalid_request',
      'The multipart body could not be read: send a part named "file".',
    );
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string') {
    throw new ApiError(400, 'invalid_request', 'Send the picture in a multipart part named "file".');
  }
  const conversationId = form.get('conversationId');
  const fields = MediaUploadFieldsSchema.safeParse({
    conversationId: typeof conversationId === 'string' && conversationId !== '' ? conversationId : undefined,
  });
  if (!fields.success)
    throw new ApiError(400, 'invalid_request', `Invalid request: ${describeZodError(fields.error)}`);
  return { file, conversationId: fields.data.conversationId ?? null };
}

export async function uploadPicture(
  env: Env,
  db: Db,
  uploader: Uploader,
  upload: { file: Blob; conversationId: string | null },
  now: number,
): Promise<MediaDto> {
  if (upload.conversationId) await conversationById(env, db, uploader.orgId, upload.conversationId);
  if (upload.file.size === 0) throw new ApiError(400, 'empty_file', 'The file is empty: choose a picture.');
  if (upload.file.size > MAX_IMAGE_BYTES) throw tooLarge();
  const checked = sanitizeImage(new Uint8Array(await upload.file.arrayBuffer()));
  if (!checked.ok && checked.reason === 'unsupported') {
    throw new ApiError(
      400,
      'unsupported_media',
      'Only JPEG and PNG pictures can be sent; this file is neither.',
    );
  }
  if (!checked.ok)
    throw new ApiError(422, 'invalid_image', 'The picture could not be read: it looks damaged.');
  const row = await storeMedia(env, db, {
    orgId: uploader.orgId,
    conversationId: upload.conversationId,
    bytes: checked.bytes,
    mimeType: checked.mimeType,
    direction: 'out',
    uploadedBy: uploader.userId,
    metaMediaId: null,
    now,
  });
  return toMediaDto(row);
}

export function toMediaDto(row: MediaRow): MediaDto {
  return { id: row.id, mimeType: row.mimeType, size: row.size };
}

/** I8: in a thread the user may read; or the uploader's own picture before it has gone out. */
async function mayRead(env: Env, db: Db, row: MediaRow, userId: string): Promise<boolean> {
  if (row.direction === 'out' && row.metaMediaId === null && row.uploadedBy === userId) return true;
  if (!row.conversationId) return false;
  const { ref, stub } = await conversationById(env, db, row.orgId, row.conversationId);
  return stub.canReadMedia(ref, userId, row.id);
}

/** The picture's row if this user may see it; 404 otherwise, so ids reveal nothing (I8). */
export async function readableMedia(
  env: Env,
  db: Db,
  orgId: string,
  userId: string,
  id: string,
): Promise<MediaRow> {
  const row = await getMediaRow(db, orgId, id);
  if (!row || !(await mayRead(env, db, row, userId))) throw pictureNotFound();
  return row;
}

export async function mediaBytes(env: Env, row: MediaRow): Promise<ReadableStream> {
  const object = await env.MEDIA.get(row.r2Key);
  if (!object) throw pictureNotFound();
  return object.body;
}

/**
 * For the messages route (B10): the picture a user is about to send must be theirs, in their org,
 * and not meant for another conversation. Links it to this conversation so its participants can see it.
 */
export async function claimOutboundMedia(
  db: Db,
  uploader: Uploader,
  mediaId: string,
  conversationId: string,
): Promise<MediaRow> {
  const row = await getMediaRow(db, uploader.orgId, mediaId);
  if (row?.direction !== 'out' || row.uploadedBy !== uploader.userId) throw pictureNotFound();
  if (row.conversationId !== null && row.conversationId !== conversationId) {
    throw new ApiError(
      409,
      'media_in_other_conversation',
      'This picture was uploaded for another conversation.',
    );
  }
  if (row.conversationId === null) await linkMediaToConversation(db, uploader.orgId, mediaId, conversationId);
  return { ...row, conversationId };
}
