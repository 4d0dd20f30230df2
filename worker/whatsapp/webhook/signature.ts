// X-Hub-Signature-256 verification (reference §2.2): HMAC-SHA256 of the raw request bytes with the
// app secret, compared in constant time by WebCrypto's verify. Always the raw bytes: Meta signs an
// ASCII-escaped serialisation, so re-serialising parsed JSON breaks every non-ASCII payload.

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export const SIGNATURE_HEADER = 'X-Hub-Signature-256';

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function toBytes(body: ArrayBuffer | Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(body.byteLength);
  copy.set(body instanceof Uint8Array ? body : new Uint8Array(body));
  return copy;
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(appSecret: string): Promise<CryptoKey> {
  let key = keys.get(appSecret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(appSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    // One deployment has one app secret (SPEC §2); the cap only guards against misuse.
    if (keys.size > 8) keys.clear();
    keys.set(appSecret, key);
  }
  return key;
}

/**
 * True only when `header` is `sha256=<64 hex>` and matches the HMAC of `rawBody` under `appSecret`.
 * A missing, empty or malformed header, or an empty secret, is false.
 */
export async function verifySignature(
  rawBody: ArrayBuffer | Uint8Array,
  header: string | null,
  appSecret: string,
): Promise<boolean> {
  if (!appSecret || header === null) return false;
  const match = HEADER.exec(header.trim());
  const hex = match?.[1];
  if (!hex) return false;
  const key = await hmacKey(appSecret);
  return crypto.subtle.verify('HMAC', key, hexToBytes(hex), toBytes(rawBody));
}

/** `sha256=<lowercase hex>` for `rawBody`, as Meta sends it. For tests and tools. */
export async function signBody(rawBody: ArrayBuffer | Uint8Array, appSecret: string): Promise<string> {
  const key = await hmacKey(appSecret);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, toBytes(rawBody)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
