// P3's figures from the recorded sends: the accepted rate and its ratio to the limit, the most sends
// in any one-second window (accepted, and attempts), the refusals and whether each was retried, and
// the texts accepted more than once.
import type { SendRecord } from './send-recorder';

export interface DrainFigures {
  limit: number;
  rate: number;
  ratio: number;
  maxWindow: number;
  maxAttemptWindow: number;
  refused: Map<number, number>;
  refusedTexts: number;
  unretried: number;
  sentTwice: number;
  perSecond: number[];
}

/** The most events in any window of `ms` (sliding: every event starts a window). */
export function maxInWindow(times: readonly number[], ms = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export function drainFigures(
  limit: number,
  released: number,
  sends: readonly SendRecord[],
  texts: readonly string[],
): DrainFigures {
  const wanted = new Set(texts);
  const ours = sends.filter((s) => s.text !== null && wanted.has(s.text));
  const accepted = ours.filter((s) => s.accepted);
  const times = accepted.map((s) => s.at);
  // The steady rate: from the first accepted send until 95 % were accepted (the last few wait out
  // their backoff after a refusal, which says nothing about the rate the queue drained at).
  const sorted = [...times].sort((a, b) => a - b);
  const bulk = Math.max(2, Math.ceil(sorted.length * 0.95));
  const first = sorted[0] ?? 0;
  const until = sorted[Math.min(bulk, sorted.length) - 1] ?? first;
  const rate = until > first ? (Math.min(bulk, sorted.length) - 1) / ((until - first) / 1000) : 0;
  const refused = new Map<number, number>();
  const refusedTexts = new Set<string>();
  for (const s of ours.filter((x) => !x.accepted)) {
    refused.set(s.code ?? 0, (refused.get(s.code ?? 0) ?? 0) + 1);
    if (s.text) refusedTexts.add(s.text);
  }
  const acceptedCount = new Map<string, number>();
  for (const s of accepted) if (s.text) acceptedCount.set(s.text, (acceptedCount.get(s.text) ?? 0) + 1);
  const perSecond: number[] = [];
  for (const t of times) {
    const second = Math.floor((t - released) / 1000);
    while (perSecond.length <= second) perSecond.push(0);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  return {
    limit,
    rate,
    ratio: rate / limit,
    // Every send of the number counts towards its limit, not only the queued ones.
    maxWindow: maxInWindow(sends.filter((s) => s.accepted).map((s) => s.at)),
    maxAttemptWindow: maxInWindow(sends.map((s) => s.at)),
    refused,
    refusedTexts: refusedTexts.size,
    unretried: [...refusedTexts].filter((t) => !acceptedCount.has(t)).length,
    sentTwice: [...acceptedCount.values()].filter((n) => n > 1).length,
    perSecond,
  };
}
