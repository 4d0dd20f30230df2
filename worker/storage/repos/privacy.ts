// Directory statements of issue 12 (retention, erasure, export, audit), scoped by org like every
// repository here. Erasure deletes children before parents (contacts are referenced by aliases, CRM
// links and conversations); each delete is safe to repeat.
import { and, desc, eq, inArray, isNotNull, isNull, like, lt, or } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import {
  contactCrmLinks,
  contacts,
  contactWaIds,
  conversations,
  conversationTimers,
  deadLetters,
  media,
  orgs,
  privacyAudit,
  privacyErasedSubjects,
  privacyErasures,
  threadIndex,
  threadReaders,
  unassignedConversations,
} from '../schema';

export type AuditAction = (typeof privacyAudit.$inferInsert)['action'];
export type AuditRow = typeof privacyAudit.$inferSelect;
export type MediaRow = typeof media.$inferSelect;

export async function listOrgIds(db: Db): Promise<string[]> {
  return (await db.select({ id: orgs.id }).from(orgs)).map((r) => r.id);
}

export async function insertAudit(
  db: Db,
  row: {
    orgId: string;
    actorUserId: string | null;
    action: AuditAction;
    target: string;
    at: number;
    detail: Record<string, unknown>;
  },
): Promise<AuditRow> {
  const [inserted] = await db
    .insert(privacyAudit)
    .values({ id: newId(), ...row })
    .returning();
  if (!inserted) throw new Error('audit insert returned nothing');
  return inserted;
}

export async function listAudit(db: Db, orgId: string, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(privacyAudit)
    .where(eq(privacyAudit.orgId, orgId))
    .orderBy(desc(privacyAudit.at))
    .limit(limit);
}

/** The org's conversations created before `before` (only they can hold anything past the period). */
export async function conversationsCreatedBefore(db: Db, orgId: string, before: number): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), lt(conversations.createdAt, before)));
  return rows.map((r) => r.id);
}

/** Media rows of these conversations. */
export async function mediaOfConversations(db: Db, orgId: string, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(media)
    .where(and(eq(media.orgId, orgId), inArray(media.conversationId, ids)));
}

/**
 * Retention in the directory: media rows stored before the cutoff are deleted (their R2 keys are
 * returned for the caller to delete), list previews older than it lose their text, and dead letters
 * (raw webhook payloads, bodies included) received before it are deleted.
 */
export async function applyDirectoryRetention(
  db: Db,
  orgId: string,
  cutoff: number,
): Promise<{ mediaKeys: string[]; previews: number; deadLetters: number }> {
  const gone = await db
    .delete(media)
    .where(and(eq(media.orgId, orgId), lt(media.createdAt, cutoff)))
    .returning({ key: media.r2Key });
  const threads = await db
    .update(threadIndex)
    .set({ lastText: null })
    .where(and(eq(threadIndex.orgId, orgId), lt(threadIndex.lastAt, cutoff), isNotNull(threadIndex.lastText)))
    .returning({ id: threadIndex.threadId });
  const unassigned = await db
    .update(unassignedConversations)
    .set({ lastText: null })
    .where(
      and(
        eq(unassignedConversations.orgId, orgId),
        lt(unassignedConversations.lastAt, cutoff),
        isNotNull(unassignedConversations.lastText),
      ),
    )
    .returning({ id: unassignedConversations.conversationId });
  const letters = await db
    .delete(deadLetters)
    .where(and(eq(deadLetters.orgId, orgId), lt(deadLetters.receivedAt, cutoff)))
    .returning({ id: deadLetters.id });
  return {
    mediaKeys: gone.map((g) => g.key),
    previews: threads.length + unassigned.length,
    deadLetters: letters.length,
  };
}

export interface ErasedRows {
  aliases: number;
  crmLinks: number;
  conversations: number;
  threads: number;
  media: number;
  deadLetters: number;
  contacts: number;
}

/** Deletes every directory row about the contact; `words` find their dead letters (phone, ids, name). */
export async function deleteCustomerRows(
  db: Db,
  orgId: string,
  contactId: string,
  conversationIds: string[],
  words: string[],
): Promise<ErasedRows> {
  const convs = conversationIds.length > 0 ? conversationIds : ['\u0000'];
  const threads = await db
    .delete(threadIndex)
    .where(and(eq(threadIndex.orgId, orgId), inArray(threadIndex.conversationId, convs)))
    .returning({ id: threadIndex.threadId });
  const threadIds = threads.map((t) => t.id);
  if (threadIds.length > 0) {
    await db
      .delete(threadReaders)
      .where(and(eq(threadReaders.orgId, orgId), inArray(threadReaders.threadId, threadIds)));
  }
  await db
    .delete(unassignedConversations)
    .where(
      and(eq(unassignedConversations.orgId, orgId), inArray(unassignedConversations.conversationId, convs)),
    );
  await db.delete(conversationTimers).where(inArray(conversationTimers.conversationId, convs));
  const gone = await db
    .delete(media)
    .where(and(eq(media.orgId, orgId), inArray(media.conversationId, convs)))
    .returning({ id: media.id });
  const convRows = await db
    .delete(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.contactId, contactId)))
    .returning({ id: conversations.id });
  const aliases = await db
    .delete(contactWaIds)
    .where(and(eq(contactWaIds.orgId, orgId), eq(contactWaIds.contactId, contactId)))
    .returning({ id: contactWaIds.waId });
  const links = await db
    .delete(contactCrmLinks)
    .where(and(eq(contactCrmLinks.orgId, orgId), eq(contactCrmLinks.contactId, contactId)))
    .returning({ id: contactCrmLinks.id });
  const letters = await deleteDeadLettersNaming(db, orgId, words);
  const contactRows = await db
    .delete(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)))
    .returning({ id: contacts.id });
  return {
    aliases: aliases.length,
    crmLinks: links.length,
    conversations: convRows.length,
    threads: threadIds.length,
    media: gone.length,
    deadLetters: letters,
    contacts: contactRows.length,
  };
}

