// B10: JPEG or PNG up to 5 MB, judged by the bytes, with a clear message otherwise.
import { describe, expect, it } from 'vitest';
import { checkPicture } from '../../../extension/models/panel/picture-check';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const GIF = new TextEncoder().encode('GIF89a');
const MB = 1024 * 1024;

describe('B10: picture check', () => {
  it.each`
    name         | size      | head                | result
    ${'a JPEG'}  | ${MB}     | ${JPEG}             | ${{ ok: true, contentType: 'image/jpeg' }}
    ${'a PNG'}   | ${5 * MB} | ${PNG}              | ${{ ok: true, contentType: 'image/png' }}
    ${'a GIF'}   | ${10}     | ${GIF}              | ${{ ok: false, message: 'Choose a JPEG or PNG picture: WhatsApp accepts only those.' }}
    ${'too big'} | ${6 * MB} | ${JPEG}             | ${{ ok: false, message: 'This picture is 6.0 MB: WhatsApp accepts pictures up to 5 MB.' }}
    ${'empty'}   | ${0}      | ${new Uint8Array()} | ${{ ok: false, message: 'This file is empty.' }}
  `('$name', ({ size, head, result }) => {
    expect(checkPicture(size, head)).toEqual(result);
  });
});
