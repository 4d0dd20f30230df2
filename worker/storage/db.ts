// Opens the directory database: D1 by default, libSQL / Turso when `LIBSQL_URL` is set.
// Repositories accept `Db`, the common async SQLite interface of both drizzle drivers.
import { createClient } from '@libsql/client/web';
import { type AnyD1Database, drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

export type Db = BaseSQLiteDatabase<'async', unknown>;

export interface DbConfig {
  /** drizzle's D1 type, so this module also type-checks outside workerd (the libSQL tests). */
  DB?: AnyD1Database;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
}

let cachedLibsql: { url: string; db: Db } | undefined;

export function openDb(config: DbConfig): Db {
  if (config.LIBSQL_URL) {
    // One client per isolate: it keeps its HTTP connection between requests.
    if (cachedLibsql?.url !== config.LIBSQL_URL) {
      const client = createClient({ url: config.LIBSQL_URL, authToken: config.LIBSQL_AUTH_TOKEN });
      cachedLibsql = { url: config.LIBSQL_URL, db: drizzleLibsql(client) };
    }
    return cachedLibsql.db;
  }
  if (!config.DB) throw new Error('No database configured: bind D1 as DB or set LIBSQL_URL.');
  return drizzleD1(config.DB);
}
