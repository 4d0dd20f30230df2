// Debian's Chromium driven by playwright-core with the built extension loaded, one profile per demo
// user (a person signs in through the options page, like anyone would). The extension is built once
// per run into a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the extension (Chrome MV3) into a temporary folder; returns the unpacked extension's path. */
export function buildExtension(): { dir: string; remove: () => void } {
  const out = mkdtempSync(path.join(tmpdir(), 'greenline-ext-'));
  execFileSync(path.join(root, 'node_modules/.bin/wxt'), ['build', 'extension'], {
    cwd: root,
    env: { ...process.env, GREENLINE_EXTENSION_OUT: out, WXT_DISABLE_TELEMETRY: '1' },
    stdio: 'pipe',
  });
  return { dir: path.join(out, 'chrome-mv3'), remove: () => rmSync(out, { recursive: true, force: true }) };
}

export interface Profile {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The options page, opened. */
  options(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchProfile(extensionDir: string, extraArgs: string[] = []): Promise<Profile> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'greenline-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 860 },
    // One language whatever the machine's: the default country for national numbers follows it
    // (extension/region.ts), and the demo CRM pages write US numbers without a country code.
    locale: 'en-US',
    args: [
      '--lang=en-US',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    options: async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the options page, as a person does; returns the page. */
export async function signIn(
  profile: Profile,
  serverUrl: string,
  email: string,
  password: string,
): Promise<Page> {
  const page = await profile.options();
  await page.getByLabel('Server', { exact: true }).fill(serverUrl);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  try {
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 45_000 });
  } catch (error) {
    // Say what the person would have seen: the page's alerts and the server it was signing in to.
    const alerts = (await page.getByRole('alert').allInnerTexts()).filter((t) => t.trim() !== '');
    const server = await page
      .getByLabel('Server', { exact: true })
      .inputValue({ timeout: 1_000 })
      .catch(() => '(no Server field)');
    throw new Error(
      `signing in ${email} at ${serverUrl} did not finish; the page says ${JSON.stringify(alerts)}, Server field ${server}`,
      { cause: error },
    );
  }
  return page;
}

/** The unread badge and open notifications, read from the background. */
export async function badgeAndNotifications(
  profile: Profile,
): Promise<{ badge: string; notifications: string[] }> {
  interface ChromeApis {
    action: { getBadgeText(details: object): Promise<string> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  }
  return profile.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: ChromeApis }).chrome;
    const badge = await c.action.getBadgeText({});
    const all = await c.notifications.getAll();
    return { badge, notifications: Object.keys(all) };
  });
}
