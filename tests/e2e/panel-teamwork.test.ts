// Issue 9 in a real browser — the seed's "Group Messaging", with three people in three browsers:
// Alice adds Bob and Shawn to her conversation with Samuel, removes Bob (confirming), transfers the
// conversation to Bob, and Shawn leaves. Each sees the system lines worded for them (the server words
// them per reader: worker/domain/system-events.ts), live in the panels they have open, and Samuel's
// phone gets the automated notices (B13–B16, A1). Carol (Sales US) cannot be added to a Sales EMEA
// conversation (B13), so the third colleague is Shawn Michaels, the seed's own example.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import {
  clickGreenAction,
  inbox,
  phonePage,
  recordAnnouncements,
  seriousViolations,
  shoot,
  useWalk,
  UI,
  type World,
} from './support/panel-world';

const SAMUEL = '+14155550101';

let world: World;
const panels: Record<'alice' | 'bob' | 'shawn', Page> = {} as Record<'alice' | 'bob' | 'shawn', Page>;

useWalk(['alice@acme.test', 'bob@acme.test', 'admin@acme.test'], 240_000, async (started) => {
  world = started;
  const alice: Profile = world.person('alice@acme.test');
  ({ panel: panels.alice } = await clickGreenAction(world, alice, 'hubspot', 'Samuel Johnson'));
  await panels.alice.getByRole('button', { name: 'Send opt-in' }).click();
  const phone = await phonePage(world, alice, SAMUEL);
  await phone.getByRole('button', { name: 'Reply Yes' }).click();
  await phone.getByRole('textbox', { name: 'Message' }).fill('Hello, who else can help me?');
  await phone.getByRole('button', { name: 'Send', exact: true }).click();
  await thread(panels.alice).getByText('Hello, who else can help me?').waitFor();
  await phone.close();
  // Bob and Shawn open Samuel from their CRMs: Alice's conversation, which they are not in.
  ({ panel: panels.bob } = await clickGreenAction(
    world,
    world.person('bob@acme.test'),
    'salesforce',
    'Samuel Johnson',
  ));
  ({ panel: panels.shawn } = await clickGreenAction(
    world,
    world.person('admin@acme.test'),
    'zoho',
    'Samuel Johnson',
  ));
});

/** What each panel's screen-reader announcer said, from the B13 test on (the panels never reload). */
const heard = {} as Record<keyof typeof panels, () => Promise<string[]>>;

const thread = (panel: Page) => panel.getByRole('log', { name: 'Messages' });

/** Waits until this panel's thread shows the line (live: no reload). */
async function sees(panel: Page, line: string): Promise<void> {
  await thread(panel).getByText(line, { exact: true }).waitFor({ timeout: 15_000 });
}

async function details(panel: Page, item: string): Promise<void> {
  await panel.getByRole('button', { name: 'Conversation details' }).click();
  await panel.getByRole('menuitem', { name: item }).click();
}

const phoneTexts = async () => (await inbox(world, SAMUEL)).messages.flatMap((m) => (m.text ? [m.text] : []));

