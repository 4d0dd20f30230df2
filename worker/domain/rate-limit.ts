// Token buckets for the Cloud API's limits (P3, SPEC §6, reference §7): the pair limit to one
// customer, and the check of a number's configured throughput. The number's sends themselves are
// paced by `send-slots` (a bucket holding a second's worth let up to twice the limit through in the
// second after a release). Pure: the caller stores the bucket and passes the time.

export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** Tokens left as of `updatedAt` (epoch ms). A missing bucket (`null`) is a full one. */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** 1 message per 6 s to the same customer; bursts of up to 45 are borrowed from later (131056). */
export const PAIR_LIMIT: BucketSpec = Object.freeze({ capacity: 45, refillPerSecond: 1 / 6 });

/** Meta's default per-number throughput (messages per second, inbound and outbound). */
export const DEFAULT_THROUGHPUT_MPS = 80;
const MAX_THROUGHPUT_MPS = 1000;

/**
 * The per-number throughput limit as a bucket: `mps` messages per second with a burst of one
 * second's worth (what `send-slots` validates the configured limit with; it does not pace by it).
 * Meta grants 80 or 1,000 (20 for coexistence numbers); anything outside 1..1000 is a configuration
 * bug and throws.
 */
export function throughputLimit(messagesPerSecond: number = DEFAULT_THROUGHPUT_MPS): BucketSpec {
  if (
    !Number.isInteger(messagesPerSecond) ||
    messagesPerSecond < 1 ||
    messagesPerSecond > MAX_THROUGHPUT_MPS
  ) {
    throw new RangeError(
      `throughput must be a whole number of messages per second in 1..${MAX_THROUGHPUT_MPS}`,
    );
  }
  return { capacity: messagesPerSecond, refillPerSecond: messagesPerSecond };
}

function assertUsable(bucket: Bucket | null, spec: BucketSpec, now: number): void {
  if (!(Number.isFinite(spec.capacity) && spec.capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
  if (!(Number.isFinite(spec.refillPerSecond) && spec.refillPerSecond > 0)) {
    throw new RangeError('refillPerSecond must be > 0');
  }
  if (!Number.isFinite(now)) throw new RangeError('now must be a finite epoch ms');
  if (bucket && !(Number.isFinite(bucket.tokens) && Number.isFinite(bucket.updatedAt))) {
    throw new RangeError('bucket must hold finite numbers');
  }
}

/** Tokens in `bucket` at `at`. Time before `updatedAt` adds nothing, so a clock going back never helps. */
function tokensAt(bucket: Bucket, spec: BucketSpec, at: number): number {
  const elapsed = Math.max(0, at - bucket.updatedAt);
  return Math.min(spec.capacity, bucket.tokens + (elapsed * spec.refillPerSecond) / 1000);
}

/**
 * The first whole millisecond at which `bucket` holds a token, computed with the same arithmetic as
 * `takeToken`, so retrying at exactly `availableAt` succeeds and one millisecond earlier does not.
 */
function firstTokenAt(bucket: Bucket, spec: BucketSpec): number {
  const missing = 1 - bucket.tokens;
  let at = Math.ceil(bucket.updatedAt + (missing * 1000) / spec.refillPerSecond);
  while (tokensAt(bucket, spec, at) < 1) at += 1;
  while (at - 1 >= bucket.updatedAt && tokensAt(bucket, spec, at - 1) >= 1) at -= 1;
  return at;
}

/**
 * Takes one token at `now`. On success, store the returned bucket. On refusal the bucket is returned
 * unchanged (storing it or not makes no difference) with `availableAt`, the exact epoch ms from
 * which a retry succeeds.
 */
export function takeToken(
  bucket: Bucket | null,
  spec: BucketSpec,
  now: number,
): { ok: true; bucket: Bucket } | { ok: false; bucket: Bucket; availableAt: number } {
  assertUsable(bucket, spec, now);
  const current = bucket ?? { tokens: spec.capacity, updatedAt: now };
  const tokens = tokensAt(current, spec, now);
  if (tokens >= 1) {
    return { ok: true, bucket: { tokens: tokens - 1, updatedAt: Math.max(current.updatedAt, now) } };
  }
  return { ok: false, bucket: current, availableAt: firstTokenAt(current, spec) };
}

/** Meta's advice for 131056 (pair rate limit): wait 4^attempt seconds, attempt 0 → 1 s. */
export function pairBackoffMs(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError('attempt must be a whole number ≥ 0');
  return 4 ** attempt * 1000;
}
