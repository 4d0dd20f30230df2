import { describe, expect, it } from 'vitest';
import { dynamicsAdapter, parseDynamicsUrl } from '../../../extension/crm/dynamics';
import { expectFixture, fixture, fixtures, loadPage, only, summary } from './support';

const ana = fixture('dynamics', 'contact-two-numbers');
const find = (url = ana.url) => dynamicsAdapter.find(document, new URL(url));
const GUID = '6b2f0e3a-9c1d-4e5f-8a7b-0c1d2e3f4a5b';

describe('Dynamics 365 adapter', () => {
  it.each(fixtures('dynamics').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(dynamicsAdapter, f);
  });

  it.each([
    `https://contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=contact&id=%7B${GUID.toUpperCase()}%7D`,
    `https://contoso.crm.dynamics.com/main.aspx?etn=contact&id={${GUID}}&pagetype=entityrecord`,
    `https://contoso.crm11.dynamics.com/main.aspx?forceUCI=1&pagetype=entityrecord&etn=contact&id=${GUID}`,
  ])('reads the contact GUID, without braces and lower-cased, from %s', (url) => {
    expect(parseDynamicsUrl(new URL(url))).toMatchObject({ entity: 'contact', recordId: GUID });
  });

  it.each([
    `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${GUID}`,
    `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entitylist&etn=contact`,
    `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact`,
    `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=not-a-guid`,
    `https://contoso.crm4.dynamics.example/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
  ])('is not a contact or lead record: %s', (url) => {
    expect(parseDynamicsUrl(new URL(url))).toBeNull();
  });

  it('B18: the action is the first item of the form command bar (an <li>), never the global bar', () => {
    loadPage(ana.html);
    const { record, placement } = only(find());
    expect(placement).toMatchObject({ position: 'first', wrapper: 'li' });
    expect(placement.anchor.getAttribute('data-lp-id')).toBe('commandbar-Form:contact');
    expect(record.name).toBe('Ana Souza');
    expect(record.url).toBe(
      `https://contoso.crm4.dynamics.com/main.aspx?appid=11111111-2222-3333-4444-555555555555&pagetype=entityrecord&etn=contact&id=${GUID}`,
    );
  });

  it('reads what the user typed into a phone field (the input value), not the attribute it was rendered with', () => {
    loadPage(ana.html);
    const mobile = document.querySelector<HTMLInputElement>(
      'input[data-id="mobilephone.fieldControl-phone-text-input"]',
    );
    if (!mobile) throw new Error('no mobile input');
    mobile.value = '+55 11 98888-7777';
    expect(summary(find())[0]?.phones).toEqual(['+55 11 98888-7777', '+55 11 3333-4444']);
  });

  it('B18: single-page navigation to a lead gives the lead, never the previous contact', () => {
    loadPage(ana.html);
    const form = document.querySelector('[data-id="editFormRoot"]');
    const next = new DOMParser()
      .parseFromString(fixture('dynamics', 'lead').html, 'text/html')
      .querySelector('#ApplicationShell');
    if (!form || !next) throw new Error('fixture without a form');
    form.parentElement?.replaceWith(document.importNode(next, true));
    const url =
      'https://acme.crm.dynamics.com/main.aspx?etn=lead&id=6B2F0E3A-9C1D-4E5F-8A7B-000000000199&pagetype=entityrecord';
    expect(summary(find(url))).toEqual([
      { recordId: '6b2f0e3a-9c1d-4e5f-8a7b-000000000199', name: 'Nora Quinn', phones: ['+1 415 555 0199'] },
    ]);
  });

  it('B18: after the form re-renders, the action points at the new command bar', () => {
    loadPage(ana.html);
    const before = only(find()).placement.anchor;
    const form = document.querySelector('[data-id="editFormRoot"]');
    form?.replaceWith(form.cloneNode(true));
    const after = only(find());
    expect(after.placement.anchor).not.toBe(before);
    expect(after.placement.anchor.isConnected).toBe(true);
  });

  it('without a form command bar, the action goes after the mobile phone dial icon', () => {
    loadPage(ana.html);
    document.querySelector('[data-lp-id="commandbar-Form:contact"]')?.remove();
    const { placement } = only(find());
    expect(placement).toMatchObject({ position: 'after', wrapper: 'span' });
    expect(placement.anchor.id).toBe('id-abc-mobilephone.fieldControl-phone-action-icon');
  });
});
