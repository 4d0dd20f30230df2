// S4 for every route of the table: each invalid input is answered 400 or 422 with an error code
// and a message naming the problem, never a 500; malformed JSON is 400 invalid_json everywhere.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';
import { type Ids, ROUTES } from './route-table';

const ids: Ids = { contact: 'unused', invitation: 'unused', conversation: 'unused' };
const tokenByGuard: Record<string, string | undefined> = {};

beforeAll(async () => {
  await setupDemo();
  tokenByGuard.user = await tokenFor('alice@acme.test');
  tokenByGuard.whatsapp = tokenByGuard.user;
  tokenByGuard.admin = await tokenFor('admin@acme.test');
});

const cases = ROUTES.flatMap((route) =>
  route.invalid.map((input, i) => ({
    route,
    input,
    name: `${route.method} ${route.template} #${i + 1} (${input.mentions})`,
  })),
);

describe('S4: invalid input on every route', () => {
  it.each(cases)('S4: $name', async ({ route, input }) => {
    const res = await call<ErrorBody>(route.method, (input.path ?? route.path)(ids), {
      token: tokenByGuard[route.guard],
      body: input.body,
      rawBody: input.rawBody,
    });
    expect([400, 422]).toContain(res.status);
    expect(res.body.error.code).toMatch(/^[a-z_]+$/);
    expect(res.body.error.message.toLowerCase()).toContain(input.mentions.toLowerCase());
  });

  const bodyRoutes = ROUTES.filter(
    (r) => r.method !== 'GET' && r.method !== 'DELETE' && r.invalid.some((i) => i.body !== undefined),
  );
  it.each(bodyRoutes)('S4: $method $template answers malformed JSON with 400 invalid_json', async (route) => {
    const res = await call<ErrorBody>(route.method, route.path(ids), {
      token: tokenByGuard[route.guard],
      rawBody: '{"name": "unterminated',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it.each(bodyRoutes)('S4: $method $template answers a non-JSON content type with 400', async (route) => {
    const res = await call<ErrorBody>(route.method, route.path(ids), {
      token: tokenByGuard[route.guard],
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it('S4: an unknown route is a JSON 404, and errors never carry a stack', async () => {
    const res = await call<ErrorBody>('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('every response carries a request id; a sane incoming one is echoed', async () => {
    const res = await call('GET', '/healthz', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    const generated = await call('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
