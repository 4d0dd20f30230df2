import { describe, expect, it } from 'vitest';
import {
  createAccountModel,
  describeAccess,
  hostPatternFor,
  needsHostPermission,
  serverOriginOf,
} from '../../../extension/models/options/account';
import { ALICE, CARLA, DEFAULT_SERVER, fakePorts, meOf, ok, SIGNED_OUT, statusOf } from './support';

describe('account: the server address', () => {
  it('keeps only the origin of what was typed, and refuses what is not http(s)', () => {
    expect(serverOriginOf(' https://greenline.acme.example/ ')).toEqual({
      ok: true,
      origin: 'https://greenline.acme.example',
    });
    expect(serverOriginOf('greenline.acme.example')).toMatchObject({ ok: false });
    expect(serverOriginOf('ftp://greenline.acme.example')).toMatchObject({ ok: false });
  });

  it('asks for a host permission only for another host than the build default, without the port', () => {
    expect(hostPatternFor('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(needsHostPermission('http://127.0.0.1:9999', DEFAULT_SERVER)).toBe(false);
    expect(needsHostPermission('https://greenline.acme.example', DEFAULT_SERVER)).toBe(true);
  });
});

describe('account: signing in (B21)', () => {
  it('signs in on the default server without a permission prompt and shows who is signed in', async () => {
    const fake = fakePorts({ 'GET /me': ok(meOf(ALICE)) });
    fake.session.signInResult = { ok: true, status: statusOf(ALICE) };
    const account = createAccountModel(fake.ports);
    await account.init();

    expect(
      await account.signIn({ serverUrl: DEFAULT_SERVER, email: ' alice@acme.example ', password: 'pw' }),
    ).toBe(true);
    expect(fake.permissions.request).not.toHaveBeenCalled();
    expect(fake.messaging.signIn).toHaveBeenCalledWith({
      serverUrl: DEFAULT_SERVER,
      email: 'alice@acme.example',
      password: 'pw',
    });
    expect(account.status.value?.user?.name).toBe('Alice Romero');
    expect(account.me.value?.user.subOrgName).toBe('Sales');
    expect(account.isAdmin.value).toBe(true);
  });

  it('asks for another server host inside the click (before anything is awaited) and remembers the server', async () => {
    const fake = fakePorts({ 'GET /me': ok(meOf(CARLA)) });
    fake.session.signInResult = { ok: true, status: statusOf(CARLA) };
    const account = createAccountModel(fake.ports);
    const signingIn = account.signIn({
      serverUrl: 'https://gl.acme.example/x',
      email: 'c@a.example',
      password: 'p',
    });
    expect(fake.permissions.request).toHaveBeenCalledWith(['https://gl.acme.example/*']);
    await signingIn;
    expect(fake.messaging.signIn.mock.calls[0]?.[0].serverUrl).toBe('https://gl.acme.example');
    expect(fake.stored.serverUrl).toBe('https://gl.acme.example');
    expect(account.isAdmin.value).toBe(false);
  });

  it('explains a refused permission and does not try to sign in', async () => {
    const fake = fakePorts({});
    fake.permissions.request.mockResolvedValue(false);
    const account = createAccountModel(fake.ports);
    expect(await account.signIn({ serverUrl: 'https://gl.acme.example', email: 'a', password: 'b' })).toBe(
      false,
    );
    expect(fake.messaging.signIn).not.toHaveBeenCalled();
    expect(account.task.error.value).toContain('needs your permission to reach https://gl.acme.example');
  });

  it("shows the background's refusal verbatim", async () => {
    const fake = fakePorts({});
    fake.session.signInResult = { ok: false, message: 'Wrong email or password.' };
    const account = createAccountModel(fake.ports);
    await account.signIn({ serverUrl: DEFAULT_SERVER, email: 'a@b.example', password: 'nope' });
    expect(account.task.error.value).toBe('Wrong email or password.');
    expect(account.isSignedIn.value).toBe(false);
  });

  it('accepts an invitation only with a password of 10 characters or more', async () => {
    const fake = fakePorts({ 'GET /me': ok(meOf(CARLA)) });
    fake.session.signInResult = { ok: true, status: statusOf(CARLA) };
    const account = createAccountModel(fake.ports);
    const input = { serverUrl: DEFAULT_SERVER, token: ' code-1 ', name: 'Carla Diaz', password: 'short' };
    expect(await account.acceptInvitation(input)).toBe(false);
    expect(account.task.error.value).toBe('Choose a password of at least 10 characters.');
    expect(fake.messaging.acceptInvitation).not.toHaveBeenCalled();

    expect(await account.acceptInvitation({ ...input, password: 'long enough pw' })).toBe(true);
    expect(fake.messaging.acceptInvitation).toHaveBeenCalledWith({
      serverUrl: DEFAULT_SERVER,
      token: 'code-1',
      name: 'Carla Diaz',
      password: 'long enough pw',
    });
  });

  it('follows status changes from the background and signs out', async () => {
    const fake = fakePorts({ 'GET /me': ok(meOf(ALICE)) }, statusOf(ALICE));
    const account = createAccountModel(fake.ports);
    await account.init();
    expect(account.isSignedIn.value).toBe(true);
    for (const listener of fake.session.listeners) listener(SIGNED_OUT);
    expect(account.isSignedIn.value).toBe(false);
    expect(account.me.value).toBeNull();

    fake.session.status = statusOf(ALICE);
    await account.init();
    await account.signOut();
    expect(fake.messaging.signOut).toHaveBeenCalledOnce();
    expect(account.task.done.value).toBe('You are signed out.');
  });
});

describe('account: whether WhatsApp works (B18)', () => {
  it('says why not: the org is off, or the user is not enabled', () => {
    expect(describeAccess(meOf(CARLA), null)).toEqual({ orgEnabled: true, userEnabled: true, reason: null });
    const orgOff = describeAccess(meOf(CARLA, { orgEnabled: false, userEnabled: true }), null);
    expect(orgOff.reason).toBe('WhatsApp is turned off for Acme Realty; an admin can turn it on.');
    const userOff = describeAccess(meOf(CARLA, { orgEnabled: true, userEnabled: false }), null);
    expect(userOff).toMatchObject({
      userEnabled: false,
      reason: expect.stringContaining('not enabled for you'),
    });
  });
});
