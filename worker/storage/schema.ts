// Directory database schema (drizzle sqlite-core): one schema for D1 and libSQL alike.
// Every row that belongs to a customer company carries `org_id`, and every repository query is
// scoped by it. Times are epoch milliseconds (integers). Migrations: `npm run db:generate`.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { OrgSettings, TemplateComponent, TemplateVariable } from '../../shared/api/common';
import type { ConsentRecord } from '../domain/ledger';

export const orgs = sqliteTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  whatsappEnabled: integer('whatsapp_enabled', { mode: 'boolean' }).notNull().default(false),
  /** Validated by `OrgSettingsSchema` on the way in and out. */
  settings: text('settings', { mode: 'json' }).$type<OrgSettings>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const subOrgs = sqliteTable(
  'sub_orgs',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sub_orgs_org_name').on(t.orgId, t.name)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    // No foreign key: a removed user keeps the id of a sub-org that may since have been deleted.
    subOrgId: text('sub_org_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'agent'] }).notNull(),
    whatsappEnabled: integer('whatsapp_enabled', { mode: 'boolean' }).notNull().default(false),
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    passwordIterations: integer('password_iterations').notNull(),
    disabledAt: integer('disabled_at'),
    removedAt: integer('removed_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  // A removed user keeps its row (history names its author) but frees the address.
  (t) => [
    uniqueIndex('users_email_active').on(t.email).where(sql`removed_at is null`),
    index('users_org').on(t.orgId),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    accessTokenHash: text('access_token_hash').notNull(),
    accessExpiresAt: integer('access_expires_at').notNull(),
    refreshTokenHash: text('refresh_token_hash').notNull(),
    refreshExpiresAt: integer('refresh_expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_access').on(t.accessTokenHash),
    uniqueIndex('sessions_refresh').on(t.refreshTokenHash),
    index('sessions_user').on(t.userId),
  ],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'agent'] }).notNull(),
    // No foreign key: a sub-org may be deleted while an old invitation still names it.
    subOrgId: text('sub_org_id').notNull(),
    whatsappEnabled: integer('whatsapp_enabled', { mode: 'boolean' }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('invitations_token').on(t.tokenHash), index('invitations_org').on(t.orgId)],
);

/** Failed logins per (email, client address) key; cleared by a successful login. */
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
  lockedUntil: integer('locked_until'),
});

export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    /** E.164; null for a customer who hides their number behind a WhatsApp username (2026). */
    phone: text('phone'),
    name: text('name').notNull(),
    /** The customer's current business-scoped user id (BSUID); older ones stay in contact_wa_ids. */
    bsuid: text('bsuid'),
    /** The parent BSUID shared across the business's portfolios (`US.ENT.…`). */
    parentBsuid: text('parent_bsuid'),
    /** Their WhatsApp username (e.g. `@maria`), as the last webhook showed it. */
    username: text('username'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  // SQLite lets several NULL phones share the unique index: username customers without a number.
  (t) => [uniqueIndex('contacts_org_phone').on(t.orgId, t.phone)],
);

/**
 * Every id WhatsApp used for a contact, unique in the org: `wa_id`s (which may differ from the E.164
 * digits), BSUIDs (old and current) and parent BSUIDs. Inbound events are routed by whichever arrives.
 */
export const contactWaIds = sqliteTable(
  'contact_wa_ids',
  {
    orgId: text('org_id').notNull(),
    waId: text('wa_id').notNull(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('contact_wa_ids_org_wa').on(t.orgId, t.waId),
    index('contact_wa_ids_contact').on(t.contactId),
  ],
);

export const contactCrmLinks = sqliteTable(
  'contact_crm_links',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    system: text('system').notNull(),
    recordId: text('record_id').notNull(),
    url: text('url').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('contact_crm_links_unique').on(t.contactId, t.system, t.recordId)],
);

