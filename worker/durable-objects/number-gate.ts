// One throughput limiter per business number (SPEC §6, P3), shared by all its conversations: a
// token bucket at the number's messages-per-second (80 by default, up to 1,000). Kept in memory:
// after a restart the bucket starts full, which WhatsApp's own 130429 (retried) still guards.
import { DurableObject } from 'cloudflare:workers';
import { type Bucket, takeToken, throughputLimit } from '../domain/rate-limit';

export class NumberGate extends DurableObject {
  private bucket: Bucket | null = null;

  /** A send may go now, or the instant (epoch ms, real time) a token will be there. */
  async acquire(messagesPerSecond: number): Promise<{ ok: true } | { ok: false; retryAt: number }> {
    const taken = takeToken(this.bucket, throughputLimit(messagesPerSecond), Date.now());
    this.bucket = taken.bucket;
    return taken.ok ? { ok: true } : { ok: false, retryAt: taken.availableAt };
  }
}
