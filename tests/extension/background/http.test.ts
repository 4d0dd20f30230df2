// How the background reads the server's answers: problems are JSON, a file asked for (an export) is
// handed over as the server wrote it, even when that file is JSON (issue 12's JSON export).
import { describe, expect, it, vi } from 'vitest';
import type { ApiRequest } from '../../../extension/api/transport';
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

// A server restarting or being deployed answers 503 with Retry-After; a person who clicked "Sign in"
// should not have to click again for that (docs/extension.md, "A server that says: again in a moment").
describe('background http: a server briefly unavailable', () => {
  const unavailable = (retryAfter: string | null) =>
    new Response('Your worker restarted mid-request.', {
      status: 503,
      headers: retryAfter === null ? {} : { 'retry-after': retryAfter },
    });
  const ok = () =>
    new Response('{"token":"t"}', { status: 200, headers: { 'content-type': 'application/json' } });

  function server(...answers: Response[]) {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn = async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next;
    };
    return { fetchFn, calls };
  }

  const login: ApiRequest = {
    method: 'POST',
    path: '/auth/login',
    body: { email: 'a@b.c', password: 'x' },
    anonymous: true,
  };

  it('B21: sign-in answered 503 with Retry-After: 0 is sent once more, with the same body, and succeeds', async () => {
    const { fetchFn, calls } = server(unavailable('0'), ok());
    const got = await performRequest(fetchFn, SERVER, login, null);
    expect(got).toEqual({ status: 200, body: { kind: 'json', value: { token: 't' } } });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.init?.body).toBe(JSON.stringify(login.body));
  });

  it('I4: a send with an idempotency key is repeated with the same key, after the wait asked for', async () => {
    vi.useFakeTimers();
    try {
      const { fetchFn, calls } = server(unavailable('1'), ok());
      const send: ApiRequest = {
        method: 'POST',
        path: '/conversations/c/messages',
        body: { type: 'text', text: 'hi' },
        idempotencyKey: 'k1',
      };
      const pending = performRequest(fetchFn, SERVER, send, 'token');
      await vi.advanceTimersByTimeAsync(999);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).status).toBe(200);
      expect(calls.map((c) => new Headers(c.init?.headers).get('idempotency-key'))).toEqual(['k1', 'k1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('B21: only once: a second 503 is what the caller gets', async () => {
    const { fetchFn, calls } = server(unavailable('0'), unavailable('0'), ok());
    const got = await performRequest(fetchFn, SERVER, login, null);
    expect(got.status).toBe(503);
    expect(calls).toHaveLength(2);
  });

  it('I4 / B21: not retried: without Retry-After, a wait longer than 5 s, a write that is not safe to repeat, or a refresh', async () => {
    for (const [answer, request] of [
      [unavailable(null), login],
      [unavailable('30'), login],
      [unavailable('0'), { method: 'POST', path: '/conversations/c/leave' }],
      [
        unavailable('0'),
        { method: 'POST', path: '/auth/refresh', body: { refreshToken: 'r' }, anonymous: true },
      ],
    ] as [Response, ApiRequest][]) {
      const { fetchFn, calls } = server(answer, ok());
      const got = await performRequest(fetchFn, SERVER, request, 'token');
      expect(got.status).toBe(503);
      expect(calls).toHaveLength(1);
    }
  });
});
