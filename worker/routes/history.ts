// The history list (B11) and the Unassigned list (B22) of the signed-in user.
import { createRoute } from '@hono/zod-openapi';
import { ListQuerySchema, ThreadListSchema, UnassignedListSchema } from '../../shared/api/conversations';
import { listReadableThreads, listUnassigned } from '../storage/repos/history';
import { AUTHED, errors, json, newRouter, WHATSAPP } from './openapi';

const threadsRoute = createRoute({
  ...WHATSAPP,
  method: 'get',
  path: '/threads',
  summary: 'Threads you may read, newest first, with the contact and last message (B11)',
  request: { query: ListQuerySchema },
  responses: { 200: json(ThreadListSchema, 'Your history'), ...errors(...AUTHED) },
});

const unassignedRoute = createRoute({
  ...WHATSAPP,
  method: 'get',
  path: '/unassigned',
  summary: 'Conversations whose customer wrote while nobody was in them (B22); claim one with .../start',
  request: { query: ListQuerySchema },
  responses: { 200: json(UnassignedListSchema, 'Waiting conversations'), ...errors(...AUTHED) },
});

export const historyRoutes = newRouter()
  .openapi(threadsRoute, async (c) => {
    const { db, auth } = c.var;
    const rows = await listReadableThreads(db, auth.org.id, auth.user.id, c.req.valid('query').limit);
    const threads = rows.map(({ until, ...row }) => ({
      ...row,
      readOnly: until !== null || row.endedAt !== null,
    }));
    return c.json({ threads }, 200);
  })
  .openapi(unassignedRoute, async (c) => {
    const { db, auth } = c.var;
    return c.json({ conversations: await listUnassigned(db, auth.org.id, c.req.valid('query').limit) }, 200);
  });
