// B10 on the user's side: only JPEG or PNG up to 5 MB, judged by the bytes (a renamed file is caught
// here with a clear message; the server checks again and strips location metadata).
import { MAX_PICTURE_BYTES } from '../../../shared/api/media';

export type PictureType = 'image/jpeg' | 'image/png';

export type PictureCheck = { ok: true; contentType: PictureType } | { ok: false; message: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** The picture's real type from its first bytes, or null when it is neither JPEG nor PNG. */
export function sniffPicture(head: Uint8Array): PictureType | null {
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  return null;
}

export function checkPicture(size: number, head: Uint8Array): PictureCheck {
  if (size === 0) return { ok: false, message: 'This file is empty.' };
  const contentType = sniffPicture(head);
  if (!contentType)
    return { ok: false, message: 'Choose a JPEG or PNG picture: WhatsApp accepts only those.' };
  if (size > MAX_PICTURE_BYTES) {
    const mb = (size / (1024 * 1024)).toFixed(1);
    return { ok: false, message: `This picture is ${mb} MB: WhatsApp accepts pictures up to 5 MB.` };
  }
  return { ok: true, contentType };
}
