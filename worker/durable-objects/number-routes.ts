// Webhook routing without a directory read per message (P1, P2; docs/webhook-routing.md). One object
// per business number and shard of its customers (`services/route-cache.ts` picks it) keeps, in memory
// only, what the last directory read said: the number, its org and the conversations its customers
// are known by. Writers tell it to forget; after a restart it reads afresh.
import { DurableObject } from 'cloudflare:workers';
import { RouteMemo, type Vouched } from '../conversations/route-memo';
import type { Env } from '../env';
import { openDb } from '../storage/db';
import {
  findMessageRoute,
  findRoutingNumber,
  type KnownConversation,
  type MessageRoute,
  type RoutingNumber,
} from '../storage/repos/numbers';

export class NumberRoutes extends DurableObject<Env> {
  private readonly db = openDb(this.env);
  private readonly memo = new RouteMemo({
    route: (phoneNumberId, key) => findMessageRoute(this.db, phoneNumberId, key),
    number: (phoneNumberId) => findRoutingNumber(this.db, phoneNumberId),
  });

  /** The number, its org and the conversation `key` (a wa_id or BSUID) is known by. */
  async route(phoneNumberId: string, key: string | null): Promise<Vouched<MessageRoute> | null> {
    return this.memo.route(phoneNumberId, key);
  }

  /** The number and its org. */
  async numberOf(phoneNumberId: string): Promise<Vouched<RoutingNumber> | null> {
    return this.memo.numberOf(phoneNumberId);
  }

  /** A conversation was just created for `key` (see RouteMemo.learn). */
  async learn(key: string, value: KnownConversation, since: number): Promise<void> {
    this.memo.learn(key, value, since);
  }

  /** A write may have changed a route here: read everything afresh from now on. */
  async forget(): Promise<void> {
    this.memo.forget();
  }
}
