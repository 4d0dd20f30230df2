// The OpenAPI document as the server really behaves (docs/api-contract.md): what the app-wide
// middleware answers is added to every operation it applies to, so no route has to repeat it.
// - every API operation that may carry a body (POST, PUT, PATCH, DELETE): 413 `payload_too_large`
//   past the cap, 400 `invalid_utf8` (under 400, which every API operation documents);
// - the Idempotency-Key header is required (the handler refuses a request without one);
// - an operation without bearer auth says so (`security: []`: public), as OpenAPI linters expect.
import { JSON_BODY_CAP_BYTES } from '../../middleware/body-cap';

interface Response {
  description: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, Response>;
}
interface Document {
  paths?: object;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const WITH_BODY = new Set(['put', 'post', 'delete', 'patch']);
const ERROR_REF = { $ref: '#/components/schemas/Error' };

export function completeDocument<D extends Document>(doc: D): D {
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, object][]) {
    for (const [method, value] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const op = value as Operation;
      op.security ??= [];
      for (const p of op.parameters ?? [])
        if (p.in === 'header' && p.name === 'idempotency-key') p.required = true;
      if (!WITH_BODY.has(method) || !path.startsWith('/api/v1/')) continue;
      op.responses ??= {};
      op.responses['413'] ??= {
        description: `The JSON body is larger than ${JSON_BODY_CAP_BYTES / 1024} KB`,
        content: { 'application/json': { schema: ERROR_REF } },
      };
    }
  }
  return doc;
}
