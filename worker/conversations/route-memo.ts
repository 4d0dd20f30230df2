// What webhook routing remembers between messages (P1, P2; docs/webhook-routing.md): a number with
// its org, and the conversations its customers are known by, as last read from the directory. Told,
// not timed: every write that could change a route makes the holder `forget` (services/route-cache.ts),
// and a read that was under way when it forgot is answered but not kept, so nothing older than the
// last change can be kept. The age limit only bounds how long a lost `forget` could leave a stale route.
import type { KnownConversation, MessageRoute, RoutingNumber } from '../storage/repos/numbers';

export interface RouteReads {
  /** The number, its org and (by `key`) the known conversation, in one directory query. */
  route(phoneNumberId: string, key: string | null): Promise<MessageRoute | undefined>;
  /** The number and its org. */
  number(phoneNumberId: string): Promise<RoutingNumber | undefined>;
}

/**
 * An answer with its two times: `readAt`, when the directory read it came from began (what it is
 * ordered by against the conversation's own reads), and `validAt`, when this memo vouched that
 * nothing had changed since (what its freshness is judged by).
 */
export type Vouched<T> = T & { readAt: number; validAt: number };

/** A kept answer is read again from the directory after this long even if nothing said it changed. */
export const ROUTE_MAX_AGE_MS = 60_000;

interface Kept<T> {
  value: T;
  at: number;
}

export class RouteMemo {
  private generation = 0;
  /** When (clock time) the memo last forgot: nothing learnt from before then is kept. */
  private forgottenAt = Number.NEGATIVE_INFINITY;
  private number: Kept<RoutingNumber> | null = null;
  private readonly known = new Map<string, Kept<KnownConversation>>();

  constructor(
    private readonly reads: RouteReads,
    private readonly clock: () => number = Date.now,
  ) {}

  /** How many customers' routes are kept (for tests and the bench). */
  get size(): number {
    return this.known.size;
  }

  /** A message's route: the number, its org and the conversation `key` is known by (null if none). */
  async route(phoneNumberId: string, key: string | null): Promise<Vouched<MessageRoute> | null> {
    const number = this.fresh(this.number);
    const known = key === null ? null : this.fresh(this.known.get(key) ?? null);
    if (number && (key === null || known)) {
      const readAt = Math.min(number.at, known?.at ?? number.at);
      return { ...number.value, known: known?.value ?? null, readAt, validAt: this.clock() };
    }
    const generation = this.generation;
    const at = this.clock();
    const read = await this.reads.route(phoneNumberId, key);
    if (!read) return null;
    if (generation === this.generation) {
      this.number = { value: { number: read.number, enabled: read.enabled, org: read.org }, at };
      // Only what exists is kept: a customer not known yet becomes known by a write that adds rows,
      // and that write need not tell anyone.
      if (key !== null && read.known) this.known.set(key, { value: read.known, at });
    }
    return { ...read, readAt: at, validAt: at };
  }

  /** The number and its org (a status or a dead letter's org). */
  async numberOf(phoneNumberId: string): Promise<Vouched<RoutingNumber> | null> {
    const kept = this.fresh(this.number);
    if (kept) return { ...kept.value, readAt: kept.at, validAt: this.clock() };
    const generation = this.generation;
    const at = this.clock();
    const read = await this.reads.number(phoneNumberId);
    if (!read) return null;
    if (generation === this.generation) this.number = { value: read, at };
    return { ...read, readAt: at, validAt: at };
  }

  /**
   * A conversation was just created for a customer `key` was not known by (intake, after a route
   * answered none): kept as if read at `since`, when that route's directory read began, unless the
   * memo forgot anything since then. The customer's next message then needs no directory read.
   */
  learn(key: string, value: KnownConversation, since: number): void {
    if (since <= this.forgottenAt || this.known.has(key)) return;
    this.known.set(key, { value, at: since });
  }

  /** Something routed here may have changed: drop everything, and keep no read begun before now. */
  forget(): void {
    this.forgottenAt = this.clock();
    this.generation += 1;
    this.number = null;
    this.known.clear();
  }

  private fresh<T>(kept: Kept<T> | null): Kept<T> | null {
    if (!kept) return null;
    return this.clock() - kept.at < ROUTE_MAX_AGE_MS ? kept : null;
  }
}
