// 405 with `Allow` (RFC 9110 §15.5.6) when a path exists with other methods, instead of a 404 that
// tells a client the resource is not there. Paths that match no route at all stay 404.
import type { NotFoundHandler } from 'hono';
import type { AppEnv } from '../env';

export interface RouteLike {
  method: string;
  path: string;
}

/** `/api/v1/contacts/:id` → a regex for one path segment per parameter. */
function pattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The methods the app answers at `path` (HEAD with GET), sorted; empty when no route matches. */
export function allowedMethods(routes: readonly RouteLike[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*') || !pattern(r.path).test(path)) continue;
    methods.add(r.method);
    if (r.method === 'GET') methods.add('HEAD');
  }
  return [...methods].sort();
}

/** The app's not-found handler: 405 + Allow for a known path, else `fallback` (404). */
export function methodNotAllowed(
  routes: () => readonly RouteLike[],
  fallback: NotFoundHandler<AppEnv>,
): NotFoundHandler<AppEnv> {
  return (c) => {
    // Development-only routes do not advertise themselves elsewhere.
    if (c.req.path.startsWith('/__dev/')) return fallback(c);
    const allowed = allowedMethods(routes(), c.req.path);
    if (allowed.length === 0 || allowed.includes(c.req.method)) return fallback(c);
    c.header('Allow', allowed.join(', '));
    return c.json(
      {
        error: {
          code: 'method_not_allowed',
          message: `${c.req.method} is not supported on ${c.req.path}; use ${allowed.join(', ')}.`,
        },
      },
      405,
    );
  };
}
