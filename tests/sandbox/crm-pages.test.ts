// The sandbox's demo CRM pages (issue 8, item 7): served for every demo record, with a strict CSP,
// every interpolated value escaped (S3), and the page script that plays the CRM's single-page app.
// That the extension's adapters read each page as the expected contact is in
// tests/extension/crm/demo-pages.test.ts (happy-dom).

import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CRM_RECORDS, DEMO_CRMS, demoCrmPage, renderDemoCrmPage } from '../../sandbox/crm/index';
import { createSandbox } from '../../sandbox/index';
import { DEMO_WHATSAPP_USERS } from '../../shared/demo';

const sandbox = createSandbox({ webhookUrl: null, stateFile: null });
afterAll(() => sandbox.close());
const get = (path: string) => sandbox.app.request(path);
const pages = DEMO_CRMS.flatMap((crm) =>
  DEMO_CRM_RECORDS[crm].map((r) => [`${crm} ${r.name}`, crm, r] as const),
);

describe('demo CRM pages', () => {
  it('GET /crm links every demo record page', async () => {
    const res = await get('/crm');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [, crm, record] of pages) {
      expect(html).toContain(`href="${`/crm/${crm}${record.path}`.replaceAll('&', '&#38;')}"`);
    }
  });

  it.each(pages)(
    'serves %s at /crm/<crm><path> with its name, numbers, CSP and nosniff',
    async (_n, crm, record) => {
      const res = await get(`/crm/${crm}${record.path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain(`>${record.name}<`);
      for (const phone of record.phones) expect(html).toContain(phone.raw);
    },
  );

  it('every demo contact is one of the sandbox WhatsApp users, on every CRM, with stable ids', () => {
    const users = new Set(DEMO_WHATSAPP_USERS.map((u) => u.phone));
    for (const crm of DEMO_CRMS) {
      const records = DEMO_CRM_RECORDS[crm];
      expect(records.map((r) => r.name)).toEqual([
        'Samuel Johnson',
        'Maria Garcia',
        'Ana Souza',
        'Nora Quinn',
        'Lena Fischer',
      ]);
      expect(records.every((r) => r.phones.some((p) => users.has(p.e164)))).toBe(true);
      expect(new Set(records.map((r) => r.recordId)).size).toBe(5);
    }
    expect(DEMO_CRM_RECORDS.hubspot[2]).toMatchObject({
      recordId: '5103',
      path: '/contacts/1234/record/0-1/5103',
    });
    expect(DEMO_CRM_RECORDS.salesforce[3]).toMatchObject({
      objectType: 'lead',
      recordId: '00QDn00000GLdm99AA',
    });
  });

  it('answers Dynamics URLs whatever the parameter order, braces or case of the id', () => {
    const samuel = DEMO_CRM_RECORDS.dynamics[0];
    const id = samuel?.recordId.toUpperCase() ?? '';
    expect(demoCrmPage('dynamics', `/main.aspx?etn=contact&id=%7B${id}%7D&pagetype=entityrecord`)).toContain(
      'Samuel Johnson',
    );
    expect(demoCrmPage('dynamics', `/main.aspx?etn=lead&id=${id}&pagetype=entityrecord`)).toBeNull();
  });

  it.each([
    ['/crm/hubspot/contacts/1234/record/0-1/9999', 404],
    ['/crm/nocrm/person/1', 404],
    ['/crm/pipedrive/persons/list/user/1', 404],
  ])('GET %s is %i', async (path, status) => {
    expect((await get(path)).status).toBe(status);
  });

  it('GET /crm/<crm> goes to its first record', async () => {
    const res = await get('/crm/pipedrive');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/crm/pipedrive/person/101');
  });

  it.each(DEMO_CRMS.map((crm) => [crm]))('S3: %s renders names and numbers as text, never markup', (crm) => {
    const hostile = '<img src=x onerror="alert(1)"> & \'Bobby\' </template><script>alert(2)</script>';
    const base = DEMO_CRM_RECORDS[crm][0];
    if (!base) throw new Error('no record');
    const records = [
      {
        ...base,
        name: hostile,
        phones: base.phones.map((p) => ({ ...p, raw: `${p.raw}<b>`, label: '<i>Mobile</i>' })),
      },
      DEMO_CRM_RECORDS[crm][1] ?? base,
    ];
    const html = renderDemoCrmPage(crm, records, 0);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).not.toContain('</template><script>');
    expect(html).not.toContain('<i>Mobile');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#39;Bobby&#39;');
  });

  it('each page carries one template per record for the in-page navigation, and the script', async () => {
    const html = await (await get(`/crm/salesforce${DEMO_CRM_RECORDS.salesforce[0]?.path}`)).text();
    expect(html.match(/<template data-record-path=/g)).toHaveLength(5);
    expect(html).toContain('history.pushState');
    expect(html).toMatch(
      /data-demo-nav="next" href="\/crm\/salesforce\/lightning\/r\/Contact\/003Dn00000GLdm02AA\/view"/,
    );
  });
});
