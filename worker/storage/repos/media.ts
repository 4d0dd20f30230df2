// Media rows (B10): what is stored in the MEDIA bucket, whose it is, and the Meta media id a picture
// was last uploaded as. Every query is scoped by org.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { media } from '../schema';

export type MediaRow = typeof media.$inferSelect;
export type NewMediaRow = typeof media.$inferInsert;

export async function insertMedia(db: Db, row: NewMediaRow): Promise<MediaRow> {
  const [created] = await db.insert(media).values(row).returning();
  if (!created) throw new Error('media insert returned nothing');
  return created;
}

export async function getMediaRow(db: Db, orgId: string, id: string): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.orgId, orgId), eq(media.id, id)));
  return row;
}

/** An inbound picture already fetched (a redelivered webhook must not fetch and store it twice). */
export async function findInboundByMetaId(
  db: Db,
  orgId: string,
  conversationId: string,
  metaMediaId: string,
): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(
      and(
        eq(media.orgId, orgId),
        eq(media.conversationId, conversationId),
        eq(media.metaMediaId, metaMediaId),
        eq(media.direction, 'in'),
      ),
    )
    .limit(1);
  return row;
}

export async function setMetaMediaId(
  db: Db,
  orgId: string,
  id: string,
  metaMediaId: string,
  expiresAt: number,
): Promise<void> {
  await db
    .update(media)
    .set({ metaMediaId, metaMediaExpiresAt: expiresAt })
    .where(and(eq(media.orgId, orgId), eq(media.id, id)));
}

/** Links an upload made without a conversation to the one it is sent in (only while unlinked). */
export async function linkMediaToConversation(
  db: Db,
  orgId: string,
  id: string,
  conversationId: string,
): Promise<void> {
  await db
    .update(media)
    .set({ conversationId })
    .where(and(eq(media.orgId, orgId), eq(media.id, id), isNull(media.conversationId)));
}
