// The Cloud API's limits by sandbox clock. Per-number throughput (130429) is judged over every
// one-second window, as Meta states it (messages per second): a send is refused when the number's
// last second already holds `perSecond` messages, so no window ever holds more — a bucket holding a
// second's worth would let twice the limit through in the second after a burst. The (number, user)
// pair limit (131056: one message per 6 s, bursts up to 45 "borrowed" and paid back at the same
// rate) stays a token bucket.

interface Bucket {
  tokens: number;
  at: number;
}

/** Meta counts throughput per second. */
const THROUGHPUT_WINDOW_MS = 1_000;

export class RateLimits {
  /** Per number: the times (sandbox clock, ascending) of its messages in the last second. */
  private readonly throughput = new Map<string, number[]>();
  private readonly pairs = new Map<string, Bucket>();

  /** Counts one message of the number at `now` unless its last second already holds `perSecond`. */
  takeThroughput(phoneNumberId: string, perSecond: number, now: number): boolean {
    const recent = (this.throughput.get(phoneNumberId) ?? []).filter(
      // The window is (now - 1 s, now]; a time after `now` (the clock was set back) is forgotten.
      (at) => at > now - THROUGHPUT_WINDOW_MS && at <= now,
    );
    const allowed = recent.length < perSecond;
    if (allowed) recent.push(now);
    this.throughput.set(phoneNumberId, recent);
    return allowed;
  }

  takePair(phoneNumberId: string, waId: string, burst: number, refillMs: number, now: number): boolean {
    return take(this.pairs, `${phoneNumberId} ${waId}`, burst, refillMs, now);
  }

  reset(): void {
    this.throughput.clear();
    this.pairs.clear();
  }
}

function take(
  map: Map<string, Bucket>,
  key: string,
  capacity: number,
  refillMs: number,
  now: number,
): boolean {
  const bucket = map.get(key) ?? { tokens: capacity, at: now };
  const refilled = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) / refillMs);
  if (refilled < 1) {
    map.set(key, { tokens: refilled, at: now });
    return false;
  }
  map.set(key, { tokens: refilled - 1, at: now });
  return true;
}
