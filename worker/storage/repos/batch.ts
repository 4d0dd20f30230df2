// Several directory writes in one round trip: D1 and libSQL both run a batch as one transaction, so a
// conversation step's history rows and timer cost one commit instead of one each (P1, P2: on D1 every
// commit waits for the disk). A driver without a batch runs them in order.
//
// The batch goes to the client's own batch API (D1 `batch`, libSQL `batch`), not drizzle's `db.batch`:
// drizzle's batch takes query builders only and binds their parameters as built, so a prepared
// statement (../prepared.ts, placeholders filled per call) cannot join it (drizzle-orm issue #2197).
// A query builder still can: its SQL is built here as drizzle's batch would build it.
import { fillPlaceholders, is } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { DrizzleD1Database } from 'drizzle-orm/d1';
import { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core';
import type { InArgs } from '@libsql/client/web';
import type { Db } from '../db';
import type { D1Statement, PreparedWrite } from '../prepared';

type BuiltQuery = BatchItem<'sqlite'> & { toSQL(): { sql: string; params: unknown[] } };
export type DirectoryQuery = BuiltQuery | PreparedWrite;

interface D1Client {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown>;
}
interface LibsqlClient {
  batch(statements: { sql: string; args: InArgs }[]): Promise<unknown>;
}

const isPrepared = (query: DirectoryQuery): query is PreparedWrite => 'statement' in query;

/** The statement's SQL and this call's parameters, in order. */
function built(query: DirectoryQuery): { sql: string; params: unknown[] } {
  if (!isPrepared(query)) return query.toSQL();
  const { sql, params } = query.statement;
  return { sql, params: fillPlaceholders([...params], query.values) };
}

function d1Statement(client: D1Client, query: DirectoryQuery): D1Statement {
  const { sql, params } = built(query);
  const prepared = isPrepared(query) ? query.statement.d1 : undefined;
  return (prepared ?? client.prepare(sql)).bind(...params);
}

async function runAlone(query: DirectoryQuery): Promise<void> {
  if (isPrepared(query)) await query.statement.prepared.run(query.values);
  else await query;
}

export async function runBatch(db: Db, queries: readonly DirectoryQuery[]): Promise<void> {
  if (queries.length === 1 && queries[0]) return runAlone(queries[0]);
  if (queries.length === 0) return;
  if (is(db, DrizzleD1Database)) {
    const client = (db as unknown as { $client: D1Client }).$client;
    await client.batch(queries.map((q) => d1Statement(client, q)));
    return;
  }
  if (is(db, LibSQLDatabase)) {
    const client = (db as unknown as { $client: LibsqlClient }).$client;
    await client.batch(
      queries.map((q) => {
        const { sql, params } = built(q);
        return { sql, args: params as InArgs };
      }),
    );
    return;
  }
  for (const query of queries) await runAlone(query);
}
