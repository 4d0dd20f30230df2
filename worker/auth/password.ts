// Password hashing: PBKDF2-SHA256 through WebCrypto. workerd refuses more than 100,000 iterations,
// so that is the count used; it is stored with each hash so it can be raised later and old hashes
// still verify (and get re-hashed at the next login).
import { constantTimeEqual, fromBase64, randomBytes, toBase64 } from './encoding';

export const PBKDF2_ITERATIONS = 100_000;
const HASH_BITS = 256;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, iterations);
  return { hash: toBase64(hash), salt: toBase64(salt), iterations };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(actual, fromBase64(stored.hash));
}

/** A fixed hash to verify against when the email is unknown, so timing does not reveal accounts. */
export const DUMMY_PASSWORD_HASH: PasswordHash = {
  hash: 'kO8Zb3cW2lDq3m1oQm0yq1wQ3wWm0k3j5dRk3hYxY1s=',
  salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
  iterations: PBKDF2_ITERATIONS,
};
