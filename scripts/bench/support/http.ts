// JSON requests to the worker's API and the sandbox's control API, for the benchmarks' setup.
import http from 'node:http';
import { DEMO_PASSWORD } from '../../../shared/demo';

export interface Reply {
  status: number;
  body: unknown;
}

/**
 * A fresh connection per request: the setup's requests come with pauses, and a kept-alive socket that
 * the server closes at its idle timeout just as the next request goes out fails that request.
 */
const agent = new http.Agent({ keepAlive: false });

export function request(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const method = options.method ?? (payload === undefined ? 'GET' : 'POST');
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
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
