// Checks a real response against the OpenAPI document (docs/api-contract.md): the status is one the
// operation documents, a JSON body matches that status's schema (ajv, JSON Schema 2020-12 as in
// OpenAPI 3.1), and a documented header is present.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CallResult } from './helpers';

export interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown> };
}
interface Operation {
  responses: Record<
    string,
    { content?: Record<string, { schema?: object }>; headers?: Record<string, unknown> }
  >;
}

export function responseChecker(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'greenline', components: doc.components });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

  const rebase = (schema: object) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"greenline#/components/')) as object;

  /** The problems with `res` as an answer of `method template` (empty: it matches the document). */
  return function check(method: string, template: string, res: CallResult): string[] {
    const where = `${method} ${template} → ${res.status}`;
    const op = doc.paths[template]?.[method.toLowerCase()];
    if (!op) return [`${where}: no such operation in the document`];
    const response = op.responses[String(res.status)] ?? op.responses.default;
    if (!response) return [`${where}: status not documented (has ${Object.keys(op.responses).join(', ')})`];
    const problems: string[] = [];
    for (const name of Object.keys(response.headers ?? {}))
      if (!res.headers.has(name)) problems.push(`${where}: header ${name} missing`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return problems;
    if (!(res.headers.get('content-type') ?? '').startsWith('application/json'))
      problems.push(`${where}: content-type ${res.headers.get('content-type')}`);
    const key = `${method} ${template} ${res.status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rebase(schema));
      compiled.set(key, validate);
    }
    if (!validate(res.body))
      problems.push(`${where}: body ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 400)}`);
    return problems;
  };
}
