// P2 benchmark: a customer's message → the event on the user's WebSocket, with 200 active
// conversations (opt-in accepted, Alice participant), on workerd via Miniflare with the sandbox in
// this process. Three paths measured in the same run, interleaved message by message:
//   greenline via sandbox  the P2 figure: the sandbox takes the customer's message, signs and posts the
//                          webhook; the worker verifies, routes, applies and pushes the frame
//   greenline direct       the same webhook signed and posted by the bench (so the difference is the
//                          sandbox's own delivery)
//   bare relay             scripts/bench/baseline: signed POST → one Durable Object → one frame
// Prints p50 / p95 / p99 of each, the ratio p99 / bare relay p99 (target ≤ 1.5), p99 against 50 ms, and
// the worker's phase breakdown (BENCH_TIMINGS=1). Repeats RUNS times to show the spread.
//   npm run bench:live            BENCH_P2_CONVERSATIONS=50 BENCH_P2_MESSAGES=100 npm run bench:live
import { FrameWaiter } from './support/frames';
import { optedInCustomers } from './support/customers';
import { login, ok, request, sandboxSettled } from './support/http';
import { Phases } from './support/phases';
import { startRuntime } from './support/runtime';
import { envNumber, percentile, spread, table } from './support/stats';
import { customerWaId, textWebhook } from './support/webhooks';

const CONVERSATIONS = envNumber('BENCH_P2_CONVERSATIONS', 200);
const MESSAGES = envNumber('BENCH_P2_MESSAGES', 300);
const RUNS = envNumber('BENCH_P2_RUNS', 3);
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.5;

type Path = 'via sandbox' | 'direct' | 'bare relay';
const PATHS: Path[] = ['via sandbox', 'direct', 'bare relay'];

async function post(url: string, body: { body: string; headers: Record<string, string> }): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: body.headers, body: body.body });
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}

async function main(): Promise<void> {
  const phases = new Phases();
  // The recording proxy only steadies the setup's sends (see support/send-recorder.ts).
  const rt = await startRuntime({
    // Measured as deployed: outside development the clock is Date.now(), not the dev clock object the
    // local stack asks on every request and step (the bench never moves the clock).
    vars: { BENCH_TIMINGS: '1', ENVIRONMENT: process.env.BENCH_P2_ENVIRONMENT ?? 'production' },
    runtimeOutput: phases.line,
    recordSends: true,
  });
  try {
    const started = Date.now();
    const token = await login(rt.workerUrl, 'alice@acme.test');
    const urls = { workerUrl: rt.workerUrl, sandboxUrl: rt.sandbox.url };
    await optedInCustomers(urls, token, CONVERSATIONS);
    await sandboxSettled(rt.sandbox.url);
    const setupS = (Date.now() - started) / 1000;

    const ticket = ok<{ url: string }>(
      await request(rt.workerUrl, '/api/v1/live/ticket', { method: 'POST', token }),
      'ticket',
    );
    const greenline = await FrameWaiter.open(ticket.url);
    const relay = await FrameWaiter.open(`${rt.baselineUrl.replace('http', 'ws')}/relay`);
    const senders: Record<Path, (i: number, text: string) => Promise<number>> = {
      'via sandbox': (i, text) =>
        greenline.latency(text, async () => {
          const phone = encodeURIComponent(`+${customerWaId(i)}`);
          ok(
            await request(rt.sandbox.url, `/sandbox/users/${phone}/messages`, { body: { text } }),
            'message',
          );
        }),
      direct: (i, text) =>
        greenline.latency(text, () =>
          post(`${rt.workerUrl}/webhooks/whatsapp`, textWebhook(i, `wamid.direct.${text}`, text)),
        ),
      'bare relay': (i, text) =>
        relay.latency(text, () =>
          post(`${rt.baselineUrl}/relay`, textWebhook(i, `wamid.relay.${text}`, text)),
        ),
    };
    const p99s: Record<Path, number[]> = { 'via sandbox': [], direct: [], 'bare relay': [] };
    const all: Record<Path, number[]> = { 'via sandbox': [], direct: [], 'bare relay': [] };
    const ratios: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const runLatencies: Record<Path, number[]> = { 'via sandbox': [], direct: [], 'bare relay': [] };
      const WARM_UP = 10;
      phases.record(false);
      for (let m = -WARM_UP; m < MESSAGES; m++) {
        if (m === 0) phases.record(true);
        // The paths take turns at going first: work a message leaves behind it (the directory
        // write) then lands on each path alike, not always on the one that follows Greenline's.
        const shift = (((m + WARM_UP) % PATHS.length) + PATHS.length) % PATHS.length;
        for (const path of [...PATHS.slice(shift), ...PATHS.slice(0, shift)]) {
          const text = `bench ${run}.${m} ${path}`;
          const ms = await senders[path]((m + WARM_UP + run * 7) % CONVERSATIONS, text);
          if (m >= 0) runLatencies[path].push(ms);
        }
      }
      for (const path of PATHS) {
        p99s[path].push(percentile(runLatencies[path], 99));
        all[path].push(...runLatencies[path]);
      }
      ratios.push(percentile(runLatencies['via sandbox'], 99) / percentile(runLatencies['bare relay'], 99));
    }
    greenline.close();
    relay.close();
    report(setupS, all, p99s, ratios);
    phases.record(false);
    phases.print('  where the worker spends it (greenline paths, per phase)');
  } finally {
    await rt.stop();
  }
}

function report(
  setupS: number,
  all: Record<Path, number[]>,
  p99s: Record<Path, number[]>,
  ratios: number[],
): void {
  console.log(
    `P2 live latency: ${CONVERSATIONS} active conversations, ${MESSAGES} messages per path and run, ${RUNS} runs, workerd via Miniflare (setup ${setupS.toFixed(0)} s)`,
  );
  console.log(
    table(
      ['path', 'p50 ms', 'p95 ms', 'p99 ms (all runs)', 'p99 per run: median (min–max)'],
      PATHS.map((path) => [
        path,
        percentile(all[path], 50).toFixed(1),
        percentile(all[path], 95).toFixed(1),
        percentile(all[path], 99).toFixed(1),
        spread(p99s[path], 1),
      ]),
    ),
  );
  const p99 = percentile(all['via sandbox'], 99);
  const ratio = p99 / percentile(all['bare relay'], 99);
  console.log(
    `  p99 ${p99.toFixed(1)} ms vs target ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  p99 / bare relay p99: ${ratio.toFixed(2)}, per run ${spread(ratios)} (target ≤ ${TARGET_RATIO}): ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
  );
  const sandboxShare = percentile(all['via sandbox'], 50) - percentile(all.direct, 50);
  console.log(
    `  the sandbox's own delivery adds ~${sandboxShare.toFixed(1)} ms at p50 (via sandbox − direct)`,
  );
}

await main();
