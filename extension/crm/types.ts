// The contract every CRM adapter implements: DOM reading only (no extension APIs, no network), so each
// adapter runs in happy-dom against saved fixtures. The content script owns placement and mounting.

export type CrmId = 'hubspot' | 'salesforce' | 'pipedrive' | 'zoho' | 'dynamics' | 'generic';

/** A phone number exactly as the page shows it; normalised to E.164 later, in the background. */
export interface PhoneCandidate {
  raw: string;
  /** The CRM's label for it ("Mobile", "Phone", ...), when the page names it. */
  label: string | null;
}

/** One CRM record the action belongs to. */
export interface CrmRecord {
  crm: CrmId;
  /** From the URL (never from the DOM alone): the CRM's id of the record. */
  recordId: string;
  objectType: 'contact' | 'lead' | 'person' | 'page';
  /** The contact's name as the page shows it; '' when the page names nobody (generic pages). */
  name: string;
  /** In the page's order, mobile numbers first when the CRM labels them; never fax or switchboard rows. */
  phones: PhoneCandidate[];
  /** The record's canonical URL, stored as the contact's CRM link (B19). */
  url: string;
}

/** Where the action goes: beside `anchor`, inside a list item when the anchor is a list. */
export interface Placement {
  anchor: Element;
  position: 'before' | 'after' | 'first' | 'last';
  /** Wrap the host in this element (e.g. 'li' for Salesforce's ribbon, since <li> cannot host a shadow root). */
  wrapper?: 'li' | 'span' | 'div';
}

export interface Found {
  record: CrmRecord;
  placement: Placement;
}

export interface CrmAdapter {
  id: CrmId;
  /** Shown to people ("HubSpot"). */
  label: string;
  /** True when this adapter handles pages of this URL's host (the path is checked by `find`). */
  matches(url: URL): boolean;
  /**
   * The records on the page now, each with where its action goes. Zero or one for CRM adapters
   * (only the visible, active record: never hidden cached views, association cards or related
   * lists); several for the generic adapter. Empty while the page is still rendering.
   */
  find(doc: Document, url: URL): Found[];
}
