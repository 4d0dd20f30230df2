// `AppType` gives the extension a typed client: hono/client against the real Worker (SELF).
import { SELF } from 'cloudflare:test';
import { hc } from 'hono/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo';
import type { AppType } from '../../worker/app';
import { setupDemo } from './helpers';

beforeAll(setupDemo);

describe('typed client', () => {
  it('B21: signs in, reads /me and the templates with inferred types', async () => {
    const client = hc<AppType>('http://greenline.test', { fetch: SELF.fetch.bind(SELF) });
    const login = await client.api.v1.auth.login.$post({
      json: { email: 'alice@acme.test', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    if (login.status !== 200) return;
    const session = await login.json();
    const headers = { authorization: `Bearer ${session.token}` };
    const me = await client.api.v1.me.$get({}, { headers });
    if (me.status !== 200) throw new Error(`me: ${me.status}`);
    const body = await me.json();
    const enabled: boolean = body.whatsapp.enabled;
    expect(enabled).toBe(true);
    const templates = await client.api.v1.templates.$get({}, { headers });
    if (templates.status !== 200) throw new Error(`templates: ${templates.status}`);
    const names: string[] = (await templates.json()).templates.map((t) => t.name);
    expect(names).toContain('meeting_follow_up');
  });
});
