// How WhatsApp knows a contact (SPEC §2, issue 10): the phone on the contact row, every wa_id / BSUID /
// parent BSUID in contact_wa_ids, the current BSUID and username on the row. Linking two contacts
// that turn out to be one person moves everything onto the survivor: the writes are built here and
// committed by the caller in one batch (one transaction), so a fold is either whole or not at all.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import {
  contactCrmLinks,
  contacts,
  contactWaIds,
  conversations,
  conversationTimers,
  threadIndex,
  unassignedConversations,
} from '../schema';
import type { DirectoryQuery } from './batch';
import type { ContactRow } from './contacts';

/** The org's contacts known by any of these ids (wa_id, BSUID, parent BSUID) or this phone. */
export async function findContactsByIdentity(
  db: Db,
  orgId: string,
  ids: string[],
  phone: string | null,
): Promise<ContactRow[]> {
  const found = new Map<string, ContactRow>();
  if (ids.length > 0) {
    const rows = await db
      .select({ contact: contacts })
      .from(contactWaIds)
      .innerJoin(contacts, eq(contacts.id, contactWaIds.contactId))
      .where(and(eq(contactWaIds.orgId, orgId), inArray(contactWaIds.waId, ids), eq(contacts.orgId, orgId)));
    for (const { contact } of rows) found.set(contact.id, contact);
  }
  if (phone) {
    const [row] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), eq(contacts.phone, phone)));
    if (row) found.set(row.id, row);
  }
  return [...found.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * The conversations of these contacts, and whether each was ever used (has a thread). Opening a
 * contact's panel creates its conversation before anyone writes: such an empty one can be dropped.
 */
export async function conversationsOf(
  db: Db,
  orgId: string,
  contactIds: string[],
): Promise<Array<{ id: string; contactId: string; used: boolean }>> {
  if (contactIds.length === 0) return [];
  const rows = await db
    .select({ id: conversations.id, contactId: conversations.contactId })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), inArray(conversations.contactId, contactIds)));
  if (rows.length === 0) return [];
  const threads = await db
    .selectDistinct({ id: threadIndex.conversationId })
    .from(threadIndex)
    .where(
      and(
        eq(threadIndex.orgId, orgId),
        inArray(
          threadIndex.conversationId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const used = new Set(threads.map((t) => t.id));
  return rows.map((r) => ({ ...r, used: used.has(r.id) }));
}

/** The writes that drop a conversation nobody ever used (no thread): its row, timer and any list entry. */
export function dropUnusedConversationQueries(db: Db, orgId: string, id: string): DirectoryQuery[] {
  return [
    db.delete(conversationTimers).where(eq(conversationTimers.conversationId, id)),
    db.delete(unassignedConversations).where(eq(unassignedConversations.conversationId, id)),
    db.delete(conversations).where(and(eq(conversations.orgId, orgId), eq(conversations.id, id))),
  ];
}

export interface IdentityPatch {
  phone?: string;
  bsuid?: string;
  parentBsuid?: string;
  username?: string;
}

/** Writes what changed on the contact row and records the ids as aliases (first writer wins). */
export async function recordIdentity(
  db: Db,
  contact: ContactRow,
  patch: IdentityPatch,
  aliases: string[],
  now: number,
): Promise<ContactRow> {
  const changed = Object.entries(patch).some(
    ([key, value]) => value !== undefined && contact[key as keyof IdentityPatch] !== value,
  );
  let row = contact;
  if (changed) {
    const [updated] = await db
      .update(contacts)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(contacts.orgId, contact.orgId), eq(contacts.id, contact.id)))
      .returning();
    if (updated) row = updated;
  }
  if (aliases.length > 0) {
    await db
      .insert(contactWaIds)
      .values(aliases.map((waId) => ({ orgId: contact.orgId, contactId: contact.id, waId, createdAt: now })))
      .onConflictDoNothing();
  }
  return row;
}

/** A contact's CRM links (read before a fold, which moves them). */
export async function crmLinksOf(db: Db, orgId: string, contactId: string) {
  return db
    .select()
    .from(contactCrmLinks)
    .where(and(eq(contactCrmLinks.orgId, orgId), eq(contactCrmLinks.contactId, contactId)));
}

/**
 * The writes that fold `other` into `survivor`: its aliases and CRM links (`links`, read by the
 * caller) move over, and its conversation too when `moveConversation` (the survivor has none); then
 * `other` is deleted. When both have a conversation (`keepOther`), `other` keeps its (now dormant)
 * conversation and row, and only its aliases move, so every later event reaches the survivor's
 * conversation. Committed in one batch: if the survivor gained a conversation meanwhile, the move
 * breaks `conversations_number_contact` and nothing of the fold is written.
 */
export function foldContactQueries(
  db: Db,
  orgId: string,
  survivor: ContactRow,
  other: ContactRow,
  links: ReadonlyArray<typeof contactCrmLinks.$inferSelect>,
  moveConversation: string | null,
  keepOther: boolean,
): DirectoryQuery[] {
  const inOrg = (table: typeof contactWaIds | typeof contactCrmLinks) =>
    and(eq(table.orgId, orgId), eq(table.contactId, other.id));
  const writes: DirectoryQuery[] = [
    db.update(contactWaIds).set({ contactId: survivor.id }).where(inOrg(contactWaIds)),
  ];
  if (keepOther) return writes;
  if (links.length > 0) {
    writes.push(
      db
        .insert(contactCrmLinks)
        .values(links.map((l) => ({ ...l, id: newId(), contactId: survivor.id })))
        .onConflictDoNothing(),
      db.delete(contactCrmLinks).where(inOrg(contactCrmLinks)),
    );
  }
  if (moveConversation) {
    writes.push(
      db
        .update(conversations)
        .set({ contactId: survivor.id })
        .where(and(eq(conversations.orgId, orgId), eq(conversations.id, moveConversation))),
      db
        .update(threadIndex)
        .set({ contactId: survivor.id })
        .where(eq(threadIndex.conversationId, moveConversation)),
      db
        .update(unassignedConversations)
        .set({ contactId: survivor.id })
        .where(eq(unassignedConversations.conversationId, moveConversation)),
    );
  }
  writes.push(db.delete(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, other.id))));
  return writes;
}
