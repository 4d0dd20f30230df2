// The ConsentLedger Durable Object through its RPC stub (B5, I7): chained records, idempotent
// appends, one writer under concurrency, independent orgs, restart, and the directory copy.
import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, verifyChain } from '../../worker/domain/ledger';
import { sha256Hex } from '../../worker/services/consent-chain';
import { listConsentRecordRows, rowToStored } from '../../worker/storage/repos/consent-records';
import { accepted, DAY, draft, ledgerOf, NOV_1, refusal, uniqueOrg } from './consent-ledger-fixtures';
import { db, setupDemo } from './helpers';

beforeAll(setupDemo);

async function copyOf(orgId: string) {
  return (await listConsentRecordRows(db(), orgId)).map(rowToStored);
}

describe('ConsentLedger', () => {
  it('B5 / I7: appended records form a chain that verifies, and the directory copy is the same chain', async () => {
    const orgId = uniqueOrg('chain');
    const ledger = ledgerOf(orgId);
    const before = Date.now();
    const records = [];
    records.push(await ledger.append('c1:1', draft(orgId, 1)));
    records.push(await ledger.append('c1:2', accepted(orgId, 1, NOV_1 + DAY)));
    records.push(await ledger.append('c2:1', draft(orgId, 2, { kind: 'opt_in_failed', errorCode: 131049 })));
    records.push(
      await ledger.append(
        'c1:3',
        draft(orgId, 3, { kind: 'opted_out', customerReply: { type: 'text', text: 'STOP' } }),
      ),
    );
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    for (const [i, r] of records.entries()) {
      if (i > 0) expect(r.prevHash).toBe(records[i - 1]?.hash);
      expect(r.recordedAt).toBeGreaterThanOrEqual(before);
      expect(r.orgId).toBe(orgId);
    }
    expect(records[1]?.customerReply).toEqual({ type: 'button', payload: 'OPT_IN_YES', text: 'Yes' });

    expect(await ledger.verify()).toEqual({ ok: true, count: 4, headHash: records[3]?.hash });
    expect(await ledger.head()).toEqual({ seq: 4, hash: records[3]?.hash });
    expect(await ledger.records()).toEqual(records);
    expect(await ledger.records(2, 3)).toEqual(records.slice(1, 3));

    expect(await copyOf(orgId)).toEqual(records);
    expect(await verifyChain(records, sha256Hex, { headSeq: 4, headHash: records[3]?.hash })).toMatchObject({
      ok: true,
    });
  });

  it('I7: the same key twice appends one record and returns the first one', async () => {
    const orgId = uniqueOrg('idem');
    const ledger = ledgerOf(orgId);
    const first = await ledger.append('conv-1:1', draft(orgId, 1));
    const again = await ledger.append('conv-1:1', draft(orgId, 1));
    const changed = await ledger.append('conv-1:1', draft(orgId, 9, { renderedText: 'something else' }));
    expect(again).toEqual(first);
    expect(changed).toEqual(first);
    expect(await ledger.head()).toEqual({ seq: 1, hash: first.hash });
    expect(await copyOf(orgId)).toHaveLength(1);
  });

  it('B5: two orgs have independent chains, each from seq 1, and copies scoped by org', async () => {
    const [a, b] = [uniqueOrg('a'), uniqueOrg('b')];
    for (let n = 1; n <= 3; n++) await ledgerOf(a).append(`a:${n}`, draft(a, n));
    for (let n = 1; n <= 2; n++) await ledgerOf(b).append(`b:${n}`, draft(b, n));
    const [chainA, chainB] = [await ledgerOf(a).records(), await ledgerOf(b).records()];
    expect(chainA.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(chainB.map((r) => r.seq)).toEqual([1, 2]);
    expect(chainB[0]?.prevHash).toBe(GENESIS_HASH);
    expect(await copyOf(a)).toEqual(chainA);
    expect(await copyOf(b)).toEqual(chainB);
    // One object per org: an org's ledger refuses another org's record.
    expect(await refusal(() => ledgerOf(a).append('b:9', draft(b, 9)))).toMatch(/another org/);
    expect(await ledgerOf(a).head()).toMatchObject({ seq: 3 });
  });

  it('B5 / I7: 20 concurrent appends get seq 1..20 with no gap and no duplicate (one writer)', async () => {
    const orgId = uniqueOrg('concurrent');
    const ledger = ledgerOf(orgId);
    const keys = Array.from({ length: 20 }, (_, i) => `conv-${i}:1`);
    // Each key twice, all at once: duplicates must resolve to the same record.
    const results = await Promise.all(
      [...keys, ...keys].map((key, i) => ledger.append(key, draft(orgId, i))),
    );
    const seqs = results.slice(0, 20).map((r) => r.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.slice(20)).toEqual(results.slice(0, 20));
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 20 });
    const copy = await copyOf(orgId);
    expect(copy.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(copy).toEqual(await ledger.records());
  });

  it('B5: an invalid draft or key is refused and appends nothing', async () => {
    const orgId = uniqueOrg('invalid');
    const ledger = ledgerOf(orgId);
    expect(await refusal(() => ledger.append('k:1', draft(orgId, 1, { contactPhone: '' })))).toMatch(
      /contactPhone or customerId/,
    );
    expect(await refusal(() => ledger.append('k:2', draft(orgId, 2, { wamids: ['has space'] })))).toMatch(
      /wamids/,
    );
    expect(await refusal(() => ledger.append('', draft(orgId, 3)))).toMatch(/invalid key/);
    expect(await ledger.head()).toBeNull();
    expect(await ledger.verify()).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('B5 / I7: after a restart the schema is kept (versioned) and the chain continues', async () => {
    const orgId = uniqueOrg('restart');
    const ledger = ledgerOf(orgId);
    await ledger.append('r:1', draft(orgId, 1));
    await ledger.append('r:2', draft(orgId, 2));
    await evictDurableObject(ledger);
    const revived = ledgerOf(orgId);
    expect((await revived.append('r:2', draft(orgId, 2))).seq).toBe(2);
    expect((await revived.append('r:3', draft(orgId, 3))).seq).toBe(3);
    expect(await revived.verify()).toMatchObject({ ok: true, count: 3 });
    const version = await runInDurableObject(revived, (_, state) =>
      state.storage.sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray(),
    );
    expect(version).toEqual([{ version: 1 }]);
    expect(await copyOf(orgId)).toHaveLength(3);
  });
});

it('B5: the LEDGER binding is one object per org', () => {
  expect(env.LEDGER.idFromName('acme').equals(env.LEDGER.idFromName('acme'))).toBe(true);
  expect(env.LEDGER.idFromName('acme').equals(env.LEDGER.idFromName('globex'))).toBe(false);
});
