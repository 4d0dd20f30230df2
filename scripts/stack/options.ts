// Options of the local stack (`npm start`): command-line flags win over the environment, which wins
// over the defaults of SPEC §5 (worker on 127.0.0.1:8787, sandbox on 127.0.0.1:8788, state under
// .wrangler/state). Parsing only; nothing here touches the disk or the network.
import path from 'node:path';

export const HOST = '127.0.0.1';
export const DEFAULT_WORKER_PORT = 8787;
export const DEFAULT_SANDBOX_PORT = 8788;
export const DEFAULT_PERSIST_DIR = '.wrangler/state';

export interface StackOptions {
  /** The repository root (where wrangler.toml, .dev.vars and node_modules are). */
  root: string;
  /** Port of `wrangler dev`; 0 is not allowed (the sandbox must know it before the worker starts). */
  workerPort: number;
  /** Port of the sandbox; 0 picks a free one. */
  sandboxPort: number;
  /** Absolute directory of the local D1, Durable Objects, R2 and the sandbox's state file. */
  persistTo: string;
  /** Wipe `persistTo` before seeding. */
  fresh: boolean;
  /** How long to wait for the worker's /healthz once wrangler runs (default 90 s). */
  healthTimeoutMs?: number;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm start -- [--worker-port N] [--sandbox-port N] [--persist-to DIR] [--fresh]

  --worker-port N    port of the Worker (wrangler dev); env WORKER_PORT; default ${DEFAULT_WORKER_PORT}
  --sandbox-port N   port of the WhatsApp sandbox; env SANDBOX_PORT; default ${DEFAULT_SANDBOX_PORT}
  --persist-to DIR   local state (D1, Durable Objects, R2, sandbox); env PERSIST_TO; default ${DEFAULT_PERSIST_DIR}
  --fresh            wipe the local state first (demo data is seeded again)`;

function port(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65_535)
    throw new UsageError(`${name}: not a port number: ${value}`);
  return n;
}

/** Parses `argv` (without node and the script) and `env` into the stack's options. */
export function parseStackOptions(argv: string[], env: NodeJS.ProcessEnv, root: string): StackOptions {
  const flags = new Map<string, string>();
  let fresh = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--fresh') {
      fresh = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--worker-port', '--sandbox-port', '--persist-to'].includes(name)) {
      throw new UsageError(arg === '--help' || arg === '-h' ? '' : `unknown option: ${arg}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    flags.set(name, value);
  }
  const workerPort = flags.get('--worker-port') ?? env.WORKER_PORT;
  const sandboxPort = flags.get('--sandbox-port') ?? env.SANDBOX_PORT;
  const persistTo = flags.get('--persist-to') ?? env.PERSIST_TO ?? DEFAULT_PERSIST_DIR;
  return {
    root,
    workerPort: workerPort ? port(workerPort, 'worker port') : DEFAULT_WORKER_PORT,
    sandboxPort: sandboxPort ? port(sandboxPort, 'sandbox port') : DEFAULT_SANDBOX_PORT,
    persistTo: path.resolve(root, persistTo),
    fresh,
  };
}
