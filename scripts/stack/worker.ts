// The worker part of the local stack: the `wrangler dev` command line, a filter for its harmless
// offline noise, and the wait for GET /healthz.
import path from 'node:path';
import type { ExitInfo } from './children';
import { HOST } from './options';

export interface WorkerSettings {
  port: number;
  persistTo: string;
  /** Base URL of the sandbox, given to the worker as WHATSAPP_API_BASE. */
  sandboxUrl: string;
  /** The devtools inspector's port: a free one, so two stacks starting at once do not both take 9229. */
  inspectorPort: number;
}

/** Arguments for the project's Node running wrangler's own entry (so Node 22 runs it, whatever PATH says). */
export function wranglerDevArgs(root: string, settings: WorkerSettings): string[] {
  return [
    path.join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
    'dev',
    '--ip',
    HOST,
    '--port',
    String(settings.port),
    '--persist-to',
    settings.persistTo,
    '--inspector-port',
    String(settings.inspectorPort),
    '--var',
    `WHATSAPP_API_BASE:${settings.sandboxUrl}`,
    '--show-interactive-dev-session=false',
  ];
}

/**
 * Offline, wrangler warns "Unable to fetch the `Request.cf` object" and prints the DNS error with its
 * stack; it falls back to a placeholder, so those lines are dropped. Stateful: one filter per process.
 */
export function wranglerNoiseFilter(): (line: string) => boolean {
  let inCfNoise = false;
  return (line) => {
    if (/Unable to fetch the `?Request\.cf`? object/.test(line)) {
      inCfNoise = true;
      return false;
    }
    if (
      inCfNoise &&
      (/^Error: getaddrinfo \w+ workers\.cloudflare\.com/.test(line) || /^\s+at /.test(line))
    ) {
      return false;
    }
    inCfNoise = false;
    return line.trim() !== '';
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `${url}/healthz` until it answers 200. Resolves true, or a reason: the process exited, or
 * `timeoutMs` passed.
 */
export async function waitForHealth(
  url: string,
  exited: Promise<ExitInfo>,
  timeoutMs: number,
): Promise<true | string> {
  let exit: ExitInfo | undefined;
  void exited.then((info) => {
    exit = info;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) return `wrangler dev exited (${exit.signal ?? `exit code ${exit.code}`})`;
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  return `no answer from ${url}/healthz within ${Math.round(timeoutMs / 1000)} s`;
}
