// Token buckets by sandbox clock: per-number throughput (130429) and the (number, user) pair limit
// (131056: one message per 6 s, bursts up to 45 "borrowed" and paid back at the same rate).

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimits {
  private readonly throughput = new Map<string, Bucket>();
  private readonly pairs = new Map<string, Bucket>();

  /** Takes a token from the number's bucket: `perSecond` capacity, refilled continuously. */
  takeThroughput(phoneNumberId: string, perSecond: number, now: number): boolean {
    return take(this.throughput, phoneNumberId, perSecond, 1_000 / perSecond, now);
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
