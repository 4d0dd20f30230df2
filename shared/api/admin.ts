// Admin API schemas (B21): org settings, users and invitations, sub-orgs and the business number.
import { z } from 'zod';
import { nameText } from './text';
import { EmailSchema, PersonNameSchema } from './auth';
import { IdSchema, KeywordListsSchema, OrgSettingsSchema, RoleSchema } from './common';

export const OrgResponseSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    whatsappEnabled: z.boolean(),
    settings: OrgSettingsSchema,
    /** What `settings.keywords: null` stands for, so the options page can show and copy it. */
    defaultKeywords: KeywordListsSchema,
  })
  .meta({ id: 'Org' });
export type OrgResponse = z.infer<typeof OrgResponseSchema>;

export const OrgPatchSchema = z
  .object({
    name: nameText(200).optional(),
    whatsappEnabled: z.boolean().optional(),
    // Retention is set with PUT /admin/privacy/retention, which keeps an audit record (issue 12).
    settings: OrgSettingsSchema.omit({ retentionDays: true }).partial().strict().optional(),
  })
  .strict()
  .meta({ id: 'OrgPatch' });
export type OrgPatch = z.infer<typeof OrgPatchSchema>;

export const AdminUserSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    subOrgId: IdSchema,
    whatsappEnabled: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.number(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUserListSchema = z
  .object({ users: z.array(AdminUserSchema) })
  .meta({ id: 'AdminUserList' });

export const UserPatchSchema = z
  .object({
    role: RoleSchema.optional(),
    subOrgId: IdSchema.optional(),
    whatsappEnabled: z.boolean().optional(),
    /** Disabling ends the user's sessions at once (I8). */
    disabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof UserPatchSchema>;

export const InviteRequestSchema = z
  .object({
    email: EmailSchema,
    name: PersonNameSchema,
    role: RoleSchema.default('agent'),
    subOrgId: IdSchema,
    whatsappEnabled: z.boolean().default(true),
  })
  .meta({ id: 'InviteRequest' });
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export const InvitationSchema = z
  .object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    subOrgId: IdSchema,
    whatsappEnabled: z.boolean(),
    expiresAt: z.number(),
    createdAt: z.number(),
  })
  .meta({ id: 'Invitation' });

/** The token is shown once, here; only its hash is stored. */
export const InviteResponseSchema = z
  .object({ invitation: InvitationSchema, token: z.string(), acceptPath: z.string() })
  .meta({ id: 'InviteResponse' });

export const InvitationListSchema = z
  .object({ invitations: z.array(InvitationSchema) })
  .meta({ id: 'InvitationList' });

export const SubOrgSchema = z
  .object({ id: IdSchema, name: z.string(), userCount: z.number() })
  .meta({ id: 'SubOrg' });
export const SubOrgListSchema = z.object({ subOrgs: z.array(SubOrgSchema) }).meta({ id: 'SubOrgList' });
export const SubOrgRequestSchema = z.object({ name: nameText(100) }).meta({ id: 'SubOrgRequest' });

const DigitsIdSchema = z.string().regex(/^\d{1,32}$/, 'must be the numeric id Meta shows');

/** The number's settings as the API shows them: the access token is write-only. */
export const NumberSettingsSchema = z
  .object({
    id: IdSchema,
    phoneNumberId: z.string(),
    displayPhoneNumber: z.string(),
    wabaId: z.string(),
    hasAccessToken: z.literal(true),
    paused: z.boolean(),
    pausedReason: z.string().nullable(),
    /** Number health: the messaging limit tier WhatsApp last reported (e.g. `TIER_1K`), if any. */
    messagingLimitTier: z.string().nullable().optional(),
    /** The last quality event (`FLAGGED`, `DOWNGRADE`, `UPGRADE`, ...) and when it arrived. */
    qualityEvent: z.string().nullable().optional(),
    qualityUpdatedAt: z.number().nullable().optional(),
    updatedAt: z.number(),
  })
  .meta({ id: 'NumberSettings' });
export type NumberSettings = z.infer<typeof NumberSettingsSchema>;

export const NumberPutSchema = z
  .object({
    phoneNumberId: DigitsIdSchema,
    displayPhoneNumber: z.string().trim().min(3).max(40),
    wabaId: DigitsIdSchema,
    /** Required when the number is first set; omitted to keep the stored token. */
    accessToken: z.string().trim().min(8, 'must be at least 8 characters').max(4096).optional(),
  })
  .strict()
  .meta({ id: 'NumberPut' });
export type NumberPut = z.infer<typeof NumberPutSchema>;
