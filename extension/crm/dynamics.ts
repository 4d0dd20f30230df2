// Dynamics 365 (Unified Interface) contact and lead forms, on every regional host (crm-pages.md §5).
// Phones are form inputs (`input[data-id="mobilephone.fieldControl-phone-text-input"]`) whose text
// is their value; the exact data-id leaves out quick-view copies of the parent account's switchboard
// (`…_qfc.telephone1…`) and the fax field. The title carries a save-state suffix ("- Saved").

import { cleanText, firstVisible, isVisible, readValue, tidyPhones } from './dom';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Contact and lead phone attributes, mobile first; `fax` is left out on purpose. */
const PHONE_ATTRIBUTES: [string, string][] = [
  ['mobilephone', 'Mobile Phone'],
  ['telephone1', 'Business Phone'],
  ['telephone2', 'Home Phone'],
  ['telephone3', 'Other Phone'],
];
const SAVE_STATE = /\s*-\s*(?:Saved|Unsaved|Saving…?|Read[- ]only\b.*)$/i;

export interface DynamicsRecordUrl {
  entity: 'contact' | 'lead';
  recordId: string;
  canonical: string;
}

/** `main.aspx?pagetype=entityrecord&etn=contact|lead&id={GUID}` in any parameter order; braces and case dropped. */
export function parseDynamicsUrl(url: URL): DynamicsRecordUrl | null {
  if (!url.hostname.endsWith('.dynamics.com') || url.pathname.toLowerCase() !== '/main.aspx') return null;
  const params = url.searchParams;
  const entity = params.get('etn');
  const recordId = (params.get('id') ?? '').replace(/[{}]/g, '').toLowerCase();
  if (params.get('pagetype') !== 'entityrecord' || (entity !== 'contact' && entity !== 'lead')) return null;
  if (!GUID.test(recordId)) return null;
  const app = params.get('appid');
  const canonical = `https://${url.hostname}/main.aspx?${app ? `appid=${app}&` : ''}pagetype=entityrecord&etn=${entity}&id=${recordId}`;
  return { entity, recordId, canonical };
}

function readPhones(form: ParentNode): PhoneCandidate[] {
  return PHONE_ATTRIBUTES.flatMap(([attribute, fallbackLabel]) => {
    const input = form.querySelector(`input[data-id="${attribute}.fieldControl-phone-text-input"]`);
    if (!input || !isVisible(input)) return [];
    return [{ raw: readValue(input), label: cleanText(input.getAttribute('aria-label')) || fallbackLabel }];
  });
}

function readName(form: ParentNode): string {
  const title = form.querySelector('h1[data-id="header_title"]');
  if (!title) return '';
  return (cleanText(title.getAttribute('title')) || readValue(title)).replace(SAVE_STATE, '').trim();
}

/** First item of the form's command bar (the global bar in #topBar has no form data-lp-id), else after the dial icon of the first number. */
function placement(doc: Document, form: Element, entity: string): Placement | null {
  const bar =
    firstVisible(form, 'ul[data-id="CommandBar"]') ??
    firstVisible(doc, `ul[data-id="CommandBar"][data-lp-id*="Form:${entity}"]`);
  if (bar) return { anchor: bar, position: 'first', wrapper: 'li' };
  const icon = PHONE_ATTRIBUTES.map(([attribute]) => {
    const input = form.querySelector<HTMLInputElement>(
      `input[data-id="${attribute}.fieldControl-phone-text-input"]`,
    );
    return input?.value ? firstVisible(form, `[id$="${attribute}.fieldControl-phone-action-icon"]`) : null;
  }).find((el) => el !== null);
  return icon ? { anchor: icon, position: 'after', wrapper: 'span' } : null;
}

function find(doc: Document, url: URL): Found[] {
  const parsed = parseDynamicsUrl(url);
  if (!parsed) return [];
  const form = firstVisible(doc, '[data-id="editFormRoot"]');
  if (!form) return [];
  const name = readName(form);
  const phones = tidyPhones(readPhones(form));
  const where = placement(doc, form, parsed.entity);
  if (!name || phones.length === 0 || !where) return [];
  const record = {
    crm: 'dynamics' as const,
    recordId: parsed.recordId,
    objectType: parsed.entity,
    name,
    phones,
    url: parsed.canonical,
  };
  return [{ record, placement: where }];
}

export const dynamicsAdapter: CrmAdapter = {
  id: 'dynamics',
  label: 'Dynamics 365',
  matches: (url) => url.hostname.endsWith('.dynamics.com'),
  find,
};
