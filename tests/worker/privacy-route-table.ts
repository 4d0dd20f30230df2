// The privacy routes (issue 12) in the route table (route-table.ts), so the S2 and S4 matrices and
// the OpenAPI check cover them. Bodies name no real contact: the matrices must not erase anyone.
import type { RouteCase } from './route-table';

const BAD_ID = '/not%20an%20id!';

export const PRIVACY_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    template: '/api/v1/admin/privacy/retention',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/retention',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'PUT',
    template: '/api/v1/admin/privacy/retention',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/retention',
    body: { retentionDays: 365 },
    invalid: [
      { body: { retentionDays: 29 }, mentions: 'retentionDays' },
      { body: { retentionDays: 2556 }, mentions: 'retentionDays' },
      { body: { retentionDays: 'forever' }, mentions: 'retentionDays' },
      { body: {}, mentions: 'retentionDays' },
    ],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/privacy/retention/run',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/retention/run',
    invalid: [],
    scopedById: false,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/privacy/erasures',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/erasures',
    body: { contactId: 'no-such-contact' },
    invalid: [
      { body: {}, mentions: 'exactly one' },
      { body: { contactId: 'a', phone: '+14155550101' }, mentions: 'exactly one' },
      { body: { contactId: 'not an id!' }, mentions: 'contactId' },
      { body: { phone: 'not a phone' }, mentions: 'phone' },
    ],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/privacy/erasures/{id}',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/erasures/no-such-erasure',
    invalid: [{ path: () => `/api/v1/admin/privacy/erasures${BAD_ID}`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/privacy/contacts/{id}/export',
    guard: 'admin',
    path: (ids) => `/api/v1/admin/privacy/contacts/${ids.contact}/export`,
    invalid: [
      { path: () => `/api/v1/admin/privacy/contacts${BAD_ID}/export`, mentions: 'id' },
      {
        path: (ids) => `/api/v1/admin/privacy/contacts/${ids.contact}/export?format=pdf`,
        mentions: 'format',
      },
    ],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/privacy/contacts',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/contacts?phone=%2B14155550101',
    invalid: [
      { path: () => '/api/v1/admin/privacy/contacts', mentions: 'exactly one' },
      { path: () => '/api/v1/admin/privacy/contacts?phone=nonsense', mentions: 'phone' },
    ],
    scopedById: false,
  },
  {
    method: 'GET',
    template: '/api/v1/admin/privacy/audit',
    guard: 'admin',
    path: () => '/api/v1/admin/privacy/audit',
    invalid: [],
    scopedById: false,
  },
];
