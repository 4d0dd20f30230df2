// A Zoho CRM contact or lead detail page in the grammar of tests/fixtures/crm/zoho (crm-pages.md
// §4.4): the detail header buttons, the title card, phone fields rendered by crux-phone-component,
// a related-list preview with a masked number.

import { type CrmPageKind, esc } from '../html';
import type { DemoCrmPhone, DemoCrmRecord } from '../records';

const FIELD: Record<DemoCrmPhone['kind'], string> = { mobile: 'MOBILE', work: 'PHONE', fax: 'FAX' };

function field(p: DemoCrmPhone, record: DemoCrmRecord): string {
  const id = FIELD[p.kind];
  const value =
    p.kind === 'mobile'
      ? `<zpb-phone phoneno="${esc(p.e164)}" callbackparam="${esc(JSON.stringify({ module: moduleOf(record), searchid: record.recordId }))}"><span class="cxPhoneViewValue lvPhFld">${esc(p.raw)}</span></zpb-phone>`
      : `<span class="cxPhoneViewValue lvPhFld">${esc(p.raw)}</span>`;
  return `<div id="mouseArea__${id}" class="zc-field">
    <div id="labelTD_${id}">${esc(p.label)}</div>
    <div><crux-phone-component><div class="phoneRtl cxElemCompViewValue">${value}</div></crux-phone-component></div>
  </div>`;
}

function moduleOf(r: DemoCrmRecord): string {
  return r.objectType === 'lead' ? 'Leads' : 'Contacts';
}

function view(r: DemoCrmRecord): string {
  const params = JSON.stringify({ module: moduleOf(r), id: r.recordId });
  const fields = [...r.phones, ...(r.fax ? [r.fax] : [])].map((p) => field(p, r)).join('');
  return `<div class="dvTopBar">
  <div id="titlecard_FULLNAME" cx-prop-value="${esc(r.name)}">
    <div id="tc_mouseArea__FULLNAME"><span class="cxElemCompViewWrap">${esc(r.name)}</span></div>
  </div>
  <div class="zc-actions">
    <button id="sendEntityMailLink" type="button">Send Email</button>
    <button id="editRecordbtn" type="button">Edit</button>
    <a href="#" data-cid="deleteEntity" data-params="${esc(params)}">Delete</a>
  </div>
</div>
<div id="dv_lyte_content_tab"><lyte-tab-head role="tablist"><lyte-tab-title>Overview</lyte-tab-title><lyte-tab-title>Timeline</lyte-tab-title></lyte-tab-head></div>
<section class="zc-card" aria-label="${moduleOf(r) === 'Leads' ? 'Lead' : 'Contact'} Information">
  <h2>${moduleOf(r) === 'Leads' ? 'Lead' : 'Contact'} Information</h2>
  ${fields}
</section>
<section class="zc-card relatedListPreview" aria-label="Related contacts">
  <h2>Related contacts</h2>
  <p>Partner desk <span class="cxPhoneViewValue lvPhFld">*******0100</span></p>
</section>`;
}

export const zohoPage: CrmPageKind = {
  crm: 'zoho',
  label: 'Zoho CRM',
  mode: 'replace',
  title: (r) => `${r.name} - ${moduleOf(r)} - Zoho CRM`,
  view,
  frame: (
    root,
  ) => `<div id="crmNextGenTopMenu"><div class="flexAlignCenter"><span data-zcqa="appTopMenuTitle">Zoho CRM · Contacts · Leads</span></div></div>
${root('class="zc-root"')}`,
  css: `
  #crmNextGenTopMenu { background: #1f2c3d; color: #fff; padding: 10px 16px; }
  .zc-root { padding: 16px; }
  .dvTopBar { display: flex; justify-content: space-between; align-items: center; background: #fff; border: 1px solid #dde3ea; border-radius: 4px; padding: 12px 16px; }
  .cxElemCompViewWrap { font-size: 20px; font-weight: 600; }
  .zc-actions { display: flex; gap: 8px; align-items: center; }
  .zc-actions button { border: 1px solid #0a5fb4; background: #fff; color: #0a5fb4; border-radius: 4px; padding: 4px 12px; }
  .zc-actions #editRecordbtn { background: #0a5fb4; color: #fff; }
  .zc-actions a { color: #b3261e; }
  lyte-tab-head { display: flex; gap: 16px; padding: 10px 4px; }
  .zc-card { background: #fff; border: 1px solid #dde3ea; border-radius: 4px; padding: 12px 16px; margin-top: 12px; }
  .zc-card h2 { font-size: 15px; margin: 0 0 8px; }
  .zc-field { display: grid; grid-template-columns: 160px 1fr; padding: 4px 0; }
  .zc-field [id^="labelTD_"] { color: #5b6670; }
`,
};
