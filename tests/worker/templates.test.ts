// Templates (B7, B21): agents see APPROVED templates with mapped variables; admins list every
// template, sync from the Cloud API (all pages) and map variables.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminTemplate, AgentTemplate } from '../../shared/api/templates';
import { BROKEN_WABA, FEWER_WABA } from './fake-graph';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

let admin: string;
let alice: string;
let globexAdmin: string;
beforeAll(async () => {
  await setupDemo();
  [admin, alice, globexAdmin] = await Promise.all([
    tokenFor('admin@acme.test'),
    tokenFor('alice@acme.test'),
    tokenFor('admin@globex.test'),
  ]);
});

type Sync = { synced: number; approved: number; removed: number };
const setWaba = (token: string, wabaId: string) =>
  call('PUT', '/api/v1/admin/number', {
    token,
    body: { phoneNumberId: '100000000000001', displayPhoneNumber: '+15550100001', wabaId },
  });

describe('GET /api/v1/templates', () => {
  it('B7: offers APPROVED templates only, with variables and their mapped sources; not the opt-in (B1)', async () => {
    const res = await call<{ templates: AgentTemplate[] }>('GET', '/api/v1/templates', { token: alice });
    expect(res.status).toBe(200);
    expect(res.body.templates.map((t) => t.name).sort()).toEqual(
      ['appointment_reminder', 'meeting_follow_up', 'product_brochure', 'seasonal_offer'].sort(),
    );
    const followUp = res.body.templates.find((t) => t.name === 'meeting_follow_up');
    expect(followUp?.variables.map((v) => [v.key, v.source])).toEqual([
      ['body.1', 'contact_first_name'],
      ['body.2', 'user_name'],
      ['body.3', 'org_name'],
    ]);
  });

  it("S2: an org sees only its own number's templates", async () => {
    const erin = await tokenFor('erin@globex.test');
    const res = await call<{ templates: AgentTemplate[] }>('GET', '/api/v1/templates', { token: erin });
    expect(res.body.templates.every((t) => t.id.startsWith('globex-'))).toBe(true);
  });

  it('B18: a user not enabled for WhatsApp gets 403 whatsapp_disabled', async () => {
    const dave = await tokenFor('dave@acme.test');
    const res = await call<ErrorBody>('GET', '/api/v1/templates', { token: dave });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('whatsapp_disabled');
  });
});

describe('admin templates', () => {
  it('B21: lists every template with its status (pending and rejected included)', async () => {
    const res = await call<{ templates: AdminTemplate[] }>('GET', '/api/v1/admin/templates', {
      token: admin,
    });
    const statuses = Object.fromEntries(res.body.templates.map((t) => [t.name, t.status]));
    expect(statuses).toMatchObject({ order_shipped: 'PENDING', flash_sale_blast: 'REJECTED' });
  });

  it('B21: sync reads every page from the Cloud API and keeps the mappings', async () => {
    const res = await call<Sync>('POST', '/api/v1/admin/templates/sync', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ synced: 7, approved: 5, removed: 0 });
    const agent = await call<{ templates: AgentTemplate[] }>('GET', '/api/v1/templates', { token: alice });
    expect(agent.body.templates).toHaveLength(4);
    const all = await call<{ templates: AdminTemplate[] }>('GET', '/api/v1/admin/templates', {
      token: admin,
    });
    const optIn = all.body.templates.find((t) => t.name === 'greenline_opt_in');
    expect(optIn?.variables[0]?.source).toBe('contact_first_name');
  });

  it('B21: templates Meta no longer lists are marked DELETED and no longer offered', async () => {
    await setWaba(admin, FEWER_WABA);
    const res = await call<Sync>('POST', '/api/v1/admin/templates/sync', { token: admin });
    expect(res.body).toMatchObject({ synced: 1, removed: 6 });
    const agent = await call<{ templates: AgentTemplate[] }>('GET', '/api/v1/templates', { token: alice });
    expect(agent.body.templates.map((t) => t.name)).toEqual([]); // only the opt-in is left
    await setWaba(admin, '200000000000001');
    expect((await call<Sync>('POST', '/api/v1/admin/templates/sync', { token: admin })).body.approved).toBe(
      5,
    );
  });

  it('B21: a Cloud API refusal is 422 with the reason; a wrong token too', async () => {
    await setWaba(admin, BROKEN_WABA);
    const res = await call<ErrorBody>('POST', '/api/v1/admin/templates/sync', { token: admin });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('template_sync_failed');
    await call('PUT', '/api/v1/admin/number', {
      token: admin,
      body: {
        phoneNumberId: '100000000000001',
        displayPhoneNumber: '+15550100001',
        wabaId: '200000000000001',
        accessToken: 'wrong-token',
      },
    });
    const badToken = await call<ErrorBody>('POST', '/api/v1/admin/templates/sync', { token: admin });
    expect(badToken.status).toBe(422);
    expect(badToken.body.error.message).toContain('190');
    await call('PUT', '/api/v1/admin/number', {
      token: admin,
      body: {
        phoneNumberId: '100000000000001',
        displayPhoneNumber: '+15550100001',
        wabaId: '200000000000001',
        accessToken: 'sandbox-token-acme',
      },
    });
  });

  it('B7 / B21: maps variables; unknown variable keys are 422', async () => {
    const id = 'acme-appointment_reminder-en_US';
    const res = await call<AdminTemplate>('PUT', `/api/v1/admin/templates/${id}/variables`, {
      token: admin,
      body: { mappings: [{ key: 'body.3', source: 'org_name' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.variables.map((v) => v.source)).toEqual(['contact_first_name', 'user_name', 'org_name']);
    const bad = await call<ErrorBody>('PUT', `/api/v1/admin/templates/${id}/variables`, {
      token: admin,
      body: { mappings: [{ key: 'body.9', source: 'typed' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('body.1, body.2, body.3');
  });

  it("S2: another org's template is 404", async () => {
    const res = await call('PUT', '/api/v1/admin/templates/acme-appointment_reminder-en_US/variables', {
      token: globexAdmin,
      body: { mappings: [{ key: 'body.1', source: 'typed' }] },
    });
    expect(res.status).toBe(404);
  });

  it('S4: an unknown source or a malformed body is 400', async () => {
    for (const body of [{ mappings: [{ key: 'body.1', source: 'crm_field' }] }, { mappings: 'body.1' }, {}]) {
      const res = await call('PUT', '/api/v1/admin/templates/acme-appointment_reminder-en_US/variables', {
        token: admin,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
