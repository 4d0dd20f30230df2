// Where P1's intake spends its time in workerd: runs the P1 load (one signed text message per POST,
// 16 in flight) against Greenline and the bare baseline in turn, with a V8 CPU profile of the side's
// isolate taken over Miniflare's inspector proxy (Chrome DevTools protocol, `Profiler` domain) and the
// workerd process's CPU time read from /proc. Prints per side: events/s, workerd CPU ms per event and
// its share of one core, and the top self-time functions in µs per event. Not part of `npm run bench`.
//   npx tsx scripts/bench/p1-profile.ts
//   BENCH_PROFILE_SECONDS=5 BENCH_PROFILE_CONVERSATIONS=100 BENCH_PROFILE_TOP=25 npx tsx scripts/bench/p1-profile.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { freePort } from '../stack/ports';
import { workerdCpuMs, workerdThreadsMs } from './support/cpu';
import { deliver, runLoad } from './support/load';
import { startRuntime } from './support/runtime';
import { envNumber } from './support/stats';
import { textWebhook } from './support/webhooks';

const SECONDS = envNumber('BENCH_PROFILE_SECONDS', 5);
const CONVERSATIONS = envNumber('BENCH_PROFILE_CONVERSATIONS', 100);
const CONCURRENCY = envNumber('BENCH_P1_CONCURRENCY', 16);
const TOP = envNumber('BENCH_PROFILE_TOP', 25);
const OUT = process.env.BENCH_PROFILE_OUT;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A minimal Chrome DevTools protocol client over one WebSocket. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.error ? { error: msg.error } : msg.result);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const own = ++id;
      ws.send(JSON.stringify({ id: own, method, params }));
      return new Promise((resolve) => waiting.set(own, resolve as (r: unknown) => void));
    },
    close: () => ws.close(),
  };
}

/** Self time per function (µs), summed over the profile's samples. */
function selfTimes(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const frame = byId.get(nodeId)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return self;
}

/** workerd's own inspector (every isolate, Miniflare's D1 included): the port it listens on with /json. */
async function rawInspector(): Promise<string | null> {
  const pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).split(/\s+/);
  const lines = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' }).split('\n');
  for (const line of lines.filter((l) => pids.some((pid) => pid && l.includes(`pid=${pid},`)))) {
    const port = /127\.0\.0\.1:(\d+)/.exec(line)?.[1];
    const list = await fetch(`http://127.0.0.1:${port}/json/list`)
      .then((r) => r.json() as Promise<{ id: string }[]>)
      .catch(() => []);
    if (Array.isArray(list) && list.some((t) => t.id === 'd1:db')) return port ?? null;
  }
  return null;
}

/** workerd CPU per event and share of one core, per thread, over a load run. */
async function measured(url: string, send: () => ReturnType<typeof textWebhook>) {
  const cpuBefore = workerdCpuMs();
  const threadsBefore = workerdThreadsMs();
  const load = await runLoad(url, send, SECONDS, CONCURRENCY);
  const cpu = workerdCpuMs() - cpuBefore;
  const share = (ms: number) => `${((ms / (load.seconds * 1000)) * 100).toFixed(0)} %`;
  const threads = [...workerdThreadsMs()]
    .map(([thread, ms]) => [thread, ms - (threadsBefore.get(thread) ?? 0)] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([thread, ms]) => `${thread} ${share(ms)}`);
  return {
    load,
    line: `${(load.ok / load.seconds).toFixed(0)} ev/s over ${load.seconds.toFixed(1)} s (${load.failed} failed); workerd CPU ${(cpu / load.ok).toFixed(2)} ms/event, ${share(cpu)} of one core (${threads.join(', ')})`,
  };
}

function printProfile(label: string, profile: Profile, events: number, top: number): void {
  const self = selfTimes(profile);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = total - (self.get('(idle) :0') ?? 0);
  console.log(`  ${label}: busy ${(busy / events / 1000).toFixed(2)} ms/event`);
  const rows = [...self.entries()].filter(([key]) => key !== '(idle) :0');
  for (const [key, us] of rows.sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = ((us / busy) * 100).toFixed(1).padStart(5);
    console.log(`  ${(us / events).toFixed(0).padStart(6)} µs/ev  ${share} %  ${key}`);
  }
}

async function profileSide(proxy: string, raw: string, name: string, url: string) {
  let next = 0;
  const send = () => textWebhook(next++ % CONVERSATIONS, `wamid.profile.${name}.${next}`, `profile ${next}`);
  // Touch every conversation once, then warm the isolate up, untimed.
  for (let i = 0; i < CONVERSATIONS; i++) await deliver(url, send());
  await runLoad(url, send, 1, CONCURRENCY);
  if (process.env.BENCH_PROFILE_OFF === '1') {
    console.log(`\n${name} (no profiler): ${(await measured(url, send)).line}`);
    return;
  }
  // The worker's isolate through Miniflare's proxy (it holds workerd's one session), D1's directly.
  const targets = name === 'greenline' ? [name, 'd1:db'] : [name];
  const sessions = await Promise.all(
    targets.map((t) => connect(t === name ? `ws://127.0.0.1:${proxy}/${t}` : `ws://127.0.0.1:${raw}/${t}`)),
  );
  for (const cdp of sessions) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const { load, line } = await measured(url, send);
  console.log(`\n${name}: ${line}`);
  for (const [i, cdp] of sessions.entries()) {
    const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop');
    cdp.close();
    const target = targets[i] ?? '';
    if (OUT) writeFileSync(`${OUT}.${target.replaceAll(':', '-')}.cpuprofile`, JSON.stringify(profile));
    printProfile(`isolate ${target}`, profile, load.ok, i === 0 ? TOP : 8);
  }
}

async function main(): Promise<void> {
  const inspector = await freePort();
  const rt = await startRuntime({
    inspectorPort: inspector,
    vars: { ENVIRONMENT: process.env.BENCH_P1_ENVIRONMENT ?? 'production' },
  });
  try {
    const raw = await rawInspector();
    if (!raw) throw new Error("workerd's inspector not found");
    const sides = (process.env.BENCH_PROFILE_SIDES ?? 'greenline,baseline').split(',');
    for (const side of sides) {
      const url = side === 'greenline' ? `${rt.workerUrl}/webhooks/whatsapp` : `${rt.baselineUrl}/intake`;
      await profileSide(String(inspector), raw, side, url);
    }
  } finally {
    await rt.stop();
  }
}

await main();
