// Templates: what agents may send (APPROVED only, B7), and the admin's list, sync and mapping (B21).
import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import {
  AdminTemplateListSchema,
  AdminTemplateSchema,
  AgentTemplateListSchema,
  TemplateSyncResultSchema,
  VariableMappingRequestSchema,
} from '../../shared/api/templates';
import { requireAuth, requireWhatsApp } from '../middleware/auth';
import { syncOrgTemplates } from '../services/admin-templates';
import { listAllTemplates, listSendableTemplates, mapTemplateVariables } from '../services/templates';
import { ADMIN, AUTHED, bearer, errors, json, jsonBody, newRouter } from './openapi';

const agentListRoute = createRoute({
  method: 'get',
  path: '/templates',
  tags: ['templates'],
  summary: 'Approved templates with their variables and mapped sources',
  security: bearer,
  middleware: [requireAuth, requireWhatsApp] as const,
  responses: { 200: json(AgentTemplateListSchema, 'Sendable templates'), ...errors(...AUTHED) },
});

const adminListRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/templates',
  summary: 'All synced templates, any status, with variable mappings',
  responses: { 200: json(AdminTemplateListSchema, 'Templates'), ...errors(...AUTHED) },
});

const syncRoute = createRoute({
  ...ADMIN,
  method: 'post',
  path: '/admin/templates/sync',
  summary: "Sync templates from the Cloud API (every page of the WABA's list)",
  responses: { 200: json(TemplateSyncResultSchema, 'Synced'), ...errors(...AUTHED, 409, 422, 503) },
});

const mapRoute = createRoute({
  ...ADMIN,
  method: 'put',
  path: '/admin/templates/{id}/variables',
  summary: "Map a template's variables to sources (contact name, user name, org name, typed)",
  request: { params: IdParamSchema, body: jsonBody(VariableMappingRequestSchema) },
  responses: { 200: json(AdminTemplateSchema, 'Mapped'), ...errors(...AUTHED, 404, 422) },
});

export const templateRoutes = newRouter()
  .openapi(agentListRoute, async (c) => {
    const { id, settings } = c.var.auth.org;
    return c.json(await listSendableTemplates(c.var.db, id, settings.optInTemplate), 200);
  })
  .openapi(adminListRoute, async (c) => c.json(await listAllTemplates(c.var.db, c.var.auth.org.id), 200))
  .openapi(syncRoute, async (c) =>
    c.json(await syncOrgTemplates(c.var.db, c.env, c.var.auth.org.id, c.var.now), 200),
  )
  .openapi(mapRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await mapTemplateVariables(c.var.db, c.var.auth.org.id, id, c.req.valid('json'), c.var.now),
      200,
    );
  });
