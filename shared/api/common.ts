// Schemas shared by the worker and the extension: errors, ids, org settings and template shapes.
// Plain zod (no framework); `.meta({ id })` names a schema in the OpenAPI document.
import { z } from 'zod';
import { freeText } from './text';

/** Every 4xx/5xx answer of the API. `code` is stable and machine-readable; `message` is for people. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** Opaque row id: random UUIDs, or readable slugs for the demo seed. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, "-" or "_" (at most 64)');

export const IdParamSchema = z.object({ id: IdSchema });

export const RoleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

const KeywordSchema = freeText(40, 'a keyword').trim().min(1, 'keywords cannot be empty');
const KeywordListSchema = z.array(KeywordSchema).max(100);

/** B3: whole-message keywords. `yes` / `no` answer a pending opt-in; opt-in / opt-out work always. */
export const KeywordListsSchema = z
  .object({
    optIn: KeywordListSchema,
    optOut: KeywordListSchema,
    yes: KeywordListSchema,
    no: KeywordListSchema,
  })
  .meta({ id: 'KeywordLists' });
export type KeywordListsDto = z.infer<typeof KeywordListsSchema>;

export const OptInTemplateRefSchema = z.object({
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
});

/**
 * Per-org settings. `keywords: null` means "the product defaults" (English, Spanish, Portuguese,
 * French, German; worker/domain/keywords.ts), so defaults can improve without a data migration.
 */
export const OrgSettingsSchema = z
  .object({
    keywords: KeywordListsSchema.nullable(),
    /** B12: prefix the user's name also when the conversation has one participant. */
    singleParticipantPrefix: z.boolean(),
    /** How long message bodies and media are kept, in days; null: forever (docs/data-retention.md). */
    retentionDays: z.int().min(1).max(3650).nullable(),
    /** The UTILITY template sent by B1, with its language. */
    optInTemplate: OptInTemplateRefSchema.nullable(),
  })
  .meta({ id: 'OrgSettings' });
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  keywords: null,
  singleParticipantPrefix: false,
  retentionDays: 365,
  optInTemplate: null,
};

export const TemplateButtonSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
});

/** A template component as Meta lists it (reference §4.1), without the examples. */
export const TemplateComponentSchema = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(TemplateButtonSchema).optional(),
});
export type TemplateComponent = z.infer<typeof TemplateComponentSchema>;

export const VariableSourceSchema = z.enum([
  'contact_first_name',
  'contact_name',
  'user_name',
  'org_name',
  'typed',
]);
export type VariableSource = z.infer<typeof VariableSourceSchema>;

/** One placeholder of a template: `body.1` for `{{1}}` in the body, `header.1` in the header. */
export const TemplateVariableSchema = z.object({
  key: z.string(),
  component: z.enum(['HEADER', 'BODY']),
  placeholder: z.string(),
  example: z.string().optional(),
});
export type TemplateVariable = z.infer<typeof TemplateVariableSchema>;

export const MappedVariableSchema = TemplateVariableSchema.extend({ source: VariableSourceSchema });
export type MappedVariable = z.infer<typeof MappedVariableSchema>;
