// Issue 9 in a real browser — the seed's "Sending a template message to start a new 24 hour
// conversation window": the clock jumps 25 hours while Alice's panel is open; the panel switches to
// "template required" by itself, and a template with a typed variable reaches Samuel's phone
// (B6, B7, B8, A1). A text written anyway waits until Samuel writes again.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import {
  advanceClock,
  clickGreenAction,
  customerWrites,
  inbox,
  phonePage,
  seriousViolations,
  shoot,
  useWalk,
  UI,
  type World,
} from './support/panel-world';

const SAMUEL = '+14155550101';
const HOURS_25 = 25 * 60 * 60 * 1000;

let world: World;
let alice: Profile;

useWalk(['alice@acme.test'], 180_000, async (started) => {
  world = started;
  alice = world.person('alice@acme.test');
});

describe('the 24-hour window and templates in Chromium', { timeout: 90_000 }, () => {
  it('B8 / B7 / B6: 25 hours pass with the panel open; it says a template is required, and a template with a typed field reaches Samuel', async () => {
    const { panel } = await clickGreenAction(world, alice, 'dynamics', 'Samuel Johnson');
    await panel.getByRole('button', { name: 'Send opt-in' }).click();
    const phone = await phonePage(world, alice, SAMUEL);
    await phone.getByRole('button', { name: 'Reply Yes' }).click();
    await customerWrites(world, SAMUEL, { text: 'Can we meet next week?' });
    const thread = panel.getByRole('log', { name: 'Messages' });
    await thread.getByText('Can we meet next week?').waitFor();
    const window = panel.getByText(/^Window open: 2\d h \d+ min left$/);
    await window.waitFor();
    const composer = panel.getByRole('textbox', { name: 'Message' });
    expect(await composer.isEnabled()).toBe(true);
    await panel.evaluate(() => Object.assign(window, { greenlineTestMark: 'same page' }));

    await advanceClock(world, HOURS_25);
    await panel.getByText('Window closed: template required').waitFor({ timeout: 20_000 });
    const note =
      'Template required: the 24-hour window is closed. Send a template from the + menu; a text is queued until Samuel Johnson writes again.';
    await panel.getByText(note).waitFor();
    expect(await window.count()).toBe(0);
    expect(await panel.evaluate(() => (window as { greenlineTestMark?: string }).greenlineTestMark)).toBe(
      'same page',
    );
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-template-required');

    // A text written anyway is queued, and says why (B7).
    const later = 'I will send you the summary as soon as you write back.';
    await composer.fill(later);
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    const queued = thread.getByRole('listitem').filter({ hasText: later });
    await queued.getByText('Queued', { exact: true }).waitFor();

    // The '+' menu offers the approved templates; the typed field is asked for, the rest filled in.
    await panel.getByRole('button', { name: 'More: templates and pictures' }).click();
    await panel.getByRole('menuitem', { name: 'Templates' }).click();
    const picker = panel.getByRole('form', { name: 'Templates' });
    await picker.getByRole('radio', { name: 'Appointment reminder (en_US)' }).check();
    await picker.getByText('Field 1 of the message: Samuel').waitFor();
    await picker.getByText('Field 2 of the message: Alice Martin').waitFor();
    await picker.getByRole('textbox', { name: 'Field 3 of the message' }).fill('Tuesday at 15:00');
    const preview = picker.getByRole('region', { name: 'Preview: as Samuel Johnson will see it' });
    await preview
      .getByText(
        'Hi Samuel, a reminder of your appointment with Alice Martin on Tuesday at 15:00. Reply here if you need to change it.',
      )
      .waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-template-picker', true, true);
    await picker.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => picker.count(), UI).toBe(0);

    await expect
      .poll(
        async () => {
          const got = (await inbox(world, SAMUEL)).messages.find(
            (m) => m.template?.name === 'appointment_reminder',
          );
          return got ? { params: got.template?.params, body: got.template?.body } : null;
        },
        { timeout: 15_000 },
      )
      .toEqual({
        params: ['Samuel', 'Alice Martin', 'Tuesday at 15:00'],
        body: 'Hi Samuel, a reminder of your appointment with Alice Martin on Tuesday at 15:00. Reply here if you need to change it.',
      });
    await phone.getByText('on Tuesday at 15:00').waitFor();
    await thread.getByText(/appointment with Alice Martin on Tuesday at 15:00/).waitFor();
    // Nothing the business sends reopens the window (B6): the held text is still queued.
    expect(await queued.getByText('Queued', { exact: true }).count()).toBe(1);
    expect((await inbox(world, SAMUEL)).messages.some((m) => m.text?.includes(later))).toBe(false);

    // Samuel writes again: the window opens, the held text goes out, the panel follows live.
    await phone.getByRole('textbox', { name: 'Message' }).fill('Tuesday works.');
    await phone.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.getByText('Tuesday works.').waitFor();
    await panel.getByText(/^Window open: 2\d h \d+ min left$/).waitFor();
    await expect
      .poll(async () => (await inbox(world, SAMUEL)).messages.some((m) => m.text?.includes(later)), {
        timeout: 15_000,
      })
      .toBe(true);
    await expect.poll(() => queued.getByText('Queued', { exact: true }).count(), UI).toBe(0);
    await phone.close();
  });
});
