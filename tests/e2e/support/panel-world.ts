// The world of the panel's browser walks (issue 9): the real local stack, the demo CRM pages under
// their real host names, the built extension, and one Chromium profile per demo user, each signed in
// through the options page with the panel set to open "In their own window" (Playwright sees that
// window as a page; Chrome's side panel it cannot drive). People act only through what they see:
// the CRM page's green action, the panel, the options page, the customer's phone page, and the
// sandbox's public control API (the customer's phone and the clock).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEMO_CRM_RECORDS, type DemoCrm } from '../../../sandbox/crm/records';
import type { DeliveryRecord } from '../../../sandbox/webhooks/delivery';
import { buildExtension, launchProfile, type Profile, signIn } from '../../../scripts/extension/chromium';
import { type CrmHosts, startCrmHosts } from '../../../scripts/extension/crm-hosts';
import { DEMO_PASSWORD } from '../../../shared/demo';
import { type Stack, startStack } from './stack';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(root, 'test-results/screenshots');
export const DOC_SCREENSHOTS = path.join(root, 'docs/screenshots');
/** How long a poll waits for the panel to show what an action changed (two cores, three browsers). */
export const UI = { timeout: 10_000 };
/** The panel window's size (background/main.ts opens it 420 × 760). */
export const PANEL_VIEWPORT = { width: 420, height: 760 };

export interface World {
  stack: Stack;
  hosts: CrmHosts;
  /** A signed-in profile per email, in the order given. */
  people: Map<string, Profile>;
  person(email: string): Profile;
  /** Another browser with the extension, nobody signed in yet (someone new, such as an invitee). */
  newcomer(): Promise<Profile>;
  recordUrl(crm: DemoCrm, name: string): string;
  stop(): Promise<void>;
}

/**
 * The one step a browser walk cannot take: answering Chrome's own "read all sites" prompt (browser UI
 * that Playwright does not reach). The built manifest grants `<all_urls>` up front instead, so the
 * options page's request resolves at once, as it does after a person clicks Allow.
 */
function grantAllSites(extensionDir: string): void {
  const file = path.join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), '<all_urls>'];
  writeFileSync(file, JSON.stringify(manifest));
}

export interface WorldOptions {
  /** Chrome's prompt for `<all_urls>` (the generic adapter) answered Allow in advance. */
  allSitesAllowed?: boolean;
}

/** Starts the stack, the CRM hosts and one signed-in profile per email (panel in its own window). */
export async function startWorld(emails: string[], options: WorldOptions = {}): Promise<World> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const started: { stack?: Stack; hosts?: CrmHosts; extension?: ReturnType<typeof buildExtension> } = {};
  const people = new Map<string, Profile>();
  const stop = async () => {
    for (const p of people.values()) await p.close().catch(() => undefined);
    await started.hosts?.close();
    await started.stack?.stop();
    started.extension?.remove();
  };
  try {
    [started.stack, started.hosts] = await Promise.all([startStack(), startCrmHosts()]);
    started.extension = buildExtension();
    if (options.allSitesAllowed) grantAllSites(started.extension.dir);
    for (const email of emails) {
      const profile = await launchProfile(started.extension.dir, started.hosts.chromiumArgs);
      people.set(email, profile);
      const options = await signIn(profile, started.stack.workerUrl, email, DEMO_PASSWORD);
      await options.getByRole('radio', { name: 'In their own window' }).check();
      await options.close();
    }
  } catch (error) {
    // The worker's own lines say what the browser could not: a reload, a crash, an error logged.
    const logs = started.stack?.logs().slice(-40) ?? [];
    await stop();
    if (logs.length === 0) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nthe stack's last lines:\n${logs.join('\n')}`, { cause: error });
  }
  const { stack, hosts, extension } = started as Required<typeof started>;
  return {
    stack,
    hosts,
    people,
    async newcomer() {
      const profile = await launchProfile(extension.dir, hosts.chromiumArgs);
      // Kept with the others so a failure's screenshots and the world's stop include it.
      people.set(`newcomer-${people.size}`, profile);
      return profile;
    },
    person(email) {
      const p = people.get(email);
      if (!p) throw new Error(`no profile for ${email}`);
      return p;
    },
    recordUrl(crm, name) {
      const record = DEMO_CRM_RECORDS[crm].find((r) => r.name === name);
      if (!record) throw new Error(`no ${name} on ${crm}`);
      return hosts.url(crm, record.path);
    },
    stop,
  };
}

