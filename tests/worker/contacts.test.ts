// Contacts (B19): upsert by E.164 phone within the org, CRM links added idempotently, never merged
// across orgs, clear errors for numbers that cannot be normalised.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/api/contacts';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

let alice: string;
let bob: string;
let erin: string;
beforeAll(async () => {
  await setupDemo();
  [alice, bob, erin] = await Promise.all([
    tokenFor('alice@acme.test'),
    tokenFor('bob@acme.test'),
    tokenFor('erin@globex.test'),
  ]);
});

const put = (token: string, body: unknown) => call<Contact>('PUT', '/api/v1/contacts', { token, body });

describe('PUT /api/v1/contacts', () => {
  it('B19: creates the contact with its phone in E.164 and the CRM link (201), then updates it (200)', async () => {
    const crm = {
      system: 'hubspot',
      recordId: '5678',
      url: 'https://app.hubspot.com/contacts/1/record/0-1/5678',
    };
    const created = await put(alice, {
      name: 'Samuel Johnson',
      phone: '(415) 555-0101',
      defaultCountry: 'US',
      crm,
    });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe('+14155550101');
    expect(created.body.waIds).toEqual(['14155550101']);
    expect(created.body.crmLinks).toEqual([crm]);
    const again = await put(bob, { name: 'Sam Johnson', phone: '+1 415 555 0101', crm });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(again.body.name).toBe('Sam Johnson');
    expect(again.body.crmLinks).toHaveLength(1);
  });

  it('B19: a page that names nobody (any web page) leaves a known contact’s name as it is; a new one is named by its number', async () => {
    const known = await put(alice, { name: 'Grace Hopper', phone: '+14155550177' });
    const page = { system: 'generic', recordId: 'p1', url: 'https://www.example.org/team' };
    const again = await put(bob, { phone: '(415) 555-0177', defaultCountry: 'US', crm: page });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: known.body.id, name: 'Grace Hopper' });
    expect(again.body.crmLinks).toEqual([page]);
    const unknown = await put(alice, { phone: '+14155550178', crm: page });
    expect(unknown.status).toBe(201);
    expect(unknown.body.name).toBe('+14155550178');
    // A CRM that names the contact still renames it (the record is the source of names).
    const renamed = await put(alice, { name: 'Grace B. Hopper', phone: '+14155550177' });
    expect(renamed.body.name).toBe('Grace B. Hopper');
  });

  it('B19: adds a second CRM link and updates a changed URL without duplicating', async () => {
    const phone = '+14155550102';
    await put(alice, {
      name: 'Maria Garcia',
      phone,
      crm: { system: 'pipedrive', recordId: '9', url: 'https://x.pipedrive.com/person/9' },
    });
    await put(alice, {
      name: 'Maria Garcia',
      phone,
      crm: { system: 'pipedrive', recordId: '9', url: 'https://y.pipedrive.com/person/9' },
    });
    const res = await put(alice, {
      name: 'Maria Garcia',
      phone,
      crm: {
        system: 'Salesforce',
        recordId: '003XX',
        url: 'https://acme.lightning.force.com/lightning/r/Contact/003XX/view',
      },
    });
    expect(res.body.crmLinks.map((l) => `${l.system}:${l.url}`)).toEqual([
      'pipedrive:https://y.pipedrive.com/person/9',
      'salesforce:https://acme.lightning.force.com/lightning/r/Contact/003XX/view',
    ]);
  });

  it('S2 / I8: the same phone in another org is another contact, never merged', async () => {
    const acme = await put(alice, { name: 'Ana Souza', phone: '+5511912345678' });
    const globex = await put(erin, { name: 'Ana S.', phone: '+55 11 91234-5678' });
    expect(globex.status).toBe(201);
    expect(globex.body.id).not.toBe(acme.body.id);
    const stillAcme = await call<Contact>('GET', `/api/v1/contacts/${acme.body.id}`, { token: alice });
    expect(stillAcme.body.name).toBe('Ana Souza');
  });

  it('B19 / S4: a phone that cannot be normalised is 400 invalid_phone with a clear message', async () => {
    for (const phone of ['12', 'call me maybe', '+1 415 555', '0044 20']) {
      const res = await call<ErrorBody>('PUT', '/api/v1/contacts', {
        token: alice,
        body: { name: 'X', phone },
      });
      expect(res.status, phone).toBe(400);
      expect(res.body.error.code).toBe('invalid_phone');
      expect(res.body.error.message).toContain(phone);
    }
    const local = await call<ErrorBody>('PUT', '/api/v1/contacts', {
      token: alice,
      body: { name: 'X', phone: '020 7946 0958' },
    });
    expect(local.body.error.message).toMatch(/defaultCountry/);
    const gb = await put(alice, { name: 'London', phone: '020 7946 0958', defaultCountry: 'GB' });
    expect(gb.body.phone).toBe('+442079460958');
  });

  it('S4: invalid bodies get 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      // A name may be left out (a page that names nobody), not sent empty.
      [{ name: '', phone: '+14155550101' }, 'name'],
      [{ name: '\u202e\u200b', phone: '+14155550101' }, 'name'],
      [{ name: 'A', phone: '+14155550101', defaultCountry: 'usa' }, 'defaultCountry'],
      [
        {
          name: 'A',
          phone: '+14155550101',
          crm: { system: 'hubspot', recordId: '1', url: 'javascript:alert(1)' },
        },
        'crm.url',
      ],
      [
        {
          name: 'A',
          phone: '+14155550101',
          crm: { system: 'hub spot!', recordId: '1', url: 'https://x.test' },
        },
        'crm.system',
      ],
      [{ name: 'A', phone: 14155550101 }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const res = await call<ErrorBody>('PUT', '/api/v1/contacts', { token: alice, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
  });
});

