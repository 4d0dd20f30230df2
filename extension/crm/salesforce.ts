// Salesforce Lightning Contact and Lead records (crm-pages.md §2). Lightning keeps hidden cached
// copies of earlier record views in the DOM, so everything is read inside the one visible active view;
// base components are moving to native shadow DOM, so queries walk open shadow roots. Phone fields
// are picked by API name (`sfdc:RecordField.Contact.MobilePhone`), never by localisable label, and
// Fax (also a lightning-formatted-phone) is never one of them.

import {
  cleanText,
  composedParent,
  deepClosest,
  deepQuery,
  deepQueryAll,
  deepText,
  firstVisible,
  isVisible,
  tidyPhones,
} from './dom';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

const RECORD_PATH = /^\/lightning\/r\/(Contact|Lead)\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view(?:\/|$)/;
const KEY_PREFIX = { Contact: '003', Lead: '00Q' } as const;
type SalesforceObject = keyof typeof KEY_PREFIX;

/** Phone fields by API name, mobile first, with the label used when the layout shows none. */
const PHONE_FIELDS: Record<SalesforceObject, [string, string][]> = {
  Contact: [
    ['MobilePhone', 'Mobile'],
    ['Phone', 'Phone'],
    ['HomePhone', 'Home Phone'],
    ['OtherPhone', 'Other Phone'],
    ['AssistantPhone', 'Asst. Phone'],
  ],
  Lead: [
    ['MobilePhone', 'Mobile'],
    ['Phone', 'Phone'],
  ],
};
const HIGHLIGHTS = 'records-highlights2, force-highlights2';
const NOT_THE_RECORD =
  'table, [role="grid"], lightning-datatable, .forceRelatedListContainer, lst-related-list-single-container';

export interface SalesforceRecordUrl {
  object: SalesforceObject;
  recordId: string;
  canonical: string;
}

/** `/lightning/r/Contact/003…/view` or `/lightning/r/Lead/00Q…/view`; setup, list and home pages are not records. */
export function parseSalesforceUrl(url: URL): SalesforceRecordUrl | null {
  if (!url.hostname.endsWith('.lightning.force.com')) return null;
  const m = RECORD_PATH.exec(url.pathname);
  const object = m?.[1] as SalesforceObject | undefined;
  const recordId = m?.[2];
  if (!object || !recordId?.startsWith(KEY_PREFIX[object])) return null;
  return { object, recordId, canonical: `https://${url.hostname}/lightning/r/${object}/${recordId}/view` };
}

/** The formatted phone's visible number: its tel: link's text (maybe inside a shadow root), else its own text. */
function phoneText(formatted: Element): string {
  const link = deepQuery(formatted, 'a');
  return deepText(link) || deepText(formatted);
}

/** The record's own field items by API name (`sfdc:RecordField.Contact.Phone`), read with one deep query per pass. */
function recordFields(view: Element): Map<string, Element> {
  const fields = new Map<string, Element>();
  for (const item of deepQueryAll(view, '[data-target-selection-name^="sfdc:RecordField."]')) {
    const name = item.getAttribute('data-target-selection-name') ?? '';
    if (!fields.has(name) && isVisible(item) && !deepClosest(item, NOT_THE_RECORD)) fields.set(name, item);
  }
  return fields;
}

const formattedPhone = (item: Element | undefined) =>
  (item && deepQuery(item, 'lightning-formatted-phone, lightning-click-to-dial')) ?? null;

function readFieldPhones(fields: Map<string, Element>, object: SalesforceObject): PhoneCandidate[] {
  return PHONE_FIELDS[object].flatMap(([field, fallbackLabel]) => {
    const item = fields.get(`sfdc:RecordField.${object}.${field}`);
    const formatted = formattedPhone(item);
    if (!item || !formatted) return [];
    const label = cleanText(deepQuery(item, '.test-id__field-label')?.textContent) || fallbackLabel;
    return [{ raw: phoneText(formatted), label }];
  });
}

/** The compact layout in the highlights panel names fields only by label; fax rows are skipped by label. */
function readHighlightPhones(highlights: Element): PhoneCandidate[] {
  return deepQueryAll(highlights, 'records-highlights-details-item').flatMap((item) => {
    const formatted = deepQuery(item, 'lightning-formatted-phone, lightning-click-to-dial');
    const label = cleanText(deepQuery(item, 'p, .slds-text-title')?.textContent) || null;
    if (!formatted || /fax/i.test(label ?? '')) return [];
    return [{ raw: phoneText(formatted), label }];
  });
}

function readName(view: Element, highlights: Element | null, nameField: Element | undefined): string {
  const candidates = [
    highlights && deepQuery(highlights, 'lightning-formatted-name[slot="primaryField"]'),
    deepQuery(view, '.slds-page-header__title lightning-formatted-name'),
    nameField && deepQuery(nameField, 'lightning-formatted-name'),
  ];
  for (const el of candidates) {
    const name = el ? deepText(el) : '';
    if (name) return name;
  }
  return '';
}

/** Salesforce's element names carry underscores, which some selector engines refuse; matched by name instead. */
const RIBBON = 'runtime_platform_actions-actions-ribbon';

function isInRibbon(el: Element, within: Element): boolean {
  for (let at = composedParent(el); at && at !== within; at = composedParent(at)) {
    if (at.localName === RIBBON) return true;
  }
  return false;
}

/** First item of the record's own actions ribbon (in the highlights panel, never a related list's). */
function placement(view: Element, highlights: Element | null, phones: Element | null): Placement | null {
  const ribbon =
    (highlights && deepQueryAll(highlights, 'ul').find((ul) => isInRibbon(ul, highlights))) ??
    deepQueryAll(view, '.slds-page-header ul.slds-button-group-list').find(
      (ul) => !deepClosest(ul, NOT_THE_RECORD),
    );
  if (ribbon && isVisible(ribbon)) return { anchor: ribbon, position: 'first', wrapper: 'li' };
  return phones ? { anchor: phones, position: 'after', wrapper: 'span' } : null;
}

function find(doc: Document, url: URL): Found[] {
  const parsed = parseSalesforceUrl(url);
  if (!parsed) return [];
  const view =
    firstVisible(doc, '.windowViewMode-normal.oneContent.active') ?? firstVisible(doc, '.oneContent.active');
  if (!view) return [];
  const highlights = deepQueryAll(view, HIGHLIGHTS).find(isVisible) ?? null;
  const fields = recordFields(view);
  const name = readName(view, highlights, fields.get(`sfdc:RecordField.${parsed.object}.Name`));
  const phones = tidyPhones([
    ...readFieldPhones(fields, parsed.object),
    ...(highlights ? readHighlightPhones(highlights) : []),
  ]);
  const firstPhone = PHONE_FIELDS[parsed.object]
    .map(([field]) => formattedPhone(fields.get(`sfdc:RecordField.${parsed.object}.${field}`)))
    .find((el) => el !== null);
  const where = placement(view, highlights, firstPhone ?? null);
  if (!name || phones.length === 0 || !where) return [];
  const objectType = parsed.object === 'Lead' ? ('lead' as const) : ('contact' as const);
  const record = {
    crm: 'salesforce' as const,
    recordId: parsed.recordId,
    objectType,
    name,
    phones,
    url: parsed.canonical,
  };
  return [{ record, placement: where }];
}

export const salesforceAdapter: CrmAdapter = {
  id: 'salesforce',
  label: 'Salesforce',
  matches: (url) => url.hostname.endsWith('.lightning.force.com'),
  find,
};
