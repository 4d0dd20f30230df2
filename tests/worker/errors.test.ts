// The one error mapper: an unexpected failure is logged with the request id and answered with a
// generic 500 that names the request id and carries no stack or internal message.
import { env } from 'cloudflare:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../worker/env';
import { requestContext } from '../../worker/middleware/context';
import { onError, onNotFound, safeMessage } from '../../worker/middleware/errors';
import { ApiError } from '../../worker/services/errors';

function appThrowing(error: unknown) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext);
  app.onError(onError);
  app.notFound(onNotFound);
  app.get('/boom', () => {
    throw error;
  });
  return app;
}

afterEach(() => vi.restoreAllMocks());

describe('S4 / §5: error mapper', () => {
  it('answers an unknown error 500 with the request id, logs it, and never leaks the stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await appThrowing(new Error('secret internals at db.ts:12')).request(
      '/boom',
      { headers: { 'x-request-id': 'req-abcdef12' } },
      env,
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('req-abcdef12');
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(log).toHaveBeenCalledOnce();
    expect(String(log.mock.calls[0]?.[0])).toContain('req-abcdef12');
  });

  it('§6: logs no query parameters or phone numbers from a failed query', () => {
    const failed = new Error('Failed query: insert into contacts values (?, ?)\nparams: +14155550101,Sam', {
      cause: new Error('UNIQUE constraint failed: contacts.org_id, contacts.phone'),
    });
    expect(safeMessage(failed)).toBe('UNIQUE constraint failed: contacts.org_id, contacts.phone');
    expect(safeMessage(new Error('bad number +1 415 555 0101 here'))).toBe('bad number <digits> here');
  });

  it('answers ApiError with its status, code, message and headers', async () => {
    const err = new ApiError(429, 'too_many_attempts', 'Slow down.', undefined, { 'Retry-After': '60' });
    const res = await appThrowing(err).request('/boom', {}, env);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toEqual({ error: { code: 'too_many_attempts', message: 'Slow down.' } });
  });
});
