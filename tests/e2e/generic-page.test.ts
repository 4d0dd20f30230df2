// B18 / B19 on any page, in a real browser: the mission's "or any page with a phone number". Alice
// turns the action on from the options page; a company's own web page (the sandbox's /web/team) then
// shows one green action per number it writes, a click opens the panel for that number, under the
// name Greenline already knows it by, and the demo CRM pages keep their one action per record.
// Chrome's own "read all sites" prompt is browser UI that Playwright cannot click, so the world
// starts with it answered Allow (panel-world.ts, `allSitesAllowed`); everything after is the product.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CRM_RECORDS } from '../../sandbox/crm/records';
import type { Profile } from '../../scripts/extension/chromium';
import { clickGreenAction, PANEL_VIEWPORT, useWalk, UI, type World } from './support/panel-world';

let world: World;
let alice: Profile;

useWalk(
  ['alice@acme.test'],
  240_000,
  async (started) => {
    world = started;
    alice = world.person('alice@acme.test');
  },
  { allSitesAllowed: true },
);

const genericOption = (options: Page) =>
  options.getByRole('checkbox', { name: 'Show the WhatsApp action on any page with phone numbers' });

async function teamPage(): Promise<Page> {
  const page = await alice.context.newPage();
  // The sandbox's own demo of a company web page (sandbox/crm/web-page.ts), as a newcomer tries it.
  await page.goto(`${world.stack.sandboxUrl}/web/team`);
  await page.getByRole('heading', { name: 'Our team' }).waitFor();
  return page;
}

describe('the green action on any page (B18, B19)', { timeout: 90_000 }, () => {
  it('B18: off by default; once Alice turns it on, each number on a company page gets one action', async () => {
    const before = await teamPage();
    await before.waitForTimeout(1_500);
    expect(await before.locator('greenline-action').count()).toBe(0);
    await before.close();

    const options = await alice.options();
    expect(await genericOption(options).isChecked()).toBe(false);
    await genericOption(options).check();
    await options.getByText('Saved.').waitFor(UI);
    await options.close();

    const page = await teamPage();
    // A tel: link, a US number in text, a Brazilian mobile and a UK mobile written the British way.
    for (const number of ['+14155550101', '+14155550102', '+5511912345678', '+447911123456'])
      await page.getByRole('button', { name: `WhatsApp ${number}` }).waitFor(UI);
    // The order reference and the date are not phone numbers; nothing else got an action.
    expect(await page.locator('greenline-action').count()).toBe(4);
    // The page's own text is left as it was.
    expect(await page.locator('section').nth(3).textContent()).toContain('Mobile: +44 7911 123456');
    await page.close();
  });

  it('B18: with the action on any page, a demo CRM page still has one action per record', async () => {
    const page = await alice.context.newPage();
    const record = DEMO_CRM_RECORDS.hubspot.find((r) => r.name === 'Samuel Johnson');
    await page.goto(`${world.stack.sandboxUrl}/crm/hubspot${record?.path ?? ''}`);
    await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).waitFor(UI);
    await page.waitForTimeout(1_500);
    expect(await page.locator('greenline-action').count()).toBe(1);
    await page.close();
  });

  it('B19: a click opens the panel on that number; a contact Greenline knows keeps the name it has', async () => {
    // Samuel is known from his HubSpot record; the team page names nobody next to the number.
    const { crmPage, panel: first } = await clickGreenAction(world, alice, 'hubspot', 'Samuel Johnson');
    await first.close();
    await crmPage.close();
    const page = await teamPage();
    const action = page.getByRole('button', { name: 'WhatsApp +14155550101' });
    await action.waitFor(UI);
    const [panel] = await Promise.all([
      alice.context.waitForEvent('page', (p) => p.url().includes('/sidepanel.html')),
      action.click(),
    ]);
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.getByRole('heading', { level: 1, name: 'Samuel Johnson' }).waitFor(UI);
    await panel.getByRole('button', { name: 'Send opt-in' }).waitFor(UI);
    await panel.close();
    await page.close();
  });
});
