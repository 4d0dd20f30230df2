// Contacts use cases (B19): normalise the phone to E.164, upsert by phone within the caller's org,
// remember the E.164 digits as a first wa_id alias, and add the CRM link idempotently.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Contact, UpsertContactRequest } from '../../shared/api/contacts';
import type { Db } from '../storage/db';
import {
  addCrmLink,
  addWaIdAlias,
  type ContactDetails,
  findContactByPhone,
  getContact,
  upsertContact,
} from '../storage/repos/contacts';
import { linkContacts } from './customer-identity';
import { ApiError, notFound } from './errors';
import type { Env } from '../env';
import { forgetOrgRoutes } from './route-cache';

export function normalisePhone(raw: string, defaultCountry?: string): string {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode | undefined);
  if (!parsed?.isValid()) {
    const hint = defaultCountry
      ? `as a ${defaultCountry} number or in international form`
      : 'in international form (e.g. +14155550101), or pass defaultCountry';
    throw new ApiError(400, 'invalid_phone', `"${raw}" is not a valid phone number: write it ${hint}.`);
  }
  return parsed.number;
}

export function toContactDto(details: ContactDetails): Contact {
  const { contact, waIds, crmLinks } = details;
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone ?? '',
    username: contact.username,
    bsuid: contact.bsuid,
    waIds,
    crmLinks: crmLinks.map(({ system, recordId, url }) => ({ system, recordId, url })),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

export async function putContact(
  db: Db,
  orgId: string,
  input: UpsertContactRequest,
  now: number,
): Promise<{ contact: Contact; created: boolean }> {
  const phone = normalisePhone(input.phone, input.defaultCountry);
  const { contact, created } = await upsertContact(db, orgId, { phone, name: input.name, now });
  if (created) await addWaIdAlias(db, orgId, contact.id, phone.slice(1), now);
  if (input.crm) await addCrmLink(db, orgId, contact.id, input.crm, now);
  const details = await getContact(db, orgId, contact.id);
  if (!details) throw new Error('contact vanished after upsert');
  return { contact: toContactDto(details), created };
}

export async function readContact(db: Db, orgId: string, id: string): Promise<Contact> {
  const details = await getContact(db, orgId, id);
  if (!details) throw notFound('Contact');
  return toContactDto(details);
}

/** The org's contact with this number (normalised as the upsert does), or null; creates nothing. */
export async function lookupContact(
  db: Db,
  orgId: string,
  raw: string,
  defaultCountry?: string,
): Promise<Contact | null> {
  const row = await findContactByPhone(db, orgId, normalisePhone(raw, defaultCountry));
  if (!row) return null;
  const details = await getContact(db, orgId, row.id);
  return details ? toContactDto(details) : null;
}

/** An agent joins two contacts of the org that are one person (B22: a username customer and their CRM record). */
export async function linkContact(
  env: Env,
  db: Db,
  orgId: string,
  id: string,
  otherId: string,
  now: number,
): Promise<Contact> {
  if (id === otherId)
    throw new ApiError(400, 'invalid_request', 'contactId: a contact cannot be linked to itself.');
  const [a, b] = await Promise.all([getContact(db, orgId, id), getContact(db, orgId, otherId)]);
  if (!a || !b) throw notFound('Contact');
  const survivor = await linkContacts(db, orgId, a.contact, b.contact, now);
  await forgetOrgRoutes(env, db, orgId);
  return readContact(db, orgId, survivor.id);
}
