// CLI entry (`npm run sandbox`): starts the simulator with settings from the environment, logs one
// readable line per event (never message bodies) and stops cleanly on SIGINT / SIGTERM.

import { DEMO_API_VERSION } from '../shared/demo';
import { startSandbox } from './index';

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

const running = await startSandbox({ log });
const { config } = running.sandbox;
log(`Graph API      ${running.url}/${DEMO_API_VERSION}/{phone-number-id}/messages`);
log(`phone page     ${running.url}/phone/+14155550101`);
log(`webhooks to    ${config.webhookUrl ?? '(disabled)'}`);
log(`worker clock   ${config.workerClockUrl ?? '(not forwarded)'}`);
log(`state file     ${config.stateFile ?? '(memory only)'}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  running.close().then(
    () => process.exit(0),
    (err: unknown) => {
      log(`stop failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
