// The root Hono app: request context, the API routers under /api/v1, the OpenAPI document generated
// from the same zod schemas, and the one error mapper. `AppType` gives the extension a typed client.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { requestContext } from './middleware/context';
import { jsonBodyCap } from './middleware/body-cap';
import { onError, onNotFound, validationHook } from './middleware/errors';
import { methodNotAllowed } from './middleware/method-not-allowed';
import { adminConsentRoutes } from './routes/admin-consent';
import { adminDeadLetterRoutes } from './routes/admin-dead-letters';
import { adminNumberResumeRoutes } from './routes/admin-number-resume';
import { adminOrgRoutes } from './routes/admin-org';
import { adminPrivacyRoutes } from './routes/admin-privacy';
import { adminSubOrgRoutes } from './routes/admin-sub-orgs';
import { adminUserRoutes } from './routes/admin-users';
import { authRoutes } from './routes/auth';
import { contactWhatsAppRoutes } from './routes/contact-whatsapp';
import { contactRoutes } from './routes/contacts';
import { conversationRoutes } from './routes/conversations';
import { devClockRoutes } from './routes/dev-clock';
import { historyRoutes } from './routes/history';
import { liveSocketRoutes, liveTicketRoutes } from './routes/live';
import { mediaRoutes } from './routes/media';
import { json } from './routes/openapi';
import { completeDocument } from './routes/openapi/document';
import { templateRoutes } from './routes/templates';
import { webhookRoutes } from './routes/webhooks';

const API = '/api/v1';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness',
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Alive') },
});

const base = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
base.use('*', requestContext);
base.use(`${API}/*`, jsonBodyCap);
base.onError(onError);
base.notFound(methodNotAllowed(() => app.routes, onNotFound));

export const app = base
  .openapi(healthRoute, (c) => c.json({ ok: true as const }, 200))
  .route(API, authRoutes)
  .route(API, contactRoutes)
  .route(API, templateRoutes)
  .route(API, adminOrgRoutes)
  .route(API, adminUserRoutes)
  .route(API, adminSubOrgRoutes)
  .route(API, adminConsentRoutes)
  .route(API, adminDeadLetterRoutes)
  .route(API, mediaRoutes)
  .route(API, contactWhatsAppRoutes)
  .route(API, conversationRoutes)
  .route(API, historyRoutes)
  .route(API, liveTicketRoutes)
  .route(API, adminNumberResumeRoutes)
  .route(API, adminPrivacyRoutes)
  .route('/', devClockRoutes);

// Meta's webhooks: outside /api/v1, the OpenAPI document and AppType (the extension never calls them).
app.route('/webhooks/whatsapp', webhookRoutes);
// The live WebSocket (opened with a ticket from POST /api/v1/live/ticket): not a JSON route.
app.route('/', liveSocketRoutes);

app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'Access token from POST /api/v1/auth/login (15 minutes; renew with /auth/refresh).',
});

const DOCUMENT = {
  openapi: '3.1.0',
  servers: [{ url: '/', description: 'This Greenline deployment' }],
  info: { title: 'Greenline API', version: '1.0.0', description: 'Agent and admin API of Greenline.' },
};
/** The document served at /api/v1/openapi.json (and linted by tests/contract/openapi-lint.test.ts). */
export const openApiDocument = () => completeDocument(app.getOpenAPI31Document(DOCUMENT));
app.get(`${API}/openapi.json`, (c) => c.json(openApiDocument()));

export type AppType = typeof app;
