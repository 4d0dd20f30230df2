// One fixed fast-check seed for the domain project, so CI runs the same cases every time and a
// failure replays exactly. Another seed: GREENLINE_FC_SEED=<integer> npx vitest run --project domain
import fc from 'fast-check';

export const DEFAULT_FC_SEED = 20261124;

export function domainSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.GREENLINE_FC_SEED;
  if (raw === undefined || raw === '') return DEFAULT_FC_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`GREENLINE_FC_SEED must be an integer, got ${raw}`);
  return seed | 0;
}

// Loaded as a vitest setup file: runs in every test worker before the domain tests.
fc.configureGlobal({ seed: domainSeed() });
