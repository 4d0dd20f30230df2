// A Lightning Contact or Lead record page in the grammar of tests/fixtures/crm/salesforce
// (crm-pages.md §2.4): highlights panel with the actions ribbon, the record detail layout items
// named by API name, a related list. The page script keeps the previous view cached and hidden.

import { type CrmPageKind, esc } from '../html';
import type { DemoCrmPhone, DemoCrmRecord } from '../records';

const FIELD: Record<DemoCrmPhone['kind'], string> = { mobile: 'MobilePhone', work: 'Phone', fax: 'Fax' };

function item(object: string, field: string, label: string, value: string): string {
  return `<records-record-layout-item field-label="${esc(label)}" class="slds-form__item">
    <div class="slds-grid" data-target-selection-name="sfdc:RecordField.${object}.${field}" role="listitem">
      <div class="slds-form-element test-id__output-root">
        <div class="test-id__field-label-container slds-form-element__label"><span class="test-id__field-label">${esc(label)}</span></div>
        <div class="slds-form-element__control"><span class="test-id__field-value slds-form-element__static">${value}</span></div>
      </div>
    </div>
  </records-record-layout-item>`;
}

function phone(p: DemoCrmPhone): string {
  return `<lightning-formatted-phone data-output-element-id="output-field"><a href="tel:${esc(p.e164)}">${esc(p.raw)}</a></lightning-formatted-phone>`;
}

function view(r: DemoCrmRecord, { hidden }: { hidden: boolean }): string {
  const object = r.objectType === 'lead' ? 'Lead' : 'Contact';
  const first = r.phones[0];
  const actions = (r.objectType === 'lead' ? ['Edit', 'Convert', 'Delete'] : ['Edit', 'New Case', 'New Note'])
    .map(
      (a) =>
        `<li class="slds-button-group-item"><button type="button" class="slds-button slds-button_neutral">${esc(a)}</button></li>`,
    )
    .join('');
  const phones = [...r.phones, ...(r.fax ? [r.fax] : [])].map((p) =>
    item(object, FIELD[p.kind], p.label, phone(p)),
  );
  return `<div class="windowViewMode-normal oneContent${hidden ? '' : ' active'} lafPageHost"${hidden ? ' style="display:none"' : ''}>
  <records-lwc-highlights-panel><records-lwc-record-layout>
    <records-highlights2>
      <div class="slds-page-header slds-page-header_record-home">
        <div class="sf-title">
          <records-entity-label slot="entityLabel">${object}</records-entity-label>
          <h1 class="slds-page-header__title"><lightning-formatted-name slot="primaryField">${esc(r.name)}</lightning-formatted-name></h1>
        </div>
        <runtime_platform_actions-actions-ribbon><ul class="slds-button-group-list">${actions}</ul></runtime_platform_actions-actions-ribbon>
      </div>
      <div class="secondaryFields">
        <records-highlights-details-item><div><p class="slds-text-title">Title</p><p>Buyer</p></div></records-highlights-details-item>
        ${first ? `<records-highlights-details-item><div><p class="slds-text-title">${esc(first.label)}</p><p>${phone(first)}</p></div></records-highlights-details-item>` : ''}
      </div>
    </records-highlights2>
  </records-lwc-record-layout></records-lwc-highlights-panel>
  <div class="sf-body">
    <section class="sf-card" aria-label="Details">
      <h2>Details</h2>
      <records-record-layout-block><records-record-layout-section><records-record-layout-row>
        ${item(object, 'Name', 'Name', `<lightning-formatted-name>${esc(r.name)}</lightning-formatted-name>`)}
        ${phones.join('\n')}
      </records-record-layout-row></records-record-layout-section></records-record-layout-block>
    </section>
    <lst-related-list-single-container class="sf-card">
      <article class="forceRelatedListContainer" aria-label="Cases">
        <h2>Cases (0)</h2>
        <runtime_platform_actions-actions-ribbon><ul class="slds-button-group-list"><li><button type="button" class="slds-button">New</button></li></ul></runtime_platform_actions-actions-ribbon>
      </article>
    </lst-related-list-single-container>
  </div>
</div>`;
}

export const salesforcePage: CrmPageKind = {
  crm: 'salesforce',
  label: 'Salesforce',
  mode: 'cache',
  title: (r) => `${r.name} | ${r.objectType === 'lead' ? 'Lead' : 'Contact'} | Salesforce`,
  view,
  frame: (root) => `<header class="sf-header">Sales · Contacts · Leads</header>
<div class="slds-template__container">${root('class="lafSinglePaneWindowManager"')}</div>`,
  css: `
  body { background: #b0c4df; }
  .sf-header { background: #fff; padding: 10px 16px; border-bottom: 3px solid #0176d3; font-weight: 600; color: #032d60; }
  .lafSinglePaneWindowManager { padding: 12px; }
  .slds-page-header { display: flex; justify-content: space-between; align-items: center; gap: 12px; background: #f3f3f3; border: 1px solid #c9c9c9; border-radius: 4px 4px 0 0; padding: 12px 16px; }
  records-entity-label { font-size: 12px; color: #444; }
  .slds-page-header__title { margin: 0; font-size: 18px; }
  .slds-button-group-list { display: flex; list-style: none; margin: 0; padding: 0; }
  .slds-button { border: 1px solid #c9c9c9; background: #fff; color: #0b5cab; padding: 4px 12px; margin-left: -1px; }
  .secondaryFields { display: flex; gap: 32px; background: #fff; border: 1px solid #c9c9c9; border-top: 0; padding: 8px 16px; border-radius: 0 0 4px 4px; }
  .secondaryFields p { margin: 0; }
  .slds-text-title, .test-id__field-label { font-size: 12px; color: #444; }
  .sf-body { display: grid; grid-template-columns: 2fr 1fr; gap: 12px; margin-top: 12px; }
  .sf-card { display: block; background: #fff; border: 1px solid #c9c9c9; border-radius: 4px; padding: 12px 16px; }
  .sf-card h2 { font-size: 15px; margin: 0 0 8px; }
  records-record-layout-row { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; }
  records-record-layout-item { display: block; border-bottom: 1px solid #e5e5e5; padding: 4px 0; }
  .test-id__field-label { display: block; }
  a[href^="tel:"] { color: #0b5cab; }
`,
};
