// The OpenAPI document at /api/v1/openapi.json: it parses, lists every route of the app (and the
// S2/S4 route table lists every route of the document), and every operation has request and
// response schemas; every $ref resolves.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, setupDemo } from './helpers';
import { ROUTES } from './route-table';

interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: unknown }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}
interface Doc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

let doc: Doc;
beforeAll(async () => {
  await setupDemo();
  const res = await call<Doc>('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
  );

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('§5: OpenAPI document', () => {
  it('is OpenAPI 3 with the bearer scheme', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Greenline API');
    expect(doc.components.securitySchemes?.Bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists exactly the routes of the S2/S4 route table (the document itself aside)', () => {
    const documented = operations()
      .map((o) => o.key)
      .sort();
    const table = ROUTES.filter((r) => r.template !== '/api/v1/openapi.json')
      .map((r) => `${r.method} ${r.template}`)
      .sort();
    expect(documented).toEqual(table);
  });

  it('gives every operation JSON response schemas, request schemas for bodies and path parameters', () => {
    for (const { key, path, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        key,
      ).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${key} ${status}`).toBeTruthy();
        expect(response.content?.['application/json']?.schema, `${key} ${status}`).toBeDefined();
      }
      const method = key.split(' ')[0];
      const route = ROUTES.find((r) => `${r.method} ${r.template}` === key);
      if (
        route?.body !== undefined ||
        (method !== 'GET' && method !== 'DELETE' && route?.invalid.some((i) => i.body))
      ) {
        expect(op.requestBody?.content['application/json']?.schema, key).toBeDefined();
      }
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(
          op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema,
          `${key} ${name}`,
        ).toBeDefined();
      }
      if (route && route.guard !== 'public') expect(op.security, key).toEqual([{ Bearer: [] }]);
    }
  });

  it('resolves every $ref to a component schema', () => {
    for (const ref of refs(doc.paths)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas?.[name], ref).toBeDefined();
    }
  });
});
