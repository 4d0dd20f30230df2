// Admin: users and invitations (B21). Disabling or removing a user ends their sessions at once.
import { createRoute } from '@hono/zod-openapi';
import {
  AdminUserListSchema,
  AdminUserSchema,
  InvitationListSchema,
  InviteRequestSchema,
  InviteResponseSchema,
  UserPatchSchema,
} from '../../shared/api/admin';
import { OkResponseSchema } from '../../shared/api/auth';
import { IdParamSchema } from '../../shared/api/common';

import {
  cancelInvitation,
  inviteUser,
  listInvitations,
  listOrgUsers,
  patchUser,
  removeUser,
} from '../services/admin-users';
import { endLive } from '../services/live-revocation';
import { ADMIN, AUTHED, errors, json, jsonBody, newRouter } from './openapi';

const listRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/users',
  summary: "The org's users (removed users are not listed)",
  responses: { 200: json(AdminUserListSchema, 'Users'), ...errors(...AUTHED) },
});

const patchRoute = createRoute({
  ...ADMIN,
  method: 'patch',
  path: '/admin/users/{id}',
  summary: "Change a user's role, sub-org, WhatsApp access, or disable them",
  request: { params: IdParamSchema, body: jsonBody(UserPatchSchema) },
  responses: { 200: json(AdminUserSchema, 'Updated'), ...errors(...AUTHED, 404, 409, 422) },
});

const removeRoute = createRoute({
  ...ADMIN,
  method: 'delete',
  path: '/admin/users/{id}',
  summary: 'Remove a user from the org (their sessions end; their history keeps their name)',
  request: { params: IdParamSchema },
  responses: { 200: json(OkResponseSchema, 'Removed'), ...errors(...AUTHED, 404, 409) },
});

const inviteRoute = createRoute({
  ...ADMIN,
  method: 'post',
  path: '/admin/invitations',
  summary: 'Invite someone: the token (shown once) lets them set their first password',
  request: { body: jsonBody(InviteRequestSchema) },
  responses: { 201: json(InviteResponseSchema, 'Invited'), ...errors(...AUTHED, 409, 422) },
});

const listInvitationsRoute = createRoute({
  ...ADMIN,
  method: 'get',
  path: '/admin/invitations',
  summary: 'Pending invitations',
  responses: { 200: json(InvitationListSchema, 'Pending invitations'), ...errors(...AUTHED) },
});

const cancelInvitationRoute = createRoute({
  ...ADMIN,
  method: 'delete',
  path: '/admin/invitations/{id}',
  summary: 'Revoke a pending invitation',
  request: { params: IdParamSchema },
  responses: { 200: json(OkResponseSchema, 'Revoked'), ...errors(...AUTHED, 404) },
});

export const adminUserRoutes = newRouter()
  .openapi(listRoute, async (c) => c.json(await listOrgUsers(c.var.db, c.var.auth.org.id), 200))
  .openapi(patchRoute, async (c) => {
    const { org, user } = c.var.auth;
    const id = c.req.valid('param').id;
    const patch = c.req.valid('json');
    const updated = await patchUser(c.var.db, org.id, user.id, id, patch, c.var.now);
    if (patch.disabled === true) await endLive(c.env, id, 'accountDisabled');
    else if (patch.whatsappEnabled === false) await endLive(c.env, id, 'whatsappOff');
    return c.json(updated, 200);
  })
  .openapi(removeRoute, async (c) => {
    const { org, user } = c.var.auth;
    const id = c.req.valid('param').id;
    await removeUser(c.var.db, org.id, user.id, id, c.var.now);
    await endLive(c.env, id, 'accountRemoved');
    return c.json({ ok: true as const }, 200);
  })
  .openapi(inviteRoute, async (c) => {
    const { org, user } = c.var.auth;
    return c.json(await inviteUser(c.var.db, org.id, user.id, c.req.valid('json'), c.var.now), 201);
  })
  .openapi(listInvitationsRoute, async (c) =>
    c.json(await listInvitations(c.var.db, c.var.auth.org.id, c.var.now), 200),
  )
  .openapi(cancelInvitationRoute, async (c) => {
    await cancelInvitation(c.var.db, c.var.auth.org.id, c.req.valid('param').id, c.var.now);
    return c.json({ ok: true as const }, 200);
  });
