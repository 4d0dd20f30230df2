// The repository suite on D1 inside workerd, with the drizzle-kit migrations applied by wrangler's
// D1 migration runner (the same files libSQL gets in tests/storage/repositories-libsql.test.ts).
import { applyD1Migrations, env } from 'cloudflare:test';
import { openDb } from '../../worker/storage/db';
import { registerRepositorySuite } from '../storage/repository-suite';

registerRepositorySuite('D1', async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  return openDb({ DB: env.DB });
});