describe('GET /api/v1/contacts/{id}', () => {
  it('B19: returns the contact to any user of the org', async () => {
    const created = await put(alice, { name: 'Get Me', phone: '+14155550123' });
    const res = await call<Contact>('GET', `/api/v1/contacts/${created.body.id}`, { token: bob });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it('S2: another org gets 404, not the contact', async () => {
    const created = await put(alice, { name: 'Private', phone: '+14155550124' });
    const res = await call<ErrorBody>('GET', `/api/v1/contacts/${created.body.id}`, { token: erin });
    expect(res.status).toBe(404);
  });

  it('S4: a malformed id is 400', async () => {
    const res = await call<ErrorBody>('GET', '/api/v1/contacts/not%20an%20id!', { token: alice });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('id');
  });
});

describe('GET /api/v1/contacts/lookup', () => {
  const lookup = (token: string, query: string) =>
    call<{ contact: Contact | null }>('GET', `/api/v1/contacts/lookup?${query}`, { token });

  it('B18: finds the contact by the number as a CRM page writes it, and creates nothing when unknown', async () => {
    const created = await put(alice, { name: 'Looked Up', phone: '+14155550131' });
    const found = await lookup(bob, `phone=${encodeURIComponent('(415) 555-0131')}&defaultCountry=US`);
    expect(found.status).toBe(200);
    expect(found.body.contact?.id).toBe(created.body.id);
    const unknown = await lookup(alice, `phone=${encodeURIComponent('+14155550132')}`);
    expect(unknown.body.contact).toBeNull();
    const again = await lookup(alice, `phone=${encodeURIComponent('+14155550132')}`);
    expect(again.body.contact).toBeNull();
  });

  it('S2: another org never finds Acme contacts', async () => {
    await put(alice, { name: 'Acme Only', phone: '+14155550133' });
    const res = await lookup(erin, `phone=${encodeURIComponent('+14155550133')}`);
    expect(res.body.contact).toBeNull();
  });

  it('B19 / S4: a number that cannot be normalised is 400 invalid_phone', async () => {
    const res = await call<ErrorBody>('GET', '/api/v1/contacts/lookup?phone=12', { token: alice });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_phone');
  });
});
