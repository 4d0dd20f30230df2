// A Pipedrive person page in the grammar of tests/fixtures/crm/pipedrive (crm-pages.md §3.4): the
// person header (infoBlock), the field list with Caller phone buttons and their labels, a deals
// section. The page script keeps the previous person's view hidden, and the title is
// "<name> - contact details", which is where the adapter reads the name.

import { type CrmPageKind, esc } from '../html';
import type { DemoCrmRecord } from '../records';

function view(r: DemoCrmRecord, { hidden }: { hidden: boolean }): string {
  const email = `${r.name.split(' ')[0]?.toLowerCase() ?? 'person'}@example.com`;
  const phones = r.phones
    .map(
      (p) => `<div class="item"><div class="value">
        <span><button type="button" data-test="phone-number-button">${esc(p.raw)}</button></span><span class="label">${esc(p.label)}</span>
      </div></div>`,
    )
    .join('');
  return `<div class="viewContainer"${hidden ? ' style="display: none;"' : ''}>
  <div class="detailView personDetails">
    <div class="content">
      <div class="infoBlock">
        <div class="spacer"><div class="pd-avatar" aria-hidden="true">${esc(r.name.slice(0, 1))}</div><h1><span class="editable">${esc(r.name)}</span></h1></div>
      </div>
      <div class="pd-columns">
        <section class="pd-card" aria-label="Details">
          <h2>Details</h2>
          <div class="fieldsList">
            ${phones}
            <div class="item"><div class="value"><a href="mailto:${esc(email)}">${esc(email)}</a><span class="label">Work</span></div></div>
          </div>
        </section>
        <section class="pd-card" aria-label="Deals"><h2>Deals</h2><p>Acme renewal · open</p></section>
      </div>
    </div>
  </div>
</div>`;
}

export const pipedrivePage: CrmPageKind = {
  crm: 'pipedrive',
  label: 'Pipedrive',
  mode: 'cache',
  title: (r) => `${r.name} - contact details`,
  view,
  frame: (root) => `<header class="pd-top">Pipedrive · Contacts · People</header>
${root('class="pd-views"')}`,
  css: `
  .pd-top { background: #fff; border-bottom: 1px solid #e0e0e0; padding: 10px 16px; font-weight: 600; color: #192435; }
  .pd-views { padding: 16px; }
  .infoBlock .spacer { display: flex; align-items: center; gap: 12px; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 12px 16px; }
  .infoBlock h1 { margin: 0; font-size: 20px; }
  .pd-avatar { width: 44px; height: 44px; border-radius: 50%; background: #017737; color: #fff; display: grid; place-items: center; font-size: 20px; }
  .pd-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
  .pd-card { background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 12px 16px; }
  .pd-card h2 { font-size: 15px; margin: 0 0 8px; }
  .fieldsList .value { display: flex; gap: 8px; align-items: baseline; padding: 4px 0; }
  .fieldsList button { border: 0; background: none; color: #0b5cab; padding: 0; text-decoration: underline; }
  .fieldsList .label { color: #5b6670; font-size: 12px; }
`,
};
