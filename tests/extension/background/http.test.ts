// How the background reads the server's answers: problems are JSON, a file asked for (an export) is
// handed over as the server wrote it, even when that file is JSON (issue 12's JSON export).
import { describe, expect, it } from 'vitest';
import { performRequest } from '../../../extension/background/http';

const SERVER = 'http://127.0.0.1:8787';
const answer = (status: number, text: string, contentType: string) => async () =>
  new Response(text, { status, headers: { 'content-type': contentType } });

describe('background http: reading answers', () => {
  it('a JSON file asked for as text arrives as the exact text the server wrote', async () => {
    const file = '{\n  "contact": { "phone": "+14155550102" }\n}\n';
    const got = await performRequest(
      answer(200, file, 'application/json; charset=utf-8'),
      SERVER,
      { method: 'GET', path: '/admin/privacy/contacts/c1/export', query: { format: 'json' }, accept: 'text' },
      'token',
    );
    expect(got).toEqual({
      status: 200,
      body: { kind: 'text', value: file, contentType: 'application/json; charset=utf-8' },
    });
  });

  it('a refusal of that file is still read as the API problem it is', async () => {
    const got = await performRequest(
      answer(403, '{"error":{"code":"forbidden","message":"Admins only."}}', 'application/json'),
      SERVER,
      { method: 'GET', path: '/admin/privacy/contacts/c1/export', accept: 'text' },
      'token',
    );
    expect(got.body).toEqual({
      kind: 'json',
      value: { error: { code: 'forbidden', message: 'Admins only.' } },
    });
  });

  it('an ordinary call reads JSON as JSON', async () => {
    const got = await performRequest(
      answer(200, '{"ok":true}', 'application/json'),
      SERVER,
      {
        method: 'GET',
        path: '/me',
      },
      'token',
    );
    expect(got.body).toEqual({ kind: 'json', value: { ok: true } });
  });
});
