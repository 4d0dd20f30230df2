// The API contract (docs/api-contract.md; the document's lint is tests/contract/openapi-lint.test.ts,
// in Node, where Redocly runs): the traffic of every route of the S2/S4 table (valid calls, each invalid input, no token, a body over
// the cap, invalid UTF-8) is answered only with statuses, headers and bodies the document describes.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Doc, responseChecker } from './contract-support';
import { call, type CallResult, setupDemo, tokenFor } from './helpers';
import { type Ids, ROUTES } from './route-table';

const ids: Ids = { contact: '', invitation: '', conversation: '' };
const tokens: Record<string, string | undefined> = {};
let doc: Doc;
let check: ReturnType<typeof responseChecker>;

beforeAll(async () => {
  await setupDemo();
  tokens.user = await tokenFor('alice@acme.test');
  tokens.whatsapp = tokens.user;
  tokens.admin = await tokenFor('admin@acme.test');
  const contact = await call<{ id: string }>('PUT', '/api/v1/contacts', {
    token: tokens.user,
    body: { name: 'Contract Contact', phone: '+14155550161' },
  });
  ids.contact = contact.body.id;
  const started = await call<{ conversation: { conversationId: string } }>(
    'POST',
    `/api/v1/contacts/${ids.contact}/whatsapp/start`,
    { token: tokens.user },
  );
  ids.conversation = started.body.conversation.conversationId;
  const inv = await call<{ invitation: { id: string } }>('POST', '/api/v1/admin/invitations', {
    token: tokens.admin,
    body: { email: 'contract@acme.test', name: 'Contract', subOrgId: 'acme-sales-emea' },
  });
  ids.invitation = inv.body.invitation.id;
  doc = (await call<Doc>('GET', '/api/v1/openapi.json')).body;
  check = responseChecker(doc);
});

const documented = () => ROUTES.filter((r) => r.template !== '/api/v1/openapi.json');
const headersFor = (template: string): Record<string, string> =>
  template.endsWith('/messages') ? { 'idempotency-key': `contract-${crypto.randomUUID()}` } : {};

describe('the OpenAPI document', () => {
  it('I4: Idempotency-Key is a required header with its limits (1–200 visible ASCII)', () => {
    const op = doc.paths['/api/v1/conversations/{id}/messages']?.post as unknown as {
      parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
    };
    const key = op.parameters.find((p) => p.name === 'idempotency-key');
    expect(key).toMatchObject({ in: 'header', required: true });
    expect(key?.schema).toMatchObject({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]{1,200}$' });
  });
});

describe('real traffic against the document', () => {
  it.each(documented())('$method $template: valid, no token and each invalid input', async (route) => {
    const problems: string[] = [];
    const send = async (path: string, opts: Parameters<typeof call>[2]) => {
      const res: CallResult = await call(route.method, path, opts);
      problems.push(...check(route.method, route.template, res));
      return res;
    };
    const headers = headersFor(route.template);
    await send(route.path(ids), { token: tokens[route.guard], body: route.body, headers });
    if (route.guard !== 'public') await send(route.path(ids), { body: route.body, headers });
    for (const input of route.invalid) {
      await send((input.path ?? route.path)(ids), {
        token: tokens[route.guard],
        body: input.body,
        rawBody: input.rawBody,
        headers,
      });
    }
    expect(problems).toEqual([]);
  });

  const bodyRoutes = documented().filter((r) => r.method !== 'GET');
  it.each(bodyRoutes)('$method $template: a body over the cap is a documented 413', async (route) => {
    const big = await call(route.method, route.path(ids), {
      token: tokens[route.guard],
      rawBody: JSON.stringify({ pad: 'x'.repeat(70_000) }),
      headers: headersFor(route.template),
    });
    expect(big.status).toBe(413);
    const problems = check(route.method, route.template, big);
    expect(problems).toEqual([]);
  });
});
