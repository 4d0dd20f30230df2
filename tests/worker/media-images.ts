// Tiny synthetic pictures for the media tests (and the fake Graph API's downloads): structurally
// valid JPEG and PNG files carrying location metadata, and files that are not pictures we accept.
// Plain bytes, so the same module runs in Node (vitest config) and in workerd (tests).

const ascii = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0));

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A recognisable GPS payload: the test checks it is gone after sanitising. */
export const GPS_MARKER = 'GPSLatitude=48.8584N';

/** SOI, APP0 (JFIF), APP1 (EXIF with "GPS"), APP1 (XMP), DQT, SOS + scan data, EOI. */
export function jpegWithExif(): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xe1, [...ascii('Exif'), 0, 0, ...ascii(`MM*${GPS_MARKER}`)]),
    ...segment(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...ascii('<x:xmpmeta/>')]),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x12,
    0x34,
    0xff,
    0x00,
    0x56,
    0xff,
    0xd9,
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  return [...be32(data.length), ...body, ...be32(crc32(body))];
}

/** A 1x1 PNG with tEXt, iTXt and eXIf chunks around its image data. */
export function pngWithText(): Uint8Array {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [...be32(1), ...be32(1), 8, 2, 0, 0, 0]),
    ...chunk('tEXt', [...ascii('Comment'), 0, ...ascii(GPS_MARKER)]),
    ...chunk('iTXt', [...ascii('Location'), 0, 0, 0, 0, 0, ...ascii('Paris')]),
    ...chunk('eXIf', [...ascii(`MM*${GPS_MARKER}`)]),
    ...chunk('IDAT', [0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]),
    ...chunk('IEND', []),
  ]);
}

export const gifBytes = (): Uint8Array => new Uint8Array([...ascii('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 0x3b]);

export const textBytes = (): Uint8Array => new Uint8Array(ascii('hello, this is not a picture\n'));

/** Whether `needle` occurs in the bytes (as ASCII). */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  return text.includes(needle);
}
