// What the runtime left on disk, read after a run: the inbound messages each conversation object
// stored (for the lost / duplicated check), the baseline's rows, the directory's rows and bytes, and
// workerd's resident memory.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const objectFiles = (persistTo: string, namespace: string): string[] => {
  const dir = path.join(persistTo, 'do', namespace);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
    .map((f) => path.join(dir, f));
};

/** Bytes of a SQLite database with its write-ahead log. */
const bytesOf = (file: string): number =>
  [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

/** Reads one database; workerd may be writing it, so a busy one is tried again for a few seconds. */
function eachDb<T>(file: string, read: (db: DatabaseSync) => T): T {
  for (let attempt = 0; ; attempt++) {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return read(db);
    } catch (err) {
      const busy = /database is locked|SQLITE_BUSY/.test(String(err));
      if (!busy || attempt >= 50) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    } finally {
      db.close();
    }
  }
}

export interface ObjectCensus {
  objects: number;
  /** Every wamid stored, with how many times. */
  wamids: Map<string, number>;
  bytes: number;
}

function census(files: string[], query: string): ObjectCensus {
  const wamids = new Map<string, number>();
  let bytes = 0;
  for (const file of files) {
    bytes += bytesOf(file);
    eachDb(file, (db) => {
      for (const row of db.prepare(query).all() as { wamid: string }[]) {
        wamids.set(row.wamid, (wamids.get(row.wamid) ?? 0) + 1);
      }
    });
  }
  return { objects: files.length, wamids, bytes };
}

/** The inbound messages in Greenline's conversation objects. */
export const greenlineCensus = (persistTo: string): ObjectCensus =>
  census(
    objectFiles(persistTo, 'greenline-ConversationObject'),
    `SELECT json_extract(json, '$.wamid') AS wamid FROM events WHERE kind = 'inbound'`,
  );

/** The events in the baseline's objects. */
export const baselineCensus = (persistTo: string): ObjectCensus =>
  census(objectFiles(persistTo, 'baseline-BareConversation'), 'SELECT wamid FROM events');

/** Checks every sent wamid is stored exactly once; returns the counts of lost and duplicated. */
export function lostAndDuplicated(
  stored: Map<string, number>,
  sent: readonly string[],
): { lost: number; duplicated: number } {
  let lost = 0;
  let duplicated = 0;
  for (const wamid of sent) {
    const n = stored.get(wamid) ?? 0;
    if (n === 0) lost += 1;
    if (n > 1) duplicated += n - 1;
  }
  return { lost, duplicated };
}

/** Rows in every table of the directory (D1), and its bytes on disk. */
export function directoryCensus(persistTo: string): { rows: number; bytes: number } {
  const dir = path.join(persistTo, 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
    .map((f) => path.join(dir, f))[0];
  if (!file) return { rows: 0, bytes: 0 };
  const rows = eachDb(file, (db) => {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`,
      )
      .all() as { name: string }[];
    return tables.reduce(
      (sum, t) =>
        sum + Number((db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n),
      0,
    );
  });
  return { rows, bytes: bytesOf(file) };
}

/** Resident memory (bytes) of the workerd processes started by this process. */
export function workerdRss(): number {
  let pids: string[] = [];
  try {
    pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    return Number.NaN;
  }
  let total = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*workerd/m.test(status)) continue;
      total += Number(/^VmRSS:\s*(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}
