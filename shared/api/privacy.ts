// Customers' data (issue 12): the retention setting, erasure (request and receipt), the subject-access
// export and the privacy audit log. Shared by the worker's admin routes and the options page.
import { z } from 'zod';
import { IdSchema } from './common';
import { ConsentRecordSchema } from './consent';

/** 30 days to 7 years, or null for "keep forever". docs/data-retention.md explains the default. */
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 2555;
export const DEFAULT_RETENTION_DAYS = 365;

export const RetentionDaysSchema = z
  .int('retentionDays must be a whole number of days')
  .min(RETENTION_MIN_DAYS, `retentionDays must be at least ${RETENTION_MIN_DAYS}`)
  .max(RETENTION_MAX_DAYS, `retentionDays must be at most ${RETENTION_MAX_DAYS} (7 years)`)
  .nullable();

export const RetentionPutSchema = z
  .object({ retentionDays: RetentionDaysSchema })
  .strict()
  .meta({ id: 'RetentionPut' });
export type RetentionPut = z.infer<typeof RetentionPutSchema>;

export const RetentionSchema = z
  .object({
    /** Null: message bodies and pictures are kept forever. */
    retentionDays: z.int().nullable(),
    defaultDays: z.int(),
    minDays: z.int(),
    maxDays: z.int(),
  })
  .meta({ id: 'Retention' });
export type Retention = z.infer<typeof RetentionSchema>;

export const RetentionRunSchema = z
  .object({
    retentionDays: z.int().nullable(),
    /** Bodies written before this time (epoch ms) were removed; null when kept forever. */
    cutoff: z.number().nullable(),
    conversations: z.int(),
    outboundRemoved: z.int(),
    inboundRemoved: z.int(),
    mediaRemoved: z.int(),
    previewsCleared: z.int(),
    deadLettersRemoved: z.int(),
  })
  .meta({ id: 'RetentionRun' });
export type RetentionRun = z.infer<typeof RetentionRunSchema>;

/** Exactly one of: the contact's id, their phone (as written; normalised), or their BSUID. */
export const ErasureRequestSchema = z
  .object({
    contactId: IdSchema.optional(),
    phone: z.string().trim().min(1, 'phone cannot be empty').max(40).optional(),
    bsuid: z.string().trim().min(1, 'bsuid cannot be empty').max(200).optional(),
  })
  .strict()
  .refine((r) => [r.contactId, r.phone, r.bsuid].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of contactId, phone or bsuid',
  })
  .meta({ id: 'ErasureRequest' });
export type ErasureRequest = z.infer<typeof ErasureRequestSchema>;

const HeadSchema = z.object({ seq: z.int(), hash: z.string() }).nullable();

export const ErasureReceiptSchema = z
  .object({
    id: IdSchema,
    /** The erased contact's id; it names nobody any more. */
    contactId: IdSchema,
    erasedAt: z.number(),
    requestedBy: IdSchema,
    /** The customer had opted out: the opt-out stands if they write again (I1). */
    standingOptOut: z.boolean(),
    removed: z.object({
      conversations: z.int(),
      threads: z.int(),
      media: z.int(),
      aliases: z.int(),
      crmLinks: z.int(),
      deadLetters: z.int(),
    }),
    ledger: z.object({
      /** Records about the customer, now naming them only by keyed hashes. */
      pseudonymised: z.int(),
      resealedFrom: z.int().nullable(),
      headBefore: HeadSchema,
      headAfter: HeadSchema,
    }),
  })
  .meta({ id: 'ErasureReceipt' });
export type ErasureReceipt = z.infer<typeof ErasureReceiptSchema>;

const LooseRecord = z.record(z.string(), z.unknown());

export const CustomerExportSchema = z
  .object({
    exportedAt: z.number(),
    org: z.object({ id: IdSchema, name: z.string() }),
    contact: z.object({
      id: IdSchema,
      name: z.string(),
      phone: z.string().nullable(),
      bsuid: z.string().nullable(),
      parentBsuid: z.string().nullable(),
      username: z.string().nullable(),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
    waIds: z.array(z.string()),
    crmLinks: z.array(
      z.object({ system: z.string(), recordId: z.string(), url: z.string(), createdAt: z.number() }),
    ),
    conversations: z.array(
      z.object({
        id: IdSchema,
        createdAt: z.number(),
        consent: LooseRecord.nullable(),
        threads: z.array(LooseRecord),
        outbound: z.array(LooseRecord),
        inbound: z.array(LooseRecord),
        system: z.array(LooseRecord),
      }),
    ),
    media: z.array(
      z.object({
        id: z.string(),
        conversationId: z.string().nullable(),
        direction: z.string(),
        mimeType: z.string(),
        size: z.int(),
        sha256: z.string(),
        createdAt: z.number(),
        /** The picture itself, base64; null when the stored object is gone. */
        base64: z.string().nullable(),
      }),
    ),
    consentRecords: z.array(ConsentRecordSchema),
    history: z.array(LooseRecord),
    unassigned: z.array(LooseRecord),
  })
  .meta({ id: 'CustomerExport' });
export type CustomerExport = z.infer<typeof CustomerExportSchema>;

export const ExportQuerySchema = z.object({
  format: z.enum(['json', 'html'], { error: 'format must be json or html' }).default('json'),
});

export const PrivacyAuditEntrySchema = z.object({
  id: z.string(),
  actorUserId: z.string().nullable(),
  action: z.enum(['retention_set', 'retention_run', 'erasure', 'export']),
  target: z.string(),
  at: z.number(),
  detail: LooseRecord,
});
export const PrivacyAuditSchema = z
  .object({ entries: z.array(PrivacyAuditEntrySchema) })
  .meta({ id: 'PrivacyAudit' });
export type PrivacyAudit = z.infer<typeof PrivacyAuditSchema>;

/** `GET /admin/privacy/contacts?phone=` or `?bsuid=`: the customer an admin means, before export or erasure. */
export const PrivacyLookupQuerySchema = z
  .object({
    phone: z.string().trim().min(1, 'phone cannot be empty').max(40).optional(),
    bsuid: z.string().trim().min(1, 'bsuid cannot be empty').max(200).optional(),
  })
  .refine((q) => (q.phone === undefined) !== (q.bsuid === undefined), {
    message: 'give exactly one of phone or bsuid',
  });

export const PrivacyContactSchema = z.object({
  id: IdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  bsuid: z.string().nullable(),
  username: z.string().nullable(),
});
export type PrivacyContact = z.infer<typeof PrivacyContactSchema>;

export const PrivacyLookupSchema = z
  .object({ contact: PrivacyContactSchema.nullable() })
  .meta({ id: 'PrivacyLookup' });
