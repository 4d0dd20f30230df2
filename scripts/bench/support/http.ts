// JSON requests to the worker's API and the sandbox's control API, for the benchmarks' setup.
import { DEMO_PASSWORD } from '../../../shared/demo';

export interface Reply {
  status: number;
  body: unknown;
}

export async function request(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** The body of a successful reply, or an error naming what failed. */
export function ok<T>(reply: Reply, what: string): T {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as T;
}

export async function login(workerUrl: string, email: string): Promise<string> {
  const reply = await request(workerUrl, '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
  return ok<{ token: string }>(reply, `login ${email}`).token;
}

/** Waits until the sandbox has delivered every webhook it holds. */
export async function sandboxSettled(sandboxUrl: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = ok<{ pending: number }>(await request(sandboxUrl, '/sandbox/webhooks'), 'webhooks');
    if (log.pending === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the sandbox still has webhooks to deliver');
}
