// Issue 9 in a real browser — a customer writing to nobody (B22): Ana writes first, with no
// conversation and no participant. Carol, whose panel shows the Unassigned list, sees Ana appear,
// takes the conversation, and replies inside the 24-hour window Ana's message opened (A1).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UNASSIGNED_POLL_MS } from '../../extension/models/panel/panel';
import type { Profile } from '../../scripts/extension/chromium';
import {
  clickGreenAction,
  customerWrites,
  inbox,
  seriousViolations,
  shoot,
  useWalk,
  type World,
  watchShownTimes,
} from './support/panel-world';

const ANA = '+5511912345678';

let world: World;
let carol: Profile;
let panel: Page;

useWalk(['carol@acme.test'], 180_000, async (started) => {
  world = started;
  carol = world.person('carol@acme.test');
});

describe('the Unassigned list in Chromium (B22)', { timeout: 90_000 }, () => {
  it('B22: Ana writes to nobody; she appears in Carol’s open Unassigned list by itself', async () => {
    // Carol is working on Samuel's record; from the panel's details menu she opens Unassigned.
    ({ panel } = await clickGreenAction(world, carol, 'dynamics', 'Samuel Johnson'));
    const question = panel.getByRole('alertdialog', { name: /Send the opt-in message/ });
    await question.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Conversation details' }).click();
    await panel.getByRole('menuitem', { name: 'Unassigned' }).click();
    await panel.getByText('No customer is waiting for an answer.').waitFor();
    expect(await seriousViolations(panel)).toEqual([]);

    await customerWrites(world, ANA, { text: 'Olá! Do you deliver to São Paulo?' });
    const take = panel.getByRole('button', { name: /^Take conversation with / });
    // Nobody is notified for a conversation nobody is in: the shown list is fetched again by itself.
    await take.waitFor({ timeout: UNASSIGNED_POLL_MS + 10_000 });
    const row = panel.getByRole('listitem').filter({ has: take });
    await row.getByText('Olá! Do you deliver to São Paulo?').waitFor();
    // Her number as people read it.
    await row.getByText('+55 11 91234 5678', { exact: false }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-unassigned', true);
  });

  it('B22: Carol takes the conversation and replies inside the window; Ana’s phone gets it', async () => {
    await panel.getByRole('button', { name: /^Take conversation with / }).click();
    const thread = panel.getByRole('log', { name: 'Messages' });
    await thread.getByText('Olá! Do you deliver to São Paulo?').waitFor();
    await thread.getByText('You took the conversation', { exact: true }).waitFor();
    await panel.getByText(/^Window open: 2\d h \d+ min left$/).waitFor();

    const reply = 'Hello Ana, yes we do: delivery to São Paulo takes three days.';
    await panel.getByRole('textbox', { name: 'Message' }).fill(reply);
    const shownTimes = await watchShownTimes(panel, reply);
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(async () => (await inbox(world, ANA)).messages.some((m) => m.text?.includes(reply)), {
        timeout: 15_000,
      })
      .toBe(true);
    await thread.getByText(reply).waitFor();
    // Shown once, also while the live message arrived before the send's own answer.
    expect(await shownTimes()).toBe(1);
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-claimed');
  });
});
