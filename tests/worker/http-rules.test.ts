// HTTP rules of the API (docs/api-contract.md): 405 with Allow for a method a path does not have,
// a 64 KB cap on JSON bodies (413), invalid UTF-8 refused, and the text rules of shared/api/text.ts
// (NUL and control characters refused, names with nothing visible refused, bidi controls stripped).
// Every answer is also checked against the OpenAPI document.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Doc, responseChecker } from './contract-support';
import { call, type CallResult, type ErrorBody, setupDemo, tokenFor } from './helpers';

let alice = '';
let check: ReturnType<typeof responseChecker>;

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
  check = responseChecker((await call<Doc>('GET', '/api/v1/openapi.json')).body);
});

async function upsert(
  name: string,
  phone = '+14155550170',
): Promise<CallResult<ErrorBody & { name?: string }>> {
  const res = await call<ErrorBody & { name?: string }>('PUT', '/api/v1/contacts', {
    token: alice,
    body: { name, phone },
  });
  expect(check('PUT', '/api/v1/contacts', res)).toEqual([]);
  return res;
}

describe('405 with Allow', () => {
  it.each([
    ['DELETE', '/api/v1/contacts', 'PUT'],
    ['PUT', '/api/v1/me', 'GET, HEAD'],
    ['GET', '/api/v1/auth/login', 'POST'],
    ['PATCH', '/api/v1/contacts/some-id', 'GET, HEAD'],
    ['GET', '/api/v1/conversations/c1/participants', 'POST'],
    ['POST', '/api/v1/openapi.json', 'GET, HEAD'],
  ])('S4: %s %s → 405, Allow: %s (no token needed to learn the methods)', async (method, path, allow) => {
    const res = await call<ErrorBody>(method, path, { token: alice });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('S4: a path no route has is still 404; a method the path has is not turned into 405', async () => {
    expect((await call('DELETE', '/api/v1/nothing-here')).status).toBe(404);
    expect((await call('GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('JSON body cap (64 KB)', () => {
  it('S4: a body just under the cap is read; one byte over is 413 payload_too_large, nothing stored', async () => {
    /** A contact upsert padded to exactly `bytes` bytes of JSON. */
    const sized = (phone: string, bytes: number) => {
      const base = JSON.stringify({ name: 'Cap Contact', phone, pad: '' }).length;
      return JSON.stringify({ name: 'Cap Contact', phone, pad: 'x'.repeat(bytes - base) });
    };
    const under = sized('+14155550171', 64 * 1024);
    expect(new TextEncoder().encode(under).length).toBe(64 * 1024);
    const ok = await call('PUT', '/api/v1/contacts', { token: alice, rawBody: under });
    expect(ok.status).toBe(201);
    const over = sized('+14155550172', 64 * 1024 + 1);
    const res = await call<ErrorBody>('PUT', '/api/v1/contacts', { token: alice, rawBody: over });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(check('PUT', '/api/v1/contacts', res)).toEqual([]);
    const lookup = await call<{ contact: unknown }>('GET', '/api/v1/contacts/lookup?phone=%2B14155550172', {
      token: alice,
    });
    expect(lookup.body.contact).toBeNull();
  });

  it('S4: 10 MB of unknown keys is refused by size, without a Content-Length too (streamed)', async () => {
    const chunk = new TextEncoder().encode(`"k${'x'.repeat(1000)}": 1,`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{'));
        if (sent > 10_000) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await SELF.fetch('http://greenline.test/api/v1/contacts', {
      method: 'PUT',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10_000);
  });
});

describe('text rules (shared/api/text.ts)', () => {
  it('S4: invalid UTF-8 in a JSON body is 400 invalid_utf8, not stored with replacement characters', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"Bad '),
      0xc3,
      0x28,
      ...new TextEncoder().encode('","phone":"+14155550173"}'),
    ]);
    const res = await SELF.fetch('http://greenline.test/api/v1/contacts', {
      method: 'PUT',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_utf8');
  });

  it.each([
    ['a NUL byte', 'Sam\u0000uel'],
    ['a control character', 'Sam\u0007uel'],
    ['a replacement character (invalid UTF-8 upstream)', 'Sam\uFFFDuel'],
    ['a lone surrogate', 'Sam\uD800uel'],
    ['only spaces', '   '],
    ['only zero-width characters', '\u200B\u200C\u200D'],
    ['only bidi overrides', '\u202E\u202D\u2066'],
    ['only a Hangul filler', '\u3164'],
  ])('S3/S4: a name with %s is refused 400 naming the field', async (_what, name) => {
    const res = await upsert(name);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('name');
  });

  it('S3: bidi override characters are stripped from names; the visible name is kept', async () => {
    const res = await upsert('\u202EAlice\u202C Martin\u2067', '+14155550174');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Alice Martin');
  });

  it('S3: names in any script and emoji are kept as written', async () => {
    const res = await upsert('José Ñúñez 山田 👩🏽‍💼', '+14155550175');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('José Ñúñez 山田 👩🏽‍💼');
  });
});
