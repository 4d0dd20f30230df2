// P3 benchmark: 2,000 queued messages across 200 conversations of one number, released at once, at
// the configured throughput limit (80/s, then 500/s). The conversations have the opt-in accepted and
// their customers keep writing during the drain; the sandbox injects 130429 and 131056 into a share of
// the sends. The messages are queued behind an account-level pause (131031) and released by the admin's
// resume. Every send the worker makes passes a recording proxy, so the rate is measured as WhatsApp
// sees it. Checks: accepted sends within 5 % of the limit and never above it in any one-second window;
// every refused send retried; every message in one final state; none sent twice.
//   npm run bench:drain        BENCH_P3_CONVERSATIONS=50 BENCH_P3_PER_CONVERSATION=4 npm run bench:drain
import { workerdCpuMs } from './support/cpu';
import { customerPhone, optedInCustomers } from './support/customers';
import { login, ok, request, sandboxSettled } from './support/http';
import { type Runtime, startRuntime } from './support/runtime';
import { type DrainFigures, drainFigures } from './support/send-figures';
import { envNumber, table } from './support/stats';

const CONVERSATIONS = envNumber('BENCH_P3_CONVERSATIONS', 200);
const PER_CONVERSATION = envNumber('BENCH_P3_PER_CONVERSATION', 10);
const LIMITS = (process.env.BENCH_P3_LIMITS ?? '80,500').split(',').map(Number);
/** Share of sends the sandbox refuses with each of 130429 and 131056. */
const INJECTED_RATE = envNumber('BENCH_P3_INJECTED_RATE', 0.01);
/** Customer messages per second during the drain (they use up the number's throughput too). */
const CUSTOMER_RATE = envNumber('BENCH_P3_CUSTOMER_RATE', 1);
const DRAIN_TIMEOUT_S = envNumber('BENCH_P3_TIMEOUT_S', 300);
/** Retries back off for seconds (131056: 4 s, then 16 s): this long without a send means it is over. */
const QUIET_S = 30;
const FINAL = new Set(['sent', 'delivered', 'read', 'failed', 'not_sent']);

async function faults(rt: Runtime, patch: Record<string, unknown>): Promise<void> {
  ok(await request(rt.sandbox.url, '/sandbox/faults', { body: patch }), 'faults');
}

async function send(rt: Runtime, token: string, conversationId: string, text: string): Promise<string> {
  const reply = ok<{ message: { state: string } }>(
    await request(rt.workerUrl, `/api/v1/conversations/${conversationId}/messages`, {
      token,
      body: { type: 'text', text },
      headers: { 'idempotency-key': text.replaceAll(' ', '-') },
    }),
    `send "${text}"`,
  );
  return reply.message.state;
}

/** Pauses the number the way WhatsApp would: one send refused with 131031 (account locked). */
async function pauseNumber(rt: Runtime, token: string, conversationId: string, tag: string): Promise<void> {
  await faults(rt, { sendErrors: [{ code: 131031, count: 1 }] });
  await send(rt, token, conversationId, `p3 ${tag} pause probe`);
  await faults(rt, { sendErrors: [] });
}

