// Auth routes: login, throttling, refresh rotation, logout, invitations and `GET /me`.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo';
import { hashToken, newToken } from '../../worker/auth/tokens';
import { createSession } from '../../worker/storage/repos/sessions';
import { findUserByEmail } from '../../worker/storage/repos/users';
import { call, db, type ErrorBody, setupDemo, tokenFor } from './helpers';

beforeAll(setupDemo);

interface Session {
  token: string;
  refreshToken: string;
  expiresAt: number;
  user: { email: string; role: string };
}

describe('POST /api/v1/auth/login', () => {
  it('§5 / §6: signs a demo user in with the demo password', async () => {
    const res = await call<Session>('POST', '/api/v1/auth/login', {
      body: { email: 'Alice@Acme.test', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^gla_/);
    expect(res.body.refreshToken).toMatch(/^glr_/);
    expect(res.body.user).toMatchObject({ email: 'alice@acme.test', role: 'agent' });
    const me = await call('GET', '/api/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
  });

  it('§5: answers wrong credentials 401 without saying which part was wrong', async () => {
    const wrong = await call<ErrorBody>('POST', '/api/v1/auth/login', {
      body: { email: 'bob@acme.test', password: 'not-the-password' },
    });
    const unknown = await call<ErrorBody>('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@acme.test', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('§5: throttles repeated failures per email and address with 429 and Retry-After', async () => {
    const attempt = (password: string, ip = '203.0.113.7') =>
      call<ErrorBody>('POST', '/api/v1/auth/login', {
        body: { email: 'carol@acme.test', password },
        headers: { 'cf-connecting-ip': ip },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not locked out by someone else's guessing.
    expect((await attempt(DEMO_PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('S4: refuses malformed and incomplete bodies with 400 and a clear message', async () => {
    const cases: Array<[string, string]> = [
      ['{"email":"alice@acme.test"', 'invalid_json'],
      [JSON.stringify({ email: 'not-an-email', password: 'x' }), 'invalid_request'],
      [JSON.stringify({ email: 'alice@acme.test' }), 'invalid_request'],
      [JSON.stringify([1, 2]), 'invalid_request'],
    ];
    for (const [rawBody, code] of cases) {
      const res = await call<ErrorBody>('POST', '/api/v1/auth/login', { rawBody });
      expect(res.status, rawBody).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    const noType = await call<ErrorBody>('POST', '/api/v1/auth/login', {
      rawBody: 'email=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(noType.status).toBe(400);
  });
});

describe('POST /api/v1/auth/refresh and /logout', () => {
  it('§6 / I8: rotates both tokens; the old refresh token stops working', async () => {
    const login = await call<Session>('POST', '/api/v1/auth/login', {
      body: { email: 'bob@acme.test', password: DEMO_PASSWORD },
    });
    const first = await call<Session>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.token).not.toBe(login.body.token);
    expect((await call('GET', '/api/v1/me', { token: login.body.token })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: first.body.token })).status).toBe(200);
    const reuse = await call<ErrorBody>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(reuse.status).toBe(401);
  });

  it('S2: logout revokes the session for access and refresh alike', async () => {
    const login = await call<Session>('POST', '/api/v1/auth/login', {
      body: { email: 'erin@globex.test', password: DEMO_PASSWORD },
    });
    const out = await call('POST', '/api/v1/auth/logout', { token: login.body.token });
    expect(out.status).toBe(200);
    const me = await call<ErrorBody>('GET', '/api/v1/me', { token: login.body.token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('session_revoked');
    const refresh = await call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('S2: an expired refresh token is 401 token_expired', async () => {
    const user = await findUserByEmail(db(), 'bob@acme.test');
    if (!user) throw new Error('bob missing');
    const refreshToken = newToken('refresh');
    const now = Date.now();
    await createSession(db(), {
      orgId: user.orgId,
      userId: user.id,
      accessTokenHash: await hashToken(newToken('access')),
      accessExpiresAt: now - 2,
      refreshTokenHash: await hashToken(refreshToken),
      refreshExpiresAt: now - 1,
      now,
    });
    const res = await call<ErrorBody>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
  });

  it('S4: refresh without a token is 400; an unknown one is 401', async () => {
    expect((await call('POST', '/api/v1/auth/refresh', { body: {} })).status).toBe(400);
    expect((await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'glr_nope' } })).status).toBe(
      401,
    );
  });
});

describe('GET /api/v1/me', () => {
  it('B18: says whether WhatsApp is enabled for the org and the user', async () => {
    const dave = await call<{ whatsapp: Record<string, boolean>; user: { subOrgName: string } }>(
      'GET',
      '/api/v1/me',
      { token: await tokenFor('dave@acme.test') },
    );
    expect(dave.status).toBe(200);
    expect(dave.body.whatsapp).toEqual({ orgEnabled: true, userEnabled: false, enabled: false });
    expect(dave.body.user.subOrgName).toBe('Sales EMEA');
    const alice = await call<{ whatsapp: Record<string, boolean> }>('GET', '/api/v1/me', {
      token: await tokenFor('alice@acme.test'),
    });
    expect(alice.body.whatsapp.enabled).toBe(true);
  });
});
