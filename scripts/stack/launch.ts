// The local stack as one object, shared by `npm start` (scripts/stack.ts) and the end-to-end tests
// (tests/e2e/support/stack.ts): development secrets, optional wipe, seed (migrations + demo data),
// the WhatsApp sandbox in this process, `wrangler dev` as a child in its own process group, then a
// wait for GET /healthz. `stop()` may be called at any moment, also while starting, and leaves no
// process behind.
import path from 'node:path';
import { type RunningSandbox, startSandbox } from '../../sandbox/index';
import { type Child, type ExitInfo, type Logger, spawnChild } from './children';
import { ensureDevSecrets } from './dev-secrets';
import { HOST, type StackOptions } from './options';
import { assertPortFree, freePort, PortInUseError } from './ports';
import { spawnSeed } from './seed';
import { prepareStateDir, wipeStateDir } from './state-dir';
import { waitForHealth, wranglerDevArgs, wranglerNoiseFilter } from './worker';

/** The seed takes a few seconds; a wrangler that hangs (it can, on an odd state directory) must not hang us. */
const SEED_TIMEOUT_MS = 120_000;

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export class StackStopped extends Error {
  constructor() {
    super('the stack was stopped while starting');
  }
}

export interface StackUrls {
  workerUrl: string;
  sandboxUrl: string;
}

const describeExit = ({ code, signal }: ExitInfo): string =>
  signal ? `signal ${signal}` : `exit code ${code}`;

export class LocalStack {
  private readonly children = new Set<Child>();
  private sandbox: RunningSandbox | undefined;
  private worker: Child | undefined;
  private spawnWorker: (() => Child) | undefined;
  private workerUrl: string | undefined;
  private stopping: Promise<void> | undefined;
  private readonly killOnExit = (): void => {
    for (const child of this.children) child.killNow();
  };

  constructor(
    readonly options: StackOptions,
    private readonly log: Logger,
  ) {}

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  private check(): void {
    if (this.stopping) throw new StackStopped();
  }

  private track(child: Child): Child {
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  /** Starts everything; resolves once the worker answers /healthz. */
  async start(): Promise<StackUrls> {
    const { root, workerPort, sandboxPort, persistTo, fresh } = this.options;
    const say = (line: string): void => this.log('stack', line);
    process.once('exit', this.killOnExit);

    const added = ensureDevSecrets(path.join(root, '.dev.vars'));
    if (added.length > 0) say(`added development secrets to .dev.vars: ${added.join(', ')}`);

    await assertPortFree(HOST, workerPort, 'worker', 'stop what uses it or pick another with --worker-port');
    if (sandboxPort !== 0) {
      await assertPortFree(
        HOST,
        sandboxPort,
        'sandbox',
        'stop what uses it or pick another with --sandbox-port',
      );
    }
    if (fresh) {
      say(`--fresh: wiping ${persistTo}`);
      wipeStateDir(persistTo, root);
    }

    prepareStateDir(persistTo);

    say(`seeding (migrations + demo data) into ${persistTo}`);
    const env = {
      ...process.env,
      // Children run on the project's Node 22 (node_modules/.bin first) and send no telemetry.
      PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      WRANGLER_SEND_METRICS: 'false',
    };
    this.check();
    const seed = spawnSeed(root, persistTo, env, this.log);
    this.track(seed.child);
    const seeded = await Promise.race([seed.child.exited, delay(SEED_TIMEOUT_MS).then(() => null)]);
    if (seeded === null) {
      await seed.child.stop();
      for (const line of seed.held) this.log('seed', line, true);
      throw new Error(`the seed did not finish within ${SEED_TIMEOUT_MS / 1000} s; see [seed] above`);
    }
    this.check();
    if (seeded.code !== 0) {
      for (const line of seed.held) this.log('seed', line, true);
      throw new Error(`the seed failed (${describeExit(seeded)}); see [seed] above`);
    }

    const workerUrl = `http://${HOST}:${workerPort}`;
    try {
      this.sandbox = await startSandbox({
        host: HOST,
        port: sandboxPort,
        webhookUrl: `${workerUrl}/webhooks/whatsapp`,
        workerClockUrl: `${workerUrl}/__dev/clock`,
        stateFile: path.join(persistTo, 'sandbox-state.json'),
        log: (line) => this.log('sandbox', line),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(
          sandboxPort,
          'sandbox',
          'stop what uses it or pick another with --sandbox-port',
        );
      }
      throw err;
    }
    const sandboxUrl = this.sandbox.url;
    this.check();

    this.workerUrl = workerUrl;
    const inspectorPort = await freePort();
    this.spawnWorker = () =>
      this.track(
        spawnChild({
          name: 'worker',
          command: process.execPath,
          args: wranglerDevArgs(root, { port: workerPort, persistTo, sandboxUrl, inspectorPort }),
          cwd: root,
          env,
          log: this.log,
          keep: wranglerNoiseFilter(),
          reaper: true,
        }),
      );
    await this.startWorker();
    return { workerUrl, sandboxUrl };
  }

  private async startWorker(): Promise<void> {
    if (!this.spawnWorker || !this.workerUrl) throw new Error('the stack has not started');
    this.worker = this.spawnWorker();
    const healthy = await waitForHealth(
      this.workerUrl,
      this.worker.exited,
      this.options.healthTimeoutMs ?? 90_000,
    );
    this.check();
    if (healthy !== true) throw new Error(`the worker did not start: ${healthy}; see [worker] above`);
  }

  /**
   * Stops `wrangler dev` (SIGTERM to its group, SIGKILL after `graceMs`) and starts it again on the same
   * port and state directory, as a crash or redeploy would: Durable Objects, D1 and the dev clock
   * survive; in-flight requests and webhooks fail and are retried. Resolves once /healthz answers.
   */
  async restartWorker(graceMs = 2_000): Promise<void> {
    this.check();
    const old = this.worker;
    if (!old) throw new Error('the stack has not started');
    this.worker = undefined;
    await old.stop(graceMs);
    this.check();
    await this.startWorker();
  }

  /** Resolves with a reason when the worker exits on its own (never after `stop()`). */
  failure(): Promise<string> {
    const worker = this.worker;
    if (!worker) return new Promise(() => {});
    return worker.exited.then((info) => {
      if (this.stopping) return new Promise<string>(() => {});
      // Replaced by restartWorker(): watch the new one (or wait for it to be spawned).
      if (this.worker !== worker) return delay(100).then(() => this.failure());
      return `the worker (wrangler dev) exited: ${describeExit(info)}`;
    });
  }

  /** Stops the worker's process group, every other child, and the sandbox. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all([...this.children].map((child) => child.stop()));
      await this.sandbox?.close().catch((err: unknown) => {
        this.log('stack', `sandbox close failed: ${err instanceof Error ? err.message : String(err)}`, true);
      });
      process.removeListener('exit', this.killOnExit);
    })();
    return this.stopping;
  }
}
