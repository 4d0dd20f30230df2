#!/usr/bin/env node
// `npm start`: plain JavaScript with no dependencies, so it runs on the system Node (20) of a fresh
// clone. Installs the project when node_modules is missing or older than package-lock.json (first
// restoring the lockfile's inert platform entries, npm/cli#9846, as CI does), then hands over to the
// project's Node 22 running the real launcher, scripts/stack.ts (through tsx). Arguments are passed on
// (`npm start -- --fresh`). Signals are passed to the launcher, whose exit code becomes ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const node22 = at('node_modules', 'node', 'bin', 'node');
const installMarker = at('node_modules', '.package-lock.json');

function needsInstall() {
  if (!existsSync(installMarker) || !existsSync(node22) || !existsSync(at('node_modules', 'tsx')))
    return true;
  return statSync(at('package-lock.json')).mtimeMs > statSync(installMarker).mtimeMs;
}

function run(command, args) {
  console.log(`[start] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) {
    console.error(`[start] could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(
      `[start] ${command} ${args.join(' ')} failed (${result.signal ?? `exit code ${result.status}`})`,
    );
    process.exit(result.status || 1);
  }
}

if (needsInstall()) {
  console.log('[start] installing dependencies (first run, or package-lock.json changed)');
  run(process.execPath, [at('scripts', 'fix-lockfile.mjs')]);
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

// The project's Node 22 runs the launcher; `--import tsx` loads the TypeScript hooks in that process.
const child = spawn(node22, ['--import', 'tsx', at('scripts', 'stack.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});

// A terminal's Ctrl-C reaches the launcher directly (same process group); `kill -INT <npm>` reaches
// only us (npm passes it on). Pass every signal on; the launcher ignores repeats while stopping.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (err) => {
  console.error(`[start] could not start the launcher with ${node22}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
