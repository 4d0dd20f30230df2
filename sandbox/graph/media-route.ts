// Media endpoints of reference §3: multipart upload, `GET|DELETE /{version}/{media-id}` and the download
// URL (Bearer token required, 404 once its 5 minutes of sandbox clock are over).

import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { DEMO_ORGS } from '../../shared/demo';
import {
  DOWNLOAD_PATH,
  deleteMedia,
  findMedia,
  issueMediaUrl,
  mediaBytes,
  resolveMediaUrl,
  sniffImageType,
  storeMedia,
  UPLOAD_TTL_MS,
} from '../engine/media';
import type { BusinessNumber, MediaRecord } from '../state';
import type { World } from '../world';
import { authorizeNumber, bearerToken, invalidToken, metaError, numberForToken, unknownObject } from './auth';
import { MB_LIMITS, mimeLimit } from './media-types';

async function upload(c: Context, world: World): Promise<Response> {
  const number = authorizeNumber(c, world, c.req.param('phoneNumberId') ?? '');
  if (number instanceof Response) return number;
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    return metaError(c, world, 100, 'The request must be multipart/form-data.');
  }
  const product = form.messaging_product;
  if (product === undefined)
    return metaError(c, world, 131008, 'The parameter messaging_product is required.');
  if (product !== 'whatsapp') return metaError(c, world, 100, 'Param messaging_product must be whatsapp.');
  const file = form.file;
  if (!(file instanceof File)) return metaError(c, world, 131008, 'The parameter file is required.');
  const raw = typeof form.type === 'string' && form.type ? form.type : file.type;
  const declared = raw.split(';')[0]?.trim().toLowerCase() ?? '';
  const limit = mimeLimit(declared);
  if (limit === undefined) {
    return metaError(
      c,
      world,
      100,
      `Param file must be a file with one of the following types: ${Object.keys(MB_LIMITS).join(', ')}`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength === 0) return metaError(c, world, 131053, 'The uploaded file is empty.');
  if (bytes.byteLength > limit)
    return metaError(c, world, 131053, `Media file size too big. Max allowed is ${limit} bytes.`);
  const sniffed = declared.startsWith('image/') ? sniffImageType(bytes) : declared;
  if (sniffed !== declared) {
    return metaError(c, world, 131053, `Media upload error: the file content is not ${declared}.`);
  }
  const media = storeMedia(world, {
    phoneNumberId: number.phoneNumberId,
    mimeType: declared,
    bytes,
    ttlMs: UPLOAD_TTL_MS,
  });
  world.log(`media upload ${media.id} ${declared} ${bytes.byteLength} bytes via ${number.phoneNumberId}`);
  return c.json({ id: media.id });
}

/** The media of `/{media-id}` visible to this token (and to `phone_number_id` if given). */
function ownedMedia(c: Context, world: World, verb: 'get' | 'delete'): MediaRecord | Response {
  const owner = numberForToken(world, bearerToken(c));
  if (!owner) return invalidToken(c, world);
  const id = c.req.param('mediaId') ?? '';
  const media = findMedia(world, id);
  const scope = c.req.query('phone_number_id');
  if (
    !media ||
    media.phoneNumberId !== owner.phoneNumberId ||
    (scope !== undefined && scope !== media.phoneNumberId)
  ) {
    return unknownObject(c, world, id, verb);
  }
  return media;
}

async function download(c: Context, world: World): Promise<Response> {
  const owner = numberForToken(world, bearerToken(c));
  if (!owner) return invalidToken(c, world);
  const media = resolveMediaUrl(world, c.req.query('mid') ?? '', c.req.query('hash') ?? '');
  if (!media || media.phoneNumberId !== owner.phoneNumberId) {
    return c.text('Not Found', 404);
  }
  return new Response(new Uint8Array(mediaBytes(media)), {
    headers: {
      'content-type': media.mimeType,
      'content-length': String(media.size),
      'x-content-type-options': 'nosniff',
    },
  });
}

/** `GET /{phone-number-id}`: the few fields a client checks (reference §7 throughput level). */
function numberInfo(c: Context, world: World, number: BusinessNumber): Response {
  if (numberForToken(world, bearerToken(c)) !== number) return invalidToken(c, world);
  const org = DEMO_ORGS.find((o) => o.number.phoneNumberId === number.phoneNumberId);
  return c.json({
    verified_name: org?.name ?? 'Sandbox business',
    display_phone_number: number.displayPhoneNumber,
    id: number.phoneNumberId,
    quality_rating: number.qualityRating ?? 'GREEN',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
  });
}

export function mediaRoute(world: World): Hono {
  return new Hono()
    .post('/:version{v\\d+\\.\\d+}/:phoneNumberId{\\d+}/media', (c) => upload(c, world))
    .get(DOWNLOAD_PATH, (c) => download(c, world))
    .get('/:version{v\\d+\\.\\d+}/:mediaId{\\d+}', (c) => {
      const number = world.state.numbers.find((n) => n.phoneNumberId === c.req.param('mediaId'));
      if (number) return numberInfo(c, world, number);
      const media = ownedMedia(c, world, 'get');
      if (media instanceof Response) return media;
      return c.json({
        messaging_product: 'whatsapp',
        url: issueMediaUrl(world, media),
        mime_type: media.mimeType,
        sha256: createHash('sha256').update(mediaBytes(media)).digest('hex'),
        file_size: String(media.size),
        id: media.id,
      });
    })
    .delete('/:version{v\\d+\\.\\d+}/:mediaId{\\d+}', (c) => {
      const media = ownedMedia(c, world, 'delete');
      if (media instanceof Response) return media;
      deleteMedia(world, media.id);
      return c.json({ success: true });
    });
}
