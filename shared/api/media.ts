// Pictures API (B10): the answer to an upload and the metadata of a stored picture. The upload itself
// is multipart (`file`, optional `conversationId`), checked by the worker from the bytes.
import { z } from 'zod';
import { IdSchema } from './common';

/** Upload limit: the Cloud API's own image limit (reference §3). */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

export const PictureTypeSchema = z.enum(['image/jpeg', 'image/png']);

export const MediaSchema = z
  .object({
    id: IdSchema,
    /** The type read from the bytes, whatever the upload declared. */
    mimeType: z.string(),
    size: z.int().nonnegative(),
  })
  .meta({ id: 'Media' });
export type MediaDto = z.infer<typeof MediaSchema>;

/** Multipart fields other than the file. */
export const MediaUploadFieldsSchema = z.object({
  conversationId: IdSchema.optional(),
});