export const businessNumbers = sqliteTable(
  'business_numbers',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    phoneNumberId: text('phone_number_id').notNull(),
    displayPhoneNumber: text('display_phone_number').notNull(),
    wabaId: text('waba_id').notNull(),
    /** AES-GCM ciphertext (see worker/auth/secret-box.ts); never returned by the API. */
    accessTokenCiphertext: text('access_token_ciphertext').notNull(),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    pausedReason: text('paused_reason'),
    /** Number health (`phone_number_quality_update`): the messaging limit tier, e.g. `TIER_1K`. */
    messagingLimitTier: text('messaging_limit_tier'),
    /** The last quality event WhatsApp reported (`FLAGGED`, `DOWNGRADE`, `UPGRADE`, ...) and when. */
    qualityEvent: text('quality_event'),
    qualityUpdatedAt: integer('quality_updated_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('business_numbers_phone_number_id').on(t.phoneNumberId),
    index('business_numbers_org').on(t.orgId),
  ],
);

export const templates = sqliteTable(
  'templates',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    numberId: text('number_id')
      .notNull()
      .references(() => businessNumbers.id),
    metaId: text('meta_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    components: text('components', { mode: 'json' }).$type<TemplateComponent[]>().notNull(),
    variables: text('variables', { mode: 'json' }).$type<TemplateVariable[]>().notNull(),
    /** `message_template_quality_update`: GREEN, YELLOW, RED or UNKNOWN; null until WhatsApp says. */
    qualityScore: text('quality_score'),
    syncedAt: integer('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('templates_number_name_language').on(t.numberId, t.name, t.language),
    index('templates_org').on(t.orgId),
  ],
);

export const templateVariableMappings = sqliteTable(
  'template_variable_mappings',
  {
    orgId: text('org_id').notNull(),
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id),
    key: text('key').notNull(),
    source: text('source', {
      enum: ['contact_first_name', 'contact_name', 'user_name', 'org_name', 'typed'],
    }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('template_variable_mappings_key').on(t.templateId, t.key)],
);

/**
 * The copy of each org's consent ledger (B5) for queries and export. The `ConsentLedger` Durable
 * Object is the only writer and its own chain is authoritative; `record` is the whole record as
 * hashed, the other columns are for filtering. No foreign key: a ledger record is never refused.
 */
export const consentRecords = sqliteTable(
  'consent_records',
  {
    orgId: text('org_id').notNull(),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    kind: text('kind').notNull(),
    contactPhone: text('contact_phone').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    record: text('record', { mode: 'json' }).$type<ConsentRecord>().notNull(),
  },
  (t) => [
    uniqueIndex('consent_records_org_seq').on(t.orgId, t.seq),
    index('consent_records_org_occurred').on(t.orgId, t.occurredAt),
  ],
);

/** The one conversation between an org's number and a contact; its id names the Durable Object. */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    numberId: text('number_id')
      .notNull()
      .references(() => businessNumbers.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_number_contact').on(t.numberId, t.contactId),
    index('conversations_org').on(t.orgId),
  ],
);

/** Conversations with a pending timer and when it is due, so a dev clock jump wakes each (I9). */
export const conversationTimers = sqliteTable(
  'conversation_timers',
  {
    conversationId: text('conversation_id').primaryKey(),
    dueAt: integer('due_at').notNull(),
  },
  (t) => [index('conversation_timers_due').on(t.dueAt)],
);

/** Webhook events that failed validation, kept for an admin to inspect (SPEC §6). */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    /** The org the event was routed to, when known. */
    orgId: text('org_id'),
    receivedAt: integer('received_at').notNull(),
    reason: text('reason').notNull(),
    payload: text('payload').notNull(),
  },
  (t) => [index('dead_letters_org').on(t.orgId, t.receivedAt)],
);

/**
 * Pictures sent and received (B10): the bytes live in the MEDIA bucket under `r2_key`; this row says
 * whose they are and, for a picture we send, the Meta media id it was uploaded as (valid 30 days).
 * `uploaded_by` lets a user see their own upload before it appears in any thread.
 */
