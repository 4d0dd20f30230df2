import { describe, expect, it } from 'vitest';
import { parsePipedriveUrl, pipedriveAdapter } from '../../../extension/crm/pipedrive';
import { expectFixture, fixture, fixtures, loadPage, only, summary } from './support';

const ana = fixture('pipedrive', 'person-two-numbers');
const find = (url = ana.url) => pipedriveAdapter.find(document, new URL(url));

describe('Pipedrive adapter', () => {
  it.each(fixtures('pipedrive').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(pipedriveAdapter, f);
  });

  it.each([
    ['https://acme.pipedrive.com/person/42', '42'],
    ['https://acme.pipedrive.com/person/42/activities', '42'],
  ])('reads the person id from %s', (url, id) => {
    expect(parsePipedriveUrl(new URL(url))?.recordId).toBe(id);
  });

  it.each([
    'https://acme.pipedrive.com/persons/list/user/1',
    'https://acme.pipedrive.com/deal/7',
    'https://acme.pipedrive.com/organization/9',
    'https://acme.pipedrive.com/leads/inbox/5b4c6a2e-6b1f-11ee-8c99-0242ac120002',
    'https://acme.pipedrive.example/person/42',
  ])('is not a person page: %s', (url) => {
    expect(parsePipedriveUrl(new URL(url))).toBeNull();
  });

  it('B18: strips " - contact details" from the title and labels the numbers as Pipedrive does', () => {
    loadPage(ana.html);
    const { record, placement } = only(find());
    expect(record.name).toBe('Ana Souza');
    expect(record.phones).toEqual([
      { raw: '+55 11 91234-5678', label: 'Mobile' },
      { raw: '+55 11 3333-4444', label: 'Work' },
    ]);
    expect(record.url).toBe('https://acme.pipedrive.com/person/103');
    expect(placement).toMatchObject({ position: 'last' });
    expect(placement.anchor.textContent).toContain('Ana Souza');
  });

  it('B18: navigation hides the old person view and shows a new one: only the new person is read', () => {
    loadPage(ana.html);
    const old = document.querySelector<HTMLElement>('.viewContainer:not([style*="none"])');
    const next = new DOMParser()
      .parseFromString(fixture('pipedrive', 'person-no-title').html, 'text/html')
      .querySelector('.viewContainer');
    if (!old || !next) throw new Error('fixture without a view');
    old.style.display = 'none';
    old.after(document.importNode(next, true));
    document.title = 'Samuel Johnson - contact details';
    expect(summary(find('https://acme.pipedrive.com/person/101'))).toEqual([
      { recordId: '101', name: 'Samuel Johnson', phones: ['+1 415 555 0101'] },
    ]);
  });

  it('B18: after a re-render replaces the person view, the action points at the new nodes', () => {
    loadPage(ana.html);
    const before = only(find()).placement.anchor;
    const view = document.querySelector('.viewContainer:not([style*="none"])');
    view?.replaceWith(view.cloneNode(true));
    const after = only(find());
    expect(after.placement.anchor).not.toBe(before);
    expect(after.placement.anchor.isConnected).toBe(true);
  });

  it('without the person header, the action goes after the first phone button', () => {
    loadPage(ana.html);
    document.querySelector('.viewContainer:not([style*="none"]) .infoBlock')?.remove();
    const { placement } = only(find());
    expect(placement).toMatchObject({ position: 'after', wrapper: 'span' });
    expect(placement.anchor.textContent).toBe('+55 11 3333-4444');
  });
});
