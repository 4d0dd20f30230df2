// Per-request context: request id (echoed as X-Request-Id and put in every log line), the
// directory database (D1 or libSQL) and one clock reading for the whole request.
import { createMiddleware } from 'hono/factory';
import { now } from '../clock';
import type { AppEnv } from '../env';
import { openDb } from '../storage/db';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', requestId);
  c.set('now', await now(c.env));
  c.set('db', openDb(c.env));
  await next();
  c.header('X-Request-Id', requestId);
});
