// Every route of the API with what the S2 / S4 matrices need: its guard, a path to call (ids of
// Acme's resources), a valid-looking body, and invalid inputs. openapi.test.ts checks this table
// against the OpenAPI document, so a new route cannot skip the matrices.
import { PRIVACY_ROUTES } from './privacy-route-table';
import { CONVERSATION_ROUTES } from './route-table-conversations';

export type Guard = 'public' | 'user' | 'whatsapp' | 'admin';

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path template, e.g. /api/v1/contacts/{id}. */
  template: string;
  guard: Guard;
  /** The path to call, with ids of Acme resources (filled in by the test's setup). */
  path: (ids: Ids) => string;
  body?: unknown;
  /** Invalid inputs: each must be answered 400 or 422 with a message naming the problem. */
  invalid: Array<{ path?: (ids: Ids) => string; body?: unknown; rawBody?: string; mentions: string }>;
  /** Whether a caller from another org addressing this Acme resource must get 404. */
  scopedById: boolean;
}

export interface Ids {
  contact: string;
  invitation: string;
  /** The conversation with `contact`. */
  conversation: string;
}

const BAD_ID = '/not%20an%20id!';

export const ROUTES: RouteCase[] = [
  {
    method: 'GET',
    template: '/healthz',
    guard: 'public',
    path: () => '/healthz',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/openapi.json',
    guard: 'public',
    path: () => '/api/v1/openapi.json',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/auth/login',
    guard: 'public',
    path: () => '/api/v1/auth/login',
    invalid: [
      { body: { email: 'x' }, mentions: 'email' },
      { body: { email: 'a@b.test' }, mentions: 'password' },
      { rawBody: '{', mentions: 'JSON' },
    ],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/auth/refresh',
    guard: 'public',
    path: () => '/api/v1/auth/refresh',
    invalid: [
      { body: {}, mentions: 'refreshToken' },
      { body: { refreshToken: 3 }, mentions: 'refreshToken' },
    ],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/auth/accept-invitation',
    guard: 'public',
    path: () => '/api/v1/auth/accept-invitation',
    invalid: [
      { body: { token: 'gli_x', password: 'short', name: 'A' }, mentions: 'password' },
      { body: { token: 'gli_x', password: 'long-enough-pw' }, mentions: 'name' },
      { body: { password: 'long-enough-pw', name: 'A' }, mentions: 'token' },
    ],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/auth/logout',
    guard: 'user',
    path: () => '/api/v1/auth/logout',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/me',
    guard: 'user',
    path: () => '/api/v1/me',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PUT',
    template: '/api/v1/contacts',
    guard: 'whatsapp',
    path: () => '/api/v1/contacts',
    body: { name: 'Matrix', phone: '+14155550150' },
    invalid: [
      { body: { name: 'A', phone: 'nope' }, mentions: 'phone' },
      { body: { name: '', phone: '+14155550150' }, mentions: 'name' },
      { body: { name: 'A', phone: '+14155550150', crm: { system: 'x' } }, mentions: 'crm.recordId' },
      { rawBody: 'name=A', mentions: 'JSON' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/contacts/lookup',
    guard: 'whatsapp',
    path: () => '/api/v1/contacts/lookup?phone=%2B14155550101',
    invalid: [
      { path: () => '/api/v1/contacts/lookup', mentions: 'phone' },
      { path: () => '/api/v1/contacts/lookup?phone=12', mentions: 'phone' },
      {
        path: () => '/api/v1/contacts/lookup?phone=4155550101&defaultCountry=usa',
        mentions: 'defaultCountry',
      },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/contacts/{id}',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/contacts/${ids.contact}`,
    invalid: [{ path: () => `/api/v1/contacts${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/contacts/{id}/link',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/contacts/${ids.contact}/link`,
    body: { contactId: 'no-such-contact' },
    invalid: [
      { body: {}, mentions: 'contactId' },
      { body: { contactId: 'not an id!' }, mentions: 'contactId' },
      { path: () => `/api/v1/contacts${BAD_ID}/link`, body: { contactId: 'x' }, mentions: 'id' },
    ],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/templates',
    guard: 'whatsapp',
    path: () => '/api/v1/templates',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/org',
    guard: 'admin',
    path: () => '/api/v1/admin/org',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PATCH',
    template: '/api/v1/admin/org',
    guard: 'admin',
    path: () => '/api/v1/admin/org',
    body: { settings: { singleParticipantPrefix: true } },
    invalid: [
      { body: { settings: { retentionDays: 90 } }, mentions: 'retentionDays' },
      { body: { settings: { keywords: { optIn: [], optOut: [], yes: [], no: [] } } }, mentions: 'opt-out' },
      { body: { unknown: true }, mentions: 'unknown' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/number',
    guard: 'admin',
    path: () => '/api/v1/admin/number',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PUT',
    template: '/api/v1/admin/number',
    guard: 'admin',
    path: () => '/api/v1/admin/number',
    body: { phoneNumberId: '100000000000001', displayPhoneNumber: '+15550100001', wabaId: '200000000000001' },
    invalid: [
      { body: { phoneNumberId: 'x', displayPhoneNumber: '+1555', wabaId: '2' }, mentions: 'phoneNumberId' },
      { body: { phoneNumberId: '1', displayPhoneNumber: '+1555' }, mentions: 'wabaId' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/users',
    guard: 'admin',
    path: () => '/api/v1/admin/users',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PATCH',
    template: '/api/v1/admin/users/{id}',
    guard: 'admin',
    path: () => '/api/v1/admin/users/acme-carol',
    body: { whatsappEnabled: true },
    invalid: [
      { body: { role: 'root' }, mentions: 'role' },
      { path: () => `/api/v1/admin/users${BAD_ID}`, body: { role: 'agent' }, mentions: 'id' },
      { body: { subOrgId: 'no-such-team' }, mentions: 'sub-org' },
    ],
    scopedById: true,
  },
  {
    method: 'DELETE',
    template: '/api/v1/admin/users/{id}',
    guard: 'admin',
    path: () => '/api/v1/admin/users/acme-carol',
    invalid: [{ path: () => `/api/v1/admin/users${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/invitations',
    guard: 'admin',
    path: () => '/api/v1/admin/invitations',
    body: { email: 'matrix@acme.test', name: 'Matrix', subOrgId: 'acme-sales-emea' },
    invalid: [
      { body: { email: 'matrix', name: 'M', subOrgId: 'acme-sales-emea' }, mentions: 'email' },
      { body: { email: 'm@acme.test', name: 'M' }, mentions: 'subOrgId' },
      { body: { email: 'm@acme.test', name: 'M', subOrgId: 'nope' }, mentions: 'sub-org' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/invitations',
    guard: 'admin',
    path: () => '/api/v1/admin/invitations',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'DELETE',
    template: '/api/v1/admin/invitations/{id}',
    guard: 'admin',
    path: (ids) => `/api/v1/admin/invitations/${ids.invitation}`,
    invalid: [{ path: () => `/api/v1/admin/invitations${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/sub-orgs',
    guard: 'admin',
    path: () => '/api/v1/admin/sub-orgs',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/sub-orgs',
    guard: 'admin',
    path: () => '/api/v1/admin/sub-orgs',
    body: { name: 'Matrix team' },
    invalid: [
      { body: { name: '' }, mentions: 'name' },
      { body: [], mentions: 'expected object' },
    ],
    scopedById: false,
  },
  {
    method: 'PATCH',
    template: '/api/v1/admin/sub-orgs/{id}',
    guard: 'admin',
    path: () => '/api/v1/admin/sub-orgs/acme-sales-us',
    body: { name: 'Sales Americas' },
    invalid: [
      { body: { name: null }, mentions: 'name' },
      { path: () => `/api/v1/admin/sub-orgs${BAD_ID}`, body: { name: 'X' }, mentions: 'id' },
    ],
    scopedById: true,
  },
  {
    method: 'DELETE',
    template: '/api/v1/admin/sub-orgs/{id}',
    guard: 'admin',
    path: () => '/api/v1/admin/sub-orgs/acme-sales-us',
    invalid: [{ path: () => `/api/v1/admin/sub-orgs${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/templates',
    guard: 'admin',
    path: () => '/api/v1/admin/templates',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/templates/sync',
    guard: 'admin',
    path: () => '/api/v1/admin/templates/sync',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PUT',
    template: '/api/v1/admin/templates/{id}/variables',
    guard: 'admin',
    path: () => '/api/v1/admin/templates/acme-meeting_follow_up-en_US/variables',
    body: { mappings: [{ key: 'body.1', source: 'contact_name' }] },
    invalid: [
      { body: { mappings: [{ key: 'body.1', source: 'nope' }] }, mentions: 'source' },
      { body: { mappings: [{ key: 'body.7', source: 'typed' }] }, mentions: 'body.7' },
      { path: () => `/api/v1/admin/templates${BAD_ID}/variables`, body: { mappings: [] }, mentions: 'id' },
    ],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/consent-records',
    guard: 'admin',
    path: () => '/api/v1/admin/consent-records',
    invalid: [
      { path: () => '/api/v1/admin/consent-records?from=yesterday', mentions: 'from' },
      { path: () => '/api/v1/admin/consent-records?to=2026-02-31', mentions: 'to' },
      { path: () => '/api/v1/admin/consent-records?from=2026-12-01&to=2026-11-01', mentions: 'after' },
      { path: () => '/api/v1/admin/consent-records?format=xml', mentions: 'format' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/consent-records/verify',
    guard: 'admin',
    path: () => '/api/v1/admin/consent-records/verify',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/dead-letters',
    guard: 'admin',
    path: () => '/api/v1/admin/dead-letters',
    invalid: [
      { path: () => '/api/v1/admin/dead-letters?limit=0', mentions: 'limit' },
      { path: () => '/api/v1/admin/dead-letters?limit=lots', mentions: 'limit' },
    ],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/media',
    guard: 'whatsapp',
    path: () => '/api/v1/media',
    // Multipart only: a JSON body is refused by name (S4); tests/worker/media.test.ts covers the rest.
    invalid: [{ rawBody: '{"file": "x"}', mentions: 'multipart' }],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/media/{id}',
    guard: 'whatsapp',
    path: () => '/api/v1/media/acme-picture-none',
    invalid: [{ path: () => `/api/v1/media${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  ...CONVERSATION_ROUTES,
  ...PRIVACY_ROUTES,
];
