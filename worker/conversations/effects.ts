// Effects of a conversation step that reach outside the conversation: consent records to the org's
// one-writer ledger (from the outbox, so nothing is lost or appended twice), the number's pause on an
// account-level error (SPEC §6), and the timer registry the development clock sweeps (I9).
import { isDevelopment } from '../clock';
import type { Effect } from '../domain/conversation';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { updateNumber } from '../storage/repos/numbers';
import { listUsers } from '../storage/repos/users';
import { deliverLive } from './live';
import { timerQuery } from '../storage/repos/conversations';
import { type DirectoryWrites, writeDirectory } from './history';
import { openDb } from '../storage/db';
import type { ConversationRef, ConversationStore } from '../durable-objects/conversation-store';
import { forgetRoutes } from '../services/route-cache';

/** Appends each pending draft with the key `<conversationId>:<outbox seq>`; the ledger dedupes it. */
export async function deliverOutbox(env: Env, store: ConversationStore, ref: ConversationRef): Promise<void> {
  const ledger = env.LEDGER.get(env.LEDGER.idFromName(ref.orgId));
  for (const { seq, draft } of store.outbox()) {
    try {
      await ledger.append(`${ref.conversationId}:${seq}`, draft);
    } catch (err) {
      // Kept in the outbox; the alarm retries it shortly.
      console.error(
        JSON.stringify({
          msg: 'ledger append failed',
          conversation: ref.conversationId,
          seq,
          error: String(err),
        }),
      );
      return;
    }
    store.deleteOutbox(seq);
  }
}

/** SPEC §6: stop the number's sending and tell admins, instead of failing every queued message. */
export async function pauseNumber(
  env: Env,
  db: Db,
  ref: ConversationRef,
  effect: Extract<Effect, { type: 'pause_number' }>,
  now: number,
): Promise<void> {
  const reason = `${effect.reason} (Cloud API error ${effect.code})`;
  await updateNumber(db, ref.orgId, ref.numberId, { paused: true, pausedReason: reason }, now);
  await forgetRoutes(env, [ref.phoneNumberId]);
  const admins = (await listUsers(db, ref.orgId)).filter((u) => u.role === 'admin' && u.removedAt === null);
  await deliverLive(
    env,
    admins.map((u) => ({ userId: u.id, frame: { type: 'number_paused' as const, reason } })),
  );
  console.error(
    JSON.stringify({
      msg: 'number paused: admin action needed',
      org: ref.orgId,
      number: ref.numberId,
      code: effect.code,
    }),
  );
}

/**
 * Remembers which conversations have a timer (development only: the dev clock wakes them). Returned
 * as a write, so the caller commits it with the step's history rows in one batch.
 */
export function timerWrites(
  env: Env,
  db: Db,
  conversationId: string,
  dueAt: number | null,
): DirectoryWrites | null {
  if (!isDevelopment(env)) return null;
  return { queries: [timerQuery(db, conversationId, dueAt)], done: () => {} };
}

/** The same, written at once. */
export async function registerTimer(env: Env, conversationId: string, dueAt: number | null): Promise<void> {
  await writeDirectory(openDb(env), [timerWrites(env, openDb(env), conversationId, dueAt)]);
}
