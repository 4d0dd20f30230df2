// The sandbox's demo CRM pages read by the real adapters (issue 8, item 7): each page gives its
// demo contact, and the page script behaves like the CRM's single-page app (next record by
// pushState, re-render with fresh nodes, cached hidden views), which the adapters must follow (B18).

import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HOSTS, effectiveUrl } from '../../../extension/crm/demo-url';
import { isVisible } from '../../../extension/crm/dom';
import { CRM_ADAPTERS } from '../../../extension/crm/registry';
import type { CrmAdapter } from '../../../extension/crm/types';
import { DEMO_CRM_RECORDS, DEMO_CRMS, type DemoCrm, demoCrmPage } from '../../../sandbox/crm/index';
import { DEMO_CRM_SCRIPT } from '../../../sandbox/crm/script';
import { loadPage, only, summary } from './support';

const happy = (
  window as unknown as {
    happyDOM: { setURL(url: string): void; settings: { enableJavaScriptEvaluation: boolean } };
  }
).happyDOM;
afterEach(() => {
  happy.settings.enableJavaScriptEvaluation = false;
});

function adapterFor(crm: DemoCrm): CrmAdapter {
  const adapter = CRM_ADAPTERS.find((a) => a.id === crm);
  if (!adapter) throw new Error(`no adapter for ${crm}`);
  return adapter;
}

/** Opens a demo page at its sandbox URL and runs its script, as the browser would. */
function open(crm: DemoCrm, index: number): void {
  const record = DEMO_CRM_RECORDS[crm][index];
  const html = record && demoCrmPage(crm, record.path);
  if (!html) throw new Error(`no demo page ${crm} ${index}`);
  happy.setURL(`http://127.0.0.1:8788/crm/${crm}${record.path}`);
  loadPage(html);
  happy.settings.enableJavaScriptEvaluation = true;
  const script = document.createElement('script');
  script.textContent = DEMO_CRM_SCRIPT;
  document.body.append(script);
}

const findHere = (crm: DemoCrm) => adapterFor(crm).find(document, effectiveUrl(new URL(location.href)));
const expected = (crm: DemoCrm, index: number) => {
  const r = DEMO_CRM_RECORDS[crm][index];
  return r && [{ recordId: r.recordId, name: r.name, phones: r.phones.map((p) => p.raw) }];
};
const click = (selector: string) => document.querySelector<HTMLElement>(selector)?.click();

const pages = DEMO_CRMS.flatMap((crm) => DEMO_CRM_RECORDS[crm].map((r, i) => [crm, r.name, i] as const));

describe('demo CRM pages with the extension adapters', () => {
  it.each(pages)('B18: the %s page of %s gives that contact, labelled, mobile first', (crm, _name, index) => {
    const record = DEMO_CRM_RECORDS[crm][index];
    if (!record) throw new Error('no record');
    loadPage(demoCrmPage(crm, record.path) ?? '');
    const url = new URL(`https://${DEMO_HOSTS[crm]}${record.path}`);
    expect(effectiveUrl(new URL(`http://127.0.0.1:8788/crm/${crm}${record.path}`)).href).toBe(url.href);
    const found = only(adapterFor(crm).find(document, url));
    expect(summary([found])).toEqual(expected(crm, index));
    expect(found.record.phones.map((p) => p.label)).toEqual(record.phones.map((p) => p.label));
    expect(found.record.objectType).toBe(record.objectType);
    expect(isVisible(found.placement.anchor)).toBe(true);
  });

  it.each(DEMO_CRMS.map((crm) => [crm]))(
    'B18: %s — "Next record" changes the URL and the record without a page load',
    (crm) => {
      open(crm, 0);
      expect(summary(findHere(crm))).toEqual(expected(crm, 0));
      click('[data-demo-nav="next"]');
      expect(location.pathname + location.search).toBe(`/crm/${crm}${DEMO_CRM_RECORDS[crm][1]?.path}`);
      expect(summary(findHere(crm))).toEqual(expected(crm, 1));
      click('[data-demo-nav="prev"]');
      click('[data-demo-nav="prev"]');
      const last = DEMO_CRM_RECORDS[crm].length - 1;
      expect(summary(findHere(crm))).toEqual(expected(crm, last));
      expect(document.title).toContain('Lena Fischer');
    },
  );

  it.each(DEMO_CRMS.map((crm) => [crm]))(
    'B18: %s — "Refresh view" replaces the record nodes; the action follows',
    (crm) => {
      open(crm, 2);
      const before = only(findHere(crm)).placement.anchor;
      click('[data-demo-refresh]');
      const after = only(findHere(crm));
      expect(before.isConnected).toBe(false);
      expect(after.placement.anchor.isConnected).toBe(true);
      expect(summary([after])).toEqual(expected(crm, 2));
    },
  );

  it('B18: Salesforce keeps one hidden cached view; Pipedrive titles the page "<name> - contact details"', () => {
    open('salesforce', 0);
    click('[data-demo-nav="next"]');
    click('[data-demo-nav="next"]');
    const views = Array.from(
      document.querySelectorAll<HTMLElement>('.lafSinglePaneWindowManager > .oneContent'),
    );
    expect(views).toHaveLength(2);
    expect(views.filter((v) => v.classList.contains('active')).map((v) => v.style.display)).toEqual(['']);
    expect(views.filter((v) => !v.classList.contains('active')).map((v) => v.style.display)).toEqual([
      'none',
    ]);
    open('pipedrive', 1);
    expect(document.title).toBe('Maria Garcia - contact details');
  });

  it('B18: the browser Back button (popstate) shows the record of the URL', () => {
    open('hubspot', 0);
    click('[data-demo-nav="next"]');
    happy.setURL(`http://127.0.0.1:8788/crm/hubspot${DEMO_CRM_RECORDS.hubspot[0]?.path}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(summary(findHere('hubspot'))).toEqual(expected('hubspot', 0));
  });
});
