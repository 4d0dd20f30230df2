import { describe, expect, it } from 'vitest';
import { hubspotAdapter, parseHubspotUrl } from '../../../extension/crm/hubspot';
import { expectFixture, fixture, fixtures, loadPage, only, summary } from './support';

const ana = fixture('hubspot', 'contact-two-numbers');
const find = (url = ana.url) => hubspotAdapter.find(document, new URL(url));

describe('HubSpot adapter', () => {
  it.each(fixtures('hubspot').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(hubspotAdapter, f);
  });

  it.each([
    ['https://app.hubspot.com/contacts/1234/record/0-1/5678', '5678'],
    ['https://app-eu1.hubspot.com/contacts/1234/record/0-1/5678/view/1', '5678'],
    ['https://app-na2.hubspot.com/contacts/1234/contact/42', '42'],
  ])('reads the contact id from %s', (url, id) => {
    expect(parseHubspotUrl(new URL(url))?.recordId).toBe(id);
  });

  it.each([
    'https://app.hubspot.com/contacts/1234/record/0-2/5678',
    'https://app.hubspot.com/contacts/1234/record/0-3/5678',
    'https://app.hubspot.com/contacts/1234/objects/0-1/views/all/list',
    'https://app.hubspot.com/contacts/1234/record/0-1/',
    'https://app.hubspot.example.com/contacts/1234/record/0-1/5678',
  ])('is not a contact record: %s', (url) => {
    expect(parseHubspotUrl(new URL(url))).toBeNull();
  });

  it('links the contact by its canonical record URL, also from the legacy URL', () => {
    loadPage(fixture('hubspot', 'contact-legacy-url').html);
    const { record } = only(find('https://app-eu1.hubspot.com/contacts/99887766/contact/5101?tab=1'));
    expect(record.url).toBe('https://app-eu1.hubspot.com/contacts/99887766/record/0-1/5101');
  });

  it('B18: puts the action right after the Call activity button, mobile number first', () => {
    loadPage(ana.html);
    const { placement, record } = only(find());
    expect(placement.position).toBe('after');
    expect(placement.anchor.textContent).toContain('Call');
    expect(record.phones).toEqual([
      { raw: '+55 11 91234-5678', label: 'Mobile phone number' },
      { raw: '+55 11 3333-4444', label: 'Phone number' },
    ]);
  });

  it('a row whose property id and property-input id disagree is not read as a phone', () => {
    loadPage(ana.html);
    document
      .querySelector('[data-selenium-test="property-input-mobilephone"]')
      ?.setAttribute('data-selenium-test', 'property-input-fax');
    expect(summary(find())[0]?.phones).toEqual(['+55 11 91234-5678', '+55 11 3333-4444']);
    document.querySelector('[data-test-id="highlight-property-display-mobilephone"]')?.remove();
    expect(summary(find())[0]?.phones).toEqual(['+55 11 3333-4444']);
  });

  it('B18: single-page navigation to another contact gives the new record, never the old one', () => {
    loadPage(ana.html);
    expect(only(find()).record.recordId).toBe('5678');
    // The URL changes first; React has not re-rendered: the page still shows record 5678.
    expect(find('https://app.hubspot.com/contacts/1234/record/0-1/5101')).toEqual([]);
    const sidebar = document.querySelector('[data-scroll-trackable-container="left-sidebar"]');
    const next = new DOMParser().parseFromString(fixture('hubspot', 'contact-legacy-url').html, 'text/html');
    const nextSidebar = next.querySelector('[data-scroll-trackable-container="left-sidebar"]');
    if (!sidebar || !nextSidebar) throw new Error('fixture without a sidebar');
    sidebar.replaceChildren(...Array.from(nextSidebar.childNodes, (n) => document.importNode(n, true)));
    expect(summary(find('https://app.hubspot.com/contacts/1234/record/0-1/5101'))).toEqual([
      { recordId: '5101', name: 'Samuel Johnson', phones: ['+1 415 555 0101'] },
    ]);
  });

  it('B18: after React replaces the record subtree, the action points at the new nodes', () => {
    loadPage(ana.html);
    const before = only(find()).placement.anchor;
    const sidebar = document.querySelector('[data-scroll-trackable-container="left-sidebar"]');
    sidebar?.replaceWith(sidebar.cloneNode(true));
    const after = only(find());
    expect(before.isConnected).toBe(false);
    expect(after.placement.anchor.isConnected).toBe(true);
    expect(after.placement.anchor).not.toBe(before);
    expect(after.record.name).toBe('Ana Souza');
  });
});
