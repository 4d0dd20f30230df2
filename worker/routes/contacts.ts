// Contacts (B19): upsert from a CRM page, read one. Scoped to the caller's org.
import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import { ContactSchema, UpsertContactRequestSchema } from '../../shared/api/contacts';
import { requireAuth, requireWhatsApp } from '../middleware/auth';
import { putContact, readContact } from '../services/contacts';
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
  .openapi(getRoute, async (c) =>
    c.json(await readContact(c.var.db, c.var.auth.org.id, c.req.valid('param').id), 200),
  );
