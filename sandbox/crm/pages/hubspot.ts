// A HubSpot contact record page in the grammar of tests/fixtures/crm/hubspot (crm-pages.md §1.4):
// highlight card with the activity-button row, the "About" properties card, an association card.

import { type CrmPageKind, esc } from '../html';
import type { DemoCrmPhone, DemoCrmRecord } from '../records';

const PROPERTY: Record<DemoCrmPhone['kind'], string> = { mobile: 'mobilephone', work: 'phone', fax: 'fax' };

function row(property: string, label: string, value: string, inTextarea: boolean): string {
  const shown = inTextarea
    ? `<textarea readonly rows="1" data-test-id="property-input-phone-button" aria-label="${esc(label)}">${esc(value)}</textarea>`
    : esc(value);
  return `<span data-test-id="${property}">
    <div data-deferred-property-input-root="true" data-deferred-property-input-mode="display">
      <label>${esc(label)}</label><div data-test-id="hover-content-wrapper"></div>
      <span data-selenium-test="property-input-${property}">${shown}</span>
    </div>
  </span>`;
}

const ACTIVITIES = ['note', 'email', 'call', 'task', 'meeting'];

function view(r: DemoCrmRecord): string {
  const email = `${r.name.split(' ')[0]?.toLowerCase() ?? 'contact'}@example.com`;
  const phones = [...r.phones, ...(r.fax ? [r.fax] : [])].map((p) =>
    row(PROPERTY[p.kind], p.label, p.raw, true),
  );
  const activity = ACTIVITIES.map(
    (a) =>
      `<button type="button"><span data-test-id="activity-button-icon-${a}" aria-hidden="true"></span>${a[0]?.toUpperCase()}${a.slice(1)}</button>`,
  ).join('');
  return `<div class="hs-record">
  <div data-test-id="left-sidebar" data-scroll-trackable-container="left-sidebar">
    <div data-test-id="card-wrapper-OBJECT_HIGHLIGHT" data-card-type="OBJECT_HIGHLIGHT" class="hs-card">
      <div data-test-id="record-highlight-content">
        <div data-test-id="record-highlight-main-content">
          <div class="hs-avatar" aria-hidden="true">${esc(r.name.slice(0, 1))}</div>
          <div><div><div><span data-selenium-test="highlightTitle">${esc(r.name)}</span></div></div></div>
          <div data-test-id="highlight-property-display-email">${esc(email)}</div>
        </div>
        <div class="hs-activity">${activity}</div>
      </div>
    </div>
    <div data-test-id="card-wrapper-PROPERTIES_V3/0-1/V2" data-card-type="PROPERTIES_V3" class="hs-card">
      <h2>About this contact</h2>
      <ul data-selenium-test="profile-properties-list">
        ${row('email', 'Email', email, false)}
        ${phones.join('\n')}
        <span data-test-id="hs_object_id"><div data-deferred-property-input-root="true"><label>Record ID</label>
          <input readonly data-selenium-test="property-input-hs_object_id" aria-label="Record ID" value="${esc(r.recordId)}"></div></span>
      </ul>
    </div>
  </div>
  <section class="hs-middle" aria-label="Activity"><h2>Activity</h2><p>No activities yet.</p></section>
  <aside class="hs-right">
    <div data-test-id="card-wrapper-ASSOCIATION_V3/0-2" data-card-type="ASSOCIATION_V3" class="hs-card">
      <h2>Company</h2>
      <span data-test-id="property-input-name">Acme Ltda</span>
      <p>Main line +1 415 555 0100</p>
    </div>
  </aside>
</div>`;
}

export const hubspotPage: CrmPageKind = {
  crm: 'hubspot',
  label: 'HubSpot',
  mode: 'replace',
  title: (r) => `${r.name} | HubSpot`,
  view,
  frame: (root) => `<div id="crm">
  <nav class="hs-nav" aria-label="HubSpot"><a data-test-id="contacts" href="#">Contacts</a><a data-test-id="deals" href="#">Deals</a><a data-test-id="tasks" href="#">Tasks</a></nav>
  <div id="record-page-left-sidebar">${root('class="hs-root"')}</div>
</div>`,
  css: `
  .hs-nav { display: flex; gap: 18px; padding: 10px 16px; background: #253342; }
  .hs-nav a { color: #fff; text-decoration: none; }
  .hs-record { display: grid; grid-template-columns: 340px 1fr 300px; gap: 16px; padding: 16px; }
  .hs-card { background: #fff; border: 1px solid #cbd6e2; border-radius: 6px; padding: 14px; margin-bottom: 14px; }
  .hs-card h2, .hs-middle h2 { font-size: 15px; margin: 0 0 10px; }
  [data-selenium-test="highlightTitle"] { font-size: 20px; font-weight: 600; }
  .hs-avatar { width: 48px; height: 48px; border-radius: 50%; background: #ff7a59; color: #fff; display: grid; place-items: center; font-size: 22px; }
  .hs-activity { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 12px; }
  .hs-activity button { border: 1px solid #cbd6e2; background: #f5f8fa; border-radius: 3px; padding: 4px 8px; color: #33475b; }
  ul[data-selenium-test="profile-properties-list"] { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
  ul[data-selenium-test="profile-properties-list"] label { display: block; font-size: 12px; color: #516f90; }
  ul[data-selenium-test="profile-properties-list"] textarea, ul[data-selenium-test="profile-properties-list"] input { border: 0; background: transparent; font: inherit; resize: none; padding: 0; width: 100%; color: inherit; }
  .hs-middle { background: #fff; border: 1px solid #cbd6e2; border-radius: 6px; padding: 14px; }
`,
};
