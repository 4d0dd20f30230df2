// B10 / S3: the picture checker on tiny synthetic files: the type comes from the bytes, and the
// metadata that can carry a location is gone while the image data is kept byte for byte.
import { describe, expect, it } from 'vitest';
import { sanitizeImage, sniffImageType, stripJpeg, stripPng } from '../../worker/media/sanitize';
import { containsAscii, GPS_MARKER, gifBytes, jpegWithExif, pngWithText, textBytes } from './media-images';

describe('B10: sniffing the real type', () => {
  it.each([
    ['a JPEG', jpegWithExif(), 'image/jpeg'],
    ['a PNG', pngWithText(), 'image/png'],
    ['a GIF', gifBytes(), null],
    ['a text file', textBytes(), null],
    ['nothing', new Uint8Array(), null],
  ])('B10: %s is %s', (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
});

describe('B10: removing location metadata', () => {
  it('B10: JPEG loses its APP1 segments (EXIF GPS, XMP) and keeps APP0, tables and scan data', () => {
    const original = jpegWithExif();
    expect(containsAscii(original, GPS_MARKER)).toBe(true);
    const result = sanitizeImage(original);
    if (!result.ok) throw new Error(result.reason);
    expect(result.mimeType).toBe('image/jpeg');
    expect(result.removed).toEqual(['APP1', 'APP1']);
    expect(containsAscii(result.bytes, GPS_MARKER)).toBe(false);
    expect(containsAscii(result.bytes, 'xmpmeta')).toBe(false);
    expect(containsAscii(result.bytes, 'JFIF')).toBe(true);
    expect(Array.from(result.bytes.slice(0, 2))).toEqual([0xff, 0xd8]);
    expect(Array.from(result.bytes.slice(-8))).toEqual(Array.from(original.slice(-8)));
  });

  it('B10: PNG loses tEXt, iTXt and eXIf chunks and keeps IHDR, IDAT and IEND', () => {
    const result = sanitizeImage(pngWithText());
    if (!result.ok) throw new Error(result.reason);
    expect(result.mimeType).toBe('image/png');
    expect(result.removed.sort()).toEqual(['eXIf', 'iTXt', 'tEXt']);
    expect(containsAscii(result.bytes, GPS_MARKER)).toBe(false);
    expect(containsAscii(result.bytes, 'Paris')).toBe(false);
    for (const kept of ['IHDR', 'IDAT', 'IEND']) expect(containsAscii(result.bytes, kept)).toBe(true);
  });

  it('B10: a clean picture passes through unchanged', () => {
    const once = sanitizeImage(jpegWithExif());
    if (!once.ok) throw new Error(once.reason);
    const twice = sanitizeImage(once.bytes);
    if (!twice.ok) throw new Error(twice.reason);
    expect(twice.removed).toEqual([]);
    expect(Array.from(twice.bytes)).toEqual(Array.from(once.bytes));
  });

  it('B10: other types are unsupported, broken structures corrupt (never a throw)', () => {
    expect(sanitizeImage(gifBytes())).toEqual({ ok: false, reason: 'unsupported' });
    expect(sanitizeImage(textBytes())).toEqual({ ok: false, reason: 'unsupported' });
    const truncatedJpeg = jpegWithExif().slice(0, 12);
    expect(sanitizeImage(truncatedJpeg)).toEqual({ ok: false, reason: 'corrupt' });
    expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toBeNull();
    const png = pngWithText();
    expect(stripPng(png.slice(0, png.length - 12))).toBeNull();
    const noHeader = new Uint8Array([...png.slice(0, 8), ...png.slice(8 + 25)]);
    expect(sanitizeImage(noHeader)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
