// The webhook routes' memory (durable-objects/number-routes.ts; docs/webhook-routing.md): which object
// answers for a number and customer, and `forget` for the writes that can change a route. Every write
// to an org's WhatsApp switch or settings, a business number, or an existing customer's identity (linking,
// a changed number, erasure) calls one of the two forgets before it answers, so the next message is
// routed by what the directory holds now (an org switched off stops routing at once, B21).
import { eq } from 'drizzle-orm';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { businessNumbers } from '../storage/schema';

/**
 * Objects per number: one object would see every message and status of a busy number (thousands a
 * second at WhatsApp's top tier), so customers are spread over a few.
 */
export const ROUTE_SHARDS = 8;

/** FNV-1a over the key: the same customer always lands on the same object. */
function shardOf(key: string | null): number {
  if (key === null) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ROUTE_SHARDS;
}

const stubOf = (env: Env, phoneNumberId: string, shard: number) =>
  env.NUMBER_ROUTES.get(env.NUMBER_ROUTES.idFromName(`${phoneNumberId}#${shard}`));

/** The object that routes messages of `key` (a wa_id or BSUID; null: the number alone). */
export function routesFor(env: Env, phoneNumberId: string, key: string | null) {
  return stubOf(env, phoneNumberId, shardOf(key));
}

/** These numbers' routes may have changed: every shard of each reads afresh. */
export async function forgetRoutes(env: Env, phoneNumberIds: Iterable<string>): Promise<void> {
  const calls: Promise<void>[] = [];
  for (const id of new Set(phoneNumberIds)) {
    for (let shard = 0; shard < ROUTE_SHARDS; shard++) calls.push(stubOf(env, id, shard).forget());
  }
  await Promise.all(calls);
}

/** Something about the org (its switch, settings or a customer's identity) changed. */
export async function forgetOrgRoutes(env: Env, db: Db, orgId: string): Promise<void> {
  const numbers = await db
    .select({ phoneNumberId: businessNumbers.phoneNumberId })
    .from(businessNumbers)
    .where(eq(businessNumbers.orgId, orgId));
  await forgetRoutes(
    env,
    numbers.map((n) => n.phoneNumberId),
  );
}
