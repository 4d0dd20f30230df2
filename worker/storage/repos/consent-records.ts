// The directory copy of each org's consent ledger (B5): written only by the org's `ConsentLedger`
// Durable Object, read by the admin export and verify. Every statement is scoped by the org id.
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { ConsentRecord } from '../../domain/ledger';
import type { Db } from '../db';
import { consentRecords } from '../schema';

export type ConsentRecordRow = typeof consentRecords.$inferSelect;

// D1 binds at most 100 parameters per statement; a row has 9 columns.
const ROWS_PER_INSERT = 10;

/** Copies records of one org; a record already copied (same org and seq) is left as it is. */
export async function insertConsentRecords(
  db: Db,
  orgId: string,
  records: readonly ConsentRecord[],
): Promise<void> {
  if (records.some((r) => r.orgId !== orgId)) throw new Error('a consent record of another org');
  for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
    const rows = records.slice(i, i + ROWS_PER_INSERT).map((r) => ({
      orgId,
      seq: r.seq,
      hash: r.hash,
      prevHash: r.prevHash,
      kind: r.kind,
      contactPhone: r.contactPhone,
      occurredAt: r.occurredAt,
      recordedAt: r.recordedAt,
      record: r,
    }));
    await db.insert(consentRecords).values(rows).onConflictDoNothing();
  }
}

/** The org's rows in chain order, optionally only those that occurred in [from, to] (epoch ms). */
export async function listConsentRecordRows(
  db: Db,
  orgId: string,
  range: { from?: number; to?: number } = {},
): Promise<ConsentRecordRow[]> {
  return db
    .select()
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.orgId, orgId),
        range.from === undefined ? undefined : gte(consentRecords.occurredAt, range.from),
        range.to === undefined ? undefined : lte(consentRecords.occurredAt, range.to),
      ),
    )
    .orderBy(asc(consentRecords.seq));
}

/**
 * A row as the record it stores, unparsed (verify reports damage; export parses). The filter columns
 * are laid over the JSON so that an edit to any column changes the record and fails its hash,
 * instead of hiding behind an intact JSON copy.
 */
export function rowToStored(row: ConsentRecordRow): Record<string, unknown> {
  const raw: unknown = row.record;
  return {
    ...(raw !== null && typeof raw === 'object' ? raw : {}),
    orgId: row.orgId,
    seq: row.seq,
    hash: row.hash,
    prevHash: row.prevHash,
    kind: row.kind,
    contactPhone: row.contactPhone,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
  };
}
