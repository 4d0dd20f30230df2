// Contacts (B19): upsert from a CRM page, read one. Scoped to the caller's org.
import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import {
  ContactLookupQuerySchema,
  ContactLookupSchema,
  ContactSchema,
  LinkContactRequestSchema,
  UpsertContactRequestSchema,
} from '../../shared/api/contacts';
import { requireAuth, requireWhatsApp } from '../middleware/auth';
import { linkContact, lookupContact, putContact, readContact } from '../services/contacts';
import { AUTHED, bearer, errors, json, jsonBody, newRouter } from './openapi';

const putRoute = createRoute({
  method: 'put',
  path: '/contacts',
  tags: ['contacts'],
  summary: 'Add or update a contact by phone (E.164) within your org, with its CRM link',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { body: jsonBody(UpsertContactRequestSchema) },
  responses: {
    200: json(ContactSchema, 'Updated'),
    201: json(ContactSchema, 'Created'),
    ...errors(...AUTHED),
  },
});

const lookupRoute = createRoute({
  method: 'get',
  path: '/contacts/lookup',
  tags: ['contacts'],
  summary: 'The contact with this phone number, if your org has one (creates nothing)',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { query: ContactLookupQuerySchema },
  responses: { 200: json(ContactLookupSchema, 'The contact, or null'), ...errors(...AUTHED) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags: ['contacts'],
  summary: 'One contact of your org',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { params: IdParamSchema },
  responses: { 200: json(ContactSchema, 'The contact'), ...errors(...AUTHED, 404) },
});

const linkRoute = createRoute({
  method: 'post',
  path: '/contacts/{id}/link',
  tags: ['contacts'],
  summary:
    'Join another contact of your org to this one as the same person (e.g. a WhatsApp username customer and their CRM record): one contact, one conversation',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  request: { params: IdParamSchema, body: jsonBody(LinkContactRequestSchema) },
  responses: { 200: json(ContactSchema, 'The contact both became'), ...errors(...AUTHED, 404, 409) },
});

export const contactRoutes = newRouter()
  .openapi(putRoute, async (c) => {
    const { contact, created } = await putContact(
      c.var.db,
      c.var.auth.org.id,
      c.req.valid('json'),
      c.var.now,
    );
    return created ? c.json(contact, 201) : c.json(contact, 200);
  })
  // Before /contacts/{id}: "lookup" would otherwise be read as an id.
  .openapi(lookupRoute, async (c) => {
    const { phone, defaultCountry } = c.req.valid('query');
    return c.json({ contact: await lookupContact(c.var.db, c.var.auth.org.id, phone, defaultCountry) }, 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(await readContact(c.var.db, c.var.auth.org.id, c.req.valid('param').id), 200),
  )
  .openapi(linkRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { contactId } = c.req.valid('json');
    return c.json(await linkContact(c.env, c.var.db, c.var.auth.org.id, id, contactId, c.var.now), 200);
  });
