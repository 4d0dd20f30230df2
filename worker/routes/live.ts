// Live events (SPEC §5 `GET /api/v1/live`): a signed-in user gets a one-time ticket, then opens one
// WebSocket with it; the ticket names the user, so the socket lands in that user's live object.
import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { LiveTicketSchema } from '../../shared/api/live';
import type { AppEnv } from '../env';
import { ApiError } from '../services/errors';
import { AUTHED, errors, json, newRouter, WHATSAPP } from './openapi';

const ticketRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/live/ticket',
  summary: 'A one-time ticket (30 s) to open the live WebSocket at GET /api/v1/live?ticket=…',
  responses: { 200: json(LiveTicketSchema, 'The ticket'), ...errors(...AUTHED) },
});

const TICKET = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{10,200})$/;

export const liveTicketRoutes = newRouter().openapi(ticketRoute, async (c) => {
  const { user, session } = c.var.auth;
  const live = c.env.USER_LIVE.get(c.env.USER_LIVE.idFromName(user.id));
  const { secret, expiresAt } = await live.issueTicket(session.id);
  const ticket = `${user.id}.${secret}`;
  const url = new URL('/api/v1/live', c.req.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('ticket', ticket);
  return c.json({ ticket, expiresAt, url: url.toString() }, 200);
});

/** The WebSocket itself: not in the OpenAPI document (it is not a JSON route). */
export const liveSocketRoutes = new Hono<AppEnv>().get('/api/v1/live', async (c) => {
  const match = TICKET.exec(c.req.query('ticket') ?? '');
  if (!match?.[1] || !match[2])
    throw new ApiError(401, 'invalid_ticket', 'Get a ticket from POST /api/v1/live/ticket.');
  const live = c.env.USER_LIVE.get(c.env.USER_LIVE.idFromName(match[1]));
  const url = new URL('https://live.internal/');
  url.searchParams.set('secret', match[2]);
  return live.fetch(new Request(url, { headers: c.req.raw.headers }));
});
