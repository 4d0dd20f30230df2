// Issue 8 in a real browser: Debian's Chromium with the built extension, the real local stack, and the
// sandbox's demo CRM pages served under the CRMs' real host names. People are driven the way they
// work: the options page to sign in, the CRM page to click the green action (B18–B21, P4, A1).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRM_RECORDS, DEMO_CRMS } from '../../sandbox/crm/records';
import {
  badgeAndNotifications,
  buildExtension,
  launchProfile,
  type Profile,
  signIn,
} from '../../scripts/extension/chromium';
import { type CrmHosts, startCrmHosts } from '../../scripts/extension/crm-hosts';
import { DEMO_PASSWORD } from '../../shared/demo';
import { type Stack, startStack } from './support/stack';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

let stack: Stack;
let hosts: CrmHosts;
let extension: { dir: string; remove: () => void };
const profiles: Profile[] = [];
let alice: Profile;
let adminProfile: Profile | undefined;

async function profile(email: string): Promise<Profile> {
  const p = await launchProfile(extension.dir, hosts.chromiumArgs);
  profiles.push(p);
  await signIn(p, stack.workerUrl, email, DEMO_PASSWORD);
  return p;
}

const recordOn = (crm: (typeof DEMO_CRMS)[number], name: string) => {
  const record = DEMO_CRM_RECORDS[crm].find((r) => r.name === name);
  if (!record) throw new Error(`no ${name} on ${crm}`);
  return hosts.url(crm, record.path);
};
const samuelOn = (crm: (typeof DEMO_CRMS)[number]) => recordOn(crm, 'Samuel Johnson');

