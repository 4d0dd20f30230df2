// Admin: the org's dead letters (SPEC §6): webhook parts that failed validation or routing, newest
// first. Admins only, own org only.
import { createRoute } from '@hono/zod-openapi';
import { DeadLetterListSchema, DeadLettersQuerySchema } from '../../shared/api/dead-letters';
import { listDeadLetters } from '../storage/repos/dead-letters';
import { ADMIN, AUTHED, errors, json, newRouter } from './openapi';

const listRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/dead-letters',
  summary: 'Webhook events that could not be applied, with the reason and the offending part',
  request: { query: DeadLettersQuerySchema },
  responses: { 200: json(DeadLetterListSchema, 'Newest first'), ...errors(...AUTHED) },
});

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const adminDeadLetterRoutes = newRouter().openapi(listRoute, async (c) => {
  const rows = await listDeadLetters(c.var.db, c.var.auth.org.id, c.req.valid('query').limit);
  const deadLetters = rows.map((r) => ({
    id: r.id,
    receivedAt: r.receivedAt,
    reason: r.reason,
    payload: parsePayload(r.payload),
  }));
  return c.json({ deadLetters }, 200);
});