describe('group messaging with three browsers (seed: Group Messaging)', { timeout: 90_000 }, () => {
  it('B22: Bob and Shawn see who is in Samuel’s conversation before they are added', async () => {
    for (const panel of [panels.bob, panels.shawn]) {
      const who = panel.getByRole('region', { name: 'Who is in this conversation' });
      await who.getByText('Alice Martin').waitFor();
    }
  });

  it('B22: Bob asks to join and Alice declines; Bob is told, live, and may ask again', async () => {
    const who = panels.bob.getByRole('region', { name: 'Who is in this conversation' });
    await who.getByRole('button', { name: 'Ask to join' }).click();
    await who.getByText('You asked to join. A participant will answer.').waitFor(UI);
    await panels.alice.getByRole('button', { name: 'Decline' }).click();
    // Shown (a card above who is in it) and read out (the panel's announcer).
    await panels.bob.locator('p.notice').getByText('Alice Martin declined your request to join').waitFor(UI);
    await panels.bob
      .locator('[aria-live="polite"]')
      .getByText('Alice Martin declined your request to join')
      .waitFor({ state: 'attached', ...UI });
    await who.getByRole('button', { name: 'Ask to join' }).waitFor(UI);
    await sees(panels.alice, 'You declined Bob Keller’s request to join');
  });

  it('B13: Alice adds Bob and Shawn; all three see "Alice Martin added …", live', async () => {
    for (const [who, panel] of Object.entries(panels)) {
      await panel.evaluate(() => Object.assign(window, { greenlineTestMark: 'same page' }));
      heard[who as keyof typeof panels] = await recordAnnouncements(panel);
    }
    await details(panels.alice, 'Add user');
    const picker = panels.alice.getByRole('dialog', { name: 'Add a colleague to the conversation' });
    // Only enabled users of Alice's sub-org: not Carol (Sales US), not Dave (not enabled).
    await picker.getByRole('button', { name: 'Add Bob Keller' }).waitFor();
    expect(await picker.getByRole('button', { name: /Carol|Dave/ }).count()).toBe(0);
    await picker.getByRole('button', { name: 'Add Bob Keller' }).click();
    await picker.getByRole('button', { name: 'Add Shawn Michaels' }).click();
    await picker.getByRole('button', { name: 'Done' }).click();

    for (const panel of Object.values(panels)) {
      await sees(panel, 'Alice Martin added Bob Keller');
      await sees(panel, 'Alice Martin added Shawn Michaels');
    }
    // Screen readers are told why the thread appeared (A1).
    for (const who of ['bob', 'shawn'] as const)
      await expect.poll(heard[who], UI).toContainEqual(expect.stringMatching(/^Alice Martin added /));
    // Bob and Shawn see the current thread, and may write now.
    await thread(panels.bob).getByText('Hello, who else can help me?').waitFor();
    expect(await panels.bob.getByRole('textbox', { name: 'Message' }).isEnabled()).toBe(true);
    // Bob's thread was fetched, Alice's came live: both read Samuel's tap above the confirmation it
    // triggered, though one step stamped them with the same instant.
    for (const panel of [panels.alice, panels.bob]) {
      const text = (await thread(panel).textContent()) ?? '';
      expect(text.indexOf('Tapped “Yes”')).toBeGreaterThan(-1);
      expect(text.indexOf('Tapped “Yes”')).toBeLessThan(
        text.indexOf('You will now receive WhatsApp messages'),
      );
    }
    for (const panel of Object.values(panels))
      expect(await panel.evaluate(() => (window as { greenlineTestMark?: string }).greenlineTestMark)).toBe(
        'same page',
      );

    // With more than one participant, each user's text reaches Samuel with their name (B12).
    await panels.bob.getByRole('textbox', { name: 'Message' }).fill('I can help with delivery.');
    await panels.bob.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(phoneTexts, { timeout: 15_000 }).toContain('Bob Keller: I can help with delivery.');
    await thread(panels.alice).getByText('I can help with delivery.').waitFor();
  });

  it('B15: Alice removes Bob after confirming; each of the three reads it in their own words', async () => {
    await details(panels.alice, 'Remove participant');
    const picker = panels.alice.getByRole('dialog', { name: 'Remove a participant' });
    await picker.getByRole('button', { name: 'Remove Bob Keller…' }).click();
    const confirm = panels.alice.getByRole('alertdialog', {
      name: 'Remove Bob Keller from the conversation?',
    });
    expect(await seriousViolations(panels.alice)).toEqual([]);
    await shoot(panels.alice, 'panel-remove-confirm');
    await confirm.getByRole('button', { name: 'Yes, remove Bob Keller' }).click();

    await sees(panels.alice, 'You have removed Bob Keller from the conversation');
    await sees(panels.shawn, 'Your colleague Alice Martin has removed Bob Keller from the conversation');
    // Bob loses the conversation at once: the line he gets replaces the thread he may no longer read.
    await panels.bob
      .getByText('Your colleague Alice Martin has removed you from the conversation')
      .first()
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => thread(panels.bob).getByText('I can help with delivery.').count(), UI).toBe(0);
    // The customer is told Bob is no longer available (the window is open).
    await expect.poll(phoneTexts, { timeout: 15_000 }).toContain('Bob Keller is no longer available to chat');
    expect(await seriousViolations(panels.bob)).toEqual([]);
  });

  it('B16: Alice transfers the conversation to Bob; the three read it in their own words and Samuel is told', async () => {
    await details(panels.alice, 'Transfer');
    const picker = panels.alice.getByRole('dialog', {
      name: 'Transfer the conversation with Samuel Johnson',
    });
    await picker.getByRole('button', { name: 'Transfer to Bob Keller' }).click();

    await sees(panels.alice, 'You transferred the conversation to Bob Keller');
    await sees(panels.shawn, 'Alice Martin transferred the conversation to Bob Keller');
    await sees(panels.bob, 'Alice Martin transferred the conversation to you');
    await expect
      .poll(phoneTexts, { timeout: 15_000 })
      .toContain('You are now chatting with Bob Keller from Acme');
    await expect.poll(heard.bob, UI).toContain('Alice Martin transferred the conversation to you');
    // Bob is in again: the notice that he was removed is gone (the line stays in the thread).
    const shownNotices = () =>
      panels.bob
        .getByRole('status')
        .filter({ hasText: 'has removed you' })
        // On screen, not the screen reader's (visually hidden) announcer.
        .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height > 2).length);
    await expect.poll(shownNotices, UI).toBe(0);
    await thread(panels.bob)
      .getByText('Your colleague Alice Martin has removed you from the conversation')
      .waitFor();
    // Alice is out; Bob writes.
    await expect.poll(() => panels.alice.getByRole('textbox', { name: 'Message' }).count(), UI).toBe(0);
    expect(await panels.bob.getByRole('textbox', { name: 'Message' }).isEnabled()).toBe(true);
  });

  it('B14: Shawn leaves; he reads "You left the conversation", Bob reads "Shawn Michaels left"', async () => {
    await details(panels.shawn, 'Leave conversation');
    await panels.shawn.getByRole('button', { name: 'Yes, leave' }).click();
    await sees(panels.shawn, 'You left the conversation');
    await sees(panels.bob, 'Shawn Michaels left');
    await expect
      .poll(phoneTexts, { timeout: 15_000 })
      .toContain('Shawn Michaels is no longer available to chat');
    for (const [who, panel] of Object.entries(panels)) {
      expect(await seriousViolations(panel), who).toEqual([]);
      await shoot(panel, `panel-teamwork-${who}`, who === 'bob');
    }
  });
});
