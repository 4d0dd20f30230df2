import { describe, expect, it } from 'vitest';
import { parseSalesforceUrl, salesforceAdapter } from '../../../extension/crm/salesforce';
import { expectFixture, fixture, fixtures, loadPage, only, summary } from './support';

const ana = fixture('salesforce', 'contact-two-numbers');
const find = (url = ana.url) => salesforceAdapter.find(document, new URL(url));
const ANA = {
  recordId: '003xx000004TmiQAAS',
  name: 'Ana Souza',
  phones: ['+55 11 91234-5678', '+55 11 3333-4444'],
};

/** Moves `host`'s children into an open shadow root, as native-shadow LWC components render. */
function intoShadow(host: Element | null): ShadowRoot {
  if (!host) throw new Error('no shadow host');
  const root = host.attachShadow({ mode: 'open' });
  root.append(...Array.from(host.childNodes));
  return root;
}

describe('Salesforce Lightning adapter', () => {
  it.each(fixtures('salesforce').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(salesforceAdapter, f);
  });

  it.each([
    [
      'https://acme.lightning.force.com/lightning/r/Contact/003xx000004TmiQAAS/view',
      'contact',
      '003xx000004TmiQAAS',
    ],
    [
      'https://acme.lightning.force.com/lightning/r/Contact/003xx000004TmiQ/view',
      'contact',
      '003xx000004TmiQ',
    ],
    [
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/00QDn00000GLdm99AA/view',
      'lead',
      '00QDn00000GLdm99AA',
    ],
  ])('reads the record from %s', (url, objectType, id) => {
    const parsed = parseSalesforceUrl(new URL(url));
    expect(parsed?.recordId).toBe(id);
    expect(parsed?.object.toLowerCase()).toBe(objectType);
  });

  it.each([
    'https://acme.lightning.force.com/lightning/setup/ObjectManager/home',
    'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent',
    'https://acme.lightning.force.com/lightning/page/home',
    'https://acme.lightning.force.com/lightning/r/Account/001xx000003DGb2AAG/view',
    'https://acme.lightning.force.com/lightning/r/Contact/001xx000003DGb2AAG/view',
    'https://acme.my.salesforce.com/lightning/r/Contact/003xx000004TmiQAAS/view',
  ])('is not a Contact or Lead record: %s', (url) => {
    expect(parseSalesforceUrl(new URL(url))).toBeNull();
  });

  it('B18: the action is the first item of the visible record ribbon, wrapped in an <li>', () => {
    loadPage(ana.html);
    const { placement, record } = only(find());
    expect(placement).toMatchObject({ position: 'first', wrapper: 'li' });
    expect(placement.anchor.tagName).toBe('UL');
    expect(placement.anchor.textContent).toContain('New Case');
    expect(record).toMatchObject({ objectType: 'contact', url: ana.url });
  });

  it('B18: reads a phone moved into a native shadow root (deep query)', () => {
    loadPage(ana.html);
    const mobile = document.querySelector(
      '.oneContent.active [data-target-selection-name="sfdc:RecordField.Contact.MobilePhone"] lightning-formatted-phone',
    );
    intoShadow(mobile);
    expect(mobile?.textContent).toBe('');
    expect(summary(find())).toEqual([ANA]);
  });

  it('B18: finds name, phones and ribbon when whole components render in native shadow roots', () => {
    loadPage(ana.html);
    for (const item of Array.from(
      document.querySelectorAll('.oneContent.active records-record-layout-item'),
    )) {
      intoShadow(item);
    }
    const highlightsRoot = intoShadow(document.querySelector('.oneContent.active records-highlights2'));
    const { placement } = only(find());
    expect(summary(find())).toEqual([ANA]);
    expect(placement.anchor.getRootNode()).toBe(highlightsRoot);
  });

  it('B18: navigating to another record caches the old view hidden and reads only the new one', () => {
    loadPage(ana.html);
    const manager = document.querySelector('.lafSinglePaneWindowManager');
    const old = document.querySelector<HTMLElement>('.oneContent.active');
    if (!manager || !old) throw new Error('fixture without views');
    const lead = new DOMParser().parseFromString(fixture('salesforce', 'lead').html, 'text/html');
    const next = lead.querySelector('.oneContent.active');
    if (!next) throw new Error('lead fixture without a view');
    old.classList.remove('active');
    old.style.display = 'none';
    manager.append(document.importNode(next, true));
    const leadUrl = 'https://acme.lightning.force.com/lightning/r/Lead/00QDn00000GLdm99AA/view';
    expect(summary(find(leadUrl))).toEqual([
      { recordId: '00QDn00000GLdm99AA', name: 'Nora Quinn', phones: ['(415) 555-0199'] },
    ]);
    expect(only(find(leadUrl)).placement.anchor.closest('.oneContent.active')).not.toBeNull();
  });

  it('B18: after LWC replaces the record view, the action points at the new nodes', () => {
    loadPage(ana.html);
    const before = only(find()).placement.anchor;
    const view = document.querySelector('.oneContent.active');
    view?.replaceWith(view.cloneNode(true));
    const after = only(find());
    expect(after.placement.anchor).not.toBe(before);
    expect(after.placement.anchor.isConnected).toBe(true);
    expect(summary([after])).toEqual([ANA]);
  });

  it('a page still rendering its phones yields nothing yet', () => {
    loadPage(ana.html);
    for (const phone of Array.from(
      document.querySelectorAll('.oneContent.active lightning-formatted-phone'),
    )) {
      phone.replaceChildren();
    }
    expect(find()).toEqual([]);
  });

  it('without a ribbon on screen, the action goes after the mobile number', () => {
    loadPage(ana.html);
    for (const ul of Array.from(document.querySelectorAll('.oneContent.active .slds-page-header ul')))
      ul.remove();
    const { placement } = only(find());
    expect(placement).toMatchObject({ position: 'after', wrapper: 'span' });
    expect(placement.anchor.textContent?.trim()).toBe('+55 11 91234-5678');
  });

  it('never reads inside a mounted Greenline action, even one holding a list and a number', () => {
    loadPage(ana.html);
    const ribbon = only(find()).placement.anchor;
    const wrapper = document.createElement('li');
    wrapper.setAttribute('data-greenline-host-wrapper', 'salesforce:003xx000004TmiQAAS');
    const host = document.createElement('greenline-action');
    host.setAttribute('data-greenline-host', 'salesforce:003xx000004TmiQAAS');
    host.attachShadow({ mode: 'open' }).innerHTML =
      '<ul><li>menu</li></ul><records-highlights-details-item><p>Mobile</p><lightning-formatted-phone>' +
      '<a href="tel:+15550009999">+1 555 000 9999</a></lightning-formatted-phone></records-highlights-details-item>';
    wrapper.append(host);
    ribbon.prepend(wrapper);
    const again = only(find());
    expect(again.placement.anchor).toBe(ribbon);
    expect(summary([again])).toEqual([ANA]);
  });
});
