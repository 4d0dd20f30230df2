// Verify finds tampering (B5, I7): in the ledger object's own storage and in the directory copy
// (edited row, edited column, deleted row, truncated tail, forged extra row); a failed copy is kept
// by the object and retried from its alarm without touching the chain.
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendRecord } from '../../worker/domain/ledger';
import { ApiError } from '../../worker/services/errors';
import { sha256Hex } from '../../worker/services/consent-chain';
import { exportConsentRecords, verifyConsentLedger } from '../../worker/services/consent-ledger';
import { insertConsentRecords, listConsentRecordRows } from '../../worker/storage/repos/consent-records';
import { draft, ledgerOf, uniqueOrg } from './consent-ledger-fixtures';
import { db, setupDemo } from './helpers';

beforeAll(setupDemo);

/** An org whose ledger holds `n` records, copied to the directory. */
async function orgWith(label: string, n: number): Promise<string> {
  const orgId = uniqueOrg(label);
  for (let i = 1; i <= n; i++) await ledgerOf(orgId).append(`${label}:${i}`, draft(orgId, i));
  return orgId;
}

const copySql = (orgId: string, sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql.replace('$org', '?'))
    .bind(orgId, ...params)
    .run();

const verify = (orgId: string) => verifyConsentLedger(env, db(), orgId);

describe('I7: verify of the directory copy against the ledger head', () => {
  it('B5 / I7: an untouched copy verifies, with the head the ledger reports', async () => {
    const orgId = await orgWith('clean', 4);
    const head = await ledgerOf(orgId).head();
    expect(await verify(orgId)).toEqual({ ok: true, count: 4, headSeq: 4, headHash: head?.hash });
  });

  it('I7: an edited record (its JSON) is found', async () => {
    const orgId = await orgWith('edit-json', 4);
    await copySql(
      orgId,
      `UPDATE consent_records SET record = json_set(record, '$.renderedText', 'Forged') WHERE org_id = $org AND seq = 2`,
    );
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'copy', seq: 2, problem: 'edited' });
  });

  it('I7: an edited filter column is found even though the JSON is intact', async () => {
    const orgId = await orgWith('edit-column', 3);
    await copySql(
      orgId,
      `UPDATE consent_records SET occurred_at = occurred_at + 1 WHERE org_id = $org AND seq = 3`,
    );
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'copy', seq: 3, problem: 'edited' });
  });

  it('I7: a deleted record is found', async () => {
    const orgId = await orgWith('delete', 5);
    await copySql(orgId, 'DELETE FROM consent_records WHERE org_id = $org AND seq = 3');
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'copy', seq: 3, problem: 'missing' });
  });

  it('I7: a truncated tail is found (the head is kept by the ledger object)', async () => {
    const orgId = await orgWith('truncate', 5);
    await copySql(orgId, 'DELETE FROM consent_records WHERE org_id = $org AND seq >= 4');
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'copy', seq: 4, problem: 'truncated' });
  });

  it('I7: a forged record past the head, correctly chained, is found', async () => {
    const orgId = await orgWith('forge', 2);
    const head = await ledgerOf(orgId).head();
    const forged = await appendRecord(head, draft(orgId, 3), Date.now(), sha256Hex);
    await insertConsentRecords(db(), orgId, [forged]);
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'copy', seq: 3, problem: 'edited' });
  });

  it('B5: export refuses a copy with a damaged row (409) instead of exporting it', async () => {
    const orgId = await orgWith('damaged', 2);
    await copySql(orgId, `UPDATE consent_records SET kind = 'bogus' WHERE org_id = $org AND seq = 1`);
    const err = await exportConsentRecords(env, db(), orgId, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'ledger_damaged' });
  });
});

describe("I7: verify of the ledger object's own chain", () => {
  const inObject = (orgId: string, sql: string) =>
    runInDurableObject(ledgerOf(orgId), (_, state) => {
      state.storage.sql.exec(sql);
    });

  it('I7: an edited record in the object is reported as the ledger failing', async () => {
    const orgId = await orgWith('own-edit', 3);
    await inObject(
      orgId,
      `UPDATE records SET record = json_set(record, '$.contactPhone', '+10000000000') WHERE seq = 2`,
    );
    expect(await ledgerOf(orgId).verify()).toMatchObject({ ok: false, seq: 2, problem: 'edited' });
    expect(await verify(orgId)).toMatchObject({ ok: false, where: 'ledger', seq: 2, problem: 'edited' });
  });

  it('I7: a record deleted in the object (middle or tail) is found', async () => {
    const middle = await orgWith('own-middle', 4);
    await inObject(middle, 'DELETE FROM records WHERE seq = 2');
    expect(await verify(middle)).toMatchObject({ ok: false, where: 'ledger', seq: 2, problem: 'missing' });
    const tail = await orgWith('own-tail', 4);
    await inObject(tail, 'DELETE FROM records WHERE seq = 4');
    expect(await verify(tail)).toMatchObject({ ok: false, where: 'ledger', seq: 4, problem: 'truncated' });
  });

  it('I7: an unreadable row in the object is reported, not thrown', async () => {
    const orgId = await orgWith('own-garbage', 2);
    await inObject(orgId, `UPDATE records SET record = 'not json' WHERE seq = 1`);
    expect(await ledgerOf(orgId).verify()).toMatchObject({ ok: false, seq: 1, problem: 'edited' });
  });
});

describe('B5: the copy outbox', () => {
  it('B5: while the directory refuses writes, appends still succeed; the copy follows later', async () => {
    const orgId = uniqueOrg('outbox');
    const ledger = ledgerOf(orgId);
    await ledger.append('o:1', draft(orgId, 1));
    await env.DB.exec('ALTER TABLE consent_records RENAME TO consent_records_away');
    try {
      const second = await ledger.append('o:2', draft(orgId, 2));
      const third = await ledger.append('o:3', draft(orgId, 3));
      expect([second.seq, third.seq]).toEqual([2, 3]);
      expect(await ledger.flushCopy()).toBe(2);
      expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 });
    } finally {
      await env.DB.exec('ALTER TABLE consent_records_away RENAME TO consent_records');
    }
    expect(await listConsentRecordRows(db(), orgId)).toHaveLength(1);
    // The retry armed by the failure copies what is pending, in order, exactly once.
    expect(await runDurableObjectAlarm(ledger)).toBe(true);
    expect((await listConsentRecordRows(db(), orgId)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await ledger.flushCopy()).toBe(0);
    expect(await verify(orgId)).toMatchObject({ ok: true, count: 3, headSeq: 3 });
  });

  it('B5: the next append after an outage copies what was pending before its own record', async () => {
    const orgId = uniqueOrg('outbox-next');
    const ledger = ledgerOf(orgId);
    await env.DB.exec('ALTER TABLE consent_records RENAME TO consent_records_away');
    try {
      await ledger.append('n:1', draft(orgId, 1));
      await ledger.append('n:2', draft(orgId, 2));
    } finally {
      await env.DB.exec('ALTER TABLE consent_records_away RENAME TO consent_records');
    }
    await ledger.append('n:3', draft(orgId, 3));
    expect((await listConsentRecordRows(db(), orgId)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await ledger.flushCopy()).toBe(0);
  });
});