/** Seriously bad accessibility problems (axe impact serious or critical) in what we put on screen. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [stack, hosts] = await Promise.all([startStack(), startCrmHosts()]);
  extension = buildExtension();
  alice = await profile('alice@acme.test');
}, 180_000);

afterAll(async () => {
  for (const p of profiles) await p.close().catch(() => undefined);
  await hosts?.close();
  await stack?.stop();
  extension?.remove();
}, 60_000);

describe('the extension in Chromium on the local stack', { timeout: 120_000 }, () => {
  it('B21: Alice signs in through the options page and sees who is signed in', async () => {
    const options = await alice.options();
    await expect.poll(() => options.getByText('Alice Martin').count()).toBeGreaterThan(0);
    await options.screenshot({ path: path.join(SCREENSHOTS, 'options-agent.png'), fullPage: true });
    await options.close();
  });

  it('B20: a customer message raises a notification and the unread badge for Alice, with no panel open', async () => {
    // First of Alice's tests that touch a conversation: no panel has ever been opened in her browser.
    const token = await stack.login('alice@acme.test');
    const contact = await stack.api('/api/v1/contacts', {
      method: 'PUT',
      token,
      body: { name: 'Samuel Johnson', phone: '+14155550101' },
    });
    const contactId = (contact.body as { id: string }).id;
    await stack.api(`/api/v1/contacts/${contactId}/whatsapp/opt-in`, { method: 'POST', token });
    const received = await stack.sandbox('/sandbox/users/%2B14155550101/messages');
    const optIn = (received.body as { messages: { template?: unknown; wamid: string }[] }).messages.find(
      (m) => m.template,
    );
    await stack.sandbox('/sandbox/users/%2B14155550101/messages', {
      body: { button: { payload: 'greenline:opt_in:yes', text: 'Yes' }, contextId: optIn?.wamid },
    });
    const before = await badgeAndNotifications(alice);
    await stack.sandbox('/sandbox/users/%2B14155550101/messages', {
      body: { text: 'Is the offer still on?' },
    });
    await expect
      .poll(() => badgeAndNotifications(alice).then((b) => b.notifications.length), { timeout: 15_000 })
      .toBeGreaterThan(before.notifications.length);
    const after = await badgeAndNotifications(alice);
    expect(Number(after.badge)).toBeGreaterThanOrEqual(Number(before.badge || '0') + 1);
  });

  it('B18: exactly one green action per record on every supported CRM, named for the contact', async () => {
    const page = await alice.context.newPage();
    for (const crm of DEMO_CRMS) {
      await page.goto(samuelOn(crm));
      const action = page.getByRole('button', { name: 'WhatsApp Samuel Johnson' });
      await action.waitFor();
      await page.waitForTimeout(300);
      expect(await action.count(), crm).toBe(1);
      expect(await page.locator('greenline-action').count(), crm).toBe(1);
      // Samuel opted in and wrote (the B20 test above): the glance says the window is open.
      await expect.poll(() => action.textContent(), { message: crm }).toMatch(/Open · 2\d h left/);
      if (crm === 'hubspot') await page.screenshot({ path: path.join(SCREENSHOTS, 'action-hubspot.png') });
    }
    await page.close();
  });

  it('B18: follows single-page navigation to another record and survives a re-render', async () => {
    const page = await alice.context.newPage();
    for (const crm of DEMO_CRMS) {
      await page.goto(samuelOn(crm));
      await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).waitFor();
      await page.getByRole('link', { name: 'Next record' }).click();
      await page.getByRole('button', { name: 'WhatsApp Maria Garcia' }).waitFor();
      expect(await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).count(), crm).toBe(0);
      await page.getByRole('button', { name: 'Refresh view' }).click();
      await page.waitForTimeout(300);
      await page.getByRole('button', { name: 'WhatsApp Maria Garcia' }).waitFor();
      expect(await page.locator('greenline-action').count(), crm).toBe(1);
    }
    await page.close();
  });

  it('B19: a click opens the side panel for that tab (Chrome’s side panel, the default)', async () => {
    const page = await alice.context.newPage();
    await page.goto(samuelOn('pipedrive'));
    await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).click();
    const cdp = await alice.context.newCDPSession(page);
    await expect
      .poll(async () => {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
        return targetInfos.some((t) => t.url.endsWith('/sidepanel.html'));
      })
      .toBe(true);
    await page.close();
  });

  it('B19: in its own window, the panel shows the contact and its WhatsApp state (not asked yet: the opt-in)', async () => {
    const options = await alice.options();
    await options.getByRole('radio', { name: 'In their own window' }).check();
    await options.close();
    const page = await alice.context.newPage();
    await page.goto(recordOn('hubspot', 'Maria Garcia'));
    const [panel] = await Promise.all([
      alice.context.waitForEvent('page', (p) => p.url().includes('/sidepanel.html')),
      page.getByRole('button', { name: 'WhatsApp Maria Garcia' }).click(),
    ]);
    await panel.getByText('Maria Garcia').first().waitFor();
    expect(panel.url()).toContain('contact=');
    await panel.getByRole('button', { name: 'Send opt-in' }).waitFor();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'panel-new-contact.png') });
    await panel.close();
    await page.close();
  });

  it('B18: Dave (not enabled for WhatsApp) gets no action at all', async () => {
    const dave = await profile('dave@acme.test');
    const page = await dave.context.newPage();
    await page.goto(samuelOn('salesforce'));
    await page.getByText('Samuel Johnson').first().waitFor();
    await page.waitForTimeout(1500);
    expect(await page.locator('greenline-action').count()).toBe(0);
    const options = await dave.options();
    await expect.poll(() => options.getByText('not enabled', { exact: false }).count()).toBeGreaterThan(0);
  });

  it('B21 / B18: an admin disables Bob from the options page; his action is gone on his next page load', async () => {
    const bob = await profile('bob@acme.test');
    const page = await bob.context.newPage();
    await page.goto(samuelOn('zoho'));
    await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).waitFor();

    const admin = await profile('admin@acme.test');
    const options = await admin.options();
    const bobsSwitch = options.getByRole('checkbox', { name: 'WhatsApp enabled for Bob Keller' });
    await bobsSwitch.waitFor();
    expect(await bobsSwitch.isChecked()).toBe(true);
    await bobsSwitch.click();
    const adminToken = await stack.login('admin@acme.test');
    const bobEnabled = async () => {
      const reply = await stack.api('/api/v1/admin/users', { token: adminToken });
      const users = (reply.body as { users: { email: string; whatsappEnabled: boolean }[] }).users;
      return users.find((u) => u.email === 'bob@acme.test')?.whatsappEnabled;
    };
    await expect.poll(bobEnabled).toBe(false);
    await expect.poll(() => bobsSwitch.isChecked()).toBe(false);
    adminProfile = admin;
    await options.getByRole('heading', { name: 'Users', exact: true }).scrollIntoViewIfNeeded();
    await options.screenshot({ path: path.join(SCREENSHOTS, 'options-admin.png') });

    await page.reload();
    await page.getByText('Samuel Johnson').first().waitFor();
    await page.waitForTimeout(1500);
    expect(await page.locator('greenline-action').count()).toBe(0);
  });

  it('A1: axe finds no serious violation in the green action, nor in the options page', async () => {
    const page = await alice.context.newPage();
    await page.goto(samuelOn('dynamics'));
    await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).waitFor();
    expect(await seriousViolations(page, 'greenline-action')).toEqual([]);
    await page.close();
    const options = await alice.options();
    await options.getByText('Alice Martin').first().waitFor();
    expect(await seriousViolations(options)).toEqual([]);
    if (adminProfile) {
      const adminOptions = await adminProfile.options();
      await adminOptions.getByRole('checkbox', { name: 'WhatsApp enabled for Bob Keller' }).waitFor();
      expect(await seriousViolations(adminOptions)).toEqual([]);
    }
  });
});
