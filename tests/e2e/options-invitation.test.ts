// B21 in two real browsers: Shawn, an admin, invites Nina from the options page; the code is shown
// once. Nina, on a browser where nobody has signed in, chooses "I have an invitation", sets her name
// and password, and is signed in as an agent of Sales EMEA; the green action appears for her on a CRM
// record. Shawn's page then lists her among the users and no longer as a pending invitation.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/extension/chromium';
import { UI, useWalk, type World } from './support/panel-world';

let world: World;
let admin: Page;
let code = '';

useWalk(['admin@acme.test'], 180_000, async (started) => {
  world = started;
  admin = await world.person('admin@acme.test').options();
  await admin.getByRole('button', { name: 'Sign out' }).waitFor();
});

const section = (page: Page, name: string) => page.getByRole('region', { name });

/** On a browser where nobody is signed in: "I have an invitation", the code, a name and a password. */
async function acceptInvitation(profile: Profile, name: string, password: string): Promise<Page> {
  const options = await profile.options();
  await options.getByLabel('Server', { exact: true }).fill(world.stack.workerUrl);
  await options.getByRole('button', { name: 'I have an invitation' }).click();
  await options.getByLabel('Invitation code').fill(code);
  await options.getByLabel('Your name').fill(name);
  await options.getByLabel('New password').fill(password);
  await options.getByRole('button', { name: 'Accept invitation' }).click();
  return options;
}

describe('an invitation, from the admin’s options page to the invitee’s first record (B21)', {
  timeout: 90_000,
}, () => {
  it('B21: Shawn invites Nina as an agent of Sales EMEA; the code is shown once, with how to use it', async () => {
    const users = section(admin, 'Users');
    // The page has read the org's users and sub-orgs (the form's sub-org choices come with them).
    await users.getByRole('rowheader', { name: 'Alice Martin' }).waitFor(UI);
    await users
      .getByLabel('Their sub-org')
      .getByRole('option', { name: 'Sales EMEA' })
      .waitFor({ state: 'attached' });
    await users.getByLabel('Their email').fill('nina@acme.test');
    await users.getByLabel('Their name').fill('Nina Novak');
    await users.getByRole('button', { name: 'Create invitation' }).click();
    await users.getByText('Invitation code for Nina Novak').waitFor(UI);
    code = (await users.getByText(/^gli_/).textContent())?.trim() ?? '';
    expect(code).toMatch(/^gli_[\w-]{20,}$/);
    await users.getByText(/choose "I have an invitation"/).waitFor();
    await users.getByText(/Nina Novak \(nina@acme\.test\), agent in Sales EMEA/).waitFor();
  });

  it('B21: Nina accepts it in her own browser and is signed in; her first CRM record has the green action', async () => {
    const nina: Profile = await world.newcomer();
    const options = await acceptInvitation(nina, 'Nina Novak', 'nina-strong-password-1');
    await options.getByText('Signed in as Nina Novak').waitFor(UI);
    const account = section(options, 'Account');
    await expect.poll(() => account.textContent(), UI).toContain('Acme (Sales EMEA)');
    expect(await account.textContent()).toContain('Agent');

    const page = await nina.context.newPage();
    await page.goto(world.recordUrl('hubspot', 'Samuel Johnson'));
    await page.getByRole('button', { name: 'WhatsApp Samuel Johnson' }).waitFor(UI);

    // The code was for one use: a second acceptance is refused in words.
    const again = await acceptInvitation(await world.newcomer(), 'Someone Else', 'another-password-2');
    await expect
      .poll(async () => (await again.getByRole('alert').allTextContents()).join(' '), UI)
      .toMatch(/invitation/i);
    expect(await again.getByText(/Signed in as/).count()).toBe(0);
  });

  it('B21: Shawn’s page lists Nina as a user and no longer as pending, after a reload', async () => {
    await admin.reload();
    const users = section(admin, 'Users');
    await users.getByRole('rowheader', { name: 'Nina Novak' }).waitFor(UI);
    await users.getByText('No pending invitations.').waitFor(UI);
  });
});
