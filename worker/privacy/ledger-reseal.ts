// Erasure in the consent ledger (issue 12): the records about one customer keep everything that proves
// consent (kind, template, times, wamids, the consent after) but name the customer only by keyed
// hashes, and the chain is re-sealed from the first changed record so it still verifies. Runs inside
// the org's ConsentLedger object, in its one-writer queue. docs/data-retention.md says what this
// costs: heads exported before the erasure no longer match, so the receipt keeps the old head.
import { and, eq, gte } from 'drizzle-orm';
import {
  appendRecord,
  type ConsentRecord,
  type ConsentRecordDraft,
  canonicalJson,
  consentRecordSchema,
  GENESIS_HASH,
} from '../domain/ledger';
import type { Head } from '../durable-objects/consent-ledger-store';
import { sha256Hex } from '../services/consent-chain';
import type { Db } from '../storage/db';
import { consentRecords } from '../storage/schema';
import { type Pseudonyms, pseudonymiseDraft } from './redact';

export interface PseudonymiseRequest {
  /** The customer's conversations: every record of them is about the customer. */
  conversationIds: string[];
  /** identifier (phone, BSUID, wa_id) → its pseudonym; records naming one of them match too. */
  ids: Record<string, string>;
  /** Words to scrub from rendered texts and replies (name parts, phone). */
  words: string[];
}

export interface PseudonymiseResult {
  matched: number;
  changed: number;
  /** The first re-sealed seq, or null when nothing changed. */
  resealedFrom: number | null;
  headBefore: Head | null;
  headAfter: Head | null;
  /** The consent after the customer's last record (a standing opt-out outlives the erasure, I1). */
  lastConsent: ConsentRecord['consentAfter'] | null;
  /** The first matched seq, from which the directory copy is rewritten. */
  firstMatched: number | null;
}

const draftOf = (r: ConsentRecord): ConsentRecordDraft => {
  const { seq: _s, recordedAt: _r, prevHash: _p, hash: _h, ...draft } = r;
  return draft;
};

function matches(r: ConsentRecord, req: PseudonymiseRequest, pseudonyms: Set<string>): boolean {
  if (req.conversationIds.includes(r.conversationId)) return true;
  const named = [r.contactPhone, r.customerId ?? ''].filter((v) => v !== '');
  return named.some((v) => v in req.ids || pseudonyms.has(v));
}

/** Rewrites the matched records and re-seals the chain after them, in one transaction. */
export async function resealForErasure(
  storage: DurableObjectStorage,
  head: Head | null,
  req: PseudonymiseRequest,
): Promise<PseudonymiseResult> {
  const { sql } = storage;
  const rows = sql.exec<{ record: string }>('SELECT record FROM records ORDER BY seq').toArray();
  const records = rows.map((r) => consentRecordSchema.parse(JSON.parse(r.record)));
  const p: Pseudonyms = { ids: new Map(Object.entries(req.ids)), words: req.words };
  const pseudonyms = new Set(Object.values(req.ids));
  const result: PseudonymiseResult = {
    matched: 0,
    changed: 0,
    resealedFrom: null,
    headBefore: head,
    headAfter: head,
    lastConsent: null,
    firstMatched: null,
  };
  const drafts = records.map((r) => {
    if (!matches(r, req, pseudonyms)) return draftOf(r);
    result.matched++;
    result.firstMatched ??= r.seq;
    result.lastConsent = r.consentAfter;
    const next = pseudonymiseDraft(draftOf(r), p);
    if (canonicalJson(next) !== canonicalJson(draftOf(r))) {
      result.changed++;
      result.resealedFrom ??= r.seq;
    }
    return next;
  });
  if (result.resealedFrom === null) return result;
  const from = result.resealedFrom;
  const prev = records[from - 2];
  let chainHead: Head = prev ? { seq: prev.seq, hash: prev.hash } : { seq: 0, hash: GENESIS_HASH };
  const sealed: ConsentRecord[] = [];
  for (const record of records.slice(from - 1)) {
    const next = await appendRecord(
      chainHead.seq === 0 ? null : chainHead,
      drafts[record.seq - 1] as ConsentRecordDraft,
      record.recordedAt,
      sha256Hex,
    );
    sealed.push(next);
    chainHead = { seq: next.seq, hash: next.hash };
  }
  storage.transactionSync(() => {
    for (const r of sealed)
      sql.exec('UPDATE records SET record = ?, copied = 0 WHERE seq = ?', JSON.stringify(r), r.seq);
    sql.exec('UPDATE head SET seq = ?, hash = ? WHERE id = 1', chainHead.seq, chainHead.hash);
  });
  result.headAfter = chainHead;
  return result;
}

/**
 * The directory copy from `fromSeq` on is dropped and marked to copy again, so it follows the
 * re-sealed chain (the next flush writes it). Safe to repeat.
 */
export async function recopyFrom(
  storage: DurableObjectStorage,
  db: Db,
  orgId: string,
  fromSeq: number,
): Promise<void> {
  await db
    .delete(consentRecords)
    .where(and(eq(consentRecords.orgId, orgId), gte(consentRecords.seq, fromSeq)));
  storage.sql.exec('UPDATE records SET copied = 0 WHERE seq >= ?', fromSeq);
}
