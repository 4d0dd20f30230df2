// Contacts of an org: one row per E.164 phone within the org (or none: username customers), with
// wa_id / BSUID aliases and CRM links.
// Nothing here ever matches across orgs: every statement carries the org id.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { contactCrmLinks, contacts, contactWaIds } from '../schema';

export type ContactRow = typeof contacts.$inferSelect;
export type CrmLinkRow = typeof contactCrmLinks.$inferSelect;

export interface ContactDetails {
  contact: ContactRow;
  waIds: string[];
  crmLinks: CrmLinkRow[];
}

/**
 * Inserts or renames the org's contact with this E.164 phone; `created` says which. A null phone (a
 * customer who hides their number behind a username) always inserts.
 */
export async function upsertContact(
  db: Db,
  orgId: string,
  input: { phone: string | null; name: string | undefined; now: number },
): Promise<{ contact: ContactRow; created: boolean }> {
  const id = newId();
  // Without a name (the page named nobody) a new contact is named by its number and a known one
  // keeps the name it has.
  const name = input.name ?? input.phone ?? '';
  const [row] = await db
    .insert(contacts)
    .values({ id, orgId, phone: input.phone, name, createdAt: input.now, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [contacts.orgId, contacts.phone],
      set: input.name === undefined ? { updatedAt: input.now } : { name: input.name, updatedAt: input.now },
    })
    .returning();
  if (!row) throw new Error('contact upsert returned nothing');
  return { contact: row, created: row.id === id };
}

export async function getContact(db: Db, orgId: string, id: string): Promise<ContactDetails | undefined> {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
  if (!contact) return undefined;
  const [aliases, links] = await Promise.all([
    db
      .select({ waId: contactWaIds.waId })
      .from(contactWaIds)
      .where(and(eq(contactWaIds.orgId, orgId), eq(contactWaIds.contactId, id)))
      .orderBy(asc(contactWaIds.createdAt), asc(contactWaIds.waId)),
    db
      .select()
      .from(contactCrmLinks)
      .where(and(eq(contactCrmLinks.orgId, orgId), eq(contactCrmLinks.contactId, id)))
      .orderBy(asc(contactCrmLinks.createdAt), asc(contactCrmLinks.system)),
  ]);
  return { contact, waIds: aliases.map((a) => a.waId), crmLinks: links };
}

export async function findContactByPhone(
  db: Db,
  orgId: string,
  phone: string,
): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.phone, phone)));
  return row;
}

/** Routes an inbound message: the contact whose alias is this `wa_id`, in this org only. */
export async function findContactByWaId(
  db: Db,
  orgId: string,
  waId: string,
): Promise<ContactRow | undefined> {
  const [row] = await db
    .select({ contact: contacts })
    .from(contactWaIds)
    .innerJoin(contacts, eq(contacts.id, contactWaIds.contactId))
    .where(and(eq(contactWaIds.orgId, orgId), eq(contactWaIds.waId, waId), eq(contacts.orgId, orgId)));
  return row?.contact;
}

/** Adds an alias; an alias already pointing elsewhere in the org is left alone (first wins). */
export async function addWaIdAlias(
  db: Db,
  orgId: string,
  contactId: string,
  waId: string,
  now: number,
): Promise<void> {
  await db.insert(contactWaIds).values({ orgId, contactId, waId, createdAt: now }).onConflictDoNothing();
}

/** Idempotent per (contact, system, record id); a changed URL is updated. */
export async function addCrmLink(
  db: Db,
  orgId: string,
  contactId: string,
  link: { system: string; recordId: string; url: string },
  now: number,
): Promise<void> {
  await db
    .insert(contactCrmLinks)
    .values({ id: newId(), orgId, contactId, ...link, createdAt: now })
    .onConflictDoUpdate({
      target: [contactCrmLinks.contactId, contactCrmLinks.system, contactCrmLinks.recordId],
      set: { url: link.url },
    });
}
