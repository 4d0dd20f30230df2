// Zoho CRM Contacts and Leads, on every region's host (crm-pages.md §4). Zoho prints phones as
// `span.cxPhoneViewValue.lvPhFld` (verified live by userscripts in 2026), but the same span also
// appears in related-list previews, so only spans inside the record's own phone fields
// (`#mouseArea__MOBILE`, `#mouseArea__PHONE`, …) count; fax fields and masked values never do.

import { cleanText, firstVisible, isVisible, readValue, tidyPhones } from './dom';
import { ZOHO_CRM_HOSTS } from './matches';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

const RECORD_PATH = /^\/crm\/(?:(org\d+)\/)?tab\/(Contacts|Leads)\/(\d+)(?:\/|$)/;
const HOSTS: readonly string[] = ZOHO_CRM_HOSTS;
/** A field container's id: `mouseArea__MOBILE` in the details, `bc_`/`tc_` prefixed in the business and title cards. */
const FIELD_ID = /^(?:[a-z]+_)?mouseArea__(.+)$/;

export interface ZohoRecordUrl {
  module: 'Contacts' | 'Leads';
  recordId: string;
  canonical: string;
}

/** `/crm/{org}/tab/Contacts/{id}` (or Leads; the org segment is optional; a canvas suffix is allowed). */
export function parseZohoUrl(url: URL): ZohoRecordUrl | null {
  if (!HOSTS.includes(url.hostname)) return null;
  const m = RECORD_PATH.exec(url.pathname);
  const module = m?.[2] as ZohoRecordUrl['module'] | undefined;
  const recordId = m?.[3];
  if (!module || !recordId) return null;
  const org = m?.[1] ? `${m[1]}/` : '';
  return { module, recordId, canonical: `https://${url.hostname}/crm/${org}tab/${module}/${recordId}` };
}

function isPhoneField(field: string): boolean {
  return /PHONE|MOBILE/.test(field) && !/FAX/.test(field);
}

function readPhones(doc: Document): PhoneCandidate[] {
  const phones: PhoneCandidate[] = [];
  for (const area of Array.from(doc.querySelectorAll('[id*="mouseArea__"]'))) {
    const field = FIELD_ID.exec(area.id)?.[1];
    if (!field || !isPhoneField(field) || !isVisible(area)) continue;
    const value = area.querySelector('span.cxPhoneViewValue');
    if (!value) continue;
    const label =
      cleanText(area.querySelector('[id^="labelTD_"]')?.textContent) ||
      (field === 'MOBILE' ? 'Mobile' : null);
    phones.push({ raw: readValue(value), label });
  }
  return phones;
}

function readName(doc: Document): string {
  for (const field of ['FULLNAME', 'LASTNAME']) {
    const card = doc.getElementById(`titlecard_${field}`);
    const name =
      cleanText(card?.getAttribute('cx-prop-value')) ||
      readValue(doc.querySelector(`#tc_mouseArea__${field} .cxElemCompViewWrap`));
    if (name) return name;
  }
  return '';
}

/** Zoho renders the record's id in its Delete action; a different id means the previous record is still on screen. */
function isStale(doc: Document, recordId: string): boolean {
  const params = doc.querySelector('a[data-cid="deleteEntity"][data-params]')?.getAttribute('data-params');
  if (!params) return false;
  try {
    const shown: unknown = JSON.parse(params);
    return typeof shown === 'object' && shown !== null && 'id' in shown && String(shown.id) !== recordId;
  } catch {
    return false;
  }
}

/** Before the detail header's Edit button (the record's own actions), else beside the first phone. */
function placement(doc: Document): Placement | null {
  const header = firstVisible(doc, 'button#editRecordbtn') ?? firstVisible(doc, '#sendEntityMailLink');
  if (header) return { anchor: header, position: 'before' };
  const phone = firstVisible(doc, '[id^="mouseArea__"] span.cxPhoneViewValue');
  return phone ? { anchor: phone, position: 'after', wrapper: 'span' } : null;
}

function find(doc: Document, url: URL): Found[] {
  const parsed = parseZohoUrl(url);
  if (!parsed || isStale(doc, parsed.recordId)) return [];
  const name = readName(doc);
  const phones = tidyPhones(readPhones(doc));
  const where = placement(doc);
  if (!name || phones.length === 0 || !where) return [];
  const objectType = parsed.module === 'Leads' ? ('lead' as const) : ('contact' as const);
  const record = {
    crm: 'zoho' as const,
    recordId: parsed.recordId,
    objectType,
    name,
    phones,
    url: parsed.canonical,
  };
  return [{ record, placement: where }];
}

export const zohoAdapter: CrmAdapter = {
  id: 'zoho',
  label: 'Zoho CRM',
  matches: (url) => HOSTS.includes(url.hostname),
  find,
};
