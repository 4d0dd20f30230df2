// Opt-in phase timings for the benchmarks (P1, P2; scripts/bench): with the var BENCH_TIMINGS=1 each
// phase of a webhook's path logs one line `{"event":"bench_phase","phase":"…","ms":…}` that the bench
// adds up into its breakdown. Off (the default, and in production) it costs one property read.
type Mark = (phase: string) => void;

const noop: Mark = () => {};

/** A stopwatch: each `mark(phase)` logs the time since the previous mark (or since it was made). */
export function phaseTimer(env: object): Mark {
  if (Reflect.get(env, 'BENCH_TIMINGS') !== '1') return noop;
  let last = performance.now();
  return (phase) => {
    const at = performance.now();
    console.log(JSON.stringify({ event: 'bench_phase', phase, ms: Math.round((at - last) * 100) / 100 }));
    last = at;
  };
}

/** Times one promise as `phase` (for work that runs alongside other work). */
export async function timed<T>(env: object, phase: string, work: Promise<T>): Promise<T> {
  const mark = phaseTimer(env);
  const result = await work;
  mark(phase);
  return result;
}
