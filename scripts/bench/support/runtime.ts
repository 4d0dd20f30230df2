// The benchmarks' runtime: one workerd (Miniflare, no wrangler dev proxy) running the Greenline worker
// and the bare baseline worker side by side, each on its own direct socket, with the directory
// migrated and seeded, and the WhatsApp sandbox in this process. Every figure a benchmark prints is a
// ratio to the baseline measured in this same runtime, so the noise of a shared machine cancels out.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { type RunningSandbox, startSandbox } from '../../../sandbox/index';
import { DEMO_APP_SECRET, DEMO_VERIFY_TOKEN } from '../../../shared/demo';
import { prepareDemoSeed } from '../../../worker/storage/seed';
import { seedStatements } from '../../seed-sql';
import { freePort } from '../../stack/ports';
import { bundleWorker, ROOT } from './bundle';
import { type SendRecord, startSendRecorder } from './send-recorder';

export const HOST = '127.0.0.1';
export const APP_SECRET = DEMO_APP_SECRET;

export interface Runtime {
  mf: Miniflare;
  /** Greenline's direct socket (no proxy). */
  workerUrl: string;
  /** The bare baseline worker's direct socket (same workerd process). */
  baselineUrl: string;
  sandbox: RunningSandbox;
  /** The sends the worker made, when started with `recordSends`. */
  sends: SendRecord[];
  /** Restarts workerd with these worker vars changed (storage is kept). */
  setVars(changes: Record<string, string>): Promise<void>;
  /** Where workerd keeps the Durable Objects' SQLite files and D1. */
  persistTo: string;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Puts a recording proxy between the worker and the sandbox's Graph API (P3). */
  recordSends?: boolean;
  /** Extra worker vars, e.g. WHATSAPP_THROUGHPUT_MPS. */
  vars?: Record<string, string>;
  /** Sandbox log lines (dropped by default). */
  log?: (line: string) => void;
  /** workerd's stdout, line by line: the worker's logs (dropped by default). */
  runtimeOutput?: (line: string) => void;
  /** workerd's stderr (dropped by default). */
  runtimeError?: (text: string) => void;
  /** Opens Miniflare's inspector proxy here (ws://127.0.0.1:<port>/<worker name>), for CPU profiles. */
  inspectorPort?: number;
}

const SQLITE = { useSQLite: true } as const;

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'greenline-bench-'));
  const script = bundleWorker();
  const workerPort = await freePort();
  const baselinePort = await freePort();
  const workerUrl = `http://${HOST}:${workerPort}`;
  const sandbox = await startSandbox({
    host: HOST,
    port: 0,
    webhookUrl: `${workerUrl}/webhooks/whatsapp`,
    workerClockUrl: `${workerUrl}/__dev/clock`,
    stateFile: path.join(persistTo, 'sandbox-state.json'),
    log: options.log ?? (() => {}),
  });
  const recorder = options.recordSends ? await startSendRecorder(sandbox.url) : undefined;
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
  const config = (vars: Record<string, string>): MiniflareOptions => ({
    host: HOST,
    port: 0,
    defaultPersistRoot: persistTo,
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    d1Persist: true,
    durableObjectsPersist: true,
    r2Persist: true,
    // The worker logs a line per webhook; the bench reads none of it (a failure shows in the answers).
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      const output = options.runtimeOutput;
      if (output) createInterface({ input: stdout }).on('line', output);
      else stdout.resume();
      stderr.on('data', (chunk: Buffer) => options.runtimeError?.(chunk.toString()));
    },
    workers: [
      {
        name: 'greenline',
        modules: true,
        scriptPath: script,
        modulesRoot: path.dirname(script),
        compatibilityDate: '2026-05-01',
        compatibilityFlags: ['nodejs_compat'],
        unsafeDirectSockets: [{ host: HOST, port: workerPort }],
        unsafeInspectorProxy: options.inspectorPort !== undefined,
        bindings: {
          ENVIRONMENT: 'development',
          WHATSAPP_API_BASE: recorder?.url ?? sandbox.url,
          WHATSAPP_API_VERSION: 'v24.0',
          WHATSAPP_APP_SECRET: DEMO_APP_SECRET,
          WHATSAPP_VERIFY_TOKEN: DEMO_VERIFY_TOKEN,
          TOKEN_ENCRYPTION_KEY: key,
          ...vars,
        },
        d1Databases: { DB: 'greenline' },
        r2Buckets: { MEDIA: 'greenline-media' },
        durableObjects: {
          CONVERSATION: { className: 'ConversationObject', ...SQLITE },
          DEV_CLOCK: { className: 'DevClock', ...SQLITE },
          NUMBER_GATE: { className: 'NumberGate', ...SQLITE },
          NUMBER_ROUTES: { className: 'NumberRoutes', ...SQLITE },
          LIST_WRITER: { className: 'ListWriter', ...SQLITE },
          USER_LIVE: { className: 'UserLive', ...SQLITE },
          LEDGER: { className: 'ConsentLedger', ...SQLITE },
        },
      },
      {
        name: 'baseline',
        modules: true,
        scriptPath: path.join(ROOT, 'scripts', 'bench', 'baseline', 'worker.js'),
        modulesRoot: path.join(ROOT, 'scripts', 'bench', 'baseline'),
        compatibilityDate: '2026-05-01',
        unsafeDirectSockets: [{ host: HOST, port: baselinePort }],
        unsafeInspectorProxy: options.inspectorPort !== undefined,
        bindings: { APP_SECRET: DEMO_APP_SECRET },
        durableObjects: {
          EVENTS: { className: 'BareConversation', ...SQLITE },
          RELAY: { className: 'BareRelay', ...SQLITE },
        },
      },
    ],
  });
  let vars = { ...options.vars };
  const mf = new Miniflare(config(vars));
  await mf.ready;
  await seed(mf, key);
  return {
    mf,
    workerUrl,
    baselineUrl: `http://${HOST}:${baselinePort}`,
    sandbox,
    sends: recorder?.sends ?? [],
    async setVars(changes) {
      vars = { ...vars, ...changes };
      await mf.setOptions(config(vars));
    },
    persistTo,
    async stop() {
      await recorder?.close();
      await sandbox.close().catch(() => {});
      await mf.dispose();
      rmSync(persistTo, { recursive: true, force: true });
      rmSync(path.dirname(script), { recursive: true, force: true });
    },
  };
}

async function seed(mf: Miniflare, key: string): Promise<void> {
  const db = await mf.getD1Database('DB', 'greenline');
  const dir = path.join(ROOT, 'migrations');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = readFileSync(path.join(dir, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    await db.batch(statements.map((s) => db.prepare(s)));
  }
  const rows = await prepareDemoSeed(key, Date.now());
  await db.batch(seedStatements(rows).map((s) => db.prepare(s)));
}
