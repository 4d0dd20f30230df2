// The admin's side of the options page in a real browser (issues 10 and 12): Shawn, an admin, keeps the
// options page open; WhatsApp downgrades the number (the sandbox sends the quality webhook Meta sends)
// and the page shows the lowered limit as a warning without a reload. Then a customer asks for their
// data: Shawn finds Maria by her phone, downloads her data, and erases her after confirming (B21, A1).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS } from '../../shared/demo';
import { customerWrites, seriousViolations, shoot, UI, useWalk, type World } from './support/panel-world';

const MARIA = '+14155550102';
const ACME_NUMBER = DEMO_ORGS[0]?.number.phoneNumberId;
const HER_WORDS = 'Please send me everything you hold about me.';

let world: World;
let options: Page;

useWalk(['admin@acme.test'], 180_000, async (started) => {
  world = started;
  await customerWrites(world, MARIA, { text: HER_WORDS });
  options = await world.person('admin@acme.test').options();
  await options.getByRole('button', { name: 'Sign out' }).waitFor();
});

const section = (name: string) => options.getByRole('region', { name });

describe('the options page for an admin in Chromium (issues 10 and 12)', { timeout: 90_000 }, () => {
  it('issue 10: a downgrade of the number shows as a warning with the new limit, without a reload', async () => {
    const number = section('WhatsApp number');
    await number.getByLabel('Phone number ID').waitFor();
    expect(await number.getByRole('heading', { name: 'Number health' }).count()).toBe(0);

    const reply = await world.stack.sandbox(`/sandbox/numbers/${ACME_NUMBER}/quality`, {
      body: { event: 'DOWNGRADE', currentLimit: 'TIER_250' },
    });
    expect(reply.status).toBe(200);

    const health = number.getByRole('region', { name: 'Number health' });
    await health.getByText('250 customers a day').waitFor(UI);
    await health.getByText('Limit lowered because of low quality.').waitFor();
    await number.scrollIntoViewIfNeeded();
    await shoot(options, 'options-number-health', true);
    expect(await seriousViolations(options)).toEqual([]);
  });

  it('issue 12: Maria’s data is found by her phone, downloaded, and erased after confirming', async () => {
    const data = section("Customers' data");
    await data.getByLabel("Customer's phone").fill(MARIA);
    await data.getByRole('button', { name: 'Find' }).click();
    await data.getByText('Maria Garcia', { exact: false }).first().waitFor(UI);

    const [download] = await Promise.all([
      options.waitForEvent('download'),
      data.getByRole('button', { name: 'Export data (JSON)' }).click(),
    ]);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toContain(HER_WORDS);
    expect(exported).toContain(MARIA);

    await data.getByRole('button', { name: 'Erase customer' }).click();
    const question = data.getByRole('alertdialog');
    await question.getByText(/deleted for good/).waitFor();
    // The safe answer has the focus: a stray Enter erases nothing.
    expect(
      await question.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await data.scrollIntoViewIfNeeded();
    await shoot(options, 'options-erase-question', true);
    await question.getByRole('button', { name: 'Erase Maria Garcia' }).click();
    await data
      .getByRole('status')
      .getByText(/was erased \(receipt /)
      .waitFor(UI);

    await data.getByLabel("Customer's phone").fill(MARIA);
    await data.getByRole('button', { name: 'Find' }).click();
    await data.getByText('Greenline holds no customer with this number.').waitFor(UI);
    expect(await seriousViolations(options)).toEqual([]);
  });
});
