// P3 test helper: the most events in any one-second window, as WhatsApp counts throughput and as the
// drain benchmark measures it (a sliding window that starts at every event; half-open, [t, t + 1 s)).

export function maxInWindow(times: readonly number[], ms = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
