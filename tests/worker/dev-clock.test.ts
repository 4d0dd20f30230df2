// I9 / SPEC §5: POST /__dev/clock exists only in development and fails closed everywhere else.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { call, setupDemo } from './helpers';

const clockRequest = (body: unknown) =>
  new Request('http://greenline.test/__dev/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('development clock (I9)', () => {
  it('I9: in production the route does not exist (404) and the clock does not move', async () => {
    await setupDemo();
    const before = Date.now();
    const res = await app.fetch(clockRequest({ advanceMs: 86_400_000 }), {
      ...env,
      ENVIRONMENT: 'production',
    });
    expect(res.status).toBe(404);
    const offset = await env.DEV_CLOCK.get(env.DEV_CLOCK.idFromName('clock')).offset();
    expect(offset).toBe(0);
    expect(Date.now() - before).toBeLessThan(60_000);
  });

  it('I9: without ENVIRONMENT at all it fails closed too', async () => {
    const { ENVIRONMENT: _dropped, ...rest } = env;
    const res = await app.fetch(clockRequest({ advanceMs: 1_000 }), rest);
    expect(res.status).toBe(404);
  });

  it('S4: in development a bad body is 400 and a good one moves the clock forward only', async () => {
    await setupDemo();
    expect((await call('POST', '/__dev/clock', { body: { advanceMs: -5 } })).status).toBe(400);
    expect((await call('POST', '/__dev/clock', { body: { advanceMs: 'soon' } })).status).toBe(400);
    const moved = await call<{ now: number }>('POST', '/__dev/clock', { body: { advanceMs: 3_600_000 } });
    expect(moved.status).toBe(200);
    expect(moved.body.now - Date.now()).toBeGreaterThan(3_500_000);
  });
});
