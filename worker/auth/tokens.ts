// Opaque bearer tokens: 32 random bytes, base64url, with a prefix that says what they are.
// Only their SHA-256 is stored, so a database leak yields no usable token.
import { randomBytes, toBase64Url, toHex } from './encoding';

export type TokenKind = 'access' | 'refresh' | 'invitation';
const PREFIX: Record<TokenKind, string> = { access: 'gla_', refresh: 'glr_', invitation: 'gli_' };

export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + toBase64Url(randomBytes(32));
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}
