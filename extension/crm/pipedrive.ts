// Pipedrive person pages (crm-pages.md §3). Pipedrive keeps earlier views in the DOM as
// `.viewContainer`s hidden inline, so only the visible one is read. Phones are the Caller buttons
// (`data-test="phone-number-button"`) of the person's field list, labelled by the text beside them.
// The name comes from the document title ("Ana Souza - contact details", what Clockify reads in
// 2026), falling back to the person header.

import { cleanText, firstVisible, isVisible, readValue, tidyPhones } from './dom';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

const RECORD_PATH = /^\/person\/(\d+)(?:\/|$)/;
const TITLE_SUFFIX = / - contact details$/;

export interface PipedriveRecordUrl {
  recordId: string;
  canonical: string;
}

/** `/person/{id}`; lists, deals, organisations and leads are not person records. */
export function parsePipedriveUrl(url: URL): PipedriveRecordUrl | null {
  if (!url.hostname.endsWith('.pipedrive.com')) return null;
  const recordId = RECORD_PATH.exec(url.pathname)?.[1];
  return recordId ? { recordId, canonical: `https://${url.hostname}/person/${recordId}` } : null;
}

/** The label Pipedrive prints after the number ("Work", "Mobile"). */
function labelOf(button: Element): string | null {
  const beside = button.parentElement?.nextElementSibling ?? button.nextElementSibling;
  return cleanText(beside?.textContent) || null;
}

function readPhones(person: Element): PhoneCandidate[] {
  return Array.from(person.querySelectorAll('.fieldsList [data-test="phone-number-button"]'))
    .filter(isVisible)
    .map((button) => ({ raw: readValue(button), label: labelOf(button) }));
}

function readName(doc: Document, person: Element): string {
  const title = cleanText(doc.title);
  if (TITLE_SUFFIX.test(title)) return title.replace(TITLE_SUFFIX, '').trim();
  return readValue(person.querySelector('.infoBlock h1 .editable, .infoBlock h1'));
}

/** In the person header (where Clockify and RingCentral put theirs), else after the first number. */
function placement(person: Element): Placement | null {
  const header = person.querySelector('.infoBlock .spacer') ?? person.querySelector('.infoBlock');
  if (header) return { anchor: header, position: 'last' };
  const phone = person.querySelector('.fieldsList [data-test="phone-number-button"]');
  return phone ? { anchor: phone, position: 'after', wrapper: 'span' } : null;
}

function find(doc: Document, url: URL): Found[] {
  const parsed = parsePipedriveUrl(url);
  if (!parsed) return [];
  const person =
    firstVisible(doc, '.viewContainer .detailView.personDetails') ??
    firstVisible(doc, '.detailView.personDetails');
  if (!person) return [];
  const name = readName(doc, person);
  const phones = tidyPhones(readPhones(person));
  const where = placement(person);
  if (!name || phones.length === 0 || !where) return [];
  const record = {
    crm: 'pipedrive' as const,
    recordId: parsed.recordId,
    objectType: 'person' as const,
    name,
    phones,
    url: parsed.canonical,
  };
  return [{ record, placement: where }];
}

export const pipedriveAdapter: CrmAdapter = {
  id: 'pipedrive',
  label: 'Pipedrive',
  matches: (url) => url.hostname.endsWith('.pipedrive.com'),
  find,
};
