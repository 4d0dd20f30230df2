// The consent ledger's Hasher (lowercase hex SHA-256 over WebCrypto) and chain verification of
// records as they come out of storage. Shared by the ledger object, which seals and checks its own
// chain, and the admin service, which checks the directory copy, so both hash the same way.
import { toHex } from '../auth/encoding';
import {
  type ConsentRecord,
  consentRecordSchema,
  type Hasher,
  type VerifyResult,
  verifyChain,
} from '../domain/ledger';

export const sha256Hex: Hasher = async (data) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(data));
  return toHex(new Uint8Array(digest));
};

/**
 * Verifies stored records (from seq 1, in storage order) against an expected head. A row that is not
 * a record at all is reported as `edited` at its place instead of throwing.
 */
export async function verifyStored(
  stored: readonly unknown[],
  expected: { headSeq: number; headHash: string },
): Promise<VerifyResult> {
  const records: ConsentRecord[] = [];
  for (const [i, raw] of stored.entries()) {
    const parsed = consentRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const seq = (records.at(-1)?.seq ?? 0) + 1;
      return { ok: false, seq, problem: 'edited', message: `record ${seq} (position ${i + 1}) is malformed` };
    }
    records.push(parsed.data);
  }
  return verifyChain(records, sha256Hex, expected);
}
