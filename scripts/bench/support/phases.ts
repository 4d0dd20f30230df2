// The breakdown of where a webhook's time goes: the worker, run with BENCH_TIMINGS=1, logs one
// `bench_phase` line per phase (worker/conversations/timings.ts); this adds them up.
import { percentile, table } from './stats';

export class Phases {
  private readonly samples = new Map<string, number[]>();
  private recording = false;

  /** Feed every line of the worker's output here. */
  readonly line = (line: string): void => {
    if (!this.recording || !line.includes('"bench_phase"')) return;
    try {
      const { phase, ms } = JSON.parse(line) as { phase: string; ms: number };
      const list = this.samples.get(phase) ?? [];
      list.push(ms);
      this.samples.set(phase, list);
    } catch {
      // another line
    }
  };

  record(on: boolean): void {
    this.recording = on;
  }

  clear(): void {
    this.samples.clear();
  }

  print(title: string): void {
    const rows = [...this.samples].map(([phase, ms]) => [
      phase,
      String(ms.length),
      (ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1),
      percentile(ms, 50).toFixed(1),
      percentile(ms, 99).toFixed(1),
    ]);
    console.log(title);
    console.log(table(['phase', 'count', 'mean ms', 'p50 ms', 'p99 ms'], rows));
  }
}
