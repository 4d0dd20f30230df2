// P1 benchmark: signed webhook intake end to end (verify → dedupe → durably applied in the
// conversation object → 200) against the bare baseline (scripts/bench/baseline/worker.js: verify,
// one SQLite row in the same number of Durable Objects), in one workerd, in alternating slices so both
// see the same machine. At 1, 100 and 10,000 conversations; then every event sent is looked up in the
// objects' storage: none lost, none stored twice. Prints events/s, the ratio (target ≥ 0.8) and the
// scale table (intake events/s, memory per conversation object, directory rows and bytes per message).
//   npm run bench:intake
//   BENCH_P1_SECONDS=3 BENCH_P1_LEVELS=1,100 npm run bench:intake     (a quick run)
import os from 'node:os';
import { deliver, runLoad } from './support/load';
import { type Runtime, startRuntime } from './support/runtime';
import {
  baselineCensus,
  directoryCensus,
  greenlineCensus,
  lostAndDuplicated,
  workerdRss,
} from './support/storage';
import { envNumber, median, spread, table } from './support/stats';
import { textWebhook } from './support/webhooks';

/** Seconds of load per side and level (split into ROUNDS alternating slices). */
const SECONDS = envNumber('BENCH_P1_SECONDS', 10);
const ROUNDS = envNumber('BENCH_P1_ROUNDS', 4);
const CONCURRENCY = envNumber('BENCH_P1_CONCURRENCY', 16);
const LEVELS = (process.env.BENCH_P1_LEVELS ?? '1,100,10000').split(',').map(Number);
const TARGET = 0.8;
/** Touch every conversation once before a level's slices (set 0 for a quick run: then most events at
 * 10,000 are a conversation's first, and memory per object is not measured). */
const PREFILL = process.env.BENCH_P1_PREFILL !== '0';

type Side = 'greenline' | 'baseline';

interface Sender {
  sent: string[];
  next: number;
  url: string;
}

function post(side: Sender, conversations: number, tag: string) {
  return () => {
    const seq = side.sent.length;
    const wamid = `wamid.bench.${tag}.${seq}`;
    side.sent.push(wamid);
    return textWebhook(side.next++ % conversations, wamid, `bench ${seq}`);
  };
}

interface LevelResult {
  conversations: number;
  greenline: number[];
  baseline: number[];
  ratios: number[];
  memoryPerObject: number;
  rowsPerMessage: number;
  bytesPerMessage: number;
  objectBytes: number;
  failures: string[];
}

/** Touches every conversation once on both sides (not timed), so the level has them all. */
async function prefill(rt: Runtime, senders: Record<Side, Sender>, conversations: number): Promise<void> {
  for (const side of ['greenline', 'baseline'] as const) {
    const s = senders[side];
    const missing = conversations - s.next;
    if (missing <= 0) continue;
    let left = missing;
    const send = post(s, conversations, `${side}.fill`);
    const lane = async () => {
      while (left-- > 0) await deliver(s.url, send());
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, missing) }, lane));
  }
  void rt;
}

async function level(
  rt: Runtime,
  senders: Record<Side, Sender>,
  conversations: number,
): Promise<LevelResult> {
  const rssBefore = workerdRss();
  const objectsBefore = greenlineCensus(rt.persistTo).objects;
  const dirBefore = directoryCensus(rt.persistTo);
  const sentBefore = senders.greenline.sent.length;
  if (PREFILL) await prefill(rt, senders, conversations);
  const result: LevelResult = {
    conversations,
    greenline: [],
    baseline: [],
    ratios: [],
    memoryPerObject: 0,
    rowsPerMessage: 0,
    bytesPerMessage: 0,
    objectBytes: 0,
    failures: [],
  };
  const slice = SECONDS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const order: Side[] = round % 2 === 0 ? ['greenline', 'baseline'] : ['baseline', 'greenline'];
    const rate: Record<Side, number> = { greenline: 0, baseline: 0 };
    for (const side of order) {
      const s = senders[side];
      const load = await runLoad(
        s.url,
        post(s, conversations, `${side}.${conversations}`),
        slice,
        CONCURRENCY,
      );
      rate[side] = load.ok / load.seconds;
      result[side].push(rate[side]);
      result.failures.push(...load.errors.map((e) => `${side}: ${e}`));
    }
    result.ratios.push(rate.greenline / rate.baseline);
  }
  const census = greenlineCensus(rt.persistTo);
  const dirAfter = directoryCensus(rt.persistTo);
  const messages = senders.greenline.sent.length - sentBefore;
  const newObjects = census.objects - objectsBefore;
  result.memoryPerObject = newObjects > 0 ? (workerdRss() - rssBefore) / newObjects : Number.NaN;
  result.rowsPerMessage = (dirAfter.rows - dirBefore.rows) / messages;
  result.bytesPerMessage = (dirAfter.bytes - dirBefore.bytes) / messages;
  result.objectBytes = census.bytes / census.objects;
  return result;
}

