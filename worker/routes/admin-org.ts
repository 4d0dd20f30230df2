// Admin: org settings (B21) and the business number's settings (token write-only).
import { createRoute } from '@hono/zod-openapi';
import {
  NumberPutSchema,
  NumberSettingsSchema,
  OrgPatchSchema,
  OrgResponseSchema,
} from '../../shared/api/admin';

import { endOrgLive } from '../services/live-revocation';
import { putNumber, readNumber } from '../services/number-settings';
import { patchOrg, readOrg } from '../services/org-settings';
import { ADMIN, AUTHED, errors, json, jsonBody, newRouter } from './openapi';

const getOrgRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/org',
  summary: 'Org settings',
  responses: { 200: json(OrgResponseSchema, 'The org'), ...errors(...AUTHED) },
});

const patchOrgRoute = createRoute({
  ...ADMIN,
  method: 'patch',
  path: '/admin/org',
  summary: 'Change org settings: WhatsApp on/off, keywords, prefix, retention, opt-in template',
  request: { body: jsonBody(OrgPatchSchema) },
  responses: { 200: json(OrgResponseSchema, 'Updated'), ...errors(...AUTHED, 422) },
});

const getNumberRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/number',
  summary: "The business number's settings (the access token is never returned)",
  responses: { 200: json(NumberSettingsSchema, 'The number'), ...errors(...AUTHED, 404) },
});

const putNumberRoute = createRoute({
  ...ADMIN,
  method: 'put',
  path: '/admin/number',
  summary: 'Set the business number: ids, display number, and (write-only) access token',
  request: { body: jsonBody(NumberPutSchema) },
  responses: {
    200: json(NumberSettingsSchema, 'Updated'),
    201: json(NumberSettingsSchema, 'Created'),
    ...errors(...AUTHED, 409),
  },
});

export const adminOrgRoutes = newRouter()
  .openapi(getOrgRoute, async (c) => c.json(await readOrg(c.var.db, c.var.auth.org.id), 200))
  .openapi(patchOrgRoute, async (c) => {
    const patch = c.req.valid('json');
    const updated = await patchOrg(c.env, c.var.db, c.var.auth.org.id, patch, c.var.now);
    if (patch.whatsappEnabled === false) await endOrgLive(c.env, c.var.db, c.var.auth.org.id);
    return c.json(updated, 200);
  })
  .openapi(getNumberRoute, async (c) => c.json(await readNumber(c.var.db, c.var.auth.org.id), 200))
  .openapi(putNumberRoute, async (c) => {
    const { number, created } = await putNumber(
      c.env,
      c.var.db,
      c.var.auth.org.id,
      c.req.valid('json'),
      c.var.now,
    );
    return created ? c.json(number, 201) : c.json(number, 200);
  });
