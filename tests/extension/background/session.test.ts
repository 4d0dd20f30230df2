// The background's session (issue 8, item 4): signs in, refreshes before expiry and on
// `token_expired` (once, even for requests made together: refresh tokens rotate), signs out when the
// refresh is refused, keeps the session when the server is only unreachable, and re-reads /me.
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../../extension/background/http';
import { Session, type StoredSession } from '../../../extension/background/session';
import type { SessionStatus } from '../../../extension/messaging/protocol';

const SERVER = 'http://greenline.test';

interface World {
  now: number;
  accessTtl: number;
  refreshes: number;
  refreshRefused: boolean;
  down: boolean;
  whatsappUser: boolean;
  requests: string[];
  /** How far the browser's clock is behind the server's. */
  skew: number;
  /** Holds one request to `path` on its way in (before the server reads its token) or out. */
  hold: { path: string; at: 'arrival' | 'answer'; until: Promise<void> } | null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A tiny Greenline server: tokens `a<n>` / `r<n>` rotate on each refresh. */
function fakeServer(world: World): Fetch {
  let generation = 1;
  const tokens = () => ({
    token: `access-token-${generation}`,
    refreshToken: `refresh-token-${generation}`,
    expiresAt: world.now + world.accessTtl,
    refreshExpiresAt: world.now + 30 * 86_400_000,
    user: {
      id: 'u-alice',
      email: 'alice@acme.test',
      name: 'Alice Martin',
      role: 'agent',
      subOrgId: 's1',
      whatsappEnabled: true,
    },
  });
  let expiresAt = 0;
  return async (input, init) => {
    if (world.down) throw new TypeError('Failed to fetch');
    const url = new URL(input);
    const hold = world.hold?.path === url.pathname ? world.hold : null;
    if (hold) world.hold = null;
    if (hold?.at === 'arrival') await hold.until;
    const answer = await answerOf(url, init);
    if (hold?.at === 'answer') await hold.until;
    return answer;
  };
  async function answerOf(url: URL, init: RequestInit | undefined): Promise<Response> {
    const auth = new Headers(init?.headers).get('authorization');
    world.requests.push(`${init?.method} ${url.pathname} ${auth ?? ''}`.trim());
    if (url.pathname === '/api/v1/auth/login') {
      const body = JSON.parse(String(init?.body)) as { password: string };
      if (body.password !== 'greenline-demo')
        return json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
      const t = tokens();
      expiresAt = t.expiresAt;
      return json(200, t);
    }
    if (url.pathname === '/api/v1/auth/refresh') {
      world.refreshes++;
      const body = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (world.refreshRefused || body.refreshToken !== `refresh-token-${generation}`) {
        return json(401, {
          error: { code: 'invalid_refresh_token', message: 'The refresh token is not valid. Sign in again.' },
        });
      }
      generation++;
      const t = tokens();
      expiresAt = t.expiresAt;
      return json(200, t);
    }
    if (auth !== `Bearer access-token-${generation}`)
      return json(401, { error: { code: 'invalid_token', message: 'The token is not valid.' } });
    if (world.now >= expiresAt)
      return json(401, { error: { code: 'token_expired', message: 'The token has expired.' } });
    if (url.pathname === '/api/v1/me') {
      return json(200, {
        user: { ...tokens().user, whatsappEnabled: world.whatsappUser, subOrgName: 'Sales EMEA' },
        org: { id: 'o-acme', name: 'Acme', whatsappEnabled: true },
        whatsapp: { orgEnabled: true, userEnabled: world.whatsappUser, enabled: world.whatsappUser },
        serverNow: world.now,
      });
    }
    return json(200, { ok: true });
  }
}

function setup(overrides: Partial<World> = {}) {
  const world: World = {
    now: 1_800_000_000_000,
    accessTtl: 15 * 60_000,
    refreshes: 0,
    refreshRefused: false,
    down: false,
    whatsappUser: true,
    requests: [],
    skew: 0,
    hold: null,
    ...overrides,
  };
  let stored: StoredSession | null = null;
  const changes: SessionStatus[] = [];
  const session = new Session({
    fetch: fakeServer(world),
    store: {
      get: async () => stored,
      set: async (s) => {
        stored = s;
      },
      clear: async () => {
        stored = null;
      },
    },
    now: () => world.now - world.skew,
    defaultServer: async () => SERVER,
    onChange: (s) => changes.push(s),
  });
  return { world, session, changes, stored: () => stored };
}

describe('the background session', () => {
  it('signs in, tells every listener who is signed in, and keeps the tokens only in its store', async () => {
    const { session, changes, stored } = setup();
    const result = await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    expect(result).toMatchObject({
      ok: true,
      status: { signedIn: true, enabled: true, user: { name: 'Alice Martin' } },
    });
    expect(changes.at(-1)?.signedIn).toBe(true);
    expect(JSON.stringify(changes)).not.toContain('access-token');
    expect(stored()?.token).toBe('access-token-1');
  });

  it('a wrong password gives the API’s message and no session', async () => {
    const { session, stored } = setup();
    expect(await session.signIn(SERVER, 'alice@acme.test', 'nope')).toEqual({
      ok: false,
      message: 'Wrong email or password.',
    });
    expect(stored()).toBeNull();
  });

  it('B21: a server that is not Greenline (a typo, the company website) is named as such, not quoted', async () => {
    let stored: StoredSession | null = null;
    const answering = (status: number, body: string, type: string) =>
      new Session({
        fetch: async () => new Response(body, { status, headers: { 'content-type': type } }),
        store: {
          get: async () => stored,
          set: async (next) => {
            stored = next;
          },
          clear: async () => {
            stored = null;
          },
        },
        now: () => 1_800_000_000_000,
        defaultServer: async () => SERVER,
        onChange: () => undefined,
      });
    // The sandbox's Graph API, where a person pointed the Server field by mistake.
    const graph = answering(
      400,
      JSON.stringify({ error: { message: '(#100) Invalid parameter', code: 100 } }),
      'application/json',
    );
    expect(await graph.signIn('http://127.0.0.1:8788', 'alice@acme.test', 'greenline-demo')).toEqual({
      ok: false,
      message:
        'The server at http://127.0.0.1:8788 does not answer like a Greenline server (it answered 400). Check the address.',
    });
    const website = answering(404, '<html><body>Not found</body></html>', 'text/html');
    expect(await website.signIn('https://www.acme.test', 'alice@acme.test', 'x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not answer like a Greenline server (it answered 404)'),
    });
    expect(stored).toBeNull();
  });

  it('refreshes shortly before the access token expires, without a failed request first', async () => {
    const { session, world } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.now += 14.5 * 60_000;
    const answer = await session.request({ method: 'GET', path: '/templates' });
    expect(answer.status).toBe(200);
    expect(world.refreshes).toBe(1);
    expect(world.requests.filter((r) => r.includes('/templates'))).toEqual([
      'GET /api/v1/templates Bearer access-token-2',
    ]);
  });

  it('on token_expired (the server clock jumped) refreshes once for requests made together, and retries them', async () => {
    const { session, world } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    // The server's clock moves 25 h (the development clock); the browser's does not.
    world.skew = 25 * 3_600_000;
    world.now += world.skew;
    const answers = await Promise.all([
      session.request({ method: 'GET', path: '/templates' }),
      session.request({ method: 'GET', path: '/threads' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(world.refreshes).toBe(1);
  });

  it('a request still on its way when another renewed the session is retried with the new token, not signed out', async () => {
    const { session, world, changes, stored } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.skew = 25 * 3_600_000;
    world.now += world.skew;
    // /threads leaves with the old token but reaches the server only after /templates renewed the
    // session: the server no longer knows that token (invalid_token).
    let release: () => void = () => undefined;
    world.hold = { path: '/api/v1/threads', at: 'arrival', until: new Promise((r) => (release = r)) };
    const late = session.request({ method: 'GET', path: '/threads' });
    const first = await session.request({ method: 'GET', path: '/templates' });
    release();
    expect([first.status, (await late).status]).toEqual([200, 200]);
    expect(world.refreshes).toBe(1);
    expect(stored()).not.toBeNull();
    expect(changes.some((c) => !c.signedIn)).toBe(false);
  });

  it('a token_expired answered after the session was renewed reuses the renewal (the old refresh token is spent)', async () => {
    const { session, world, stored } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.skew = 25 * 3_600_000;
    world.now += world.skew;
    let release: () => void = () => undefined;
    world.hold = { path: '/api/v1/threads', at: 'answer', until: new Promise((r) => (release = r)) };
    const late = session.request({ method: 'GET', path: '/threads' });
    const first = await session.request({ method: 'GET', path: '/templates' });
    release();
    expect([first.status, (await late).status]).toEqual([200, 200]);
    expect(world.refreshes).toBe(1);
    expect(stored()).not.toBeNull();
  });

  it('signs out when the refresh is refused, and says so', async () => {
    const { session, world, changes, stored } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.now += 16 * 60_000;
    world.refreshRefused = true;
    const answer = await session.request({ method: 'GET', path: '/templates' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ value: { error: { code: 'signed_out' } } });
    expect(stored()).toBeNull();
    expect(changes.at(-1)).toMatchObject({ signedIn: false });
  });

  it('stays signed in when the server is only unreachable, with a message that says so', async () => {
    const { session, world, stored } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.now += 16 * 60_000;
    world.down = true;
    const answer = await session.request({ method: 'GET', path: '/templates' });
    expect(answer.status).toBe(0);
    expect(JSON.stringify(answer.body)).toContain('cannot be reached');
    expect(stored()).not.toBeNull();
  });

  it('B18: re-reads /me so a user disabled by an admin loses WhatsApp on the next page load', async () => {
    const { session, world, changes } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    world.whatsappUser = false;
    world.now += 11_000;
    const status = await session.status();
    expect(status).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('your account') });
    expect(changes.at(-1)?.enabled).toBe(false);
  });

  it('signing out revokes the session on the server and forgets it here', async () => {
    const { session, world, stored } = setup();
    await session.signIn(SERVER, 'alice@acme.test', 'greenline-demo');
    const status = await session.signOut();
    expect(status.signedIn).toBe(false);
    expect(world.requests).toContain('POST /api/v1/auth/logout Bearer access-token-1');
    expect(stored()).toBeNull();
  });
});
