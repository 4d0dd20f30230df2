// The number's Cloud API credentials as conversation objects send with them (P3): read from the
// directory and decrypted about once a second per org in each isolate, the freshness of the
// objects' other directory facts (context.ts): while one object reads them again, the others go on
// with what is held (for at most another second). A drain of 2,000 messages across 200
// conversations reads them a few hundred times instead of 2,000. An admin's new token or a removed
// number applies within two seconds (at once in the isolate that took the change); a send WhatsApp refused, and
// anything that makes an object read its facts afresh (its own pause, a wake), make the next send
// read them afresh, so a revoked token is replaced by the next attempt. When an admin resumes the
// number, every conversation of it wakes at once: the first to send reads them, and the others wait
// for that read (they look every few milliseconds) instead of all reading together. Only values are
// shared between objects, never a read in flight (each object awaits its own I/O).
import type { NumberCredentials } from './number-settings';

export const CREDENTIALS_TTL_MS = 1_000;

/**
 * How long the others keep sending with what is held while one object reads them again: without it,
 * every conversation of a busy number finds them expired at once and reads them together.
 */
export const REFRESH_GRACE_MS = 1_000;

type Held = {
  value: NumberCredentials | undefined;
  /** When the read that gave `value` began; null while nothing was read yet. */
  readAt: number | null;
  /** When an object of this isolate began reading them again, if one is. */
  refreshingSince: number | null;
};

/** How often an object that waits for another's read looks whether it landed. */
export const WAIT_POLL_MS = 2;

/** Per org: what was read last, shared by the objects of this isolate. */
const shared = new Map<string, Held>();

/** The org's credentials changed (its number was written or removed here): read them again. */
export function forgetCredentials(orgId: string): void {
  shared.delete(orgId);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CredentialsSource {
  constructor(
    private readonly read: (orgId: string) => Promise<NumberCredentials | undefined>,
    private readonly clock: () => number = Date.now,
    private readonly held: Map<string, Held> = shared,
    private readonly sleep: (ms: number) => Promise<void> = pause,
  ) {}

  /**
   * The org's credentials, or undefined when it has no number (any more). `freshAfter` (epoch ms):
   * only a read that began at or after it will do (an admin resumed the number then): the objects
   * woken together wait for the first one's read instead of each reading them.
   */
  async get(
    orgId: string,
    freshAfter: number = Number.NEGATIVE_INFINITY,
  ): Promise<NumberCredentials | undefined> {
    for (;;) {
      const now = this.clock();
      const held = this.held.get(orgId);
      const usable = held !== undefined && held.readAt !== null && held.readAt >= freshAfter;
      if (usable && now - (held.readAt ?? 0) < CREDENTIALS_TTL_MS) return held.value;
      const refreshing = held?.refreshingSince ?? null;
      if (refreshing === null || refreshing < freshAfter || now - refreshing >= REFRESH_GRACE_MS) break;
      // Another object of this isolate is reading them: go on with what is held, or wait for its read.
      if (usable) return held.value;
      await this.sleep(WAIT_POLL_MS);
    }
    return this.readNow(orgId);
  }

  forget(orgId: string): void {
    this.held.delete(orgId);
  }

  private async readNow(orgId: string): Promise<NumberCredentials | undefined> {
    const readAt = this.clock();
    const entry = this.held.get(orgId) ?? { value: undefined, readAt: null, refreshingSince: null };
    this.held.set(orgId, { ...entry, refreshingSince: readAt });
    let value: NumberCredentials | undefined;
    try {
      value = await this.read(orgId);
    } catch (error) {
      // Those waiting for this read read for themselves.
      const latest = this.held.get(orgId);
      if (latest?.refreshingSince === readAt) this.held.set(orgId, { ...latest, refreshingSince: null });
      throw error;
    }
    const latest = this.held.get(orgId);
    // Another object's read that began later is the newer one.
    if (!latest || latest.readAt === null || latest.readAt <= readAt)
      this.held.set(orgId, { value, readAt, refreshingSince: null });
    return value;
  }
}
