// Encrypts the business number's Cloud API access token at rest: AES-256-GCM with a key from the
// Worker secret TOKEN_ENCRYPTION_KEY (32 bytes, base64). Format: "v1.<iv b64>.<ciphertext b64>".
import { fromBase64, randomBytes, toBase64 } from './encoding';

export class MissingEncryptionKeyError extends Error {
  constructor(detail: string) {
    super(`TOKEN_ENCRYPTION_KEY is not usable: ${detail}`);
  }
}

export async function importEncryptionKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret) throw new MissingEncryptionKeyError('not set');
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(secret.trim());
  } catch {
    throw new MissingEncryptionKeyError('not base64');
  }
  if (raw.length !== 32) throw new MissingEncryptionKeyError('must decode to 32 bytes');
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function encryptSecret(key: CryptoKey, plaintext: string): Promise<string> {
  const iv = randomBytes(12);
  const data = new TextEncoder().encode(plaintext);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

export async function decryptSecret(key: CryptoKey, box: string): Promise<string> {
  const [version, iv, ct] = box.split('.');
  if (version !== 'v1' || !iv || !ct) throw new Error('unknown secret-box format');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, key, fromBase64(ct));
  return new TextDecoder().decode(pt);
}
