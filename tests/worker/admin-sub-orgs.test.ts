// Admin sub-orgs (B21): create, rename, delete when empty; names unique within an org.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

let admin: string;
let globexAdmin: string;
beforeAll(async () => {
  await setupDemo();
  [admin, globexAdmin] = await Promise.all([tokenFor('admin@acme.test'), tokenFor('admin@globex.test')]);
});

interface SubOrg {
  id: string;
  name: string;
  userCount: number;
}

describe('/api/v1/admin/sub-orgs', () => {
  it('B21: lists sub-orgs with their head counts', async () => {
    const res = await call<{ subOrgs: SubOrg[] }>('GET', '/api/v1/admin/sub-orgs', { token: admin });
    expect(res.body.subOrgs).toEqual([
      { id: 'acme-sales-emea', name: 'Sales EMEA', userCount: 4 },
      { id: 'acme-sales-us', name: 'Sales US', userCount: 1 },
    ]);
  });

  it('B21: creates, renames and deletes a sub-org; names are unique within the org', async () => {
    const created = await call<SubOrg>('POST', '/api/v1/admin/sub-orgs', {
      token: admin,
      body: { name: 'Sales APAC' },
    });
    expect(created.status).toBe(201);
    expect(
      (await call('POST', '/api/v1/admin/sub-orgs', { token: admin, body: { name: 'Sales APAC' } })).status,
    ).toBe(409);
    // Another org may use the same name.
    expect(
      (await call('POST', '/api/v1/admin/sub-orgs', { token: globexAdmin, body: { name: 'Sales APAC' } }))
        .status,
    ).toBe(201);
    const renamed = await call<SubOrg>('PATCH', `/api/v1/admin/sub-orgs/${created.body.id}`, {
      token: admin,
      body: { name: 'Sales Asia' },
    });
    expect(renamed.body.name).toBe('Sales Asia');
    const clash = await call<ErrorBody>('PATCH', `/api/v1/admin/sub-orgs/${created.body.id}`, {
      token: admin,
      body: { name: 'Sales US' },
    });
    expect(clash.status).toBe(409);
    expect((await call('DELETE', `/api/v1/admin/sub-orgs/${created.body.id}`, { token: admin })).status).toBe(
      200,
    );
    expect((await call('DELETE', `/api/v1/admin/sub-orgs/${created.body.id}`, { token: admin })).status).toBe(
      404,
    );
  });

  it('B21: a sub-org with users cannot be deleted (409)', async () => {
    const res = await call<ErrorBody>('DELETE', '/api/v1/admin/sub-orgs/acme-sales-us', { token: admin });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sub_org_not_empty');
    // Sales US has Carol alone: the message counts her in words an admin would write.
    expect(res.body.error.message).toBe('This sub-org still has a user: move or remove them first.');
  });

  it("S2: another org's sub-org is 404 for rename and delete", async () => {
    expect(
      (
        await call('PATCH', '/api/v1/admin/sub-orgs/acme-sales-us', {
          token: globexAdmin,
          body: { name: 'Mine' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call('DELETE', '/api/v1/admin/sub-orgs/acme-sales-us', { token: globexAdmin })).status,
    ).toBe(404);
  });

  it('S4: empty, missing or too long names are 400', async () => {
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 7 }]) {
      const res = await call<ErrorBody>('POST', '/api/v1/admin/sub-orgs', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain('name');
    }
  });
});
