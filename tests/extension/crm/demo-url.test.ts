import { describe, expect, it } from 'vitest';
import { DEMO_HOSTS, effectiveUrl } from '../../../extension/crm/demo-url';
import { CRM_ADAPTERS } from '../../../extension/crm/registry';

describe('effectiveUrl (demo CRM pages on the sandbox)', () => {
  it.each([
    [
      'http://127.0.0.1:8788/crm/hubspot/contacts/1234/record/0-1/5678',
      'https://app.hubspot.com/contacts/1234/record/0-1/5678',
    ],
    [
      'http://localhost:8788/crm/salesforce/lightning/r/Contact/003Dn00000GLdm01AA/view',
      'https://acme.lightning.force.com/lightning/r/Contact/003Dn00000GLdm01AA/view',
    ],
    ['http://127.0.0.1:8788/crm/pipedrive/person/101', 'https://acme.pipedrive.com/person/101'],
    [
      'http://127.0.0.1:8788/crm/zoho/crm/org123456/tab/Contacts/1',
      'https://crm.zoho.com/crm/org123456/tab/Contacts/1',
    ],
    [
      'http://127.0.0.1:8788/crm/dynamics/main.aspx?pagetype=entityrecord&etn=contact&id=%7Babc%7D#x',
      'https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=%7Babc%7D#x',
    ],
    ['http://127.0.0.1:8788/crm/hubspot', 'https://app.hubspot.com/'],
  ])('maps %s to the CRM URL it stands for', (from, to) => {
    expect(effectiveUrl(new URL(from)).href).toBe(to);
  });

  it.each([
    'http://127.0.0.1:8788/crm',
    'http://127.0.0.1:8788/crm/unknown/person/1',
    'http://127.0.0.1:8788/phone/+14155550101',
    'https://example.com/crm/hubspot/contacts/1234/record/0-1/5678',
    'https://app.hubspot.com/contacts/1234/record/0-1/5678',
  ])('leaves %s unchanged', (url) => {
    expect(effectiveUrl(new URL(url)).href).toBe(new URL(url).href);
  });

  it('each demo host is handled by its CRM adapter', () => {
    for (const [crm, host] of Object.entries(DEMO_HOSTS)) {
      const adapter = CRM_ADAPTERS.find((a) => a.id === crm);
      expect(adapter?.matches(new URL(`https://${host}/`)), crm).toBe(true);
    }
  });
});