/**
 * Registers a walk's hooks: the world started for these people before the file's tests (then
 * `setup` on it, within `timeoutMs`), a screenshot of every page when a test fails, and the world
 * stopped after them, also when something failed.
 */
export function useWalk(
  emails: string[],
  timeoutMs: number,
  setup: (world: World) => Promise<void>,
  options: WorldOptions = {},
): void {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(emails, options);
    await setup(world);
  }, timeoutMs);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await recordFailure(world, ctx.task.name);
  });
  afterAll(async () => {
    await world?.stop();
  }, 60_000);
}

const isPanel = (p: Page) => p.url().includes('/sidepanel.html');

/** This profile's open panel window, if any. */
export function openPanel(profile: Profile): Page | null {
  return profile.context.pages().find(isPanel) ?? null;
}

/**
 * Opens the CRM record and clicks its green action, as a person does; returns the CRM page and the
 * panel. The background keeps one panel window per profile: when it is open, the same window
 * navigates to the new contact.
 */
export async function clickGreenAction(
  world: World,
  profile: Profile,
  crm: DemoCrm,
  name: string,
): Promise<{ crmPage: Page; panel: Page }> {
  const crmPage = await profile.context.newPage();
  await crmPage.goto(world.recordUrl(crm, name));
  const action = crmPage.getByRole('button', { name: `WhatsApp ${name}` });
  await action.waitFor();
  const existing = openPanel(profile);
  let panel: Page;
  if (existing) {
    const loaded = existing.waitForEvent('load', { timeout: 15_000 });
    await action.click();
    await loaded;
    panel = existing;
  } else {
    [panel] = await Promise.all([profile.context.waitForEvent('page', isPanel), action.click()]);
  }
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.getByRole('heading', { level: 1, name }).waitFor();
  // Settled: the conversation is loaded, not only its contact.
  await panel.getByText('Loading the conversation…').waitFor({ state: 'detached' });
  return { crmPage, panel };
}

/** The customer's phone page (the sandbox's simulated WhatsApp), opened in this profile. */
export async function phonePage(world: World, profile: Profile, phone: string): Promise<Page> {
  const page = await profile.context.newPage();
  await page.setViewportSize({ width: 480, height: 760 });
  await page.goto(`${world.stack.sandboxUrl}/phone/${encodeURIComponent(phone)}`);
  await page.locator('#number').getByText(phone).waitFor();
  return page;
}

export interface PhoneInbox {
  messages: {
    wamid: string;
    type: string;
    text?: string;
    template?: {
      name: string;
      params: string[];
      body: string;
      buttons: { text: string; payload: string }[];
      headerMedia?: { type: 'image' | 'document'; mediaId?: string; link?: string };
    };
    image?: { mediaId?: string; link?: string; caption?: string };
    state: string;
  }[];
  sent: { wamid: string; type: string; text?: string }[];
}

/** What the customer's phone holds (the sandbox's public control API). */
export async function inbox(world: World, phone: string): Promise<PhoneInbox> {
  const reply = await world.stack.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`);
  if (reply.status !== 200) throw new Error(`inbox of ${phone}: ${reply.status}`);
  return reply.body as PhoneInbox;
}

/** WhatsApp's delivery log of the sandbox (every webhook, its state and attempts). */
async function webhookDeliveries(world: World): Promise<DeliveryRecord[]> {
  const reply = await world.stack.sandbox('/sandbox/webhooks');
  return (reply.body as { deliveries: DeliveryRecord[] }).deliveries;
}

/**
 * The customer writes (sandbox control API: what their phone would send); resolves once WhatsApp's
 * webhook for it has been answered 200, i.e. Greenline holds the message, as it would a moment after
 * a real customer pressed send. A delivery that needed retries is reported (a slow or refusing intake).
 */
export async function customerWrites(world: World, phone: string, body: unknown): Promise<void> {
  const reply = await world.stack.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`, { body });
  if (reply.status >= 300)
    throw new Error(`${phone} could not write: ${reply.status} ${JSON.stringify(reply.body)}`);
  const { wamid } = reply.body as { wamid: string };
  const until = Date.now() + 30_000;
  for (;;) {
    const deliveries = await webhookDeliveries(world);
    const record = deliveries.find((d) => !d.body.includes('"statuses"') && d.body.includes(wamid));
    if (record?.state === 'delivered') {
      if (record.attempts.length > 1)
        console.warn(
          `the webhook of ${phone}'s message took ${record.attempts.length} attempts`,
          record.attempts,
        );
      return;
    }
    if (Date.now() > until)
      throw new Error(`${phone}'s message never reached Greenline: ${JSON.stringify(record ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Moves the sandbox's clock, and the worker's with it. */
export async function advanceClock(world: World, advanceMs: number): Promise<unknown> {
  const reply = await world.stack.sandbox('/sandbox/clock', { body: { advanceMs } });
  if (reply.status !== 200) throw new Error(`clock: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Axe's serious and critical findings (WCAG 2.0–2.2 A/AA) on this page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`,
    );
}

