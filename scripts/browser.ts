// `npm run browser`: opens Chromium with the Greenline extension loaded, pointed at the running local
// stack (`npm start` in another terminal), on the sandbox's demo CRM pages and the options page.
// Flags: --worker URL (default http://127.0.0.1:8787), --sandbox URL (default http://127.0.0.1:8788),
// --chromium PATH (default /usr/bin/chromium or CHROMIUM_PATH).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { consoleLogger } from './stack/banner';
import { buildExtension, EXTENSION_DIR } from './stack/extension';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const workerUrl = arg('--worker', 'http://127.0.0.1:8787');
const sandboxUrl = arg('--sandbox', 'http://127.0.0.1:8788');
const executablePath = arg('--chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

if (!(await answers(`${workerUrl}/healthz`)) || !(await answers(`${sandboxUrl}/crm`))) {
  console.error(`npm run browser: the local stack does not answer at ${workerUrl} and ${sandboxUrl}.`);
  console.error('Start it first with `npm start` in another terminal (or pass --worker / --sandbox).');
  process.exit(1);
}
if (!existsSync(executablePath)) {
  console.error(
    `npm run browser: no Chromium at ${executablePath} (apt-get install chromium, or --chromium PATH).`,
  );
  process.exit(1);
}
const extension = path.join(root, EXTENSION_DIR);
if (
  !existsSync(path.join(extension, 'manifest.json')) &&
  !(await buildExtension(root, workerUrl, consoleLogger))
) {
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('npm run browser: no display (DISPLAY is not set); run it from a desktop session.');
  process.exit(1);
}

const profile = path.join(root, '.wrangler', 'browser-profile');
mkdirSync(profile, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: false,
  viewport: null,
  args: [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const pages = context.pages();
const first = pages[0] ?? (await context.newPage());
await first.goto(`${sandboxUrl}/crm`);
const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
console.log(
  `Chromium is open with Greenline (${extensionId}). Sign in on the options page as alice@acme.test`,
);
console.log(
  `(password greenline-demo), then open a demo CRM page from ${sandboxUrl}/crm. Close the window to end.`,
);
await new Promise<void>((resolve) => context.on('close', () => resolve()));
