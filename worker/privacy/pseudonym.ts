// Keyed hashes (HMAC-SHA-256) that stand for an erased customer (issue 12): the consent ledger keeps
// them instead of the phone or BSUID, and the directory keeps them so a returning customer's opt-out
// still stands (I1). The key is the PRIVACY_HASH_KEY secret; without one it is derived from
// TOKEN_ENCRYPTION_KEY (domain-separated), so local stacks and tests need no extra secret.
import { toHex } from '../auth/encoding';
import type { Env } from '../env';

/** What a pseudonymised ledger field starts with, so nobody mistakes it for a phone or BSUID. */
export const PSEUDONYM_PREFIX = 'erased:';

export type PrivacyKeyEnv = Pick<Env, 'PRIVACY_HASH_KEY' | 'TOKEN_ENCRYPTION_KEY'>;

async function hmac(keyMaterial: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(keyMaterial),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data));
  return toHex(new Uint8Array(mac));
}

async function keyOf(env: PrivacyKeyEnv): Promise<string> {
  if (env.PRIVACY_HASH_KEY) return env.PRIVACY_HASH_KEY;
  if (env.TOKEN_ENCRYPTION_KEY) return hmac(env.TOKEN_ENCRYPTION_KEY, 'greenline privacy hash key v1');
  throw new Error('privacy: neither PRIVACY_HASH_KEY nor TOKEN_ENCRYPTION_KEY is set');
}

/** The org-scoped pseudonym of one identifier (a phone in E.164, a BSUID or a wa_id). */
export async function subjectHash(env: PrivacyKeyEnv, orgId: string, identifier: string): Promise<string> {
  return hmac(await keyOf(env), `${orgId}\n${identifier}`);
}

/** The pseudonyms of several identifiers (empty and repeated ones dropped). */
export async function subjectHashes(
  env: PrivacyKeyEnv,
  orgId: string,
  identifiers: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of identifiers) if (id && !out.has(id)) out.set(id, await subjectHash(env, orgId, id));
  return out;
}

/** The phone's digits, as WhatsApp's wa_id spells a phone. */
export const digitsOf = (phone: string): string => phone.replace(/\D/g, '');