const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');

async function main(): Promise<void> {
  const errors: string[] = [];
  // Measured as deployed: outside development the clock is Date.now(), not the dev clock object.
  const rt = await startRuntime({
    runtimeError: (t) => errors.push(t),
    vars: { ENVIRONMENT: process.env.BENCH_P1_ENVIRONMENT ?? 'production' },
  });
  const results: LevelResult[] = [];
  try {
    const senders: Record<Side, Sender> = {
      greenline: { sent: [], next: 0, url: `${rt.workerUrl}/webhooks/whatsapp` },
      baseline: { sent: [], next: 0, url: `${rt.baselineUrl}/intake` },
    };
    const started = Date.now();
    for (const n of LEVELS) results.push(await level(rt, senders, n));
    const seconds = (Date.now() - started) / 1000;
    const green = lostAndDuplicated(greenlineCensus(rt.persistTo).wamids, senders.greenline.sent);
    const base = lostAndDuplicated(baselineCensus(rt.persistTo).wamids, senders.baseline.sent);
    report(results, seconds, senders, green, base);
    if (errors.length > 0 && results.some((r) => r.failures.length > 0)) {
      console.log(`  workerd said: ${errors.join('').slice(-2000)}`);
    }
  } finally {
    await rt.stop();
  }
}

function report(
  results: LevelResult[],
  seconds: number,
  senders: Record<Side, Sender>,
  green: { lost: number; duplicated: number },
  base: { lost: number; duplicated: number },
): void {
  console.log(
    `P1 webhook intake vs bare durable write, workerd via Miniflare, ${CONCURRENCY} in flight, ${ROUNDS} alternating slices of ${(SECONDS / ROUNDS).toFixed(1)} s per side and level (run ${seconds.toFixed(0)} s)`,
  );
  console.log(
    `  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    table(
      ['conversations', 'greenline ev/s', 'baseline ev/s', 'ratio median (min–max)', 'target ≥ 0.8'],
      results.map((r) => [
        String(r.conversations),
        median(r.greenline).toFixed(0),
        median(r.baseline).toFixed(0),
        spread(r.ratios),
        median(r.ratios) >= TARGET ? 'met' : 'MISSED',
      ]),
    ),
  );
  console.log(
    `  events: greenline ${senders.greenline.sent.length} sent, ${green.lost} lost, ${green.duplicated} duplicated; baseline ${senders.baseline.sent.length} sent, ${base.lost} lost, ${base.duplicated} duplicated`,
  );
  for (const r of results)
    for (const f of r.failures.slice(0, 3)) console.log(`  failed answer at ${r.conversations}: ${f}`);
  console.log('Scale table (greenline)');
  console.log(
    table(
      [
        'conversations',
        'intake ev/s',
        'memory / conversation object',
        'object storage',
        'directory rows / message',
        'directory bytes / message',
      ],
      results.map((r) => [
        String(r.conversations),
        median(r.greenline).toFixed(0),
        kb(r.memoryPerObject),
        kb(r.objectBytes),
        r.rowsPerMessage.toFixed(2),
        r.bytesPerMessage.toFixed(0),
      ]),
    ),
  );
}

await main();
