// Repository suite, part 3 (issue 12): the directory half of retention and erasure, on D1 and libSQL
// alike — retention removes exactly what is older than the cutoff and only in its org; erasure deletes
// every row about one contact and nothing of another; a receipt is written once.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { addCrmLink, addWaIdAlias, getContact, upsertContact } from '../../worker/storage/repos/contacts';
import { ensureConversation } from '../../worker/storage/repos/conversations';
import { insertDeadLetters } from '../../worker/storage/repos/dead-letters';
import { createNumber } from '../../worker/storage/repos/numbers';
import {
  applyDirectoryRetention,
  conversationsCreatedBefore,
  deleteCustomerRows,
  findErasureBySubjects,
  recordErasure,
} from '../../worker/storage/repos/privacy';
import {
  contactCrmLinks,
  contactWaIds,
  conversations,
  conversationTimers,
  deadLetters,
  media,
  threadIndex,
  threadReaders,
  unassignedConversations,
} from '../../worker/storage/schema';
import type { SuiteContext } from './repository-suite';

const CUTOFF = 1_800_000_000_000;

export function registerPrivacyTests({ db, newOrg, unique }: SuiteContext): void {
  /** An org with a number and one contact with a conversation, thread, picture and list entries at `at`. */
  async function customer(orgId: string, phone: string, at: number) {
    const number = await createNumber(db(), orgId, {
      phoneNumberId: unique('pn'),
      displayPhoneNumber: '+1',
      wabaId: 'w',
      accessTokenCiphertext: 'c',
      now: at,
    });
    return customerOn(orgId, number.id, phone, at);
  }

  async function customerOn(orgId: string, numberId: string, phone: string, at: number) {
    const { contact } = await upsertContact(db(), orgId, { phone, name: `Name ${phone}`, now: at });
    await addWaIdAlias(db(), orgId, contact.id, phone.slice(1), at);
    await addCrmLink(
      db(),
      orgId,
      contact.id,
      { system: 'hubspot', recordId: phone, url: 'https://crm.test/x' },
      at,
    );
    const conv = await ensureConversation(db(), orgId, numberId, contact.id, at);
    const threadId = unique('thread');
    await db()
      .insert(threadIndex)
      .values({
        threadId,
        conversationId: conv.id,
        orgId,
        contactId: contact.id,
        startedAt: at,
        lastAt: at,
        lastText: `hello from ${phone}`,
      });
    await db()
      .insert(threadReaders)
      .values({ threadId, userId: unique('user'), orgId, until: null });
    await db()
      .insert(unassignedConversations)
      .values({
        conversationId: conv.id,
        orgId,
        contactId: contact.id,
        since: at,
        lastAt: at,
        lastText: `hello from ${phone}`,
      });
    await db().insert(conversationTimers).values({ conversationId: conv.id, dueAt: at });
    const mediaId = unique('media');
    await db()
      .insert(media)
      .values({
        id: mediaId,
        orgId,
        conversationId: conv.id,
        r2Key: `${orgId}/${mediaId}`,
        mimeType: 'image/png',
        size: 1,
        sha256: 'x',
        direction: 'in',
        createdAt: at,
      });
    await insertDeadLetters(db(), [{ orgId, reason: 'test', payload: { from: phone.slice(1) }, now: at }]);
    return {
      contactId: contact.id,
      conversationId: conv.id,
      threadId,
      mediaKey: `${orgId}/${mediaId}`,
      numberId,
    };
  }

  it('issue 12: directory retention removes exactly what is older than the cutoff, in its org only', async () => {
    const a = await newOrg('retention-a');
    const b = await newOrg('retention-b');
    const old = await customer(a.orgId, '+14155550171', CUTOFF - 1);
    const edge = await customerOn(a.orgId, old.numberId, '+14155550172', CUTOFF);
    const other = await customer(b.orgId, '+14155550173', CUTOFF - 1);
    expect(await conversationsCreatedBefore(db(), a.orgId, CUTOFF)).toEqual([old.conversationId]);
    const done = await applyDirectoryRetention(db(), a.orgId, CUTOFF);
    expect(done).toEqual({ mediaKeys: [old.mediaKey], previews: 2, deadLetters: 1 });
    const previews = await db().select().from(threadIndex);
    const text = (id: string) => previews.find((t) => t.threadId === id)?.lastText;
    expect(text(old.threadId)).toBeNull();
    expect(text(edge.threadId)).toBe('hello from +14155550172');
    expect(text(other.threadId)).toBe('hello from +14155550173');
    const left = (await db().select({ key: media.r2Key }).from(media)).map((m) => m.key);
    expect(left).toEqual(expect.arrayContaining([edge.mediaKey, other.mediaKey]));
    expect(left).not.toContain(old.mediaKey);
    expect(await applyDirectoryRetention(db(), a.orgId, CUTOFF)).toEqual({
      mediaKeys: [],
      previews: 0,
      deadLetters: 0,
    });
  });

  it('issue 12: erasure deletes every row about the contact and nothing of another', async () => {
    const { orgId } = await newOrg('erase');
    const gone = await customer(orgId, '+14155550181', CUTOFF);
    const kept = await customerOn(orgId, gone.numberId, '+14155550182', CUTOFF);
    const rows = await deleteCustomerRows(
      db(),
      orgId,
      gone.contactId,
      [gone.conversationId],
      ['+14155550181', '14155550181'],
    );
    expect(rows).toEqual({
      aliases: 1,
      crmLinks: 1,
      conversations: 1,
      threads: 1,
      media: 1,
      deadLetters: 1,
      contacts: 1,
    });
    expect(await getContact(db(), orgId, gone.contactId)).toBeUndefined();
    const tables = [
      contactWaIds,
      contactCrmLinks,
      conversations,
      threadIndex,
      unassignedConversations,
      media,
    ];
    for (const table of tables) {
      const text = JSON.stringify(await db().select().from(table));
      expect(text).not.toContain(gone.contactId);
      expect(text).not.toContain('14155550181');
    }
    expect(
      await db()
        .select()
        .from(conversationTimers)
        .where(eq(conversationTimers.conversationId, gone.conversationId)),
    ).toEqual([]);
    expect(JSON.stringify(await db().select().from(deadLetters))).not.toContain('14155550181');
    expect((await getContact(db(), orgId, kept.contactId))?.crmLinks).toHaveLength(1);
    expect(JSON.stringify(await db().select().from(threadReaders))).toContain(kept.threadId);
    const again = await deleteCustomerRows(
      db(),
      orgId,
      gone.contactId,
      [gone.conversationId],
      ['14155550181'],
    );
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('issue 12: one receipt per erased contact; its subjects find it', async () => {
    const { orgId } = await newOrg('receipt');
    const row = { orgId, contactId: 'c-1', requestedBy: 'u', erasedAt: CUTOFF, receipt: { n: 1 } };
    const first = await recordErasure(db(), { ...row, id: unique('e') }, [{ hash: 'h1', optedOut: true }]);
    const second = await recordErasure(db(), { ...row, id: unique('e') }, [{ hash: 'h2', optedOut: true }]);
    expect(second.id).toBe(first.id);
    expect((await findErasureBySubjects(db(), orgId, ['h2']))?.id).toBe(first.id);
    expect(await findErasureBySubjects(db(), 'another-org', ['h1'])).toBeUndefined();
  });
}
