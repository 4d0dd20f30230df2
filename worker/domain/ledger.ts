// The consent ledger (B5, I7): one record per consent event, chained per org by a hash over
// canonical JSON so that any edited, missing or reordered record is detectable; CSV export with
// spreadsheet formulas neutralised (S3). The hash function is injected to keep the core pure.
// Design notes: docs/consent-ledger.md.
import { z } from 'zod';

/** Every consent event the ledger records, one record each (I7). */
export const CONSENT_RECORD_KINDS = [
  'opt_in_requested',
  'opt_in_accepted',
  'opt_in_rejected',
  'opted_out',
  're_opted_in',
  'not_on_whatsapp',
  'not_on_whatsapp_cleared',
  'opt_in_failed',
] as const;
export type ConsentRecordKind = (typeof CONSENT_RECORD_KINDS)[number];

export const CONSENT_STATES = ['none', 'pending', 'opted_in', 'opted_out', 'not_on_whatsapp'] as const;

export type CustomerReply =
  | { type: 'text'; text: string }
  | { type: 'button'; payload: string; text: string };

export interface ConsentRecordDraft {
  kind: ConsentRecordKind;
  orgId: string;
  phoneNumberId: string;
  /** E.164, or '' when the customer hides their number behind a username (2026). */
  contactPhone: string;
  /**
   * The identifier Greenline used for the customer when this happened: their BSUID, else their phone
   * (issue 10). Absent in records written before BSUIDs existed.
   */
  customerId?: string;
  conversationId: string;
  userId: string | null;
  templateName: string | null;
  language: string | null;
  renderedText: string | null;
  wamids: string[];
  customerReply: CustomerReply | null;
  errorCode: number | null;
  consentAfter: (typeof CONSENT_STATES)[number];
  /** Epoch ms; WhatsApp's timestamp when the event came from WhatsApp. */
  occurredAt: number;
}

export interface ConsentRecord extends ConsentRecordDraft {
  seq: number;
  recordedAt: number;
  prevHash: string;
  hash: string;
}

/** Must return the lowercase hex SHA-256 of the UTF-8 bytes of `data` (e.g. Web Crypto's digest). */
export type Hasher = (data: string) => Promise<string>;

export const GENESIS_HASH = '0'.repeat(64);

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');
// Bounded by what a Date can represent, so every record has an ISO timestamp.
const epochMs = z.number().int().nonnegative().max(8_640_000_000_000_000);

export const customerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('button'), payload: z.string(), text: z.string() }),
]);

const draftShape = {
  kind: z.enum(CONSENT_RECORD_KINDS),
  orgId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  contactPhone: z.string(),
  customerId: z.string().min(1).optional(),
  conversationId: z.string().min(1),
  userId: z.string().min(1).nullable(),
  templateName: z.string().min(1).nullable(),
  language: z.string().min(1).nullable(),
  renderedText: z.string().nullable(),
  // WhatsApp ids never contain whitespace; the CSV export relies on it to list them space-separated.
  wamids: z.array(z.string().regex(/^\S+$/, 'a WhatsApp message id has no spaces')),
  customerReply: customerReplySchema.nullable(),
  errorCode: z.number().int().nullable(),
  consentAfter: z.enum(CONSENT_STATES),
  occurredAt: epochMs,
};

/** A draft names its customer: by phone, or by the identifier used (a username customer's BSUID). */
export const consentRecordDraftSchema = z
  .object(draftShape)
  .refine((d) => d.contactPhone !== '' || !!d.customerId, {
    message: 'a record names its customer: contactPhone or customerId',
    path: ['contactPhone'],
  }) satisfies z.ZodType<ConsentRecordDraft>;

export const consentRecordSchema = z.object({
  ...draftShape,
  seq: z.number().int().positive(),
  recordedAt: epochMs,
  prevHash: hashSchema,
  hash: hashSchema,
}) satisfies z.ZodType<ConsentRecord>;

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units, as RFC 8785), no whitespace,
 * undefined properties dropped (undefined in arrays becomes null, as JSON.stringify does). Throws on
 * what JSON cannot represent faithfully: non-finite numbers, bigint, functions, symbols, cycles and
 * non-plain objects (a Date or Map would otherwise hash as something it is not).
 */
export function canonicalJson(value: unknown): string {
  const ancestors = new Set<object>();
  const write = (v: unknown): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'boolean':
        return v ? 'true' : 'false';
      case 'string':
        return JSON.stringify(v);
      case 'number':
        if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: non-finite number ${v}`);
        return JSON.stringify(v);
      case 'object':
        break;
      default:
        throw new TypeError(`canonicalJson: cannot encode a ${typeof v}`);
    }
    const obj = v as object;
    if (ancestors.has(obj)) throw new TypeError('canonicalJson: cyclic structure');
    ancestors.add(obj);
    let out: string;
    if (Array.isArray(obj)) {
      out = `[${obj.map((item: unknown) => (item === undefined ? 'null' : write(item))).join(',')}]`;
    } else {
      const proto: unknown = Object.getPrototypeOf(obj);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('canonicalJson: only plain objects and arrays can be encoded');
      }
      const entries = Object.entries(obj)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out = `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${write(item)}`).join(',')}}`;
    }
    ancestors.delete(obj);
    return out;
  };
  return write(value);
}

type Unsealed = Omit<ConsentRecord, 'hash'>;

async function sealHash(body: Unsealed, hash: Hasher): Promise<string> {
  const digest = await hash(canonicalJson(body));
  if (!hashSchema.safeParse(digest).success) throw new TypeError('Hasher must return 64 lowercase hex chars');
  return digest;
}

