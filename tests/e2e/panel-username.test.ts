// Issue 10 in a real browser — a customer with a WhatsApp username (2026): Lena Fischer writes with
// her number hidden; Alice's Unassigned list names her by name and username; Alice takes the
// conversation and replies (the phone receives it addressed to Lena's BSUID). Later Alice opens
// Lena's CRM record, links the username to it from the panel, and the same conversation goes on
// under the record (B22, SPEC §2, A1).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UNASSIGNED_POLL_MS } from '../../extension/models/panel/panel';
import type { Profile } from '../../scripts/extension/chromium';
import {
  clickGreenAction,
  customerWrites,
  seriousViolations,
  shoot,
  useWalk,
  UI,
  type World,
} from './support/panel-world';

const LENA = '+14155550103';
const FIRST = 'Hallo! Is the green sofa still available?';

let world: World;
let alice: Profile;
let panel: Page;

useWalk(['alice@acme.test'], 180_000, async (started) => {
  world = started;
  alice = world.person('alice@acme.test');
});

interface LenaPhone {
  messages: { text?: string; state: string; addressedBy?: string }[];
}

async function lenasPhone(): Promise<LenaPhone> {
  const reply = await world.stack.sandbox(`/sandbox/users/${encodeURIComponent(LENA)}/messages`);
  return reply.body as LenaPhone;
}

/** How Lena's phone received the message containing `text` ("bsuid" or "phone"), once delivered. */
async function receivedBy(text: string): Promise<string | null> {
  const m = (await lenasPhone()).messages.find((x) => x.text?.includes(text));
  return m?.state === 'delivered' || m?.state === 'read' ? (m.addressedBy ?? null) : null;
}

describe('a customer with a WhatsApp username in Chromium (issue 10)', { timeout: 90_000 }, () => {
  it('B22: Lena writes with her number hidden; Alice’s Unassigned list names her by username', async () => {
    ({ panel } = await clickGreenAction(world, alice, 'hubspot', 'Samuel Johnson'));
    await panel
      .getByRole('alertdialog', { name: /Send the opt-in message/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await panel.getByRole('button', { name: 'Conversation details' }).click();
    await panel.getByRole('menuitem', { name: 'Unassigned' }).click();
    await panel.getByText('No customer is waiting for an answer.').waitFor();

    await customerWrites(world, LENA, { text: FIRST });
    const take = panel.getByRole('button', { name: 'Take conversation with Lena Fischer' });
    await take.waitFor({ timeout: UNASSIGNED_POLL_MS + 10_000 });
    const row = panel.getByRole('listitem').filter({ has: take });
    await row.getByText(FIRST).waitFor();
    await row.getByText('@lena.fischer · number hidden', { exact: false }).waitFor();
    expect(await row.getByText(LENA).count()).toBe(0);
    expect(await row.getByText('+1 415 555 0103').count()).toBe(0);
    expect(await seriousViolations(panel)).toEqual([]);
  });

  it('B22: Alice takes the conversation and replies; the phone receives it addressed to the BSUID', async () => {
    await panel.getByRole('button', { name: 'Take conversation with Lena Fischer' }).click();
    await panel.getByRole('heading', { level: 1, name: 'Lena Fischer' }).waitFor();
    await panel.getByText('@lena.fischer · number hidden').waitFor();
    const thread = panel.getByRole('log', { name: 'Messages' });
    await thread.getByText(FIRST).waitFor();
    const reply = 'Hi Lena, yes it is! Would you like to see it?';
    await panel.getByRole('textbox', { name: 'Message' }).fill(reply);
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => receivedBy(reply), { timeout: 15_000 }).toBe('bsuid');
    await shoot(panel, 'panel-username', true);
  });

  it('issue 10: on Lena’s CRM record Alice links the username; the conversation goes on under the record', async () => {
    ({ panel } = await clickGreenAction(world, alice, 'hubspot', 'Lena Fischer'));
    await panel
      .getByRole('alertdialog', { name: /Send the opt-in message/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await panel.getByText('Already writing with Lena Fischer under a WhatsApp username?').waitFor();
    await panel.getByRole('button', { name: 'Link a WhatsApp username…' }).click();
    const form = panel.getByRole('form', { name: 'Link a WhatsApp username' });
    const lena = form.getByRole('radio', { name: 'Lena Fischer (@lena.fischer)' });
    await expect.poll(() => lena.isChecked(), UI).toBe(true);
    expect(await seriousViolations(panel)).toEqual([]);
    await shoot(panel, 'panel-link-username', true);
    await form.getByRole('button', { name: 'Link Lena Fischer to this record' }).click();

    // One contact now: the record's number, the username's conversation, Alice still in it.
    const thread = panel.getByRole('log', { name: 'Messages' });
    await thread.getByText(FIRST).waitFor();
    await thread.getByText('Hi Lena, yes it is! Would you like to see it?').waitFor();
    await panel.getByText('+1 415 555 0103', { exact: true }).waitFor();
    await expect.poll(() => form.count(), UI).toBe(0);

    // Lena, still hiding her number, writes again: it arrives in this same conversation, live.
    await customerWrites(world, LENA, { text: 'Yes please, this afternoon?' });
    await thread.getByText('Yes please, this afternoon?').waitFor({ timeout: 15_000 });
    const reply = 'This afternoon at 4 works. See you then!';
    await panel.getByRole('textbox', { name: 'Message' }).fill(reply);
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => receivedBy(reply), { timeout: 15_000 }).not.toBeNull();
    expect(await seriousViolations(panel)).toEqual([]);
  });
});
