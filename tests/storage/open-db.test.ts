// Backend selection: LIBSQL_URL picks libSQL / Turso (one client per isolate), otherwise D1.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../worker/storage/db';

describe('openDb', () => {
  it('§1: uses libSQL when LIBSQL_URL is set, reusing the client for the same URL', () => {
    const a = openDb({ LIBSQL_URL: 'http://127.0.0.1:9', LIBSQL_AUTH_TOKEN: 't' });
    expect(openDb({ LIBSQL_URL: 'http://127.0.0.1:9' })).toBe(a);
    expect(openDb({ LIBSQL_URL: 'http://127.0.0.1:10' })).not.toBe(a);
  });

  it('§1: fails clearly with neither a D1 binding nor LIBSQL_URL', () => {
    expect(() => openDb({})).toThrow(/bind D1 as DB or set LIBSQL_URL/);
  });
});
