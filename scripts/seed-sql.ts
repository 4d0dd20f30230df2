// Renders the demo seed rows as plain SQL statements (for `wrangler d1 execute --file`), using
// drizzle's own query builder so column names and value encodings match the repositories exactly.
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import type { SeedRows } from '../worker/storage/seed';
import * as t from '../worker/storage/schema';

const builder = drizzle(async () => ({ rows: [] }));

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`cannot render ${typeof value} as SQL`);
}

/** One drizzle query as a literal SQL statement (values inlined, quotes escaped). */
export function inlineSql(query: { sql: string; params: unknown[] }): string {
  let i = 0;
  const sql = query.sql.replace(/\?/g, () => sqlLiteral(query.params[i++]));
  if (i !== query.params.length) throw new Error('placeholder count mismatch');
  return `${sql};`;
}

/** INSERT ... ON CONFLICT DO NOTHING per row, in foreign-key order: running it twice is harmless. */
export function seedStatements(rows: SeedRows): string[] {
  const out: string[] = [];
  for (const r of rows.orgs)
    out.push(inlineSql(builder.insert(t.orgs).values(r).onConflictDoNothing().toSQL()));
  for (const r of rows.subOrgs)
    out.push(inlineSql(builder.insert(t.subOrgs).values(r).onConflictDoNothing().toSQL()));
  for (const r of rows.users)
    out.push(inlineSql(builder.insert(t.users).values(r).onConflictDoNothing().toSQL()));
  for (const r of rows.numbers) {
    out.push(inlineSql(builder.insert(t.businessNumbers).values(r).onConflictDoNothing().toSQL()));
  }
  for (const r of rows.templates)
    out.push(inlineSql(builder.insert(t.templates).values(r).onConflictDoNothing().toSQL()));
  for (const r of rows.mappings) {
    out.push(inlineSql(builder.insert(t.templateVariableMappings).values(r).onConflictDoNothing().toSQL()));
  }
  return out;
}
