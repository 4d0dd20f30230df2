// Admin access to an org's consent ledger (B5): export of the directory copy for a date range, and
// verify, which checks the ledger object's own chain and then the copy against the head the object
// reports, so an edited, deleted or truncated row of the copy is found (I7).
import type { ConsentRecordsQuery, ConsentVerifyResult } from '../../shared/api/consent';
import { parseDateBound } from '../../shared/api/consent';
import { type ConsentRecord, consentRecordSchema, GENESIS_HASH } from '../domain/ledger';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { type ConsentRecordRow, listConsentRecordRows, rowToStored } from '../storage/repos/consent-records';
import { verifyStored } from './consent-chain';
import { ApiError } from './errors';

export interface DateRange {
  from?: number;
  to?: number;
}

/** The org's one ledger writer (docs/conversations-design.md). */
export function ledgerFor(env: Pick<Env, 'LEDGER'>, orgId: string) {
  return env.LEDGER.get(env.LEDGER.idFromName(orgId));
}

/** The query's bounds in epoch ms (already validated by ConsentRecordsQuerySchema). */
export function rangeOf(query: Pick<ConsentRecordsQuery, 'from' | 'to'>): DateRange {
  const from = query.from === undefined ? null : parseDateBound(query.from, 'start');
  const to = query.to === undefined ? null : parseDateBound(query.to, 'end');
  return { ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) };
}

/** `consent-records-<org>-<from>-<to>.csv`, days in UTC; an open range reads "start" / today. */
export function csvFileName(orgId: string, range: DateRange, now: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = range.from === undefined ? 'start' : day(range.from);
  return `consent-records-${orgId}-${from}-${day(range.to ?? now)}.csv`;
}

function damaged(seq: number): ApiError {
  return new ApiError(
    409,
    'ledger_damaged',
    `Consent record ${seq} of the directory copy is damaged; see GET /api/v1/admin/consent-records/verify.`,
  );
}

/** The org's records that occurred in the range, in chain order; the pending copy is flushed first. */
export async function exportConsentRecords(
  env: Pick<Env, 'LEDGER'>,
  db: Db,
  orgId: string,
  range: DateRange,
): Promise<ConsentRecord[]> {
  await ledgerFor(env, orgId).flushCopy();
  const rows = await listConsentRecordRows(db, orgId, range);
  return rows.map((row) => {
    const parsed = consentRecordSchema.safeParse(rowToStored(row));
    if (!parsed.success) throw damaged(row.seq);
    return parsed.data;
  });
}

/** Checks the ledger object's chain, then the directory copy against the object's head. */
export async function verifyConsentLedger(
  env: Pick<Env, 'LEDGER'>,
  db: Db,
  orgId: string,
): Promise<ConsentVerifyResult> {
  const ledger = ledgerFor(env, orgId);
  await ledger.flushCopy();
  const own = await ledger.verify();
  if (!own.ok) return { ...own, where: 'ledger' };
  const head = (await ledger.head()) ?? { seq: 0, hash: GENESIS_HASH };
  const rows = await listConsentRecordRows(db, orgId);
  // Rows appended after the head was read are checked against the ledger itself below.
  const known = rows.filter((row) => row.seq <= head.seq);
  const copy = await verifyStored(known.map(rowToStored), { headSeq: head.seq, headHash: head.hash });
  if (!copy.ok) return { ...copy, where: 'copy' };
  const unknown = await unknownRow(ledger, rows.slice(known.length), head.seq);
  if (unknown !== null) {
    const message = `record ${unknown} of the copy is not in the ledger`;
    return { ok: false, where: 'copy', seq: unknown, problem: 'edited', message };
  }
  return { ok: true, count: copy.count, headSeq: head.seq, headHash: head.hash };
}

/** The seq of the first row past the head that the ledger does not hold as is, or null. */
async function unknownRow(
  ledger: ReturnType<typeof ledgerFor>,
  extra: readonly ConsentRecordRow[],
  headSeq: number,
): Promise<number | null> {
  const last = extra.at(-1);
  if (!last) return null;
  const own = await ledger.records(headSeq + 1, last.seq);
  const hashes = new Map(own.map((r) => [r.seq, r.hash]));
  return extra.find((row) => hashes.get(row.seq) !== row.hash)?.seq ?? null;
}
