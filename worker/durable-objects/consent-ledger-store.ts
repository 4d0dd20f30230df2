// SQLite storage of one org's consent ledger inside its Durable Object: the versioned schema and the
// statements the object runs. Records are kept as the exact JSON that was hashed; `head` is kept apart
// from the records so that a lost tail row is caught by verify; `copied` marks the records already in
// the directory database (the outbox of the copy).
import { type ConsentRecord, consentRecordSchema } from '../domain/ledger';

/** Schema versions, applied in order; never edit a shipped step, append a new one. */
const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE records (
       seq INTEGER PRIMARY KEY,
       key TEXT NOT NULL UNIQUE,
       record TEXT NOT NULL,
       copied INTEGER NOT NULL DEFAULT 0
     )`,
    'CREATE INDEX records_uncopied ON records (seq) WHERE copied = 0',
    `CREATE TABLE head (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       seq INTEGER NOT NULL,
       hash TEXT NOT NULL
     )`,
  ],
];

/** Brings the object's schema to the newest version; run inside `blockConcurrencyWhile`. */
export function migrate(storage: DurableObjectStorage): void {
  const { sql } = storage;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  const current = row?.version ?? 0;
  if (current >= MIGRATIONS.length) return;
  storage.transactionSync(() => {
    for (const step of MIGRATIONS.slice(current)) for (const statement of step) sql.exec(statement);
    sql.exec('DELETE FROM schema_version');
    sql.exec('INSERT INTO schema_version (version) VALUES (?)', MIGRATIONS.length);
  });
}

export interface Head {
  seq: number;
  hash: string;
}

function parse(json: string): ConsentRecord {
  return consentRecordSchema.parse(JSON.parse(json));
}

export function readHead(sql: SqlStorage): Head | null {
  return (
    sql.exec<{ seq: number; hash: string }>('SELECT seq, hash FROM head WHERE id = 1').toArray()[0] ?? null
  );
}

/** The org of the chain (that of its first record); one object never mixes orgs. */
export function chainOrg(sql: SqlStorage): string | null {
  const row = sql.exec<{ org: string }>(
    "SELECT json_extract(record, '$.orgId') AS org FROM records WHERE seq = 1",
  );
  return row.toArray()[0]?.org ?? null;
}

export function findByKey(sql: SqlStorage, key: string): ConsentRecord | null {
  const row = sql.exec<{ record: string }>('SELECT record FROM records WHERE key = ?', key).toArray()[0];
  return row ? parse(row.record) : null;
}

/** Stores a record and moves the head in one transaction (the caller checked it follows the head). */
export function insertRecord(storage: DurableObjectStorage, key: string, record: ConsentRecord): void {
  storage.transactionSync(() => {
    storage.sql.exec(
      'INSERT INTO records (seq, key, record) VALUES (?, ?, ?)',
      record.seq,
      key,
      JSON.stringify(record),
    );
    storage.sql.exec(
      'INSERT INTO head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      record.seq,
      record.hash,
    );
  });
}

/**
 * Records in chain order, as stored (unparsed, so that verify reports a damaged row instead of
 * throwing): seq in [from, to] when given.
 */
export function readRecords(sql: SqlStorage, from = 1, to = Number.MAX_SAFE_INTEGER): unknown[] {
  return sql
    .exec<{ record: string }>('SELECT record FROM records WHERE seq BETWEEN ? AND ? ORDER BY seq', from, to)
    .toArray()
    .map((row): unknown => {
      try {
        return JSON.parse(row.record);
      } catch {
        return null;
      }
    });
}

/** The oldest records not yet in the directory copy. */
export function uncopied(sql: SqlStorage, limit: number): ConsentRecord[] {
  return sql
    .exec<{ record: string }>('SELECT record FROM records WHERE copied = 0 ORDER BY seq LIMIT ?', limit)
    .toArray()
    .map((row) => parse(row.record));
}

export function markCopied(sql: SqlStorage, upToSeq: number): void {
  sql.exec('UPDATE records SET copied = 1 WHERE copied = 0 AND seq <= ?', upToSeq);
}