/** Queues PER_CONVERSATION messages in each conversation (the number is paused: all answer queued). */
async function queue(rt: Runtime, token: string, ids: string[], tag: string): Promise<string[]> {
  const jobs = ids.flatMap((id, c) =>
    Array.from({ length: PER_CONVERSATION }, (_, m) => ({ id, text: `p3 ${tag} c${c} m${m}` })),
  );
  let next = 0;
  const lane = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const state = await send(rt, token, job.id, job.text);
      if (state !== 'queued') throw new Error(`"${job.text}" was ${state}, not queued`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return jobs.map((j) => j.text);
}

/** Customers write now and then while the queue drains; stops when `running()` turns false. */
async function customersWriting(rt: Runtime, running: () => boolean): Promise<number> {
  let written = 0;
  while (running()) {
    const phone = encodeURIComponent(customerPhone(written % CONVERSATIONS));
    await request(rt.sandbox.url, `/sandbox/users/${phone}/messages`, {
      body: { text: `still here ${written}` },
    });
    written += 1;
    await new Promise((r) => setTimeout(r, 1000 / CUSTOMER_RATE));
  }
  return written;
}

/**
 * Waits until every queued text was accepted by the sandbox, or nothing was sent for QUIET_S seconds
 * (a send whose outcome is unknown is never resent, I4), or the timeout.
 */
async function drained(rt: Runtime, texts: readonly string[]): Promise<void> {
  const wanted = new Set(texts);
  const deadline = Date.now() + DRAIN_TIMEOUT_S * 1000;
  let seen = rt.sends.length;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const accepted = new Set(
      rt.sends.filter((s) => s.accepted && s.text && wanted.has(s.text)).map((s) => s.text),
    );
    if (accepted.size === wanted.size) return;
    if (rt.sends.length !== seen) {
      seen = rt.sends.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > QUIET_S * 1000) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Each queued message's state through the API, counted: final, and the others by state. */
async function states(rt: Runtime, token: string, ids: string[], texts: readonly string[]) {
  const found = new Map<string, string[]>();
  for (const id of ids) {
    const thread = ok<{ items: { type: string; text: string | null; state?: string }[] }>(
      await request(rt.workerUrl, `/api/v1/conversations/${id}/messages`, { token }),
      'thread',
    );
    for (const item of thread.items) {
      if (item.type === 'outbound' && item.text) {
        found.set(item.text, [...(found.get(item.text) ?? []), item.state ?? '']);
      }
    }
  }
  const notFinal = new Map<string, number>();
  for (const t of texts) {
    const s = found.get(t) ?? [];
    const state = s.length === 1 ? (s[0] ?? '') : `${s.length} items`;
    if (!FINAL.has(state)) notFinal.set(state, (notFinal.get(state) ?? 0) + 1);
  }
  return notFinal;
}

async function runLimit(rt: Runtime, limit: number, ids: string[], tokens: { alice: string; admin: string }) {
  await rt.setVars({ WHATSAPP_THROUGHPUT_MPS: String(limit) });
  await faults(rt, { throughputPerSecond: limit, sendErrors: [] });
  const tag = `l${limit}`;
  await pauseNumber(rt, tokens.alice, ids[0] ?? '', tag);
  const texts = await queue(rt, tokens.alice, ids, tag);
  await faults(rt, {
    sendErrors: [
      { code: 130429, rate: INJECTED_RATE },
      { code: 131056, rate: INJECTED_RATE },
    ],
  });
  console.log(`  ${limit}/s: ${texts.length} messages queued behind the pause; releasing`);
  const from = rt.sends.length;
  let draining = true;
  const writing = customersWriting(rt, () => draining);
  const released = performance.now();
  const cpuBefore = workerdCpuMs();
  const resumed = ok<{ conversationsWoken?: number }>(
    await request(rt.workerUrl, '/api/v1/admin/number/resume', { method: 'POST', token: tokens.admin }),
    'resume',
  );
  console.log(
    `  ${limit}/s: resume answered in ${(performance.now() - released).toFixed(0)} ms, ${resumed.conversationsWoken ?? '?'} conversations woken to drain on their own alarms`,
  );
  await drained(rt, [...texts, `p3 ${tag} pause probe`]);
  const cpuMs = workerdCpuMs() - cpuBefore;
  const drainMs = performance.now() - released;
  console.log(`  ${limit}/s: drained in ${(drainMs / 1000).toFixed(1)} s`);
  draining = false;
  const customerMessages = await writing;
  await faults(rt, { sendErrors: [] });
  const figures = drainFigures(limit, released, rt.sends.slice(from), texts);
  const reader = await login(rt.workerUrl, 'alice@acme.test');
  const unfinished = await states(rt, reader, ids, texts);
  return { figures, unfinished, customerMessages, cpu: { ms: cpuMs, share: cpuMs / drainMs } };
}

interface LimitResult {
  figures: DrainFigures;
  unfinished: Map<string, number>;
  customerMessages: number;
  /** workerd's CPU from the release until the last message was accepted, and its share of one core. */
  cpu: { ms: number; share: number };
}

function report(results: LimitResult[]): void {
  console.log(
    `P3 outbound drain: ${CONVERSATIONS * PER_CONVERSATION} queued messages across ${CONVERSATIONS} conversations of one number, released at once; sandbox injects 130429 and 131056 into ${(INJECTED_RATE * 100).toFixed(0)} % of sends each`,
  );
  console.log(
    table(
      [
        'limit /s',
        'accepted /s',
        'ratio',
        'max in any 1 s',
        'max attempts in any 1 s',
        'refused (codes)',
        'retried',
        'not final',
        'sent twice',
        'verdict',
      ],
      results.map(({ figures: f, unfinished }) => [
        String(f.limit),
        f.rate.toFixed(1),
        f.ratio.toFixed(3),
        String(f.maxWindow),
        String(f.maxAttemptWindow),
        [...f.refused].map(([code, n]) => `${code}×${n}`).join(' ') || '0',
        `${f.refusedTexts - f.unretried}/${f.refusedTexts}`,
        [...unfinished].map(([state, n]) => `${n} ${state}`).join(', ') || '0',
        String(f.sentTwice),
        f.ratio >= 0.95 &&
        f.maxWindow <= f.limit &&
        f.unretried === 0 &&
        unfinished.size === 0 &&
        f.sentTwice === 0
          ? 'met'
          : 'MISSED',
      ]),
    ),
  );
  for (const { figures: f, customerMessages, cpu } of results) {
    const accepted = f.perSecond.reduce((a, b) => a + b, 0);
    console.log(
      `  ${f.limit}/s, accepted per second from release: ${f.perSecond.join(' ')} (customers wrote ${customerMessages})`,
    );
    console.log(
      `  ${f.limit}/s, workerd CPU: ${(cpu.ms / Math.max(1, accepted)).toFixed(2)} ms per accepted send, ${(cpu.share * 100).toFixed(0)} % of one core over the drain`,
    );
  }
}

async function main(): Promise<void> {
  // Measured as deployed: outside development the clock is Date.now(), not the dev clock object.
  const rt = await startRuntime({
    recordSends: true,
    vars: { ENVIRONMENT: process.env.BENCH_P3_ENVIRONMENT ?? 'production' },
  });
  try {
    const started = Date.now();
    const alice = await login(rt.workerUrl, 'alice@acme.test');
    const ids = await optedInCustomers(
      { workerUrl: rt.workerUrl, sandboxUrl: rt.sandbox.url },
      alice,
      CONVERSATIONS,
      8,
    );
    await sandboxSettled(rt.sandbox.url);
    console.log(
      `  setup: ${CONVERSATIONS} opted-in conversations in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const results = [];
    for (const limit of LIMITS) {
      // Access tokens last minutes; a long setup outlives the first pair.
      const tokens = {
        alice: await login(rt.workerUrl, 'alice@acme.test'),
        admin: await login(rt.workerUrl, 'admin@acme.test'),
      };
      results.push(await runLimit(rt, limit, ids, tokens));
      report(results.slice(-1));
    }
  } finally {
    await rt.stop();
  }
}

await main();
