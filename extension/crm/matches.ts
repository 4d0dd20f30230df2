// Where the CRM content script runs. Whole origins, because a content script's `matches` is checked
// only on the first document load, never on the CRMs' single-page navigations (crm-pages.md §0.2);
// each adapter tests the path itself. Kept free of imports: wxt.config.ts reads it at build time.

export const ZOHO_CRM_HOSTS = [
  'crm.zoho.com',
  'crm.zoho.eu',
  'crm.zoho.in',
  'crm.zoho.com.au',
  'crm.zoho.com.cn',
  'crm.zoho.jp',
  'crm.zoho.sa',
  'crm.zoho.uk',
  'crm.zohocloud.ca',
  'crmsandbox.zoho.com',
  'crmsandbox.zoho.eu',
  'crmsandbox.zoho.in',
  'crmsandbox.zoho.com.au',
  'crmsandbox.zoho.jp',
] as const;

export const CRM_MATCHES = [
  'https://*.hubspot.com/*',
  'https://*.lightning.force.com/*',
  'https://*.pipedrive.com/*',
  ...ZOHO_CRM_HOSTS.map((host) => `https://${host}/*`),
  'https://*.dynamics.com/*',
];

/** The sandbox's demo CRM pages (`/crm/<crm>/...`), in development builds only. Ports are not part of a match pattern. */
export const DEMO_MATCHES = ['http://127.0.0.1/crm/*', 'http://localhost/crm/*'];
