// Pictures (B10, S3, I8): upload a JPEG or PNG (multipart `file`, optional `conversationId`), and
// read one back. Served with the type read from its bytes, nosniff, inline and private caching; a
// client that asks for `application/json` gets the picture's metadata instead of its bytes.
import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import { MediaSchema } from '../../shared/api/media';
import { requireAuth, requireWhatsApp } from '../middleware/auth';
import { mediaBytes, readableMedia, readUpload, toMediaDto, uploadPicture } from '../services/media';
import { AUTHED, bearer, errors, json, newRouter } from './openapi';

const BINARY = { schema: { type: 'string' as const, format: 'binary' } };

/** The multipart request as documented; the parts are read and checked by services/media.ts. */
const UPLOAD_BODY = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'JPEG or PNG, at most 5 MB' },
    conversationId: { type: 'string' as const, description: 'The conversation the picture is meant for' },
  },
};

const uploadRoute = createRoute({
  method: 'post',
  path: '/media',
  tags: ['media'],
  summary:
    'Upload a picture (JPEG or PNG, at most 5 MB; the type is read from the bytes, location metadata removed)',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: UPLOAD_BODY } } } },
  responses: {
    201: json(MediaSchema, 'Stored'),
    ...errors(...AUTHED, 404, 422),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/media/{id}',
  tags: ['media'],
  summary: 'A picture of a thread you may read (or your own upload not sent yet)',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'The picture with its checked type; with Accept: application/json, its metadata',
      content: { 'image/jpeg': BINARY, 'image/png': BINARY, 'application/json': { schema: MediaSchema } },
    },
    ...errors(...AUTHED, 404),
  },
});

export const mediaRoutes = newRouter()
  .openapi(uploadRoute, async (c) => {
    const upload = await readUpload(c.req.raw);
    const { org, user } = c.var.auth;
    const media = await uploadPicture(c.env, c.var.db, { orgId: org.id, userId: user.id }, upload, c.var.now);
    return c.json(media, 201);
  })
  .openapi(readRoute, async (c) => {
    const { org, user } = c.var.auth;
    const row = await readableMedia(c.env, c.var.db, org.id, user.id, c.req.valid('param').id);
    const accept = c.req.header('accept') ?? '';
    if (/application\/json/i.test(accept) && !/image\//i.test(accept)) return c.json(toMediaDto(row), 200);
    const headers = {
      'content-type': row.mimeType,
      'content-length': String(row.size),
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      'cache-control': 'private',
    };
    return c.body(await mediaBytes(c.env, row), 200, headers);
  });
