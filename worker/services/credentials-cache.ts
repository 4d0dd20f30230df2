// The number's Cloud API credentials as conversation objects send with them (P3): read from the
// directory and decrypted about once a second per org in each isolate, the freshness of the
// objects' other directory facts (context.ts): while one object reads them again, the others go on
// with what is held (for at most another second). A drain of 2,000 messages across 200
// conversations reads them a few hundred times instead of 2,000. An admin's new token or a removed
// number applies within two seconds (at once in the isolate that took the change); a send WhatsApp refused, and
// anything that makes an object read its facts afresh (its own pause, a wake), make the next send
// read them afresh, so a revoked token is replaced by the next attempt. Only values are shared
// between objects, never a read in flight (each object awaits its own I/O).
import type { NumberCredentials } from './number-settings';

export const CREDENTIALS_TTL_MS = 1_000;

/**
 * How long the others keep sending with what is held while one object reads them again: without it,
 * every conversation of a busy number finds them expired at once and reads them together.
 */
export const REFRESH_GRACE_MS = 1_000;

type Held = {
  value: NumberCredentials | undefined;
  readAt: number;
  /** When an object of this isolate began reading them again, if one is. */
  refreshingSince: number | null;
};

/** Per org: what was read last, shared by the objects of this isolate. */
const shared = new Map<string, Held>();

/** The org's credentials changed (its number was written or removed here): read them again. */
export function forgetCredentials(orgId: string): void {
  shared.delete(orgId);
}

export class CredentialsSource {
  constructor(
    private readonly read: (orgId: string) => Promise<NumberCredentials | undefined>,
    private readonly clock: () => number = Date.now,
    private readonly held: Map<string, Held> = shared,
  ) {}

  /** The org's credentials, or undefined when it has no number (any more). */
  async get(orgId: string): Promise<NumberCredentials | undefined> {
    const readAt = this.clock();
    const held = this.held.get(orgId);
    if (held) {
      if (readAt - held.readAt < CREDENTIALS_TTL_MS) return held.value;
      const refreshing = held.refreshingSince;
      if (refreshing !== null && readAt - refreshing < REFRESH_GRACE_MS) return held.value;
      held.refreshingSince = readAt;
    }
    const value = await this.read(orgId);
    const latest = this.held.get(orgId);
    // Another object's read that began later is the newer one.
    if (!latest || latest.readAt <= readAt) this.held.set(orgId, { value, readAt, refreshingSince: null });
    return value;
  }

  forget(orgId: string): void {
    this.held.delete(orgId);
  }
}
