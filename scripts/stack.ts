// `npm start` (through scripts/start.mjs, on the project's Node 22): the whole local stack in one
// command. Seeds the demo data, runs the WhatsApp sandbox (in this process) and `wrangler dev` (a
// child), wired to each other, builds the browser extension for them (and rebuilds it on change),
// with prefixed logs; prints what to open. Ctrl-C or SIGTERM stops
// everything and exits 0; if the worker dies the rest is stopped and the exit code is 1.
// Flags (or env): --worker-port (WORKER_PORT), --sandbox-port (SANDBOX_PORT), --persist-to
// (PERSIST_TO), --fresh. See scripts/stack/options.ts.
import path from 'node:path';
import { banner, consoleLogger } from './stack/banner';
import { buildExtension, watchExtension } from './stack/extension';
import { LocalStack, StackStopped } from './stack/launch';
import { parseStackOptions, USAGE, UsageError } from './stack/options';

const root = path.resolve(import.meta.dirname, '..');
const say = (line: string, isError = false): void => consoleLogger('stack', line, isError);

function options(): ReturnType<typeof parseStackOptions> {
  try {
    return parseStackOptions(process.argv.slice(2), process.env, root);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) console.error(`npm start: ${err.message}\n`);
    console.error(USAGE);
    process.exit(err.message ? 2 : 0);
  }
}

const stack = new LocalStack(options(), consoleLogger);

let exitCode = 0;
const shutdown = (why: string | null, code: number): void => {
  if (stack.stopped) return; // a second Ctrl-C while stopping changes nothing; stop() is bounded
  exitCode = code;
  if (why) say(`${why}: stopping the worker and the sandbox`);
  void stack.stop().then(() => {
    say(code === 0 ? 'stopped' : 'stopped after an error');
    process.exit(exitCode);
  });
};
process.on('SIGINT', () => shutdown('Ctrl-C (SIGINT)', 0));
process.on('SIGTERM', () => shutdown('SIGTERM', 0));
process.on('SIGHUP', () => shutdown('SIGHUP', 0));
// Started by scripts/start.mjs: if that launcher is killed outright, do not outlive it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown('the npm start process is gone', 1);
}, 1_000).unref();

try {
  const urls = await stack.start();
  await buildExtension(root, urls.workerUrl, consoleLogger);
  watchExtension(root, urls.workerUrl, consoleLogger);
  console.log(banner(urls, stack.options.persistTo, root));
  const reason = await stack.failure();
  say(`${reason}; stopping the sandbox`, true);
  shutdown(null, 1);
} catch (err) {
  if (!(err instanceof StackStopped)) {
    say(`could not start: ${err instanceof Error ? err.message : String(err)}`, true);
    shutdown(null, 1);
  }
}
