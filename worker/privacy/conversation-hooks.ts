// The conversation object's privacy hooks (issue 12), kept out of the object so it stays thin: a new
// conversation starts opted out when an erased customer with a standing opt-out returns (I1); the
// daily retention pass; erasure of everything the object stores.
import { and, eq, inArray } from 'drizzle-orm';
import { createConversation, type ConversationState } from '../domain/conversation';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { Env } from '../env';
import { openDb } from '../storage/db';
import { privacyErasedSubjects } from '../storage/schema';
import { type RetentionCounts, sweepLog, sweepState } from './conversation-storage';
import { digitsOf, subjectHashes } from './pseudonym';
import type { Removal } from './redact';

/** Whether any of the customer's ids belongs to an erased customer who had opted out. */
export async function hasStandingOptOut(
  env: Env,
  orgId: string,
  ids: readonly (string | null)[],
): Promise<boolean> {
  const hashes = [...(await subjectHashes(env, orgId, ids)).values()];
  if (hashes.length === 0) return false;
  const rows = await openDb(env)
    .select({ optedOut: privacyErasedSubjects.optedOut })
    .from(privacyErasedSubjects)
    .where(and(eq(privacyErasedSubjects.orgId, orgId), inArray(privacyErasedSubjects.subjectHash, hashes)));
  return rows.some((r) => r.optedOut);
}

/** A conversation's first state: nothing, except an opt-out that outlived the customer's erasure (I1). */
export async function freshConversation(
  env: Env,
  ref: ConversationRef,
  now: number,
): Promise<ConversationState> {
  const state = createConversation({
    id: ref.conversationId,
    orgId: ref.orgId,
    phoneNumberId: ref.phoneNumberId,
    customerPhone: ref.customerPhone,
    customerBsuid: ref.customerBsuid ?? null,
  });
  const phone = ref.customerPhone;
  const ids = [phone, phone ? digitsOf(phone) : null, ref.customerBsuid ?? null];
  if (!(await hasStandingOptOut(env, ref.orgId, ids))) return state;
  return { ...state, consent: { type: 'opted_out', since: now } };
}

/** Retention inside the object: log and state stubbed in one transaction; the new state is returned. */
export function applyRetention(
  storage: DurableObjectStorage,
  state: ConversationState,
  cutoff: number,
  removal: Removal,
): { state: ConversationState; counts: RetentionCounts } {
  return storage.transactionSync(() => {
    const counts = sweepLog(storage.sql, cutoff, removal);
    const next = sweepState(state, cutoff, removal);
    if (next !== state) storage.sql.exec(`UPDATE state SET json = ? WHERE id = 1`, JSON.stringify(next));
    return { state: next, counts };
  });
}

/** Removes every table and value of the object, then recreates the empty schema. */
export async function eraseStorage(storage: DurableObjectStorage, migrate: () => void): Promise<void> {
  await storage.deleteAlarm();
  await storage.deleteAll();
  migrate();
}
