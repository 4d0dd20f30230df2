// Demo pages shaped like each supported CRM (issue 8, item 7), for the demo customers: try the
// extension locally at /crm, and browser-test it under the CRMs' real host names. GET /crm lists them;
// GET /crm/<crm>/<the CRM's own path and query> serves one record's page.

import { Hono } from 'hono';
import { type CrmPageKind, demoPage, esc } from './html';
import { dynamicsPage } from './pages/dynamics';
import { hubspotPage } from './pages/hubspot';
import { pipedrivePage } from './pages/pipedrive';
import { salesforcePage } from './pages/salesforce';
import { zohoPage } from './pages/zoho';
import { DEMO_CRM_RECORDS, DEMO_CRMS, type DemoCrm, type DemoCrmRecord, isDemoCrm } from './records';
import { demoWebPage } from './web-page';

export { DEMO_CRM_RECORDS, DEMO_CRMS, type DemoCrm, type DemoCrmPhone, type DemoCrmRecord } from './records';

const PAGES: Record<DemoCrm, CrmPageKind> = {
  hubspot: hubspotPage,
  salesforce: salesforcePage,
  pipedrive: pipedrivePage,
  zoho: zohoPage,
  dynamics: dynamicsPage,
};

/** Which record a CRM-shaped path names: by path, or for Dynamics by the `etn` and `id` parameters. */
function recordIndex(crm: DemoCrm, records: readonly DemoCrmRecord[], pathAndQuery: string): number {
  const asked = new URL(pathAndQuery, 'https://demo.invalid');
  const normal = (path: string) => path.replace(/\/+$/, '');
  return records.findIndex((r) => {
    const own = new URL(r.path, 'https://demo.invalid');
    if (crm !== 'dynamics') return normal(own.pathname) === normal(asked.pathname);
    const id = (asked.searchParams.get('id') ?? '').replace(/[{}]/g, '').toLowerCase();
    return (
      asked.pathname.toLowerCase() === '/main.aspx' &&
      asked.searchParams.get('pagetype') === 'entityrecord' &&
      asked.searchParams.get('etn') === own.searchParams.get('etn') &&
      id === own.searchParams.get('id')
    );
  });
}

export interface DemoPageOptions {
  /** Where the pages live: '/crm/<crm>' (default) on the sandbox, '' when served under the CRM's real host. */
  base?: string;
}

/** The page of `records[index]` for `crm`, any records (the tests pass hostile names to check escaping). */
export function renderDemoCrmPage(
  crm: DemoCrm,
  records: readonly DemoCrmRecord[],
  index: number,
  options: DemoPageOptions = {},
): string {
  return demoPage({ kind: PAGES[crm], records, index, base: options.base ?? `/crm/${crm}` });
}

/** The HTML for a CRM-shaped path such as `/contacts/1234/record/0-1/5101` or `/main.aspx?…`; null when no demo record has it. */
export function demoCrmPage(crm: string, pathAndQuery: string, options: DemoPageOptions = {}): string | null {
  if (!isDemoCrm(crm)) return null;
  const records = DEMO_CRM_RECORDS[crm];
  const index = recordIndex(crm, records, pathAndQuery);
  return index < 0 ? null : renderDemoCrmPage(crm, records, index, options);
}

function indexPage(): string {
  const sections = DEMO_CRMS.map((crm) => {
    const items = DEMO_CRM_RECORDS[crm]
      .map((r) => {
        const phones = r.phones.map((p) => `${p.label} ${p.raw}`).join(', ');
        return `<li><a href="${esc(`/crm/${crm}${r.path}`)}">${esc(r.name)}</a> (${esc(r.objectType)}; ${esc(phones)})</li>`;
      })
      .join('\n');
    return `<section><h2>${esc(PAGES[crm].label)}</h2><ul>${items}</ul></section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Demo CRM pages — Greenline sandbox</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 24px auto; padding: 0 16px; color: #1f2933; } a { color: #0b4f8a; } a:focus-visible { outline: 3px solid #1f6feb; outline-offset: 2px; }</style></head>
<body>
<main>
<h1>Demo CRM pages</h1>
<p>Pages shaped like each CRM the Greenline extension supports, for the sandbox's demo customers. Open one with the extension loaded to see the WhatsApp action; "Next record" and "Refresh view" on each page behave like the CRM's single-page app.</p>
${sections}
<section><h2>Any page</h2><ul><li><a href="/web/team">A company's team page</a> (not a CRM: turn on "Show the WhatsApp action on any page with phone numbers" in Greenline's options first)</li></ul></section>
</main>
</body>
</html>`;
}

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/**
 * GET /crm and GET /crm/<crm>/<path>; `/crm/<crm>` alone redirects to the CRM's first demo record.
 * GET /web/team: a page that is not a CRM, for the action on any page.
 */
export function crmRoute(): Hono {
  return new Hono()
    .get('/web/team', (c) => {
      c.header('content-security-policy', CSP);
      return c.html(demoWebPage());
    })
    .get('/crm', (c) => {
      c.header('content-security-policy', CSP);
      return c.html(indexPage());
    })
    .get('/crm/:crm', (c) => {
      const crm = c.req.param('crm');
      if (!isDemoCrm(crm)) return c.text(`No demo CRM ${crm}. See /crm.`, 404);
      return c.redirect(`/crm/${crm}${DEMO_CRM_RECORDS[crm][0]?.path ?? ''}`);
    })
    .get('/crm/:crm/*', (c) => {
      const crm = c.req.param('crm');
      const url = new URL(c.req.url);
      const html = demoCrmPage(crm, url.pathname.slice(`/crm/${crm}`.length) + url.search);
      if (html === null) return c.text(`No demo ${crm} record at ${url.pathname}. See /crm.`, 404);
      c.header('content-security-policy', CSP);
      c.header('x-content-type-options', 'nosniff');
      return c.html(html);
    });
}
