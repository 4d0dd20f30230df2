// Child processes of the local stack: each runs in its own process group (so stopping it also stops
// what it spawned, e.g. wrangler's workerd), its output goes line by line to the stack's logger with
// the child's name, and it can be stopped gracefully (SIGTERM, then SIGKILL) or at once on exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Receives one line of output: who wrote it (`worker`, `sandbox`, `seed`, `stack`) and whether it is an error. */
export type Logger = (who: string, line: string, isError?: boolean) => void;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Returns false for a line that should not be shown (called for every line, in order). */
  keep?: (line: string) => boolean;
  /** Also start a tiny watcher that kills the child's group if this process dies without stopping it. */
  reaper?: boolean;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  /** Settles when the child (its group leader) has exited. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when nothing of it is left. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** SIGKILL to the whole group, synchronously (for `process.on('exit')`). */
  killNow(): void;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/**
 * Runs detached beside the child: when its parent (this process) is gone, even after SIGKILL or a
 * signal that skips 'exit' handlers, it kills the child's whole group; it ends when that group is gone.
 */
const REAPER_SCRIPT = `
const [parent, group] = process.argv.slice(1).map(Number);
const gone = (pid) => { try { process.kill(pid, 0); return false; } catch (e) { return e.code === 'ESRCH'; } };
setInterval(() => {
  if (gone(-group)) process.exit(0);
  if (process.ppid !== parent) { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }
}, 500);`;

function startReaper(group: number): ChildProcess {
  const reaper = spawn(process.execPath, ['-e', REAPER_SCRIPT, String(process.pid), String(group)], {
    stdio: 'ignore',
    detached: true,
  });
  reaper.unref();
  return reaper;
}

function pipeLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}

export function spawnChild(options: SpawnOptions): Child {
  const { name, log, keep = () => true } = options;
  const proc: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a terminal's Ctrl-C reaches us, and we stop it in order
  });
  const pid = proc.pid;
  if (pid === undefined) throw new Error(`could not start ${name} (${options.command})`);
  const reaper = options.reaper ? startReaper(pid) : undefined;
  pipeLines(proc.stdout, (line) => keep(line) && log(name, line));
  pipeLines(proc.stderr, (line) => keep(line) && log(name, line, true));
  const exited = new Promise<ExitInfo>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
    proc.once('error', (err) => {
      log(name, `failed to start: ${err.message}`, true);
      resolve({ code: 127, signal: null });
    });
  });

  let stopping: Promise<ExitInfo> | undefined;
  const stop = (graceMs = 5_000): Promise<ExitInfo> => {
    stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      // The leader is gone; give the rest of its group a moment, then make sure nothing is left.
      for (let i = 0; i < 20 && signalGroup(pid, 0); i += 1) await delay(50);
      signalGroup(pid, 'SIGKILL');
      reaper?.kill();
      return info;
    })();
    return stopping;
  };
  const killNow = (): void => {
    signalGroup(pid, 'SIGKILL');
    reaper?.kill();
  };
  return { name, pid, exited, stop, killNow };
}

/** Runs a child to completion; rejects with its name and exit status when it fails. */
export async function runChild(options: SpawnOptions): Promise<void> {
  const { code, signal } = await spawnChild(options).exited;
  if (code !== 0) throw new Error(`${options.name} failed (${signal ?? `exit code ${code}`})`);
}
