// The sandbox serves demo pages shaped like each CRM at `/crm/<crm>/<the CRM's own path>` on loopback
// (issue 8, item 7). Adapters only know the CRMs' real URLs, so on those pages the content script
// hands them the URL the page stands for. The lead's browser tests serve the same pages under these
// real host names over HTTPS, where no mapping is needed.

import type { CrmId } from './types';

export type DemoCrm = Exclude<CrmId, 'generic'>;

/** The host each demo CRM page stands for. */
export const DEMO_HOSTS: Record<DemoCrm, string> = {
  hubspot: 'app.hubspot.com',
  salesforce: 'acme.lightning.force.com',
  pipedrive: 'acme.pipedrive.com',
  zoho: 'crm.zoho.com',
  dynamics: 'acme.crm4.dynamics.com',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const DEMO_PATH = /^\/crm\/([a-z]+)(\/.*)?$/;

function isDemoCrm(name: string): name is DemoCrm {
  return Object.hasOwn(DEMO_HOSTS, name);
}

/**
 * The CRM URL a page stands for: `http://127.0.0.1:8788/crm/hubspot/contacts/1/record/0-1/2?x`
 * → `https://app.hubspot.com/contacts/1/record/0-1/2?x`. Any other URL is returned unchanged.
 */
export function effectiveUrl(location: URL): URL {
  if (!LOOPBACK.has(location.hostname)) return location;
  const m = DEMO_PATH.exec(location.pathname);
  const crm = m?.[1];
  if (!crm || !isDemoCrm(crm)) return location;
  return new URL(`https://${DEMO_HOSTS[crm]}${m?.[2] ?? '/'}${location.search}${location.hash}`);
}
