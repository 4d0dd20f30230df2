// A closed-loop load generator: `concurrency` requests in flight until the time is up, each the next
// signed POST from `next()`. Counts what was answered 200 and keeps the first failures.
import type { SignedPost } from './webhooks';

export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  errors: string[];
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
    while (performance.now() < deadline) {
      const post = next();
      try {
        const res = await fetch(url, { method: 'POST', headers: post.headers, body: post.body });
        const text = await res.text();
        if (res.status === 200) result.ok += 1;
        else {
          result.failed += 1;
          if (result.errors.length < 5) result.errors.push(`${res.status} ${text.slice(0, 200)}`);
        }
      } catch (err) {
        result.failed += 1;
        if (result.errors.length < 5)
          result.errors.push(`${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