/**
 * Saves a screenshot to test-results/screenshots, and to docs/screenshots when `docs` is set;
 * `fullPage` for a state taller than the panel window (the whole panel, scrolled).
 */
export async function shoot(page: Page, name: string, docs = false, fullPage = false): Promise<void> {
  await page.waitForTimeout(150); // let a just-rendered state paint
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  if (!docs) return;
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  const file = path.join(DOC_SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  const kb = statSync(file).size / 1024;
  if (kb > 150) throw new Error(`${name}.png is ${Math.round(kb)} KB (keep docs screenshots under 150 KB)`);
}

/** After a failed test: a screenshot of every open page of every profile, and the stack's last log lines. */
export async function recordFailure(world: World | undefined, test: string): Promise<void> {
  if (!world) return;
  const slug = test.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  let n = 0;
  for (const [email, profile] of world.people) {
    for (const page of profile.context.pages()) {
      const file = path.join(SCREENSHOTS, `failed-${slug}-${email.split('@')[0]}-${n++}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      // Say what the person would have read there: the page's alerts and status notes.
      const notes = await page
        .locator('[role="alert"], [role="status"]')
        .allInnerTexts()
        .catch(() => []);
      const said = notes.map((t) => t.trim()).filter((t) => t !== '');
      console.error(`${email} on ${page.url()} reads ${JSON.stringify(said)}`);
    }
  }
  // WhatsApp's side: webhooks not yet answered 200, or answered only after retries.
  const deliveries = await webhookDeliveries(world).catch(() => []);
  const troubled = deliveries.filter((d) => d.state !== 'delivered' || d.attempts.length > 1);
  for (const d of troubled) console.error(`webhook ${d.summary}: ${d.state}`, JSON.stringify(d.attempts));
  console.error(world.stack.logs().slice(-40).join('\n'));
}

/**
 * Starts counting, in the page, how many times the thread shows this exact text at once; the
 * returned function gives the most seen so far (a message must never show twice, even briefly).
 */
export async function watchShownTimes(page: Page, text: string): Promise<() => Promise<number>> {
  const key = `greenlineWatch${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, text }) => {
      const count = () =>
        Array.from(document.querySelectorAll('[role="log"] p')).filter((p) => p.textContent?.trim() === text)
          .length;
      const store = window as unknown as Record<string, number>;
      store[key] = count();
      new MutationObserver(() => {
        store[key] = Math.max(store[key] ?? 0, count());
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { key, text },
  );
  return () => page.evaluate((k) => (window as unknown as Record<string, number>)[k] ?? 0, key);
}

/**
 * Starts recording what the page's screen-reader announcer (the polite live region) says; the
 * returned function gives everything said since (each change is read out, even if soon replaced).
 */
export async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const said: string[] = [];
    Object.assign(window, { greenlineAnnouncements: said });
    const note = () => {
      for (const el of Array.from(document.querySelectorAll('[role="status"][aria-live="polite"]'))) {
        const text = el.textContent?.trim() ?? '';
        if (text && said.at(-1) !== text) said.push(text);
      }
    };
    new MutationObserver(note).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  return () =>
    page.evaluate(() => [
      ...((window as { greenlineAnnouncements?: string[] }).greenlineAnnouncements ?? []),
    ]);
}
