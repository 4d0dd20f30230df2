// HubSpot contact records (crm-pages.md §1). Selectors rest on data-test-id / data-selenium-test
// attributes and card types only: HubSpot's classes are styled-components hashes that change on every
// build. Phones come from the "About" properties card, whose rows name their property twice (row id
// and property-input id); both must agree, so nav chrome, badges and association cards never count.

import { cleanText, firstVisible, readValue, tidyPhones } from './dom';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

const RECORD_PATH = /^\/contacts\/(\d+)\/(?:record\/0-1|contact)\/(\d+)(?:\/|$)/;
/** Standard phone properties, in the order they are offered; fax is a phone-type control too but never a WhatsApp number. */
const PHONE_PROPERTIES = ['mobilephone', 'phone'];

export interface HubspotRecordUrl {
  portalId: string;
  recordId: string;
  canonical: string;
}

/** The contact this URL shows: `/contacts/{portal}/record/0-1/{id}` or the legacy `/contacts/{portal}/contact/{id}`. */
export function parseHubspotUrl(url: URL): HubspotRecordUrl | null {
  if (!isHubspotHost(url.hostname)) return null;
  const m = RECORD_PATH.exec(url.pathname);
  if (!m?.[1] || !m[2]) return null;
  const canonical = `https://${url.hostname}/contacts/${m[1]}/record/0-1/${m[2]}`;
  return { portalId: m[1], recordId: m[2], canonical };
}

function isHubspotHost(host: string): boolean {
  return host.endsWith('.hubspot.com');
}

function readPhones(sidebar: ParentNode): PhoneCandidate[] {
  const phones: PhoneCandidate[] = [];
  for (const list of Array.from(
    sidebar.querySelectorAll(
      '[data-card-type="PROPERTIES_V3"] ul[data-selenium-test="profile-properties-list"]',
    ),
  )) {
    for (const row of Array.from(list.querySelectorAll(':scope > span[data-test-id]'))) {
      const property = row.getAttribute('data-test-id') ?? '';
      if (!PHONE_PROPERTIES.includes(property)) continue;
      if (!row.querySelector(':scope > div[data-deferred-property-input-root="true"]')) continue;
      const input = row.querySelector(`[data-selenium-test="property-input-${property}"]`);
      if (!input) continue;
      const value = input.querySelector('textarea, input') ?? input;
      phones.push({
        raw: readValue(value),
        label: cleanText(row.querySelector('label')?.textContent) || null,
      });
    }
  }
  return phones;
}

/** The highlight strip, when the sidebar card shows no phone (its phone ids are unconfirmed, §1.2). */
function readHighlightPhones(highlight: ParentNode): PhoneCandidate[] {
  return PHONE_PROPERTIES.flatMap((property) => {
    const el = highlight.querySelector(`[data-test-id="highlight-property-display-${property}"]`);
    return el ? [{ raw: readValue(el), label: property === 'mobilephone' ? 'Mobile' : 'Phone' }] : [];
  });
}

/** Beside the Call activity button when there is one, else at the end of the activity row, else in the highlight. */
function placement(highlight: Element): Placement {
  const call = highlight.querySelector('[data-test-id="activity-button-icon-call"]')?.closest('button');
  if (call) return { anchor: call, position: 'after' };
  const activity = highlight.querySelector('[data-test-id^="activity-button-icon-"]')?.closest('button');
  if (activity?.parentElement) return { anchor: activity.parentElement, position: 'last' };
  const main = highlight.querySelector('[data-test-id="record-highlight-main-content"]') ?? highlight;
  return { anchor: main, position: 'last' };
}

/** The record id HubSpot renders, when it does: a mismatch means the page still shows the previous record. */
function isStale(sidebar: ParentNode, recordId: string): boolean {
  const shown = sidebar.querySelector('[data-selenium-test="property-input-hs_object_id"]');
  const value = shown ? readValue(shown) : '';
  return value !== '' && value !== recordId;
}

function find(doc: Document, url: URL): Found[] {
  const parsed = parseHubspotUrl(url);
  if (!parsed) return [];
  const sidebar =
    firstVisible(doc, '[data-scroll-trackable-container="left-sidebar"]') ??
    firstVisible(doc, '#record-page-left-sidebar, [data-test-id="left-sidebar"]');
  const highlight = sidebar && firstVisible(sidebar, '[data-card-type="OBJECT_HIGHLIGHT"]');
  if (!sidebar || !highlight || isStale(sidebar, parsed.recordId)) return [];
  const name = readValue(
    highlight.querySelector('[data-selenium-test="highlightTitle"], [data-test-id="highlight-record-label"]'),
  );
  const phones = tidyPhones([...readPhones(sidebar), ...readHighlightPhones(highlight)]);
  if (!name || phones.length === 0) return [];
  const record = {
    crm: 'hubspot' as const,
    recordId: parsed.recordId,
    objectType: 'contact' as const,
    name,
    phones,
    url: parsed.canonical,
  };
  return [{ record, placement: placement(highlight) }];
}

export const hubspotAdapter: CrmAdapter = {
  id: 'hubspot',
  label: 'HubSpot',
  matches: (url) => isHubspotHost(url.hostname),
  find,
};
