// S2 for every route of the table: no token, malformed / unknown, expired and revoked tokens, a
// disabled user (checked per request, sessions not revoked), an agent on admin routes, a user not
// enabled for WhatsApp on WhatsApp routes, and another org addressing Acme's resources.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../worker/auth/tokens';
import { createSession, revokeSession } from '../../worker/storage/repos/sessions';
import { createUser, findUserByEmail, updateUser } from '../../worker/storage/repos/users';
import { call, db, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { type Ids, ROUTES } from './route-table';

const ids: Ids = { contact: '', invitation: '', conversation: '' };
const tokens = {
  expired: '',
  revoked: '',
  disabled: '',
  agent: '',
  notEnabled: '',
  globexAdmin: '',
  globexAgent: '',
};

async function rawSession(
  email: string,
  accessExpiresAt: number,
): Promise<{ token: string; sessionId: string }> {
  const user = await findUserByEmail(db(), email);
  if (!user) throw new Error(email);
  const token = newToken('access');
  const now = Date.now();
  const session = await createSession(db(), {
    orgId: user.orgId,
    userId: user.id,
    accessTokenHash: await hashToken(token),
    accessExpiresAt,
    refreshTokenHash: await hashToken(newToken('refresh')),
    refreshExpiresAt: now + 86_400_000,
    now,
  });
  return { token, sessionId: session.id };
}

beforeAll(async () => {
  await setupDemo();
  const admin = await tokenFor('admin@acme.test');
  const contact = await call<{ id: string }>('PUT', '/api/v1/contacts', {
    token: await tokenFor('alice@acme.test'),
    body: { name: 'Matrix Contact', phone: '+14155550160' },
  });
  ids.contact = contact.body.id;
  const started = await call<{ conversation: { conversationId: string } }>(
    'POST',
    `/api/v1/contacts/${ids.contact}/whatsapp/start`,
    {
      token: await tokenFor('alice@acme.test'),
    },
  );
  ids.conversation = started.body.conversation.conversationId;
  const inv = await call<{ invitation: { id: string } }>('POST', '/api/v1/admin/invitations', {
    token: admin,
    body: { email: 'pending@acme.test', name: 'Pending', subOrgId: 'acme-sales-emea' },
  });
  ids.invitation = inv.body.invitation.id;
  // An admin who is then disabled behind the API's back: only the per-request check can stop them.
  const now = Date.now();
  const disabled = await createUser(db(), {
    orgId: 'acme',
    subOrgId: 'acme-sales-emea',
    email: 'disabled-admin@acme.test',
    name: 'Disabled Admin',
    role: 'admin',
    whatsappEnabled: true,
    passwordHash: 'x',
    passwordSalt: 'x',
    passwordIterations: 1,
    now,
  });
  tokens.disabled = await tokenFor('disabled-admin@acme.test');
  await updateUser(db(), 'acme', disabled.id, { disabledAt: now }, now);
  tokens.expired = (await rawSession('admin@acme.test', now - 1)).token;
  const revoked = await rawSession('admin@acme.test', now + 600_000);
  await revokeSession(db(), 'acme', revoked.sessionId, now);
  tokens.revoked = revoked.token;
  tokens.agent = await tokenFor('alice@acme.test');
  tokens.notEnabled = await tokenFor('dave@acme.test');
  tokens.globexAdmin = await tokenFor('admin@globex.test');
  tokens.globexAgent = await tokenFor('erin@globex.test');
});

const guarded = ROUTES.filter((r) => r.guard !== 'public');

async function expectError(res: { status: number; body: ErrorBody }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(typeof res.body.error.message).toBe('string');
  if (code) expect(res.body.error.code).toBe(code);
}

describe.each(guarded)('S2: $method $template', (route) => {
  const send = (token?: string, headers?: Record<string, string>) =>
    call<ErrorBody>(route.method, route.path(ids), { token, body: route.body, headers });

  it('S2: no token is 401 unauthenticated', async () => {
    await expectError(await send(), 401, 'unauthenticated');
    await expectError(await send(undefined, { authorization: 'Basic YWxpY2U6cHc=' }), 401, 'unauthenticated');
  });

  it('S2: an unknown token is 401 invalid_token', async () => {
    await expectError(await send(newToken('access')), 401, 'invalid_token');
  });

  it('S2: an expired token is 401 token_expired', async () => {
    await expectError(await send(tokens.expired), 401, 'token_expired');
  });

  it('S2: a revoked token is 401 session_revoked', async () => {
    await expectError(await send(tokens.revoked), 401, 'session_revoked');
  });

  it('S2 / I8: a disabled user is 401 account_disabled on the next request', async () => {
    await expectError(await send(tokens.disabled), 401, 'account_disabled');
  });

  if (route.guard === 'admin') {
    it('S2: an agent on an admin route is 403 forbidden', async () => {
      await expectError(await send(tokens.agent), 403, 'forbidden');
    });
  }

  if (route.guard === 'whatsapp') {
    it('B18 / S2: a user not enabled for WhatsApp is 403 whatsapp_disabled', async () => {
      await expectError(await send(tokens.notEnabled), 403, 'whatsapp_disabled');
    });
  }

  if (route.scopedById) {
    it("S2: another org addressing Acme's resource is 404", async () => {
      const token = route.guard === 'admin' ? tokens.globexAdmin : tokens.globexAgent;
      await expectError(await send(token), 404, 'not_found');
    });
  }
});

describe('S2: another org never sees Acme in collection answers', () => {
  const collections = ROUTES.filter((r) => r.method === 'GET' && r.guard !== 'public' && !r.scopedById);
  it.each(collections)('S2: $method $template as Globex', async (route) => {
    const token = route.guard === 'admin' ? tokens.globexAdmin : tokens.globexAgent;
    const res = await call(route.method, route.path(ids), { token });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/acme/i);
  });
});

it('S2: the matrix covers every guarded route', () => {
  expect(guarded.length).toBeGreaterThanOrEqual(20);
});
