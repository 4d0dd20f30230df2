// Issue 9 in a real browser — the seed's "Opt-In Flow": Alice asks Samuel, Maria and Nora for consent
// from the green action on CRM pages; the customers answer on their phone pages. Each outcome shows in
// her panel as it happens, and chatting with Samuel afterwards goes both ways live (B1, B2, B9, A1).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import {
  clickGreenAction,
  inbox,
  phonePage,
  seriousViolations,
  shoot,
  useWalk,
  UI,
  type World,
  watchShownTimes,
} from './support/panel-world';

const SAMUEL = '+14155550101';
const MARIA = '+14155550102';
const NORA = '+14155550199';

let world: World;
let alice: Profile;

useWalk(['alice@acme.test'], 180_000, async (started) => {
  world = started;
  alice = world.person('alice@acme.test');
});

/** The opt-in question the panel asks on opening a contact without consent (B1), confirmed. */
async function confirmOptIn(panel: Page, name: string): Promise<void> {
  const question = panel.getByRole('alertdialog', { name: `Send the opt-in message to ${name}?` });
  await question.waitFor();
  await question.getByRole('button', { name: 'Send opt-in' }).click();
}

describe('the opt-in flow in Chromium (seed: Opt-In Flow)', { timeout: 90_000 }, () => {
  it('B1 / B2b / B9: Alice asks Samuel, he taps Yes on his phone, she sees it; her text reaches him and his reply appears live', async () => {
    const { panel } = await clickGreenAction(world, alice, 'hubspot', 'Samuel Johnson');
    await panel.getByRole('alertdialog', { name: 'Send the opt-in message to Samuel Johnson?' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-opt-in-question');
    await confirmOptIn(panel, 'Samuel Johnson');
    await panel.getByText('Opt-in sent. Waiting for Samuel Johnson to answer.').waitFor();

    // The panel is never reloaded from here on: a mark on its window must survive every update.
    await panel.evaluate(() => Object.assign(window, { greenlineTestMark: 'same page' }));

    const phone = await phonePage(world, alice, SAMUEL);
    await phone.getByRole('button', { name: 'Reply Yes' }).click();
    await phone.getByText('You tapped Yes').waitFor();

    const thread = panel.getByRole('log', { name: 'Messages' });
    await thread.getByText('The customer opted in. You can message them now.').waitFor();
    await panel.getByText('Opted in', { exact: true }).waitFor();
    // The customer got the short confirmation too (B2b).
    await phone.getByText('Thank you! You will now receive WhatsApp messages').waitFor();

    const hello = 'Hello Samuel, thanks for saying yes. Shall I send the quote here?';
    await panel.getByRole('textbox', { name: 'Message' }).fill(hello);
    const shownTimes = await watchShownTimes(panel, hello);
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.getByText(hello).waitFor();
    await expect
      .poll(async () => (await inbox(world, SAMUEL)).messages.some((m) => m.text?.includes(hello)), {
        timeout: 15_000,
      })
      .toBe(true);
    await phone.getByText(hello).waitFor();
    // Its state in words follows what WhatsApp reports (B9); it was never shown twice on its way.
    await expect.poll(() => thread.getByText(/^(Sent|Delivered|Read)/).count(), UI).toBeGreaterThan(0);
    expect(await shownTimes()).toBe(1);

    // Samuel reads it before answering (also keeps his reply in a later second than Alice's text:
    // the worker orders customer messages by WhatsApp's one-second timestamps; reported to the lead).
    await phone.waitForTimeout(1_000);
    const reply = 'Yes please, the quote for 20 chairs.';
    await phone.getByRole('textbox', { name: 'Message' }).fill(reply);
    await phone.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.getByText(reply).waitFor({ timeout: 15_000 });
    expect(await panel.evaluate(() => (window as { greenlineTestMark?: string }).greenlineTestMark)).toBe(
      'same page',
    );
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-opted-in-live-reply', true);
    await phone.close();
  });

  it('B2c: Maria taps No; Alice’s composer and templates are disabled, with the reason', async () => {
    const { panel } = await clickGreenAction(world, alice, 'salesforce', 'Maria Garcia');
    await confirmOptIn(panel, 'Maria Garcia');
    await panel.getByText('Opt-in sent. Waiting for Maria Garcia to answer.').waitFor();

    const phone = await phonePage(world, alice, MARIA);
    await phone.getByRole('button', { name: 'Reply No' }).click();
    // The customer is told they are opted out and may reply "yes" at any time (B2c).
    await phone.getByText('You have opted out and will not receive further WhatsApp messages').waitFor();

    const reason = 'Maria Garcia opted out of WhatsApp messages. They can opt in again by replying "yes".';
    await panel.getByText(reason).first().waitFor();
    await panel.getByText('Opted out', { exact: true }).waitFor();
    const message = panel.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => message.isDisabled(), UI).toBe(true);
    expect(await message.getAttribute('aria-describedby')).not.toBeNull();
    expect(await panel.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);

    await panel.getByRole('button', { name: 'More: templates and pictures' }).click();
    const templates = panel.getByRole('menuitem', { name: 'Templates' });
    expect(await templates.getAttribute('aria-disabled')).toBe('true');
    const why = await templates.getAttribute('aria-describedby');
    expect(why).not.toBeNull();
    expect(await panel.locator(`[id="${why}"]`).textContent()).toBe(reason);
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-opted-out-menu');
    await panel.keyboard.press('Escape');
    await expect.poll(() => templates.count(), UI).toBe(0);
    await shoot(panel, 'panel-opted-out', true);
    await phone.close();
  });

  it('B2a: Nora is not on WhatsApp; the panel offers an SMS: No returns, Yes gives the sms: hand-off', async () => {
    const { panel } = await clickGreenAction(world, alice, 'pipedrive', 'Nora Quinn');
    await confirmOptIn(panel, 'Nora Quinn');
    const offer = panel.getByRole('alertdialog', {
      name: "Nora Quinn isn't on WhatsApp. Send an SMS instead?",
    });
    await offer.waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-sms-offer', true);

    // No returns to the panel, with no hand-off.
    await offer.getByRole('button', { name: 'No' }).click();
    await expect.poll(() => offer.count(), UI).toBe(0);
    await panel.getByText("Nora Quinn isn't on WhatsApp.").first().waitFor();
    expect(await panel.getByRole('link', { name: /send an SMS/ }).count()).toBe(0);
    // B2a/B2d: another opt-in may be tried only after 24 h; the panel says when.
    const resend = panel.getByRole('button', { name: 'Send a new opt-in' });
    expect(await resend.isDisabled()).toBe(true);
    await panel.getByText(/A new opt-in can be sent in .* \(24 hours after the last one\)\./).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);

    // Opening Nora again asks again; Yes hands the number to the SMS app, and leaves the link.
    // (Last: headless Chromium answers the sms: hand-off with a protocol prompt nobody can see,
    // which then holds every click to that window; a person would see and close it.)
    const again = await clickGreenAction(world, alice, 'zoho', 'Nora Quinn');
    const offerAgain = again.panel.getByRole('alertdialog', {
      name: "Nora Quinn isn't on WhatsApp. Send an SMS instead?",
    });
    await offerAgain.getByRole('button', { name: 'Yes' }).click();
    const link = again.panel.getByRole('link', { name: `send an SMS to ${NORA}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`sms:${NORA}`);
    expect(await offerAgain.count()).toBe(0);
  });
});
