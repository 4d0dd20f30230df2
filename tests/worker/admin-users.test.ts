// Admin users and invitations (B21), and what they do to sessions (I8).
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../shared/api/admin';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

let admin: string;
beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
});

interface Invite {
  invitation: { id: string; email: string; expiresAt: number };
  token: string;
}

const invite = (body: Record<string, unknown>) =>
  call<Invite>('POST', '/api/v1/admin/invitations', { token: admin, body });

describe('GET /api/v1/admin/users', () => {
  it("B21: lists the org's users only", async () => {
    const res = await call<{ users: AdminUser[] }>('GET', '/api/v1/admin/users', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.users.map((u) => u.email).sort()).toEqual(
      ['admin@acme.test', 'alice@acme.test', 'bob@acme.test', 'carol@acme.test', 'dave@acme.test'].sort(),
    );
  });
});

describe('invitations', () => {
  it('B21: an invited person sets their password and is signed in with the invited role and sub-org', async () => {
    const res = await invite({ email: 'Frank@Acme.test', name: 'Frank', subOrgId: 'acme-sales-us' });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^gli_/);
    const pending = await call<{ invitations: Array<{ email: string }> }>(
      'GET',
      '/api/v1/admin/invitations',
      { token: admin },
    );
    expect(pending.body.invitations.map((i) => i.email)).toContain('frank@acme.test');
    const accepted = await call<{ token: string; user: AdminUser }>(
      'POST',
      '/api/v1/auth/accept-invitation',
      {
        body: { token: res.body.token, password: 'a-long-password', name: 'Frank Ocean' },
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({
      email: 'frank@acme.test',
      role: 'agent',
      subOrgId: 'acme-sales-us',
      name: 'Frank Ocean',
    });
    const login = await call('POST', '/api/v1/auth/login', {
      body: { email: 'frank@acme.test', password: 'a-long-password' },
    });
    expect(login.status).toBe(200);
    const reuse = await call<ErrorBody>('POST', '/api/v1/auth/accept-invitation', {
      body: { token: res.body.token, password: 'another-password', name: 'Mallory' },
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.code).toBe('invalid_invitation');
  });

  it('B21: a revoked or replaced invitation no longer works', async () => {
    const first = await invite({ email: 'gina@acme.test', name: 'Gina', subOrgId: 'acme-sales-emea' });
    const second = await invite({ email: 'gina@acme.test', name: 'Gina', subOrgId: 'acme-sales-emea' });
    const old = await call('POST', '/api/v1/auth/accept-invitation', {
      body: { token: first.body.token, password: 'a-long-password', name: 'Gina' },
    });
    expect(old.status).toBe(400);
    const del = await call('DELETE', `/api/v1/admin/invitations/${second.body.invitation.id}`, {
      token: admin,
    });
    expect(del.status).toBe(200);
    const revoked = await call('POST', '/api/v1/auth/accept-invitation', {
      body: { token: second.body.token, password: 'a-long-password', name: 'Gina' },
    });
    expect(revoked.status).toBe(400);
    expect(
      (await call('DELETE', `/api/v1/admin/invitations/${second.body.invitation.id}`, { token: admin }))
        .status,
    ).toBe(404);
  });

  it('B21: inviting an existing account is 409; an unknown sub-org is 422', async () => {
    const taken = await invite({ email: 'erin@globex.test', name: 'Erin', subOrgId: 'acme-sales-emea' });
    expect(taken.status).toBe(409);
    const team = await invite({ email: 'hal@acme.test', name: 'Hal', subOrgId: 'globex-sales' });
    expect(team.status).toBe(422);
    expect((team.body as unknown as ErrorBody).error.code).toBe('unknown_sub_org');
  });

  it('S4: invalid invitations and acceptances are 400 with the field named', async () => {
    const bad = await invite({ email: 'not-an-email', name: 'X', subOrgId: 'acme-sales-emea' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).error.message).toContain('email');
    const role = await invite({
      email: 'x@acme.test',
      name: 'X',
      subOrgId: 'acme-sales-emea',
      role: 'owner',
    });
    expect(role.status).toBe(400);
    const short = await call<ErrorBody>('POST', '/api/v1/auth/accept-invitation', {
      body: { token: 'gli_whatever', password: 'short', name: 'X' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('password');
  });
});

describe('PATCH /api/v1/admin/users/{id}', () => {
  it('B21: moves a user, changes role and WhatsApp access', async () => {
    const res = await call<AdminUser>('PATCH', '/api/v1/admin/users/acme-dave', {
      token: admin,
      body: { subOrgId: 'acme-sales-us', whatsappEnabled: true, role: 'admin' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subOrgId: 'acme-sales-us', whatsappEnabled: true, role: 'admin' });
    const back = await call<AdminUser>('PATCH', '/api/v1/admin/users/acme-dave', {
      token: admin,
      body: { subOrgId: 'acme-sales-emea', whatsappEnabled: false, role: 'agent' },
    });
    expect(back.body).toMatchObject({ subOrgId: 'acme-sales-emea', whatsappEnabled: false, role: 'agent' });
  });

  it('I8: disabling a user ends their sessions on the very next request; re-enabling needs a new sign-in', async () => {
    const bob = await tokenFor('bob@acme.test');
    expect((await call('GET', '/api/v1/me', { token: bob })).status).toBe(200);
    await call('PATCH', '/api/v1/admin/users/acme-bob', { token: admin, body: { disabled: true } });
    const after = await call<ErrorBody>('GET', '/api/v1/me', { token: bob });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('account_disabled');
    const login = await call<ErrorBody>('POST', '/api/v1/auth/login', {
      body: { email: 'bob@acme.test', password: 'greenline-demo' },
    });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('account_disabled');
    await call('PATCH', '/api/v1/admin/users/acme-bob', { token: admin, body: { disabled: false } });
    expect((await call('GET', '/api/v1/me', { token: bob })).status).toBe(401);
    expect(
      (
        await call('POST', '/api/v1/auth/login', {
          body: { email: 'bob@acme.test', password: 'greenline-demo' },
        })
      ).status,
    ).toBe(200);
  });

  it('B21: an admin cannot demote or disable themselves', async () => {
    for (const body of [{ role: 'agent' }, { disabled: true }]) {
      const res = await call<ErrorBody>('PATCH', '/api/v1/admin/users/acme-admin', { token: admin, body });
      expect(res.status).toBe(409);
    }
  });

  it('S2: a user of another org is 404', async () => {
    const res = await call('PATCH', '/api/v1/admin/users/globex-erin', {
      token: admin,
      body: { whatsappEnabled: false },
    });
    expect(res.status).toBe(404);
  });

  it('S4: unknown fields and bad values are 400; an unknown sub-org is 422', async () => {
    for (const body of [{ role: 'owner' }, { whatsappEnabled: 1 }, { email: 'x@y.z' }]) {
      const res = await call('PATCH', '/api/v1/admin/users/acme-carol', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const team = await call('PATCH', '/api/v1/admin/users/acme-carol', {
      token: admin,
      body: { subOrgId: 'nope' },
    });
    expect(team.status).toBe(422);
  });
});

describe('DELETE /api/v1/admin/users/{id}', () => {
  it('B21 / I8: a removed user is gone from the list and signed out; the address can be invited again', async () => {
    const inv = await invite({ email: 'temp@acme.test', name: 'Temp', subOrgId: 'acme-sales-emea' });
    const acc = await call<{ token: string; user: AdminUser }>('POST', '/api/v1/auth/accept-invitation', {
      body: { token: inv.body.token, password: 'a-long-password', name: 'Temp' },
    });
    const del = await call('DELETE', `/api/v1/admin/users/${acc.body.user.id}`, { token: admin });
    expect(del.status).toBe(200);
    expect((await call('GET', '/api/v1/me', { token: acc.body.token })).status).toBe(401);
    const list = await call<{ users: AdminUser[] }>('GET', '/api/v1/admin/users', { token: admin });
    expect(list.body.users.map((u) => u.email)).not.toContain('temp@acme.test');
    expect(
      (await invite({ email: 'temp@acme.test', name: 'Temp', subOrgId: 'acme-sales-emea' })).status,
    ).toBe(201);
    expect((await call('DELETE', `/api/v1/admin/users/${acc.body.user.id}`, { token: admin })).status).toBe(
      404,
    );
  });

  it("B21: an admin cannot remove themselves; another org's user is 404", async () => {
    expect((await call('DELETE', '/api/v1/admin/users/acme-admin', { token: admin })).status).toBe(409);
    expect((await call('DELETE', '/api/v1/admin/users/globex-erin', { token: admin })).status).toBe(404);
  });
});
