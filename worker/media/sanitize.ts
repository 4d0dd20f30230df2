// Pictures we accept (B10, S3): the type is read from the bytes (magic numbers), never taken from the
// declared Content-Type, and metadata that can carry a location is removed before storing:
// JPEG APP1 (EXIF, XMP) and APP13 (IPTC) segments, PNG eXIf and text chunks. Pure: bytes in, bytes out.

export type ImageType = 'image/jpeg' | 'image/png';

export type SanitizeResult =
  | { ok: true; mimeType: ImageType; bytes: Uint8Array; removed: string[] }
  | { ok: false; reason: 'unsupported' | 'corrupt' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** APP1 holds EXIF (GPS tags) and XMP; APP13 holds Photoshop / IPTC records (place names). */
const JPEG_DROPPED = new Set([0xe1, 0xed]);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The image type the bytes really are, or null (GIF, WebP, text, anything else). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) * 0x10000 + u16(b, at + 2)) >>> 0;

/** Markers without a length field: TEM and RST0-7 (SOI / EOI are handled by the walk). */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** Copies a JPEG segment by segment, leaving out the dropped APPn ones; the scan data is kept as is. */
export function stripJpeg(bytes: Uint8Array): { bytes: Uint8Array; removed: string[] } | null {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed: string[] = [];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    let markerAt = at + 1;
    while (bytes[markerAt] === 0xff) markerAt++; // fill bytes
    const marker = bytes[markerAt];
    if (marker === undefined) return null;
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, markerAt + 1));
      return { bytes: concat(parts), removed };
    }
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(at, markerAt + 1));
      at = markerAt + 1;
      continue;
    }
    const length = u16(bytes, markerAt + 1);
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length) return null;
    if (JPEG_DROPPED.has(marker)) {
      removed.push(`APP${marker - 0xe0}`);
    } else if (marker === 0xda) {
      // Start of scan: from here on entropy-coded data and later markers, kept verbatim.
      parts.push(bytes.subarray(at));
      return { bytes: concat(parts), removed };
    } else {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  return null;
}

/** Copies a PNG chunk by chunk up to IEND, leaving out eXIf and the text chunks. */
export function stripPng(bytes: Uint8Array): { bytes: Uint8Array; removed: string[] } | null {
  const parts: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE.length)];
  const removed: string[] = [];
  let at = PNG_SIGNATURE.length;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (first && type !== 'IHDR') return null;
    first = false;
    if (PNG_DROPPED.has(type)) removed.push(type);
    else parts.push(bytes.subarray(at, end));
    if (type === 'IEND') return { bytes: concat(parts), removed };
    at = end;
  }
  return null;
}

/** Checks the real type and removes location-bearing metadata. */
export function sanitizeImage(bytes: Uint8Array): SanitizeResult {
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return { ok: false, reason: 'unsupported' };
  const stripped = mimeType === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes);
  if (!stripped) return { ok: false, reason: 'corrupt' };
  return { ok: true, mimeType, ...stripped };
}
