// The repository suite on libSQL: a fresh local file, the same drizzle-kit migrations, in Node.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { registerRepositorySuite } from './repository-suite';

registerRepositorySuite('libSQL', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'greenline-libsql-'));
  const db = drizzle(createClient({ url: `file:${path.join(dir, 'directory.db')}` }));
  await migrate(db, { migrationsFolder: path.join(import.meta.dirname, '../../migrations') });
  return db;
});
