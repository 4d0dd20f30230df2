import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../extension/messaging/protocol';
import { renderPage, startPage } from './render';
import {
  ALICE,
  adminRoutes,
  BOB,
  CARLA,
  DEFAULT_SERVER,
  meOf,
  ok,
  refuse,
  SIGNED_OUT,
  statusOf,
  userOf,
} from './support';

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('options page: account (B21, A1)', () => {
  it('B21: signing in shows who is signed in, with org and WhatsApp state', async () => {
    const fake = await renderPage(adminRoutes());
    fake.session.signInResult = { ok: true, status: statusOf(ALICE) };
    type('Server', DEFAULT_SERVER);
    type('Email', 'alice@acme.example');
    type('Password', 'greenline-demo');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Alice Romero')).toBeTruthy();
    expect(fake.messaging.signIn).toHaveBeenCalledWith({
      serverUrl: DEFAULT_SERVER,
      email: 'alice@acme.example',
      password: 'greenline-demo',
    });
    expect(await screen.findByText('Acme Realty (Sales)')).toBeTruthy();
    expect(screen.getByText('WhatsApp for you').nextElementSibling?.textContent).toBe('On');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it("A1: a refusal shows the API's message in place, announced as an alert", async () => {
    const fake = await renderPage({});
    fake.session.signInResult = { ok: false, message: 'Wrong email or password.' };
    type('Email', 'alice@acme.example');
    type('Password', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Wrong email or password.'),
    );
  });

  it('explains why WhatsApp is off for a person the admin has not enabled (B18)', async () => {
    const dave = { id: 'dave', name: 'Dave Lin', email: 'dave@acme.example', role: 'agent' } as const;
    await renderPage({ 'GET /me': ok(meOf(dave, { orgEnabled: true, userEnabled: false })) }, statusOf(dave));
    expect(await screen.findByText(/not enabled for you/)).toBeTruthy();
    expect(screen.getByText('WhatsApp for you').nextElementSibling?.textContent).toBe('Off');
  });

  it('accepts an invitation with the code, a name and a new password', async () => {
    const fake = await renderPage({ 'GET /me': ok(meOf(CARLA)) });
    fake.session.signInResult = { ok: true, status: statusOf(CARLA) };
    const toggle = screen.getByRole('button', { name: 'I have an invitation' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    type('Invitation code', 'code-123');
    type('Your name', 'Carla Diaz');
    type('New password', 'a long password');
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('Carla Diaz')).toBeTruthy();
    expect(fake.messaging.acceptInvitation).toHaveBeenCalledWith({
      serverUrl: DEFAULT_SERVER,
      token: 'code-123',
      name: 'Carla Diaz',
      password: 'a long password',
    });
  });

  it('B21: an agent sees no admin sections and the page asks nothing of the admin API', async () => {
    const fake = await renderPage({ 'GET /me': ok(meOf(CARLA)) }, statusOf(CARLA));
    expect(await screen.findByText('Carla Diaz')).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Account', 'Your preferences']);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(fake.api.seen.filter((r) => r.path.startsWith('/admin'))).toEqual([]);
  });

  it('signing out shows the sign-in form again and empties the admin sections', async () => {
    const fake = await renderPage(adminRoutes(), statusOf(ALICE));
    expect(await screen.findByRole('checkbox', { name: 'WhatsApp enabled for Bob Keller' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByText('Bob Keller')).toBeNull();
    expect(fake.page.admin.users.users.value).toEqual([]);
  });
});

describe('options page: users (B21)', () => {
  it("B21: unchecking Bob's WhatsApp sends PATCH /admin/users/bob {whatsappEnabled:false}", async () => {
    let answer: () => void = () => undefined;
    const saved = new Promise<void>((resolve) => (answer = resolve));
    const fake = await renderPage(
      adminRoutes({
        'PATCH /admin/users/bob': async () => {
          await saved;
          return { status: 200, value: { ...BOB, whatsappEnabled: false } };
        },
      }),
      statusOf(ALICE),
    );
    const row = (await screen.findByRole('rowheader', { name: 'Bob Keller' })).closest('tr') as HTMLElement;
    const box = within(row).getByRole('checkbox', {
      name: 'WhatsApp enabled for Bob Keller',
    }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(fake.api.sent('PATCH', '/admin/users/bob')).toHaveLength(1));
    expect(fake.api.sent('PATCH', '/admin/users/bob')[0]?.body).toEqual({ whatsappEnabled: false });
    // While saving, the row re-renders (aria-busy) and the box must stay as the person left it.
    await waitFor(() => expect(row.getAttribute('aria-busy')).toBe('true'));
    expect(box.checked).toBe(false);
    answer();
    await screen.findByText('Bob Keller saved.');
    expect(box.checked).toBe(false);
  });

  it('a refused change shows the API message and the checkbox shows the server state again', async () => {
    await renderPage(
      adminRoutes({ 'PATCH /admin/users/bob': refuse(403, 'forbidden', 'Only admins can change users.') }),
      statusOf(ALICE),
    );
    const box = (await screen.findByRole('checkbox', {
      name: 'WhatsApp enabled for Bob Keller',
    })) as HTMLInputElement;
    fireEvent.click(box);
    expect(await screen.findByText('Only admins can change users.')).toBeTruthy();
    expect(screen.getByText('Only admins can change users.').getAttribute('role')).toBe('alert');
    await waitFor(() => expect(box.checked).toBe(true));
  });

  it('removes Bob only after confirming, with focus on the safe choice', async () => {
    const fake = await renderPage(
      adminRoutes({ 'DELETE /admin/users/bob': ok({ ok: true }) }),
      statusOf(ALICE),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Bob Keller' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Keep Bob Keller'));
    expect(fake.api.sent('DELETE', '/admin/users/bob')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Bob Keller now' }));
    expect(await screen.findByText('Bob Keller was removed.')).toBeTruthy();
    expect(screen.queryByRole('rowheader', { name: 'Bob Keller' })).toBeNull();
  });

  it('shows the invitation code once, with a copy button and the note that it is shown only once', async () => {
    const invitation = {
      id: 'inv1',
      email: 'dana@acme.example',
      name: 'Dana Wu',
      role: 'agent',
      subOrgId: 'support',
      whatsappEnabled: false,
      expiresAt: 1_800_000_000_000,
      createdAt: 1_700_000_000_000,
    };
    const fake = await renderPage(
      adminRoutes({
        'POST /admin/invitations': ok({ invitation, token: 'tok-secret', acceptPath: '/x' }),
      }),
      statusOf(ALICE),
    );
    await within(screen.getByLabelText('Their sub-org')).findByRole('option', { name: 'Support' });
    type('Their email', 'dana@acme.example');
    type('Their name', 'Dana Wu');
    fireEvent.change(screen.getByLabelText('Their sub-org'), { target: { value: 'support' } });
    fireEvent.click(screen.getByLabelText('WhatsApp enabled from the start'));
    fireEvent.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect(await screen.findByText('tok-secret')).toBeTruthy();
    expect(fake.api.sent('POST', '/admin/invitations')[0]?.body).toEqual({
      email: 'dana@acme.example',
      name: 'Dana Wu',
      role: 'agent',
      subOrgId: 'support',
      whatsappEnabled: false,
    });
    expect(screen.getByText(/This code is shown only once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the code' }));
    await waitFor(() => expect(fake.ports.files.copy).toHaveBeenCalledWith('tok-secret'));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('tok-secret')).toBeNull());
  });

  it('S3: names from the API are text, never HTML', async () => {
    const evil = userOf('eve', '<img src=x onerror="alert(1)">');
    const admin = { ...ALICE, name: '<b>Alice</b>' };
    await renderPage(adminRoutes({ 'GET /admin/users': ok({ users: [evil] }) }), statusOf(admin));
    expect(screen.getByText('<b>Alice</b>').tagName).toBe('STRONG');
    const cell = await screen.findByRole('rowheader', { name: '<img src=x onerror="alert(1)">' });
    expect(cell.textContent).toBe('<img src=x onerror="alert(1)">');
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('options page: start-up', () => {
  it('shows the sign-in form only once the background has answered, so it never vanishes under typing', async () => {
    let answer: (status: SessionStatus) => void = () => undefined;
    const { messaging, started } = startPage({}, SIGNED_OUT, (fake) =>
      fake.messaging.getStatus.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve))),
    );
    expect(screen.queryByLabelText('Email')).toBeNull();
    await waitFor(() => expect(messaging.getStatus).toHaveBeenCalled());
    expect(screen.getByText('Checking your session…')).toBeTruthy();
    answer(SIGNED_OUT);
    await started;
    expect(await screen.findByLabelText('Email')).toBeTruthy();
  });

  it('keeps the server a person typed when the saved one is read later, and signs in while the session check is still out', async () => {
    let savedServer: (url: string) => void = () => undefined;
    const { session, messaging } = startPage({ 'GET /me': ok(meOf(ALICE)) }, SIGNED_OUT, (fake) => {
      const read = fake.ports.preferences.get;
      const later = new Promise<string>((resolve) => (savedServer = resolve));
      fake.ports.preferences.get = ((key: string) =>
        key === 'serverUrl' ? later : read(key as 'defaultCountry')) as typeof read;
      fake.messaging.getStatus.mockImplementation(() => new Promise(() => undefined));
    });
    // The background announces the signed-out session before the page has read its preferences.
    for (const listener of session.listeners) listener(SIGNED_OUT);
    session.signInResult = { ok: true, status: statusOf(ALICE) };
    await screen.findByLabelText('Server');
    type('Server', 'http://127.0.0.1:49152');
    type('Email', 'alice@acme.example');
    type('Password', 'greenline-demo');
    savedServer(DEFAULT_SERVER);
    await waitFor(() => expect(messaging.getStatus).toHaveBeenCalled());
    expect((screen.getByLabelText('Server') as HTMLInputElement).value).toBe('http://127.0.0.1:49152');

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(messaging.signIn.mock.calls[0]?.[0].serverUrl).toBe('http://127.0.0.1:49152');
  });

  it('still offers sign-in when the background cannot be reached, and says so', async () => {
    const { started } = startPage({}, SIGNED_OUT, (fake) =>
      fake.messaging.getStatus.mockRejectedValueOnce(new Error('Could not establish connection.')),
    );
    await started;
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(screen.getByText(/Could not establish connection/).getAttribute('role')).toBe('alert');
  });
});
