import { describe, expect, it, vi } from 'vitest';
import { createOrgModel } from '../../../extension/models/options/org';
import { createSubOrgsModel } from '../../../extension/models/options/sub-orgs';
import { createUsersModel } from '../../../extension/models/options/users';
import { adminRoutes, BOB, fakePorts, ok, orgOf, refuse } from './support';

describe('organisation settings (B21)', () => {
  it('turns WhatsApp off for the org with one PATCH and shows what the server answered', async () => {
    const fake = fakePorts(adminRoutes({ 'PATCH /admin/org': ok({ ...orgOf(), whatsappEnabled: false }) }));
    const org = createOrgModel(fake.ports);
    await org.load();
    expect(await org.setWhatsappEnabled(false)).toBe(true);
    expect(fake.api.sent('PATCH', '/admin/org')[0]?.body).toEqual({ whatsappEnabled: false });
    expect(org.org.value?.whatsappEnabled).toBe(false);
  });

  it('shows the defaults when the org has no keywords, saves its own, and goes back to the defaults', async () => {
    const own = { optIn: ['GO'], optOut: ['HALT'], yes: ['Y'], no: ['N'] };
    const fake = fakePorts(adminRoutes({ 'PATCH /admin/org': ok(orgOf({ keywords: own })) }));
    const org = createOrgModel(fake.ports);
    await org.load();
    expect(org.usesDefaultKeywords.value).toBe(true);
    expect(org.keywords.value?.optOut).toEqual(['STOP', 'PARAR']);
    await org.saveKeywords(own);
    expect(org.keywords.value).toEqual(own);
    await org.useDefaultKeywords();
    expect(fake.api.sent('PATCH', '/admin/org').map((r) => r.body)).toEqual([
      { settings: { keywords: own } },
      { settings: { keywords: null } },
    ]);
  });
});

describe('users and invitations (B21)', () => {
  it('disables WhatsApp for one user with PATCH /admin/users/<id>', async () => {
    const fake = fakePorts(adminRoutes({ 'PATCH /admin/users/bob': ok({ ...BOB, whatsappEnabled: false }) }));
    const users = createUsersModel(fake.ports, () => undefined);
    await users.load();
    await users.patch(BOB, { whatsappEnabled: false });
    expect(fake.api.sent('PATCH', '/admin/users/bob')[0]?.body).toEqual({ whatsappEnabled: false });
    expect(users.users.value.find((u) => u.id === 'bob')?.whatsappEnabled).toBe(false);
  });

  it("keeps the server's state and shows its message when a change is refused", async () => {
    const refusal = refuse(409, 'cannot_change_self', 'You cannot change your own role; ask another admin.');
    const fake = fakePorts(adminRoutes({ 'PATCH /admin/users/bob': refusal }));
    const users = createUsersModel(fake.ports, () => undefined);
    await users.load();
    await users.patch(BOB, { role: 'admin' });
    expect(users.task.error.value).toBe('You cannot change your own role; ask another admin.');
    expect(users.users.value.find((u) => u.id === 'bob')?.role).toBe('agent');
  });

  it('moves a user to another sub-org and refreshes the counts', async () => {
    const moved = vi.fn();
    const fake = fakePorts(adminRoutes({ 'PATCH /admin/users/bob': ok({ ...BOB, subOrgId: 'support' }) }));
    const users = createUsersModel(fake.ports, moved);
    await users.patch(BOB, { subOrgId: 'support' });
    expect(fake.api.sent('PATCH', '/admin/users/bob')[0]?.body).toEqual({ subOrgId: 'support' });
    expect(moved).toHaveBeenCalledOnce();
  });

  it('removes a user only after the confirmation step', async () => {
    const fake = fakePorts(adminRoutes({ 'DELETE /admin/users/bob': ok({ ok: true }) }));
    const users = createUsersModel(fake.ports, () => undefined);
    await users.load();
    users.askRemoval(BOB);
    expect(users.confirmingRemoval.value).toBe('bob');
    expect(fake.api.sent('DELETE', '/admin/users/bob')).toHaveLength(0);
    await users.remove(BOB);
    expect(users.users.value.map((u) => u.name)).toEqual(['Alice Romero']);
    expect(users.task.done.value).toBe('Bob Keller was removed.');
  });

  it('invites, shows the code once until dismissed, copies it, and revokes', async () => {
    const invitation = {
      id: 'inv1',
      email: 'dana@acme.example',
      name: 'Dana Wu',
      role: 'agent',
      subOrgId: 'sales',
      whatsappEnabled: true,
      expiresAt: 1_800_000_000_000,
      createdAt: 1_700_000_000_000,
    };
    const fake = fakePorts(
      adminRoutes({
        'POST /admin/invitations': ok({
          invitation,
          token: 'tok-123',
          acceptPath: '/api/v1/auth/accept-invitation',
        }),
        'DELETE /admin/invitations/inv1': ok({ ok: true }),
      }),
    );
    const users = createUsersModel(fake.ports, () => undefined);
    const request = {
      email: invitation.email,
      name: 'Dana Wu',
      role: 'agent' as const,
      subOrgId: 'sales',
      whatsappEnabled: true,
    };
    expect(await users.invite(request)).toBe(true);
    expect(fake.api.sent('POST', '/admin/invitations')[0]?.body).toEqual(request);
    expect(users.issued.value?.token).toBe('tok-123');
    await users.copyIssued();
    expect(fake.ports.files.copy).toHaveBeenCalledWith('tok-123');
    users.dismissIssued();
    expect(users.issued.value).toBeNull();
    await users.revoke({ ...invitation, role: 'agent' });
    expect(fake.api.sent('DELETE', '/admin/invitations/inv1')).toHaveLength(1);
  });
});

describe('sub-orgs (B21)', () => {
  it('creates, renames and shows the refusal to delete a sub-org that still has users', async () => {
    const fake = fakePorts(
      adminRoutes({
        'POST /admin/sub-orgs': ok({ id: 'ops', name: 'Ops', userCount: 0 }),
        'PATCH /admin/sub-orgs/ops': ok({ id: 'ops', name: 'Operations', userCount: 0 }),
        'DELETE /admin/sub-orgs/sales': refuse(
          409,
          'sub_org_not_empty',
          'Move its 2 users to another sub-org first.',
        ),
      }),
    );
    const subOrgs = createSubOrgsModel(fake.ports);
    expect(await subOrgs.create('  Ops ')).toBe(true);
    expect(fake.api.sent('POST', '/admin/sub-orgs')[0]?.body).toEqual({ name: 'Ops' });
    await subOrgs.rename('ops', 'Operations');
    expect(fake.api.sent('PATCH', '/admin/sub-orgs/ops')[0]?.body).toEqual({ name: 'Operations' });
    await subOrgs.remove({ id: 'sales', name: 'Sales', userCount: 2 });
    expect(subOrgs.task.error.value).toBe('Move its 2 users to another sub-org first.');
    expect(subOrgs.subOrgs.value.map((s) => s.name)).toEqual(['Sales', 'Support']);
  });
});
