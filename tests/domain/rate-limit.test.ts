import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Bucket,
  type BucketSpec,
  DEFAULT_THROUGHPUT_MPS,
  PAIR_LIMIT,
  pairBackoffMs,
  takeToken,
  throughputLimit,
} from '../../worker/domain/rate-limit';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

const specArb: fc.Arbitrary<BucketSpec> = fc.oneof(
  fc.constant(PAIR_LIMIT),
  fc.integer({ min: 1, max: 1000 }).map((mps) => throughputLimit(mps)),
  fc.record({
    capacity: fc.integer({ min: 1, max: 50 }),
    refillPerSecond: fc.double({ min: 0.01, max: 100, noNaN: true }),
  }),
);

/** Runs takeToken at each time in turn, storing the bucket as a caller would; returns success times. */
function drive(spec: BucketSpec, times: readonly number[]): number[] {
  let bucket: Bucket | null = null;
  const taken: number[] = [];
  for (const now of times) {
    const result = takeToken(bucket, spec, now);
    bucket = result.bucket;
    if (result.ok) taken.push(now);
  }
  return taken;
}

/** In every window [taken[i], taken[j]], at most capacity + elapsed × rate tokens were taken. */
function expectWithinLimit(spec: BucketSpec, taken: readonly number[]): void {
  for (let i = 0; i < taken.length; i++) {
    for (let j = i; j < taken.length; j++) {
      const window = (taken[j] as number) - (taken[i] as number);
      expect(j - i + 1).toBeLessThanOrEqual(spec.capacity + (window * spec.refillPerSecond) / 1000 + 1e-9);
    }
  }
}

describe('limits', () => {
  it('P3: the pair limit is 1 message per 6 s with bursts up to 45', () => {
    expect(PAIR_LIMIT).toEqual({ capacity: 45, refillPerSecond: 1 / 6 });
  });

  it.each([
    [undefined, 80],
    [80, 80],
    [1, 1],
    [20, 20],
    [1000, 1000],
  ])('P3: throughputLimit(%s) allows %i messages per second, burst of one second', (mps, expected) => {
    expect(throughputLimit(mps)).toEqual({ capacity: expected, refillPerSecond: expected });
  });

  it('P3: the default throughput is 80 messages per second', () => {
    expect(DEFAULT_THROUGHPUT_MPS).toBe(80);
  });

  it.each([0, -1, 1001, 80.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'P3: throughputLimit(%s) throws',
    (mps) => {
      expect(() => throughputLimit(mps)).toThrow(RangeError);
    },
  );

  it.each([
    [0, 1_000],
    [1, 4_000],
    [2, 16_000],
    [3, 64_000],
    [5, 1_024_000],
  ])('P3: 131056 backoff for attempt %i is %i ms (4^x s)', (attempt, ms) => {
    expect(pairBackoffMs(attempt)).toBe(ms);
  });

  it('P3: each further 131056 attempt waits four times as long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (x) => {
        expect(pairBackoffMs(x + 1)).toBe(4 * pairBackoffMs(x));
      }),
    );
  });

  it.each([-1, 0.5, Number.NaN])('P3: pairBackoffMs(%s) throws', (attempt) => {
    expect(() => pairBackoffMs(attempt)).toThrow(RangeError);
  });
});

