// The domain properties run with one fixed, printed seed (CI replays the same cases); another seed
// comes from GREENLINE_FC_SEED.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FC_SEED, domainSeed } from './support/fc-seed';

describe('fast-check seed', () => {
  it('the domain project runs every property with the fixed (or chosen) seed', () => {
    expect(fc.readConfigureGlobal().seed).toBe(domainSeed());
  });

  it('GREENLINE_FC_SEED picks another seed; unset, the fixed one; nonsense is refused', () => {
    expect(domainSeed({})).toBe(DEFAULT_FC_SEED);
    expect(domainSeed({ GREENLINE_FC_SEED: '42' })).toBe(42);
    expect(() => domainSeed({ GREENLINE_FC_SEED: 'abc' })).toThrow(/integer/);
  });
});