/** Dead letters of the org (or of no known org) whose payload contains any of the words. */
async function deleteDeadLettersNaming(db: Db, orgId: string, words: string[]): Promise<number> {
  const usable = words.filter((w) => w.length >= 3);
  if (usable.length === 0) return 0;
  // `_` matches any one character, so a `%` in a word is turned into one (no ESCAPE clause needed).
  const pattern = (w: string) => `%${w.replaceAll('%', '_')}%`;
  const rows = await db
    .delete(deadLetters)
    .where(
      and(
        or(eq(deadLetters.orgId, orgId), isNull(deadLetters.orgId)),
        or(...usable.map((w) => like(deadLetters.payload, pattern(w)))),
      ),
    )
    .returning({ id: deadLetters.id });
  return rows.length;
}

export type ErasureRow = typeof privacyErasures.$inferSelect;

export async function findErasureByContact(
  db: Db,
  orgId: string,
  contactId: string,
): Promise<ErasureRow | undefined> {
  const [row] = await db
    .select()
    .from(privacyErasures)
    .where(and(eq(privacyErasures.orgId, orgId), eq(privacyErasures.contactId, contactId)));
  return row;
}

export async function getErasure(db: Db, orgId: string, id: string): Promise<ErasureRow | undefined> {
  const [row] = await db
    .select()
    .from(privacyErasures)
    .where(and(eq(privacyErasures.orgId, orgId), eq(privacyErasures.id, id)));
  return row;
}

/** The erasure that pseudonymised any of these subject hashes (the latest wins). */
export async function findErasureBySubjects(
  db: Db,
  orgId: string,
  hashes: string[],
): Promise<ErasureRow | undefined> {
  if (hashes.length === 0) return undefined;
  const [row] = await db
    .select({ erasure: privacyErasures })
    .from(privacyErasedSubjects)
    .innerJoin(privacyErasures, eq(privacyErasures.id, privacyErasedSubjects.erasureId))
    .where(and(eq(privacyErasedSubjects.orgId, orgId), inArray(privacyErasedSubjects.subjectHash, hashes)))
    .orderBy(desc(privacyErasures.erasedAt))
    .limit(1);
  return row?.erasure;
}

/** Writes the receipt and the subjects; a receipt already written for the contact wins (a retry). */
export async function recordErasure(
  db: Db,
  row: typeof privacyErasures.$inferInsert,
  subjects: { hash: string; optedOut: boolean }[],
): Promise<ErasureRow> {
  const [inserted] = await db.insert(privacyErasures).values(row).onConflictDoNothing().returning();
  const receipt = inserted ?? (await findErasureByContact(db, row.orgId, row.contactId));
  if (!receipt) throw new Error('erasure receipt missing');
  for (const s of subjects) {
    await db
      .insert(privacyErasedSubjects)
      .values({ orgId: row.orgId, subjectHash: s.hash, erasureId: receipt.id, optedOut: s.optedOut })
      .onConflictDoUpdate({
        target: [privacyErasedSubjects.orgId, privacyErasedSubjects.subjectHash],
        set: { erasureId: receipt.id, optedOut: s.optedOut },
      });
  }
  return receipt;
}

export async function updateErasureReceipt(
  db: Db,
  orgId: string,
  id: string,
  receipt: Record<string, unknown> | object,
): Promise<void> {
  await db
    .update(privacyErasures)
    .set({ receipt: receipt as Record<string, unknown> })
    .where(and(eq(privacyErasures.orgId, orgId), eq(privacyErasures.id, id)));
}

/** The history and Unassigned rows of these conversations (subject-access export). */
export async function listRowsOfConversations(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return { threads: [], unassigned: [] };
  const [threads, unassigned] = await Promise.all([
    db
      .select()
      .from(threadIndex)
      .where(and(eq(threadIndex.orgId, orgId), inArray(threadIndex.conversationId, ids))),
    db
      .select()
      .from(unassignedConversations)
      .where(
        and(eq(unassignedConversations.orgId, orgId), inArray(unassignedConversations.conversationId, ids)),
      ),
  ]);
  return { threads, unassigned };
}
