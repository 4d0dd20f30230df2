// Small assertions for API walks on the local stack: a reply with the expected status (its body, or
// an error that shows what came instead), and polling for what arrives asynchronously (webhooks,
// statuses, live frames).
import type { Reply } from './stack';

export function expectOk(reply: Reply, status = 200): Record<string, unknown> {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body as Record<string, unknown>;
}

/** Polls until `check` passes (resolves), or throws its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