describe('takeToken', () => {
  it('P3: a missing bucket is full: 45 messages to one customer at once, the 46th waits 6 s', () => {
    const taken = drive(
      PAIR_LIMIT,
      Array.from({ length: 46 }, () => T0),
    );
    expect(taken).toHaveLength(45);
    let bucket: Bucket | null = null;
    for (let i = 0; i < 45; i++) {
      const r = takeToken(bucket, PAIR_LIMIT, T0);
      bucket = r.bucket;
    }
    expect(takeToken(bucket, PAIR_LIMIT, T0)).toEqual({ ok: false, bucket, availableAt: T0 + 6_000 });
    expect(takeToken(bucket, PAIR_LIMIT, T0 + 5_999).ok).toBe(false);
    expect(takeToken(bucket, PAIR_LIMIT, T0 + 6_000).ok).toBe(true);
  });

  it('P3: a burst of 20 is paid back in 2 minutes (Meta: "a burst of 20 needs ~2 min cooldown")', () => {
    const burst = Array.from({ length: 20 }, () => T0);
    const withPauseOf = (ms: number) =>
      drive(PAIR_LIMIT, [...burst, ...Array.from({ length: 46 }, () => T0 + ms)]);
    expect(withPauseOf(120_000)).toHaveLength(20 + 45);
    expect(withPauseOf(119_999)).toHaveLength(20 + 44);
  });

  it('P3: 80 mps: 80 at once, then one per 12.5 ms (the 2nd refill is complete at +25 ms)', () => {
    const spec = throughputLimit();
    const times = [...Array.from({ length: 81 }, () => T0), T0 + 12, T0 + 13, T0 + 25, T0 + 26];
    expect(drive(spec, times)).toEqual([...Array.from({ length: 80 }, () => T0), T0 + 13, T0 + 25]);
  });

  it('P3: never more than capacity + elapsed × rate tokens in any window (property)', () => {
    fc.assert(
      fc.property(specArb, fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 200 }), (spec, gaps) => {
        let now = T0;
        expectWithinLimit(
          spec,
          drive(
            spec,
            gaps.map((gap) => (now += gap)),
          ),
        );
      }),
    );
  });

  it('P3: time going backwards never adds (nor removes) tokens (property)', () => {
    const step = fc.integer({ min: -60_000, max: 3_000 });
    fc.assert(
      fc.property(specArb, fc.array(step, { maxLength: 150 }), (spec, steps) => {
        let now = T0;
        let clock = Number.NEGATIVE_INFINITY; // the latest time seen: only real progress refills
        let bucket: Bucket | null = null;
        const taken: number[] = [];
        for (const s of steps) {
          now += s;
          clock = Math.max(clock, now);
          const result = takeToken(bucket, spec, now);
          if (bucket && now <= bucket.updatedAt) {
            expect(result.bucket.tokens).toBe(result.ok ? bucket.tokens - 1 : bucket.tokens);
            expect(result.bucket.updatedAt).toBe(bucket.updatedAt);
          }
          bucket = result.bucket;
          if (result.ok) taken.push(clock);
        }
        expectWithinLimit(spec, taken);
      }),
    );
  });

  it('P3: availableAt is exact: a retry then succeeds, one millisecond earlier it does not (property)', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 120 }),
        (spec, gaps) => {
          let bucket: Bucket | null = null;
          let now = T0;
          for (const gap of gaps) {
            now += gap;
            const result = takeToken(bucket, spec, now);
            if (!result.ok) {
              expect(result.bucket).toEqual(bucket); // refusing changes nothing
              expect(result.availableAt).toBeGreaterThan(now);
              expect(Number.isInteger(result.availableAt)).toBe(true);
              expect(takeToken(result.bucket, spec, result.availableAt).ok).toBe(true);
              expect(takeToken(result.bucket, spec, result.availableAt - 1).ok).toBe(false);
            }
            bucket = result.bucket;
          }
        },
      ),
    );
  });

  it('P3: sending at exactly the refill rate never gets refused (property)', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 1, max: 300 }), (spec, count) => {
        const interval = Math.ceil(1000 / spec.refillPerSecond);
        const times = Array.from({ length: count }, (_, i) => T0 + i * interval);
        expect(drive(spec, times)).toHaveLength(count);
      }),
    );
  });

  it('P3: a bucket stored under a larger spec is capped at the new capacity', () => {
    const big: Bucket = { tokens: 1000, updatedAt: T0 };
    const r = takeToken(big, throughputLimit(80), T0);
    expect(r).toEqual({ ok: true, bucket: { tokens: 79, updatedAt: T0 } });
  });

  it.each<[string, Bucket | null, BucketSpec, number]>([
    ['a zero capacity', null, { capacity: 0, refillPerSecond: 1 }, T0],
    ['a zero refill', null, { capacity: 1, refillPerSecond: 0 }, T0],
    ['a NaN time', null, PAIR_LIMIT, Number.NaN],
    ['a NaN bucket', { tokens: Number.NaN, updatedAt: T0 }, PAIR_LIMIT, T0],
  ])('P3: refuses to run with %s (a bug, so it throws)', (_name, bucket, spec, now) => {
    expect(() => takeToken(bucket, spec, now)).toThrow(RangeError);
  });
});
