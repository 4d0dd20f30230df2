// S1: X-Hub-Signature-256 over the raw bytes (reference §2.2), checked against node:crypto's HMAC.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../worker/whatsapp';
import { asciiJson } from './helpers/ascii-json';
import { entry, envelope, inbound, messagesChange } from './helpers/webhook-payloads';

const SECRET = 'sandbox-app-secret';
const encoder = new TextEncoder();

function metaSignature(bytes: Uint8Array, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;
}

const NON_ASCII = 'Olá! äöå 😀 — ¿Mañana?';
const raw = asciiJson(
  envelope(
    entry([messagesChange({ messages: [inbound('wamid.u', 'text', { text: { body: NON_ASCII } })] })]),
  ),
);
const bytes = encoder.encode(raw);

describe('S1: webhook signature', () => {
  it('S1: the payload is ASCII-only with lowercase \\u escapes, like Meta sends it', () => {
    expect(/^[\x20-\x7e]*$/.test(raw)).toBe(true);
    expect(raw).toContain('\\u00e4\\u00f6\\u00e5');
    expect(JSON.parse(raw).entry[0].changes[0].value.messages[0].text.body).toBe(NON_ASCII);
  });

  it('S1: passes on non-ASCII text sent as escaped ASCII JSON, verified over the raw bytes', async () => {
    expect(await verifySignature(bytes, metaSignature(bytes), SECRET)).toBe(true);
    expect(await verifySignature(bytes.buffer.slice(0), metaSignature(bytes), SECRET)).toBe(true);
  });

  it('S1: re-serialised parsed JSON does not match (why the raw bytes are required)', async () => {
    const reserialised = encoder.encode(JSON.stringify(JSON.parse(raw)));
    expect(await verifySignature(reserialised, metaSignature(bytes), SECRET)).toBe(false);
  });

  it('S1: a signature over one changed byte fails', async () => {
    const header = metaSignature(bytes);
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(await verifySignature(tampered, header, SECRET)).toBe(false);
    }
  });

  it('S1: a signature with one changed hex digit fails', async () => {
    const header = metaSignature(bytes);
    const last = header.at(-1) === '0' ? '1' : '0';
    expect(await verifySignature(bytes, header.slice(0, -1) + last, SECRET)).toBe(false);
  });

  it('S1: a wrong secret fails', async () => {
    expect(await verifySignature(bytes, metaSignature(bytes, 'another-secret'), SECRET)).toBe(false);
    expect(await verifySignature(bytes, metaSignature(bytes), 'another-secret')).toBe(false);
  });

  it('S1: a missing header or an empty secret fails', async () => {
    expect(await verifySignature(bytes, null, SECRET)).toBe(false);
    expect(await verifySignature(bytes, metaSignature(bytes), '')).toBe(false);
  });

  it.each([
    ['empty', () => ''],
    ['no prefix', (hex: string) => hex],
    ['sha1 prefix (legacy X-Hub-Signature)', (hex: string) => `sha1=${hex}`],
    ['truncated digest', (hex: string) => `sha256=${hex.slice(0, -2)}`],
    ['digest too long', (hex: string) => `sha256=${hex}00`],
    ['not hex', () => `sha256=${'zz'.repeat(32)}`],
    ['two signatures', (hex: string) => `sha256=${hex},sha256=${hex}`],
    ['prefix without digest', () => 'sha256='],
  ])('S1: a malformed header fails: %s', async (_name, header) => {
    const hex = metaSignature(bytes).slice('sha256='.length);
    expect(await verifySignature(bytes, header(hex), SECRET)).toBe(false);
  });

  it('S1: an empty body with its correct signature passes (verification does not depend on content)', async () => {
    const empty = new Uint8Array(0);
    expect(await verifySignature(empty, metaSignature(empty), SECRET)).toBe(true);
  });

  it('signBody produces what Meta sends (lowercase hex, sha256= prefix)', async () => {
    expect(await signBody(bytes, SECRET)).toBe(metaSignature(bytes));
  });
});