/**
 * The next record of an org's chain. Only the draft's known fields are kept, so what is hashed is
 * exactly what is stored. An invalid draft is a bug in the caller and throws.
 */
export async function appendRecord(
  head: { seq: number; hash: string } | null,
  draft: ConsentRecordDraft,
  recordedAt: number,
  hash: Hasher,
): Promise<ConsentRecord> {
  const fields = consentRecordDraftSchema.parse(draft);
  const body: Unsealed = {
    ...fields,
    seq: head ? head.seq + 1 : 1,
    recordedAt: epochMs.parse(recordedAt),
    prevHash: head ? hashSchema.parse(head.hash) : GENESIS_HASH,
  };
  return { ...body, hash: await sealHash(body, hash) };
}

export type VerifyProblem = 'edited' | 'missing' | 'reordered' | 'broken_link' | 'truncated';
export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; seq: number; problem: VerifyProblem; message: string };

const fail = (seq: number, problem: VerifyProblem, message: string): VerifyResult => ({
  ok: false,
  seq,
  problem,
  message,
});

/**
 * Verifies a whole chain from seq 1, in order. Reports the first problem: a record whose content no
 * longer matches its hash (edited), a gap in seq (missing), seqs out of order (reordered), a prevHash
 * that is not the previous record's hash (broken_link: a record edited and re-hashed). The chain's own
 * tail can only be checked against a head kept elsewhere (`expected`): fewer records than `headSeq`
 * or an unknown `headHash` is `truncated`; a different hash at `headSeq` is `edited`.
 */
export async function verifyChain(
  records: readonly ConsentRecord[],
  hash: Hasher,
  expected?: { headSeq?: number; headHash?: string },
): Promise<VerifyResult> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const [i, raw] of records.entries()) {
    const expectedSeq = prev.seq + 1;
    const parsed = consentRecordSchema.safeParse(raw);
    if (!parsed.success)
      return fail(expectedSeq, 'edited', `record ${expectedSeq} (position ${i + 1}) is malformed`);
    const { hash: stored, ...body } = parsed.data;
    if ((await sealHash(body, hash)) !== stored) {
      return fail(body.seq, 'edited', `record ${body.seq} does not match its hash`);
    }
    if (body.seq !== expectedSeq) {
      const later = records.slice(i + 1).some((r) => r.seq === expectedSeq);
      if (body.seq > expectedSeq && !later) {
        return fail(expectedSeq, 'missing', `record ${expectedSeq} is missing (next is ${body.seq})`);
      }
      return fail(body.seq, 'reordered', `record ${body.seq} is where record ${expectedSeq} should be`);
    }
    if (body.prevHash !== prev.hash) {
      return fail(body.seq, 'broken_link', `record ${body.seq} does not follow record ${prev.seq}`);
    }
    prev = { seq: body.seq, hash: stored };
  }
  return checkHead(records, prev, expected);
}

function checkHead(
  records: readonly ConsentRecord[],
  last: { seq: number; hash: string },
  expected: { headSeq?: number; headHash?: string } | undefined,
): VerifyResult {
  const { headSeq, headHash } = expected ?? {};
  if (headSeq !== undefined && last.seq < headSeq) {
    return fail(last.seq + 1, 'truncated', `the chain ends at ${last.seq}, expected ${headSeq} records`);
  }
  if (headHash !== undefined) {
    if (headSeq !== undefined) {
      const atHead = headSeq === 0 ? GENESIS_HASH : records[headSeq - 1]?.hash;
      if (atHead !== headHash)
        return fail(headSeq, 'edited', `record ${headSeq} differs from the expected head`);
    } else if (headHash !== GENESIS_HASH && !records.some((r) => r.hash === headHash)) {
      return fail(last.seq + 1, 'truncated', 'the expected head record is not in the chain');
    }
  }
  return { ok: true, count: records.length, headHash: last.hash };
}

const CSV_COLUMNS: readonly [string, (r: ConsentRecord) => string | number | null][] = [
  ['seq', (r) => r.seq],
  ['recorded_at', (r) => new Date(r.recordedAt).toISOString()],
  ['occurred_at', (r) => new Date(r.occurredAt).toISOString()],
  ['kind', (r) => r.kind],
  ['consent_after', (r) => r.consentAfter],
  ['org_id', (r) => r.orgId],
  ['phone_number_id', (r) => r.phoneNumberId],
  ['contact_phone', (r) => r.contactPhone],
  ['customer_id', (r) => r.customerId ?? null],
  ['conversation_id', (r) => r.conversationId],
  ['user_id', (r) => r.userId],
  ['template_name', (r) => r.templateName],
  ['language', (r) => r.language],
  ['rendered_text', (r) => r.renderedText],
  ['wamids', (r) => r.wamids.join(' ')],
  ['reply_type', (r) => r.customerReply?.type ?? null],
  ['reply_text', (r) => r.customerReply?.text ?? null],
  ['reply_payload', (r) => (r.customerReply?.type === 'button' ? r.customerReply.payload : null)],
  ['error_code', (r) => r.errorCode],
  ['prev_hash', (r) => r.prevHash],
  ['hash', (r) => r.hash],
];

/** Exported for tests and other CSV exports: one cell, formula-neutralised then RFC 4180-quoted. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The ledger as CSV for admins (B5): a header row, CRLF line ends, ISO 8601 UTC timestamps. Cells
 * starting with = + - @ tab or CR get a leading apostrophe so spreadsheets show them as text (S3).
 */
export function consentRecordsToCsv(records: readonly ConsentRecord[]): string {
  const rows = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of records) rows.push(CSV_COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
