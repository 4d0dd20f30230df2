// Several directory writes in one round trip: D1 and libSQL both run a drizzle batch as one
// transaction, so a conversation step's history rows and timer cost one commit instead of one each
// (P1, P2: on D1 every commit waits for the disk). A driver without `batch` runs them in order.
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db';

export type DirectoryQuery = BatchItem<'sqlite'>;

interface Batching {
  batch?: (queries: [DirectoryQuery, ...DirectoryQuery[]]) => Promise<unknown>;
}

export async function runBatch(db: Db, queries: readonly DirectoryQuery[]): Promise<void> {
  const [first, ...rest] = queries;
  if (!first) return;
  const batching = db as unknown as Batching;
  if (rest.length > 0 && typeof batching.batch === 'function') {
    await batching.batch([first, ...rest]);
    return;
  }
  for (const query of queries) await query;
}
