// The seed step of the local stack: `scripts/seed.ts` (migrations + SPEC §5 demo data, idempotent) as
// a child on this Node, against the stack's state directory. Only its summary lines ("seed: ...") are
// shown; the rest (wrangler's migration tables) is kept and shown only if the seed fails.
import path from 'node:path';
import { type Child, type Logger, spawnChild } from './children';

/** npm's warnings about this machine's own npm configuration, printed by every npx the seed runs. */
export const isNpmConfigNoise = (line: string): boolean =>
  /^npm warn Unknown (user|env|project) config/.test(line);

export interface SeedRun {
  child: Child;
  /** Everything the seed printed that was not shown. */
  held: string[];
}

export function spawnSeed(root: string, persistTo: string, env: NodeJS.ProcessEnv, log: Logger): SeedRun {
  const held: string[] = [];
  const child = spawnChild({
    name: 'seed',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(root, 'scripts', 'seed.ts'), '--persist-to', persistTo],
    cwd: root,
    env,
    log: (who, line, isError) => {
      if (line.startsWith('seed:')) log(who, line, isError);
      else held.push(line);
    },
    keep: (line) => !isNpmConfigNoise(line),
    reaper: true,
  });
  return { child, held };
}
