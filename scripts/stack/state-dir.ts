// The stack's state directory (local D1, Durable Objects, R2, the sandbox's state file): created when
// missing, checked writable, and wiped for --fresh only when it is clearly not the repo, home or /.
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Creates `dir` one level at a time (Node's recursive mkdir can spin forever on a path such as
 * /proc/x) and checks it is writable; throws a plain error naming the directory otherwise.
 */
export function prepareStateDir(dir: string): void {
  try {
    const missing: string[] = [];
    for (let at = path.resolve(dir); !existsSync(at); at = path.dirname(at)) {
      missing.unshift(at);
      if (path.dirname(at) === at) break;
    }
    for (const level of missing) mkdirSync(level);
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new Error(`cannot use ${dir} for the local state: ${(err as Error).message}`);
  }
}

/** Refuses to wipe anything that is not clearly a state directory (the repo itself, home, /). */
export function wipeStateDir(dir: string, root: string): void {
  const resolved = path.resolve(dir);
  const forbidden = [path.parse(resolved).root, homedir(), root].map((p) => path.resolve(p));
  if (forbidden.includes(resolved) || root.startsWith(`${resolved}${path.sep}`)) {
    throw new Error(`refusing to wipe ${resolved}: not a state directory`);
  }
  rmSync(resolved, { recursive: true, force: true });
}
