// Admin: sub-orgs (teams) CRUD (B21).
import { createRoute } from '@hono/zod-openapi';
import { SubOrgListSchema, SubOrgRequestSchema, SubOrgSchema } from '../../shared/api/admin';
import { OkResponseSchema } from '../../shared/api/auth';
import { IdParamSchema } from '../../shared/api/common';

import { createTeam, deleteTeam, listTeams, renameTeam } from '../services/sub-orgs';
import { ADMIN, AUTHED, errors, json, jsonBody, newRouter } from './openapi';

const listRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/sub-orgs',
  summary: 'Sub-orgs with their number of users',
  responses: { 200: json(SubOrgListSchema, 'Sub-orgs'), ...errors(...AUTHED) },
});

const createRouteDef = createRoute({
  ...ADMIN,
  method: 'post',
  path: '/admin/sub-orgs',
  summary: 'Create a sub-org',
  request: { body: jsonBody(SubOrgRequestSchema) },
  responses: { 201: json(SubOrgSchema, 'Created'), ...errors(...AUTHED, 409) },
});

const renameRoute = createRoute({
  ...ADMIN,
  method: 'patch',
  path: '/admin/sub-orgs/{id}',
  summary: 'Rename a sub-org',
  request: { params: IdParamSchema, body: jsonBody(SubOrgRequestSchema) },
  responses: { 200: json(SubOrgSchema, 'Renamed'), ...errors(...AUTHED, 404, 409) },
});

const deleteRoute = createRoute({
  ...ADMIN,
  method: 'delete',
  path: '/admin/sub-orgs/{id}',
  summary: 'Delete an empty sub-org',
  request: { params: IdParamSchema },
  responses: { 200: json(OkResponseSchema, 'Deleted'), ...errors(...AUTHED, 404, 409) },
});

export const adminSubOrgRoutes = newRouter()
  .openapi(listRoute, async (c) => c.json(await listTeams(c.var.db, c.var.auth.org.id), 200))
  .openapi(createRouteDef, async (c) =>
    c.json(await createTeam(c.var.db, c.var.auth.org.id, c.req.valid('json').name, c.var.now), 201),
  )
  .openapi(renameRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await renameTeam(c.var.db, c.var.auth.org.id, id, c.req.valid('json').name), 200);
  })
  .openapi(deleteRoute, async (c) => {
    await deleteTeam(c.var.db, c.var.auth.org.id, c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  });
