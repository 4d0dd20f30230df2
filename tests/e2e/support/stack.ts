// End-to-end harness: the same local stack as `npm start` (scripts/stack/launch.ts: seed, sandbox in
// this process, `wrangler dev` as a child) on free ports with a fresh temporary state directory, plus
// small helpers for the public API and the sandbox's control API. `stop()` stops everything and
// removes the state; call it from `afterAll` so it also runs when a test fails. The stack's log lines
// are kept (not printed) and added to the error when the stack cannot start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStack } from '../../../scripts/stack/launch';
import { freePort } from '../../../scripts/stack/ports';
import { DEMO_PASSWORD } from '../../../shared/demo';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

export interface RequestOptions {
  method?: string;
  /** Sent as JSON (unless it is a string or FormData, which are sent as they are). */
  body?: unknown;
  /** Bearer token for the worker's API. */
  token?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when the body is not JSON. */
  body: unknown;
}

export interface Stack {
  workerUrl: string;
  sandboxUrl: string;
  /** The worker: `api('/api/v1/me', { token })` (paths are absolute, so `/healthz` works too). */
  api(path: string, options?: RequestOptions): Promise<Reply>;
  /** Signs a demo user in (password `greenline-demo` unless given) and returns the bearer token. */
  login(email: string, password?: string): Promise<string>;
  /** The sandbox: `sandbox('/sandbox/users')`, `sandbox('/sandbox/clock', { method: 'POST', body })`. */
  sandbox(path: string, options?: RequestOptions): Promise<Reply>;
  /** Stops `wrangler dev` and starts it again on the same port and state (Durable Objects, D1, dev clock kept). */
  restartWorker(): Promise<void>;
  /** The stack's log lines so far (`[worker] ...`), for failure messages. */
  logs(): string[];
  stop(): Promise<void>;
}

async function request(base: string, urlPath: string, options: RequestOptions = {}): Promise<Reply> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (typeof options.body === 'string' || options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  let res = await fetch(`${base}${urlPath}`, { method, headers, body });
  // As the extension does (docs/extension.md): a 503 that asks for a moment (`wrangler dev` reloading
  // its worker answers a POST in flight so) is tried once more when the request is harmless twice.
  const harmlessTwice = headers.has('idempotency-key') || urlPath === '/api/v1/auth/login';
  if (res.status === 503 && harmlessTwice && res.headers.get('retry-after') === '0') {
    await res.body?.cancel();
    res = await fetch(`${base}${urlPath}`, { method, headers, body });
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export async function startStack(
  options: { workerPort?: number; sandboxPort?: number } = {},
): Promise<Stack> {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'greenline-e2e-'));
  const lines: string[] = [];
  const stack = new LocalStack(
    {
      root,
      workerPort: options.workerPort ?? (await freePort()),
      sandboxPort: options.sandboxPort ?? 0,
      persistTo,
      fresh: false,
      healthTimeoutMs: 60_000, // below the tests' hook timeout, so a slow start still ends in stop()
    },
    (who, line) => {
      lines.push(`[${who}] ${line}`);
    },
  );
  const stop = async (): Promise<void> => {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
  let urls: { workerUrl: string; sandboxUrl: string };
  try {
    urls = await stack.start();
  } catch (err) {
    await stop();
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`the local stack did not start: ${message}\n${lines.slice(-60).join('\n')}`);
  }
  const { workerUrl, sandboxUrl } = urls;
  return {
    workerUrl,
    sandboxUrl,
    api: (urlPath, opts) => request(workerUrl, urlPath, opts),
    sandbox: (urlPath, opts) => request(sandboxUrl, urlPath, opts),
    async login(email, password = DEMO_PASSWORD) {
      const reply = await request(workerUrl, '/api/v1/auth/login', { body: { email, password } });
      const token =
        typeof reply.body === 'object' && reply.body !== null && 'token' in reply.body
          ? reply.body.token
          : null;
      if (reply.status !== 200 || typeof token !== 'string') {
        throw new Error(`login as ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
      return token;
    },
    logs: () => [...lines],
    restartWorker: () => stack.restartWorker(),
    stop,
  };
}
