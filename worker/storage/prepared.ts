// Queries built once per database client instead of once per call: on workerd's single thread,
// building drizzle's SQL (walking the query builder, quoting names, collecting parameters) costs
// more CPU than parsing the answer (docs/performance.md, third round). Only the query text and its
// placeholders are kept, keyed by the client (the D1 binding or the libSQL client) so a statement is
// only ever used with the binding it was built on; answers are never cached, every call runs afresh.
import { getTableColumns, is, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Db } from './db';

/** `build(db)` once per client of `db`; a Db without a client object gets a fresh build each call. */
export function perClient<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    const client = (db as { $client?: unknown }).$client;
    if (typeof client !== 'object' || client === null) return build(db);
    let query = built.get(client);
    if (!query) {
      query = build(db);
      built.set(client, query);
    }
    return query;
  };
}

/** What a drizzle prepared write offers: its SQL with placeholders, and a way to run it alone. */
interface DrizzlePrepared {
  getQuery(): { sql: string; params: unknown[] };
  run(values?: Record<string, unknown>): Promise<unknown>;
}

/** A write built once per client, to be run with each call's values (alone or in a batch). */
export interface WriteStatement {
  sql: string;
  /** In order; `sql.placeholder(...)` objects stand where the call's values go. */
  params: readonly unknown[];
  /** drizzle's prepared query, to run it alone. */
  prepared: DrizzlePrepared;
  /** On D1, the binding's statement (`bind` copies it, so one serves every call). */
  d1?: D1Statement;
}

export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
}

/** One execution of a prepared write: the statement and this call's placeholder values. */
export interface PreparedWrite {
  statement: WriteStatement;
  values: Record<string, unknown>;
}

type WriteBuilder = { prepare(): DrizzlePrepared };

function writeStatement(db: Db, builder: WriteBuilder): WriteStatement {
  const prepared = builder.prepare();
  const { sql: text, params } = prepared.getQuery();
  const client = (db as { $client?: { prepare?: (text: string) => D1Statement } }).$client;
  const d1 = is(db, DrizzleD1Database) && client?.prepare ? client.prepare(text) : undefined;
  return { sql: text, params, prepared, d1 };
}

/** A write statement from a drizzle builder with placeholders, built once per client. */
export function preparedWrite(build: (db: Db) => WriteBuilder): (db: Db) => WriteStatement {
  return perClient((db) => writeStatement(db, build(db)));
}

/** A family of write statements (e.g. an insert of `n` rows), each built once per client and key. */
export function preparedWrites<K>(
  build: (db: Db, key: K) => WriteBuilder,
): (db: Db, key: K) => WriteStatement {
  const family = perClient(() => new Map<K, WriteStatement>());
  return (db, key) => {
    const built = family(db);
    let statement = built.get(key);
    if (!statement) {
      statement = writeStatement(db, build(db, key));
      built.set(key, statement);
    }
    return statement;
  };
}

/** `excluded.<column>`: an upsert's update takes the row it tried to insert (no second set of parameters). */
export const excluded = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);

/**
 * "Insert this row, or replace every other column of the row with the same key", built once per
 * client: one placeholder per column, named as the table's property (`values` by property name).
 */
export function preparedRowUpsert(table: SQLiteTable, key: SQLiteColumn): (db: Db) => WriteStatement {
  const columns = Object.entries(getTableColumns(table));
  const values = Object.fromEntries(columns.map(([name]) => [name, sql.placeholder(name)]));
  return preparedWrite((db) =>
    db
      .insert(table)
      .values(values)
      .onConflictDoUpdate({ target: key, set: replacing(columns, key) }),
  );
}

/** D1 binds at most 100 parameters a statement. */
export const MAX_PARAMETERS = 100;

/**
 * The same upsert for `count` rows in one statement (prepared once per client and count), and how
 * many rows one statement may hold. Placeholders are `<property><row>`: fill them with `numbered`.
 * Two rows with the same key in one statement are an error in SQLite: callers pass distinct keys.
 */
export function preparedRowsUpsert(
  table: SQLiteTable,
  key: SQLiteColumn,
): { statement: (db: Db, count: number) => WriteStatement; rowsPerStatement: number } {
  const columns = Object.entries(getTableColumns(table));
  const statement = preparedWrites((db, count: number) =>
    db
      .insert(table)
      .values(
        Array.from({ length: count }, (_, i) =>
          Object.fromEntries(columns.map(([name]) => [name, sql.placeholder(`${name}${i}`)])),
        ),
      )
      .onConflictDoUpdate({ target: key, set: replacing(columns, key) }),
  );
  return { statement, rowsPerStatement: Math.floor(MAX_PARAMETERS / columns.length) };
}

/** A multi-row statement's values: each row's properties numbered by its place. */
export function numbered(rows: readonly Record<string, unknown>[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const [name, value] of Object.entries(row)) values[`${name}${i}`] = value;
  });
  return values;
}

/** An upsert's update: every column but the key takes the row it tried to insert. */
function replacing(columns: [string, SQLiteColumn][], key: SQLiteColumn) {
  return Object.fromEntries(columns.filter(([, c]) => c !== key).map(([name, c]) => [name, excluded(c)]));
}