export const media = sqliteTable(
  'media',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    conversationId: text('conversation_id'),
    r2Key: text('r2_key').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of the stored bytes. */
    sha256: text('sha256').notNull(),
    /** Inbound: the id Meta gave the customer's media; outbound: our last upload's id. */
    metaMediaId: text('meta_media_id'),
    metaMediaExpiresAt: integer('meta_media_expires_at'),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('media_org_conversation').on(t.orgId, t.conversationId),
    index('media_org_meta').on(t.orgId, t.metaMediaId),
  ],
);

/** B11: every thread, for the history list (the conversation object keeps the thread itself). */
export const threadIndex = sqliteTable(
  'thread_index',
  {
    threadId: text('thread_id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    orgId: text('org_id').notNull(),
    contactId: text('contact_id').notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    lastAt: integer('last_at').notNull(),
    /** A short preview of the last message (kept under the org's retention like the messages). */
    lastText: text('last_text'),
  },
  (t) => [index('thread_index_conversation').on(t.conversationId)],
);

/** B11, B14, B15: who may read which thread, up to when (null: still in it). Removed users have no row. */
export const threadReaders = sqliteTable(
  'thread_readers',
  {
    threadId: text('thread_id').notNull(),
    userId: text('user_id').notNull(),
    orgId: text('org_id').notNull(),
    until: integer('until'),
  },
  (t) => [
    uniqueIndex('thread_readers_key').on(t.threadId, t.userId),
    index('thread_readers_user').on(t.userId),
  ],
);

/** B22: conversations whose customer wrote while nobody was in them, for the Unassigned list. */
export const unassignedConversations = sqliteTable(
  'unassigned_conversations',
  {
    conversationId: text('conversation_id').primaryKey(),
    orgId: text('org_id').notNull(),
    contactId: text('contact_id').notNull(),
    since: integer('since').notNull(),
    lastAt: integer('last_at').notNull(),
    lastText: text('last_text'),
  },
  (t) => [index('unassigned_org').on(t.orgId, t.lastAt)],
);

/**
 * Issue 12: every privacy action an admin takes (retention changed, customer erased, data exported)
 * and every retention run, with who, when and what. `target` never names a customer: an erasure is
 * named by its receipt id, an export by the contact id.
 */
export const privacyAudit = sqliteTable(
  'privacy_audit',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    /** The admin; null for the daily retention job. */
    actorUserId: text('actor_user_id'),
    action: text('action', {
      enum: ['retention_set', 'retention_run', 'erasure', 'export'],
    }).notNull(),
    target: text('target').notNull(),
    at: integer('at').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('privacy_audit_org').on(t.orgId, t.at)],
);

/** Issue 12: the receipt of each erasure (what was removed, the ledger heads before and after). */
export const privacyErasures = sqliteTable(
  'privacy_erasures',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    /** The erased contact's id (a random id that names nobody once the contact is gone). */
    contactId: text('contact_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    erasedAt: integer('erased_at').notNull(),
    /** What was removed and how the ledger was pseudonymised (shared/api/privacy.ts `ErasureReceipt`). */
    receipt: text('receipt', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('privacy_erasures_contact').on(t.orgId, t.contactId)],
);

/**
 * Issue 12, I1: the keyed hashes (HMAC) of an erased customer's phone and WhatsApp ids, so that a
 * returning customer's standing opt-out is honoured and a repeated erasure finds its receipt.
 */
export const privacyErasedSubjects = sqliteTable(
  'privacy_erased_subjects',
  {
    orgId: text('org_id').notNull(),
    subjectHash: text('subject_hash').notNull(),
    erasureId: text('erasure_id').notNull(),
    optedOut: integer('opted_out', { mode: 'boolean' }).notNull(),
  },
  (t) => [uniqueIndex('privacy_erased_subjects_key').on(t.orgId, t.subjectHash)],
);
