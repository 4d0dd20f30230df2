// `GET /{version}/{waba-id}/message_templates` (reference §4.1): the WABA's templates with `limit`,
// `status` and `name` filters and cursor paging (`after` / `before`, `paging.cursors`, `paging.next`,
// `paging.previous`); a cursor that is not ours is 131059.

import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { findNumberByWaba, type TemplateRecord } from '../state';
import type { World } from '../world';
import { bearerToken, invalidToken, metaError, numberForToken, unknownObject } from './auth';

const QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(25),
  after: z.string().optional(),
  before: z.string().optional(),
  status: z.string().optional(),
  name: z.string().optional(),
  fields: z.string().optional(),
});

const cursorOf = (t: TemplateRecord): string => Buffer.from(`tpl:${t.id}`).toString('base64url');

function indexOfCursor(list: TemplateRecord[], cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  return decoded.startsWith('tpl:') ? list.findIndex((t) => t.id === decoded.slice(4)) : -1;
}

function list(c: Context, world: World): Response {
  const wabaId = c.req.param('wabaId') ?? '';
  const owner = numberForToken(world, bearerToken(c));
  const number = findNumberByWaba(world.state, wabaId);
  if (!owner || (number && owner !== number)) return invalidToken(c, world);
  if (!number) return unknownObject(c, world, wabaId, 'get');
  const query = QuerySchema.safeParse(c.req.query());
  if (!query.success)
    return metaError(c, world, 100, `Invalid parameter: ${query.error.issues[0]?.message ?? ''}`);
  const { limit, after, before, status, name } = query.data;
  const statuses = status?.split(',').map((s) => s.trim().toUpperCase());
  const all = number.templates.filter(
    (t) => (!statuses || statuses.includes(t.status)) && (!name || t.name.includes(name)),
  );
  let start = 0;
  let end = Math.min(all.length, limit);
  if (after !== undefined) {
    const i = indexOfCursor(all, after);
    if (i < 0) return metaError(c, world, 131059, 'Invalid paging cursor. Retry without cursors.');
    start = i + 1;
    end = Math.min(all.length, start + limit);
  } else if (before !== undefined) {
    const i = indexOfCursor(all, before);
    if (i < 0) return metaError(c, world, 131059, 'Invalid paging cursor. Retry without cursors.');
    end = i;
    start = Math.max(0, end - limit);
  }
  const data = all.slice(start, end);
  const first = data[0];
  const last = data[data.length - 1];
  if (!first || !last) return c.json({ data: [] });
  const link = (key: 'after' | 'before', cursor: string): string => {
    const url = new URL(c.req.url);
    url.searchParams.delete('after');
    url.searchParams.delete('before');
    url.searchParams.set('limit', String(limit));
    url.searchParams.set(key, cursor);
    return `${world.baseUrl}${url.pathname}${url.search}`;
  };
  return c.json({
    data,
    paging: {
      cursors: { before: cursorOf(first), after: cursorOf(last) },
      ...(end < all.length ? { next: link('after', cursorOf(last)) } : {}),
      ...(start > 0 ? { previous: link('before', cursorOf(first)) } : {}),
    },
  });
}

export function templatesRoute(world: World): Hono {
  return new Hono().get('/:version{v\\d+\\.\\d+}/:wabaId{\\d+}/message_templates', (c) => list(c, world));
}
