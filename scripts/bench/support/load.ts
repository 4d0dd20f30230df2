// A closed-loop load generator: `concurrency` requests in flight until the time is up, each the next
// signed POST from `next()`. Counts what was answered 200 and keeps the first failures.
import type { SignedPost } from './webhooks';

export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  errors: string[];
}

/**
 * Posts one webhook until it is answered 200, as Meta redelivers (the conversations dedupe, I6):
 * a refused or broken attempt counts as failed, and the event still has to arrive once.
 */
export async function deliver(url: string, post: SignedPost, result?: LoadResult): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      const res = await fetch(url, { method: 'POST', headers: post.headers, body: post.body });
      const text = await res.text();
      if (res.status === 200) {
        if (result) result.ok += 1;
        return;
      }
      problem = `${res.status} ${text.slice(0, 200)}`;
    } catch (err) {
      problem = `${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`;
    }
    if (result) {
      result.failed += 1;
      if (result.errors.length < 5) result.errors.push(problem);
    }
    if (attempt >= 10) throw new Error(`${url}: not accepted after 10 attempts: ${problem}`);
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

export async function runLoad(
  url: string,
  next: () => SignedPost,
  seconds: number,
  concurrency: number,
): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, failed: 0, seconds: 0, errors: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < deadline) await deliver(url, next(), result);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
