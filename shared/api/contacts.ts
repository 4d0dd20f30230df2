// Contact schemas: the upsert the extension sends from a CRM page (B19) and the contact it gets back.
import { z } from 'zod';
import { nameText } from './text';
import { IdSchema } from './common';

/**
 * A phone number as a CRM page writes it: digits (ASCII, Arabic-Indic, full-width), letters (vanity
 * numbers, "ext."), spaces and phone punctuation. The worker then normalises it to E.164 and refuses
 * what libphonenumber cannot read as a valid number (400 invalid_phone either way).
 */
export const PhoneInputSchema = z
  .string()
  .trim()
  .min(1, 'cannot be empty')
  .max(40, 'is at most 40 characters')
  .regex(
    /^[0-9\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19 \u00A0A-Za-z()+\-./#*,;~]+$/,
    'must be a phone number: digits, letters, spaces and + ( ) - . / # * , ; ~',
  );

/** E.164 as the API returns it, or '' for a customer known only by a WhatsApp username. */
export const E164OrEmptySchema = z.union([z.literal(''), z.string().regex(/^\+[1-9]\d{1,14}$/)]);

export const CrmLinkSchema = z.object({
  system: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be a short CRM name such as "hubspot"'),
  recordId: z.string().trim().min(1, 'cannot be empty').max(200),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
});
export type CrmLink = z.infer<typeof CrmLinkSchema>;

export const UpsertContactRequestSchema = z
  .object({
    /**
     * As the page names the contact. Left out when the page names nobody (a number on any web page):
     * a contact Greenline already has keeps its name, a new one is named by its number.
     */
    name: nameText(200)
      .optional()
      .meta({
        description:
          'Left out when the page names nobody: a known contact keeps its name, a new one is named by its number',
      }),
    /** As written on the CRM page; normalised to E.164 by the worker. */
    phone: PhoneInputSchema,
    /** ISO 3166 alpha-2 country for numbers written without a country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "US"')
      .optional(),
    crm: CrmLinkSchema.optional(),
  })
  .meta({ id: 'UpsertContactRequest' });
export type UpsertContactRequest = z.infer<typeof UpsertContactRequestSchema>;

export const ContactSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    /** E.164, e.g. "+14155550101"; '' when the customer hides their number behind a username (2026). */
    phone: E164OrEmptySchema,
    /** Their WhatsApp username (e.g. "@maria"), when they adopted one. */
    username: z.string().nullable().optional(),
    /** Their business-scoped WhatsApp user id (BSUID), when WhatsApp gave one. */
    bsuid: z.string().nullable().optional(),
    /** Every id WhatsApp used for them: wa_ids and BSUIDs. */
    waIds: z.array(z.string()),
    crmLinks: z.array(CrmLinkSchema),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ContactSchema>;

/** `GET /contacts/lookup?phone=`: a number as a CRM page shows it (normalised like the upsert). */
export const ContactLookupQuerySchema = z.object({
  phone: PhoneInputSchema,
  defaultCountry: UpsertContactRequestSchema.shape.defaultCountry,
});

/** The org's contact with that number, or null: looking up creates nothing (the green action's glance). */
export const ContactLookupSchema = z
  .object({ contact: ContactSchema.nullable() })
  .meta({ id: 'ContactLookup' });

/**
 * `POST /contacts/{id}/link`: the agent knows two contacts are one person (typically a WhatsApp
 * username customer and the CRM record they opened). They become one contact with one conversation.
 */
export const LinkContactRequestSchema = z.object({ contactId: IdSchema }).meta({ id: 'LinkContactRequest' });
export type LinkContactRequest = z.infer<typeof LinkContactRequestSchema>;
