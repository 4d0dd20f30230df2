// The conversation routes of the route table (route-table.ts): WhatsApp for a contact, messages and
// teamwork. Ids point at Acme's demo conversation created by the matrices' setup.
import type { RouteCase } from './route-table';

const BAD_ID = '/not%20an%20id!';
const text = { type: 'text', text: 'hello' };

export const CONVERSATION_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    template: '/api/v1/contacts/{id}/whatsapp',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/contacts/${ids.contact}/whatsapp`,
    invalid: [{ path: () => `/api/v1/contacts${BAD_ID}/whatsapp`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/contacts/{id}/whatsapp/opt-in',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/contacts/${ids.contact}/whatsapp/opt-in`,
    invalid: [{ path: () => `/api/v1/contacts${BAD_ID}/whatsapp/opt-in`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/contacts/{id}/whatsapp/start',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/contacts/${ids.contact}/whatsapp/start`,
    invalid: [{ path: () => `/api/v1/contacts${BAD_ID}/whatsapp/start`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/messages',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/messages`,
    body: text,
    invalid: [
      { body: { type: 'text' }, mentions: 'text' },
      { body: { type: 'text', text: '   ' }, mentions: 'text' },
      { body: { type: 'fax', text: 'x' }, mentions: 'type' },
      { body: { type: 'template', name: 'Bad Name!', language: 'en_US' }, mentions: 'name' },
      { body: { type: 'image', mediaId: 'x', caption: 'c'.repeat(1025) }, mentions: 'caption' },
      { path: () => `/api/v1/conversations${BAD_ID}/messages`, body: text, mentions: 'id' },
    ],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/conversations/{id}/messages',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/messages`,
    invalid: [{ path: () => `/api/v1/conversations${BAD_ID}/messages`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/participants',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/participants`,
    body: { userId: 'acme-bob' },
    invalid: [{ body: {}, mentions: 'userId' }],
    scopedById: true,
  },
  {
    method: 'DELETE',
    template: '/api/v1/conversations/{id}/participants/{userId}',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/participants/acme-bob`,
    invalid: [
      {
        path: (ids) => `/api/v1/conversations/${ids.conversation}/participants${BAD_ID}`,
        mentions: 'userId',
      },
    ],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/leave',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/leave`,
    invalid: [{ path: () => `/api/v1/conversations${BAD_ID}/leave`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/transfer',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/transfer`,
    body: { userId: 'acme-bob' },
    invalid: [{ body: { userId: '' }, mentions: 'userId' }],
    scopedById: true,
  },
  {
    method: 'GET',
    template: '/api/v1/conversations/{id}/eligible-users',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/eligible-users`,
    invalid: [{ path: () => `/api/v1/conversations${BAD_ID}/eligible-users`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/join-requests',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/join-requests`,
    invalid: [{ path: () => `/api/v1/conversations${BAD_ID}/join-requests`, mentions: 'id' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/conversations/{id}/join-requests/{userId}',
    guard: 'whatsapp',
    path: (ids) => `/api/v1/conversations/${ids.conversation}/join-requests/acme-bob`,
    body: { accept: true },
    invalid: [{ body: { accept: 'yes' }, mentions: 'accept' }],
    scopedById: true,
  },
  {
    method: 'POST',
    template: '/api/v1/admin/number/resume',
    guard: 'admin',
    path: () => '/api/v1/admin/number/resume',
    invalid: [],
    scopedById: false,
  },
];
