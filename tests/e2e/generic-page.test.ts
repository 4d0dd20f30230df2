// B18 / B19 on any page, in a real browser: the mission's "or any page with a phone number". Alice
// turns the action on from the options page; a company's own web page (served by the browser itself
// under a real-looking host name) then shows one green action per number it writes, a click opens the
// panel for that number, under the name Greenline already knows it by.
// Chrome's own "read all sites" prompt is browser UI that Playwright cannot click, so the world
// starts with it answered Allow (panel-world.ts, `allSitesAllowed`); everything after is the product.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import { clickGreenAction, PANEL_VIEWPORT, useWalk, UI, type World } from './support/panel-world';

const SITE = 'https://www.johnson-outdoor.example';
// What a small company's team page looks like: a tel: link, a UK mobile written the British way,
// and things that only look like numbers (an order reference, a date).
const TEAM_PAGE = `<!doctype html><html lang="en"><head><title>Our team — Johnson Outdoor</title></head><body>
<h1>Our team</h1>
<section><h2>Samuel Johnson</h2><p>Purchasing</p><p>Phone: <a href="tel:+14155550101">+1 415-555-0101</a></p></section>
<section><h2>Harriet Shaw</h2><p>London office</p><p>Mobile: +44 7911 123456</p></section>
<section><h2>Orders</h2><p>Reference 2024-555-0123, shipped on 12.05.2024</p></section>
</body></html>`;

let world: World;
let alice: Profile;

useWalk(
  ['alice@acme.test'],
  240_000,
  async (started) => {
    world = started;
    alice = world.person('alice@acme.test');
    await alice.context.route(`${SITE}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: TEAM_PAGE }),
    );
  },
  { allSitesAllowed: true },
);

const genericOption = (options: Page) =>
  options.getByRole('checkbox', { name: 'Show the WhatsApp action on any page with phone numbers' });

async function teamPage(): Promise<Page> {
  const page = await alice.context.newPage();
  await page.goto(`${SITE}/team`);
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
    await page.getByRole('button', { name: 'WhatsApp +14155550101' }).waitFor(UI);
    await page.getByRole('button', { name: 'WhatsApp +447911123456' }).waitFor(UI);
    // The order reference and the date are not phone numbers; nothing else got an action.
    expect(await page.locator('greenline-action').count()).toBe(2);
    // The page's own text is left as it was.
    expect(await page.locator('section').nth(1).textContent()).toContain('Mobile: +44 7911 123456');
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
