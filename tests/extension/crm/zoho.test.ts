import { describe, expect, it } from 'vitest';
import { ZOHO_CRM_HOSTS } from '../../../extension/crm/matches';
import { parseZohoUrl, zohoAdapter } from '../../../extension/crm/zoho';
import { expectFixture, fixture, fixtures, loadPage, only, summary } from './support';

const ana = fixture('zoho', 'contact-two-numbers');
const find = (url = ana.url) => zohoAdapter.find(document, new URL(url));

describe('Zoho CRM adapter', () => {
  it.each(fixtures('zoho').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(zohoAdapter, f);
  });

  it.each(ZOHO_CRM_HOSTS.map((host) => [host]))('handles contacts and leads on %s', (host) => {
    expect(zohoAdapter.matches(new URL(`https://${host}/crm/org1/tab/Contacts/1`))).toBe(true);
    expect(parseZohoUrl(new URL(`https://${host}/crm/org77/tab/Leads/4321000000000199`))).toMatchObject({
      module: 'Leads',
      recordId: '4321000000000199',
      canonical: `https://${host}/crm/org77/tab/Leads/4321000000000199`,
    });
  });

  it.each([
    ['https://crm.zoho.com/crm/tab/Contacts/4321', '4321'],
    ['https://crm.zoho.com/crm/org123/tab/Contacts/4321/canvas/99', '4321'],
  ])('reads the record id from %s', (url, id) => {
    expect(parseZohoUrl(new URL(url))?.recordId).toBe(id);
  });

  it.each([
    'https://crm.zoho.com/crm/org123/tab/Accounts/4321',
    'https://crm.zoho.com/crm/org123/tab/Potentials/4321',
    'https://crm.zoho.com/crm/org123/tab/Contacts/custom-view/1/list',
    'https://desk.zoho.com/crm/org123/tab/Contacts/4321',
    'https://crm.zoho.example/crm/org123/tab/Contacts/4321',
  ])('is not a contact or lead: %s', (url) => {
    expect(parseZohoUrl(new URL(url))).toBeNull();
  });

  it('B18: goes before the detail header Edit button; mobile first; fax, masked and related-list values left out', () => {
    loadPage(ana.html);
    const { record, placement } = only(find());
    expect(placement).toMatchObject({ position: 'before' });
    expect(placement.anchor.id).toBe('editRecordbtn');
    expect(record.phones).toEqual([
      { raw: '+55 11 91234-5678', label: 'Mobile' },
      { raw: '+55 11 3333-4444', label: 'Phone' },
    ]);
  });

  it('B18: right after the URL changes, the previous record still on screen is not offered as the new one', () => {
    loadPage(ana.html);
    expect(find('https://crm.zoho.com/crm/org123456/tab/Contacts/4321000000000102')).toEqual([]);
  });

  it('B18: single-page navigation to a lead gives the lead, never the previous contact', () => {
    loadPage(ana.html);
    loadPage(fixture('zoho', 'lead-masked-phone').html);
    expect(summary(find('https://crm.zoho.com/crm/org123456/tab/Leads/4321000000000199'))).toEqual([
      { recordId: '4321000000000199', name: 'Nora Quinn', phones: ['+1 415-555-0199'] },
    ]);
  });

  it('B18: after Lyte re-renders the fields and header, the action points at the new nodes', () => {
    loadPage(ana.html);
    const before = only(find()).placement.anchor;
    document.body.replaceChildren(...Array.from(document.body.childNodes, (n) => n.cloneNode(true)));
    const after = only(find());
    expect(after.placement.anchor).not.toBe(before);
    expect(after.placement.anchor.isConnected).toBe(true);
  });

  it('without the header buttons, the action goes after the first phone of the record', () => {
    loadPage(ana.html);
    document.querySelector('.dvTopBar')?.remove();
    const { placement } = only(find('https://crm.zoho.com/crm/org123456/tab/Contacts/4321000000012345'));
    expect(placement).toMatchObject({ position: 'after', wrapper: 'span' });
    expect(placement.anchor.closest('#mouseArea__PHONE')).not.toBeNull();
  });
});
