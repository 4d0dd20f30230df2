// The admin consent ledger routes through the real Worker (B5, B21): JSON and CSV export for a date
// range (formulas neutralised, S3), verify, and the query's validation (S4). Acme's ledger is filled
// through its Durable Object the way the conversations fill it. S2 is covered by the route table.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../worker/domain/ledger';
import { accepted, DAY, draft, ledgerOf, NOV_1 } from './consent-ledger-fixtures';
import { call, type ErrorBody, setupDemo, tokenFor } from './helpers';

const ACME = 'acme';
const FORMULA = '=HYPERLINK("http://evil.test","Click")';
let admin = '';
let chain: ConsentRecord[] = [];

beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
  const ledger = ledgerOf(ACME);
  await ledger.append('acme-c1:1', draft(ACME, 1)); // 2026-11-01
  await ledger.append('acme-c1:2', accepted(ACME, 1, NOV_1 + 14 * DAY)); // 2026-11-15
  await ledger.append('acme-c2:1', draft(ACME, 2, { renderedText: FORMULA, occurredAt: NOV_1 + 29 * DAY }));
  await ledger.append('acme-c3:1', draft(ACME, 3, { occurredAt: NOV_1 + 30 * DAY })); // 2026-12-01
  chain = await ledger.records();
});

const list = (query = '') =>
  call<{ records: ConsentRecord[] } & ErrorBody>('GET', `/api/v1/admin/consent-records${query}`, {
    token: admin,
  });

describe('B5: consent ledger export', () => {
  it('B5: an admin exports the whole ledger as JSON, in chain order', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual(chain);
    expect((await list('?format=json')).body.records).toEqual(chain);
  });

  it('B5: the range filters by when the event occurred; a date as `to` includes its whole day', async () => {
    const seqs = async (q: string) => (await list(q)).body.records.map((r) => r.seq);
    expect(await seqs('?from=2026-11-02&to=2026-11-30')).toEqual([2, 3]);
    expect(await seqs('?from=2026-11-15')).toEqual([2, 3, 4]);
    expect(await seqs('?to=2026-11-15')).toEqual([1, 2]);
    expect(await seqs(`?from=${NOV_1 + 14 * DAY}&to=${NOV_1 + 14 * DAY}`)).toEqual([2]);
    expect(await seqs('?from=2026-11-30T09:00:00Z&to=2026-12-01T10:00:00%2B01:00')).toEqual([3, 4]);
    expect(await seqs('?from=2027-01-01')).toEqual([]);
  });

  it('B5 / S3: CSV export is an attachment named by org and range, with formulas neutralised', async () => {
    const res = await SELF.fetch(
      'http://greenline.test/api/v1/admin/consent-records?format=csv&from=2026-11-01&to=2026-11-30',
      { headers: { authorization: `Bearer ${admin}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="consent-records-acme-2026-11-01-2026-11-30.csv"',
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^seq,recorded_at,occurred_at,kind,/);
    expect(lines).toHaveLength(1 + 3 + 1); // header, three records, the final CRLF
    const formulaRow = lines.find((l) => l.startsWith('3,'));
    // The rendered text starts with '=': it gets a leading apostrophe, then RFC 4180 quoting.
    expect(formulaRow).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"")"`);
    expect(formulaRow).not.toMatch(/,=HYPERLINK/);
    expect(formulaRow).toContain(",'+14155550101,");
  });

  it('B5: an open range is named from "start" to today', async () => {
    const res = await SELF.fetch('http://greenline.test/api/v1/admin/consent-records?format=csv', {
      headers: { authorization: `Bearer ${admin}` },
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="consent-records-acme-start-${today}.csv"`,
    );
    expect((await res.text()).split('\r\n')).toHaveLength(1 + 4 + 1);
  });

  it.each([
    ['?from=last-week', 'from'],
    ['?to=2026-02-30', 'to'],
    ['?from=2026-11-01T25:00:00Z', 'from'],
    ['?from=2026-11-01T09:00:00', 'from'],
    ['?from=99999999999999999', 'from'],
    ['?from=2026-12-01&to=2026-11-30', 'must not be after'],
    ['?format=xlsx', 'format'],
  ])('S4: %s is refused with 400 naming %s', async (query, mentions) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain(mentions);
  });
});

describe('I7: consent ledger verify', () => {
  const verify = () => call('GET', '/api/v1/admin/consent-records/verify', { token: admin });

  it('B5 / I7: verify answers ok with the count and the head', async () => {
    const head = chain.at(-1);
    expect(await verify()).toMatchObject({
      status: 200,
      body: { ok: true, count: 4, headSeq: 4, headHash: head?.hash },
    });
  });

  it('I7: verify names an edited row of the copy; the chain verifies again once it is restored', async () => {
    const where = 'WHERE org_id = ? AND seq = 2';
    const original = await env.DB.prepare(`SELECT record FROM consent_records ${where}`)
      .bind(ACME)
      .first<{ record: string }>();
    await env.DB.prepare(
      `UPDATE consent_records SET record = json_set(record, '$.customerReply.payload', 'OPT_IN_NO') ${where}`,
    )
      .bind(ACME)
      .run();
    try {
      const res = await verify();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, where: 'copy', seq: 2, problem: 'edited' });
      expect(res.body.message).toMatch(/record 2/);
    } finally {
      await env.DB.prepare(`UPDATE consent_records SET record = ? ${where}`)
        .bind(original?.record, ACME)
        .run();
    }
    expect((await verify()).body).toMatchObject({ ok: true, count: 4 });
  });

  it("S2: another org's admin sees only their own (empty) ledger", async () => {
    const globex = await tokenFor('admin@globex.test');
    const res = await call('GET', '/api/v1/admin/consent-records', { token: globex });
    expect(res.body).toEqual({ records: [] });
    const verified = await call('GET', '/api/v1/admin/consent-records/verify', { token: globex });
    expect(verified.body).toMatchObject({ ok: true, count: 0, headSeq: 0 });
  });
});
