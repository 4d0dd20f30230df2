// A Dynamics 365 contact or lead form in the grammar of tests/fixtures/crm/dynamics (crm-pages.md
// §5.4): the global bar, the form command bar, the header title with its save state, phone inputs,
// and the parent account's quick view with the company switchboard.

import { type CrmPageKind, esc } from '../html';
import type { DemoCrmPhone, DemoCrmRecord } from '../records';

const ATTRIBUTE: Record<DemoCrmPhone['kind'], string> = {
  mobile: 'mobilephone',
  work: 'telephone1',
  fax: 'fax',
};

function input(attribute: string, label: string, value: string, control: string): string {
  const id = `gl-demo-${attribute}`;
  return `<div data-id="${attribute}" class="d-field">
    <label for="${id}">${esc(label)}</label>
    <input type="text" id="${id}" aria-label="${esc(label)}" data-id="${attribute}.fieldControl-${control}" value="${esc(value)}" title="${esc(value)}">
    ${control === 'phone-text-input' ? `<span aria-hidden="true" id="id-demo-${attribute}.fieldControl-phone-action-icon" class="d-call">☎</span>` : ''}
  </div>`;
}

function view(r: DemoCrmRecord): string {
  const entity = r.objectType === 'lead' ? 'lead' : 'contact';
  const byKind = (kind: DemoCrmPhone['kind']) => r.phones.find((p) => p.kind === kind)?.raw ?? '';
  const commands = (entity === 'lead' ? ['Save', 'Qualify', 'Disqualify'] : ['Save', 'Save & Close', 'New'])
    .map((c) => `<li><button type="button">${esc(c)}</button></li>`)
    .join('');
  return `<div data-id="editFormRoot">
  <ul data-id="CommandBar" data-lp-id="commandbar-Form:${entity}" role="menubar" aria-label="Commands">${commands}</ul>
  <div id="headerContainer" data-id="form-header">
    <h1 data-id="header_title" title="${esc(r.name)}">${esc(r.name)}<span class="d-state">- Saved</span></h1>
    <p>${entity === 'lead' ? 'Lead' : 'Contact'} · Sales</p>
  </div>
  <section aria-label="${entity.toUpperCase()}" class="d-card">
    <h2>${entity === 'lead' ? 'Lead' : 'Contact'} details</h2>
    ${input('fullname', 'Full Name', r.name, 'text-box-text')}
    ${input(ATTRIBUTE.work, 'Business Phone', byKind('work'), 'phone-text-input')}
    ${input(ATTRIBUTE.mobile, 'Mobile Phone', byKind('mobile'), 'phone-text-input')}
    ${input(ATTRIBUTE.fax, 'Fax', r.fax?.raw ?? '', 'text-box-text')}
  </section>
  <section aria-label="Company" class="d-card">
    <h2>Company</h2>
    <div data-id="parentcustomerid_qfc" class="d-field">
      <label for="gl-demo-qfc-phone">Main Phone</label>
      <input type="text" id="gl-demo-qfc-phone" readonly data-id="parentcustomerid_qfc.telephone1.fieldControl-phone-text-input" value="+1 415 555 0100">
    </div>
  </section>
</div>`;
}

export const dynamicsPage: CrmPageKind = {
  crm: 'dynamics',
  label: 'Dynamics 365',
  mode: 'replace',
  title: (r) => `${r.objectType === 'lead' ? 'Lead' : 'Contact'}: ${r.name} - Dynamics 365`,
  view,
  frame: (root) => `<div id="ApplicationShell">
  <div id="topBar"><span>Dynamics 365 · Sales Hub</span><ul data-id="CommandBar" role="menubar" aria-label="Global commands"><li><button type="button" aria-label="Settings">Settings</button></li></ul></div>
  ${root('class="d-root"')}
</div>`,
  css: `
  body { background: #faf9f8; }
  #topBar { display: flex; justify-content: space-between; align-items: center; background: #002050; color: #fff; padding: 6px 16px; }
  #topBar ul, ul[data-id="CommandBar"] { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
  #topBar button { background: none; border: 0; color: #fff; }
  .d-root { padding: 12px 16px; }
  [data-id="editFormRoot"] > ul[data-id="CommandBar"] { background: #fff; border-bottom: 1px solid #edebe9; padding: 6px 8px; }
  [data-id="editFormRoot"] > ul[data-id="CommandBar"] button { background: none; border: 0; color: #323130; padding: 4px 8px; }
  #headerContainer { background: #fff; padding: 12px 16px; margin-top: 8px; }
  #headerContainer h1 { margin: 0; font-size: 20px; }
  .d-state { font-size: 13px; font-weight: 400; color: #605e5c; margin-left: 6px; }
  #headerContainer p { margin: 2px 0 0; color: #605e5c; }
  .d-card { background: #fff; margin-top: 8px; padding: 12px 16px; }
  .d-card h2 { font-size: 15px; margin: 0 0 8px; }
  .d-field { display: grid; grid-template-columns: 160px 1fr auto; gap: 8px; align-items: center; padding: 4px 0; }
  .d-field input { border: 1px solid #8a8886; padding: 4px 6px; font: inherit; }
  .d-call { color: #0078d4; }
`,
};
