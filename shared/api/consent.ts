// Consent ledger API (B5): the export query (a date range and a format), the records as exported,
// and the verify answer. The date parsing is here so the worker and the options page agree on it.
import { z } from 'zod';

const DAY_MS = 86_400_000;
const MAX_EPOCH_MS = 8_640_000_000_000_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function utcDay(y: string, m: string, d: string): number | null {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC rolls 2026-02-31 over to March; a real date reads back the same.
  return new Date(ms).toISOString().startsWith(`${y}-${m}-${d}`) ? ms : null;
}

/**
 * A range bound as epoch ms: epoch milliseconds, an ISO 8601 date-time with a zone, or a date
 * (UTC), which as the `end` of a range means the end of that day so `to=2026-11-30` includes it.
 * Null when the text is none of these.
 */
export function parseDateBound(text: string, edge: 'start' | 'end'): number | null {
  if (/^\d{1,16}$/.test(text)) {
    const ms = Number(text);
    return ms <= MAX_EPOCH_MS ? ms : null;
  }
  const date = DATE.exec(text);
  if (date) {
    const [, y = '', m = '', d = ''] = date;
    const start = utcDay(y, m, d);
    return start === null ? null : edge === 'start' ? start : start + DAY_MS - 1;
  }
  const dateTime = DATE_TIME.exec(text);
  if (dateTime) {
    const [, y = '', m = '', d = ''] = dateTime;
    const ms = Date.parse(text);
    return utcDay(y, m, d) === null || Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** The shapes `parseDateBound` reads, for the OpenAPI document (the refine checks the calendar). */
export const DATE_BOUND_PATTERN =
  /^(\d{1,16}|\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)$/;

const DateBoundSchema = z
  .string()
  .regex(
    DATE_BOUND_PATTERN,
    'must be a date (2026-11-01), a date-time with a zone (2026-11-01T09:30:00Z) or epoch milliseconds',
  )
  .refine(
    (text) => parseDateBound(text, 'start') !== null,
    'must be a date (2026-11-01), a date-time with a zone (2026-11-01T09:30:00Z) or epoch milliseconds',
  );

export const ConsentRecordsQuerySchema = z
  .object({
    from: DateBoundSchema.optional().meta({ description: 'Occurred at or after (inclusive)' }),
    to: DateBoundSchema.optional().meta({ description: 'Occurred at or before (a date: its whole day)' }),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(
    ({ from, to }) =>
      from === undefined ||
      to === undefined ||
      (parseDateBound(from, 'start') ?? 0) <= (parseDateBound(to, 'end') ?? 0),
    { message: 'must not be after "to"', path: ['from'] },
  );
export type ConsentRecordsQuery = z.infer<typeof ConsentRecordsQuerySchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One record as exported: the ledger's record (worker/domain/ledger.ts), times in epoch ms. */
export const ConsentRecordSchema = z
  .object({
    seq: z.int().positive(),
    kind: z.enum([
      'opt_in_requested',
      'opt_in_accepted',
      'opt_in_rejected',
      'opted_out',
      're_opted_in',
      'not_on_whatsapp',
      'not_on_whatsapp_cleared',
      'opt_in_failed',
    ]),
    orgId: z.string(),
    phoneNumberId: z.string(),
    /** E.164, or '' when the customer hides their number behind a WhatsApp username. */
    contactPhone: z.string(),
    /** The identifier used for the customer: their BSUID, else their phone (absent in older records). */
    customerId: z.string().optional(),
    conversationId: z.string(),
    userId: z.string().nullable(),
    templateName: z.string().nullable(),
    language: z.string().nullable(),
    renderedText: z.string().nullable(),
    wamids: z.array(z.string()),
    customerReply: z
      .union([
        z.object({ type: z.literal('text'), text: z.string() }),
        z.object({ type: z.literal('button'), payload: z.string(), text: z.string() }),
      ])
      .nullable(),
    errorCode: z.int().nullable(),
    consentAfter: z.enum(['none', 'pending', 'opted_in', 'opted_out', 'not_on_whatsapp']),
    occurredAt: z.int(),
    recordedAt: z.int(),
    prevHash: hex64,
    hash: hex64,
  })
  .meta({ id: 'ConsentRecord' });
export type ConsentRecordDto = z.infer<typeof ConsentRecordSchema>;

export const ConsentRecordListSchema = z
  .object({ records: z.array(ConsentRecordSchema) })
  .meta({ id: 'ConsentRecordList' });

/** `where`: the ledger object's own chain, or the directory copy checked against the ledger's head. */
export const ConsentVerifySchema = z
  .union([
    z.object({ ok: z.literal(true), count: z.int(), headSeq: z.int(), headHash: hex64 }),
    z.object({
      ok: z.literal(false),
      where: z.enum(['ledger', 'copy']),
      seq: z.int(),
      problem: z.enum(['edited', 'missing', 'reordered', 'broken_link', 'truncated']),
      message: z.string(),
    }),
  ])
  .meta({ id: 'ConsentVerifyResult' });
export type ConsentVerifyResult = z.infer<typeof ConsentVerifySchema>;
