// Webhook parts that could not be applied (SPEC §6): parser problems and events that failed to
// route, kept with the reason and the offending part as JSON for an admin to inspect.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { deadLetters } from '../schema';

export type DeadLetterRow = typeof deadLetters.$inferSelect;

/** Stored payloads are capped: a dead letter is for reading, not a second copy of a 3 MB batch. */
export const MAX_DEAD_LETTER_PAYLOAD = 16_000;

export interface DeadLetterInput {
  /** The org the event belonged to, when it could be told. */
  orgId: string | null;
  reason: string;
  payload: unknown;
  now: number;
}

function serialise(payload: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(payload) ?? 'null';
  } catch {
    text = JSON.stringify({ unserialisable: String(payload) });
  }
  return text.length > MAX_DEAD_LETTER_PAYLOAD
    ? JSON.stringify({ truncated: true, head: text.slice(0, MAX_DEAD_LETTER_PAYLOAD) })
    : text;
}

export async function insertDeadLetters(db: Db, items: DeadLetterInput[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((item) => ({
    id: newId(),
    orgId: item.orgId,
    receivedAt: item.now,
    reason: item.reason.slice(0, 500),
    payload: serialise(item.payload),
  }));
  // D1 caps bound parameters per statement (100): five columns, so at most 20 rows a statement.
  for (let i = 0; i < rows.length; i += 20) await db.insert(deadLetters).values(rows.slice(i, i + 20));
}

/** The org's dead letters, newest first. */
export async function listDeadLetters(db: Db, orgId: string, limit: number): Promise<DeadLetterRow[]> {
  return db
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.orgId, orgId)))
    .orderBy(desc(deadLetters.receivedAt))
    .limit(limit);
}
