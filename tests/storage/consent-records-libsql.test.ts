// The consent ledger's directory copy on libSQL / Turso (B5): the same repository as on D1, in Node.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import {
  appendRecord,
  type ConsentRecord,
  type ConsentRecordDraft,
  verifyChain,
} from '../../worker/domain/ledger';
import { insertConsentRecords, listConsentRecordRows } from '../../worker/storage/repos/consent-records';

const sha256 = async (s: string) => createHash('sha256').update(s).digest('hex');
const NOV_1 = Date.UTC(2026, 10, 1, 9);

function draft(n: number): ConsentRecordDraft {
  return {
    kind: 'opt_in_requested',
    orgId: 'org-libsql',
    phoneNumberId: '100000000000001',
    contactPhone: '+14155550101',
    conversationId: 'conv-1',
    userId: 'acme-alice',
    templateName: 'greenline_opt_in',
    language: 'en_US',
    renderedText: `Hi Samuel (${n})`,
    wamids: [`wamid.${n}`],
    customerReply: null,
    errorCode: null,
    consentAfter: 'pending',
    occurredAt: NOV_1 + n * 3_600_000,
  };
}

describe('consent records on libSQL', () => {
  it('B5 / I7: 25 records copied twice stay 25, filter by date, and the copy still verifies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'greenline-ledger-'));
    const db = drizzle(createClient({ url: `file:${path.join(dir, 'directory.db')}` }));
    await migrate(db, { migrationsFolder: path.join(import.meta.dirname, '../../migrations') });
    const records: ConsentRecord[] = [];
    for (let n = 0; n < 25; n++) {
      const last = records.at(-1);
      records.push(
        await appendRecord(last ? { seq: last.seq, hash: last.hash } : null, draft(n), NOV_1 + n, sha256),
      );
    }
    await insertConsentRecords(db, 'org-libsql', records);
    await insertConsentRecords(db, 'org-libsql', records.slice(10));
    const rows = await listConsentRecordRows(db, 'org-libsql');
    expect(rows.map((r) => r.seq)).toEqual(records.map((r) => r.seq));
    const copied = rows.map((r) => r.record);
    expect(await verifyChain(copied, sha256)).toMatchObject({ ok: true, count: 25 });
    const day = await listConsentRecordRows(db, 'org-libsql', {
      from: NOV_1 + 5 * 3_600_000,
      to: NOV_1 + 9 * 3_600_000,
    });
    expect(day.map((r) => r.seq)).toEqual([6, 7, 8, 9, 10]);
    expect(await listConsentRecordRows(db, 'another-org')).toEqual([]);
  });
});
