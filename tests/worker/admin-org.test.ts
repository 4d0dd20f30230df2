// Admin org settings and number settings (B21).
import { beforeAll, describe, expect, it } from 'vitest';
import type { NumberSettings, OrgResponse } from '../../shared/api/admin';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

let admin: string;
let globexAdmin: string;
let alice: string;
beforeAll(async () => {
  await setupDemo();
  [admin, globexAdmin, alice] = await Promise.all([
    tokenFor('admin@acme.test'),
    tokenFor('admin@globex.test'),
    tokenFor('alice@acme.test'),
  ]);
});

describe('GET/PATCH /api/v1/admin/org', () => {
  it('B21: shows the org, its settings and the default keywords', async () => {
    const res = await call<OrgResponse>('GET', '/api/v1/admin/org', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'acme', name: 'Acme', whatsappEnabled: true });
    expect(res.body.settings.optInTemplate).toEqual({ name: 'greenline_opt_in', language: 'en_US' });
    expect(res.body.defaultKeywords.optOut).toContain('STOP');
  });

  it('B21: disabling WhatsApp for the org is seen by its users at once (B18)', async () => {
    const off = await call<OrgResponse>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { whatsappEnabled: false },
    });
    expect(off.body.whatsappEnabled).toBe(false);
    const me = await call<{ whatsapp: { enabled: boolean } }>('GET', '/api/v1/me', { token: alice });
    expect(me.body.whatsapp.enabled).toBe(false);
    const contacts = await call<ErrorBody>('PUT', '/api/v1/contacts', {
      token: alice,
      body: { name: 'X', phone: '+14155550101' },
    });
    expect(contacts.status).toBe(403);
    expect(contacts.body.error.code).toBe('whatsapp_disabled');
    await call('PATCH', '/api/v1/admin/org', { token: admin, body: { whatsappEnabled: true } });
  });

  it('B3 / B12 / B21: keywords, prefix and retention are saved; settings merge', async () => {
    const keywords = { optIn: ['START'], optOut: ['STOP', 'ARRET'], yes: ['YES', 'JA'], no: ['NO'] };
    const res = await call<OrgResponse>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { keywords, singleParticipantPrefix: true } },
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ keywords, singleParticipantPrefix: true, retentionDays: 365 });
    const again = await call<OrgResponse>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { singleParticipantPrefix: false } },
    });
    expect(again.body.settings).toMatchObject({
      keywords,
      singleParticipantPrefix: false,
      retentionDays: 365,
    });
    const reset = await call<OrgResponse>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { keywords: null } },
    });
    expect(reset.body.settings.keywords).toBeNull();
  });

  it('B3 / S4: ambiguous keywords or no opt-out keyword are 422 with the problems listed', async () => {
    const res = await call<ErrorBody>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { keywords: { optIn: ['STOP'], optOut: ['STOP'], yes: [], no: [] } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_keywords');
    expect(res.body.error.message).toContain('more than one list');
    const none = await call<ErrorBody>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { keywords: { optIn: [], optOut: [], yes: [], no: [] } } },
    });
    expect(none.status).toBe(422);
  });

  it('B1 / B21: the opt-in template must be an APPROVED UTILITY template of the number', async () => {
    const cases = [
      { name: 'order_shipped', language: 'en_US' },
      { name: 'seasonal_offer', language: 'en_US' },
      { name: 'nope', language: 'en_US' },
    ];
    for (const optInTemplate of cases) {
      const res = await call<ErrorBody>('PATCH', '/api/v1/admin/org', {
        token: admin,
        body: { settings: { optInTemplate } },
      });
      expect(res.status, optInTemplate.name).toBe(422);
      expect(res.body.error.code).toBe('invalid_opt_in_template');
    }
    const ok = await call<OrgResponse>('PATCH', '/api/v1/admin/org', {
      token: admin,
      body: { settings: { optInTemplate: { name: 'meeting_follow_up', language: 'en_US' } } },
    });
    expect(ok.status).toBe(200);
  });

  it('S4: unknown fields and out-of-range values are 400', async () => {
    for (const body of [
      { colour: 'green' },
      { settings: { retentionDays: 30 } }, // set with PUT /admin/privacy/retention (audited)
      { settings: { retentionDays: 'forever' } },
      { whatsappEnabled: 'yes' },
      { settings: { keywords: { optIn: 'START' } } },
    ]) {
      const res = await call<ErrorBody>('PATCH', '/api/v1/admin/org', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });
});

describe('GET/PUT /api/v1/admin/number', () => {
  it('B21: shows the ids and never the token', async () => {
    const res = await call<NumberSettings>('GET', '/api/v1/admin/number', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      phoneNumberId: '100000000000001',
      displayPhoneNumber: '+15550100001',
      wabaId: '200000000000001',
      hasAccessToken: true,
      paused: false,
    });
    expect(JSON.stringify(res.body)).not.toContain('sandbox-token');
  });

  it('B21: updates the settings, keeping the token when none is sent; the token is write-only', async () => {
    const body = {
      phoneNumberId: '100000000000001',
      displayPhoneNumber: '+1 555 010 0001',
      wabaId: '200000000000001',
    };
    const res = await call<NumberSettings>('PUT', '/api/v1/admin/number', { token: admin, body });
    expect(res.status).toBe(200);
    expect(res.body.displayPhoneNumber).toBe('+1 555 010 0001');
    const withToken = await call<NumberSettings>('PUT', '/api/v1/admin/number', {
      token: admin,
      body: { ...body, accessToken: 'sandbox-token-acme' },
    });
    expect(withToken.status).toBe(200);
    expect(JSON.stringify(withToken.body)).not.toContain('sandbox-token');
  });

  it("S2: another org's phone number id is 409, never taken over", async () => {
    const res = await call<ErrorBody>('PUT', '/api/v1/admin/number', {
      token: globexAdmin,
      body: {
        phoneNumberId: '100000000000001',
        displayPhoneNumber: '+15550100001',
        wabaId: '200000000000002',
      },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('phone_number_id_taken');
  });

  it('S4: non-numeric ids, a short token or missing fields are 400', async () => {
    for (const body of [
      { phoneNumberId: 'abc', displayPhoneNumber: '+1', wabaId: '1' },
      { phoneNumberId: '1', displayPhoneNumber: '+15550100001' },
      { phoneNumberId: '1', displayPhoneNumber: '+15550100001', wabaId: '2', accessToken: 'x' },
      { phoneNumberId: '1', displayPhoneNumber: '+15550100001', wabaId: '2', token: 'x' },
    ]) {
      const res = await call<ErrorBody>('PUT', '/api/v1/admin/number', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
