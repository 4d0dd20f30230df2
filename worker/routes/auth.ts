// Auth routes: login, refresh, logout, accept-invitation, and the signed-in user's `GET /me`.
import { createRoute } from '@hono/zod-openapi';
import {
  AcceptInvitationRequestSchema,
  LoginRequestSchema,
  MeResponseSchema,
  OkResponseSchema,
  RefreshRequestSchema,
  SessionResponseSchema,
} from '../../shared/api/auth';
import { requireAuth } from '../middleware/auth';
import { acceptInvitation, login } from '../services/auth';
import { endLive } from '../services/live-revocation';
import { describeMe } from '../services/me';
import { endSession, refreshSession } from '../services/sessions';
import { bearer, errors, json, jsonBody, newRouter } from './openapi';

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  request: { body: jsonBody(LoginRequestSchema) },
  responses: { 200: json(SessionResponseSchema, 'Signed in'), ...errors(400, 401, 403, 429) },
});

const refreshRoute = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags: ['auth'],
  summary: 'Exchange a refresh token for a new token pair (rotation)',
  request: { body: jsonBody(RefreshRequestSchema) },
  responses: { 200: json(SessionResponseSchema, 'New tokens'), ...errors(400, 401) },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  security: bearer,
  middleware: [requireAuth] as const,
  responses: { 200: json(OkResponseSchema, 'Signed out'), ...errors(401) },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/auth/accept-invitation',
  tags: ['auth'],
  summary: 'Accept an invitation: set the first password and sign in',
  request: { body: jsonBody(AcceptInvitationRequestSchema) },
  responses: { 200: json(SessionResponseSchema, 'Account created and signed in'), ...errors(400, 409) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user, their org, and whether WhatsApp is enabled for both',
  security: bearer,
  middleware: [requireAuth] as const,
  responses: { 200: json(MeResponseSchema, 'The signed-in user'), ...errors(401) },
});

export const authRoutes = newRouter()
  .openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const clientAddress = c.req.header('cf-connecting-ip') ?? 'unknown';
    return c.json(await login(c.var.db, { email, password, clientAddress }, c.var.now), 200);
  })
  .openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    return c.json(await refreshSession(c.var.db, refreshToken, c.var.now), 200);
  })
  .openapi(logoutRoute, async (c) => {
    await endSession(c.var.db, c.var.auth, c.var.now);
    await endLive(c.env, c.var.auth.user.id, 'signedOut', c.var.auth.session.id);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(acceptRoute, async (c) => {
    return c.json(await acceptInvitation(c.var.db, c.req.valid('json'), c.var.now), 200);
  })
  .openapi(meRoute, async (c) => c.json(await describeMe(c.var.db, c.var.auth, c.var.now), 200));
