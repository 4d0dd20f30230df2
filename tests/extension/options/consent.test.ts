import { describe, expect, it } from 'vitest';
import {
  createConsentModel,
  describeVerify,
  exportFileName,
} from '../../../extension/models/options/consent';
import { createDeadLettersModel, payloadText } from '../../../extension/models/options/dead-letters';
import { adminRoutes, fakePorts, ok } from './support';

const HASH = 'a'.repeat(64);

describe('consent ledger (B5, B21)', () => {
  it('names the export after its range and format', () => {
    expect(exportFileName({ from: '2026-11-01', to: '2026-11-30' }, 'csv')).toBe(
      'greenline-consent-2026-11-01-2026-11-30.csv',
    );
    expect(exportFileName({}, 'json')).toBe('greenline-consent-start-now.json');
  });

  it('says the ledger is intact with its count, or names the problem', async () => {
    expect(describeVerify({ ok: true, count: 42, headSeq: 42, headHash: HASH })).toBe(
      'The ledger is intact: 42 records, every link checked.',
    );
    expect(
      describeVerify({
        ok: false,
        where: 'ledger',
        seq: 7,
        problem: 'edited',
        message: 'Record 7 was changed.',
      }),
    ).toBe('The ledger has a problem at record 7: Record 7 was changed.');
    const fake = fakePorts(
      adminRoutes({
        'GET /admin/consent-records/verify': ok({ ok: true, count: 1, headSeq: 1, headHash: HASH }),
      }),
    );
    const consent = createConsentModel(fake.ports);
    await consent.verify();
    expect(consent.verdict.value).toEqual({
      ok: true,
      text: 'The ledger is intact: 1 record, every link checked.',
    });
  });

  it('downloads the CSV the server made for the range', async () => {
    const csv = 'seq,kind\n1,opt_in_requested\n';
    const fake = fakePorts(adminRoutes({ 'GET /admin/consent-records': () => ({ status: 200, text: csv }) }));
    const consent = createConsentModel(fake.ports);
    await consent.exportRange({ from: '2026-11-01', to: '2026-11-30' }, 'csv');
    expect(fake.api.seen[0]).toMatchObject({
      query: { format: 'csv', from: '2026-11-01', to: '2026-11-30' },
      accept: 'text',
    });
    expect(fake.downloads).toEqual([
      { fileName: 'greenline-consent-2026-11-01-2026-11-30.csv', text: csv, contentType: 'text/csv' },
    ]);
  });

  it('downloads JSON of the records for the JSON format', async () => {
    const fake = fakePorts(adminRoutes({ 'GET /admin/consent-records': ok({ records: [] }) }));
    const consent = createConsentModel(fake.ports);
    await consent.exportRange({ to: '2026-11-30' }, 'json');
    expect(fake.api.seen[0]?.query).toEqual({ format: 'json', to: '2026-11-30' });
    expect(fake.downloads[0]?.fileName).toBe('greenline-consent-start-2026-11-30.json');
    expect(JSON.parse(fake.downloads[0]?.text ?? '')).toEqual({ records: [] });
  });
});

describe('dead letters', () => {
  it('lists what the server set aside, the payload as indented JSON text', async () => {
    const letter = {
      id: 'd1',
      receivedAt: 1_700_000_000_000,
      reason: 'unknown phone_number_id',
      payload: { a: [1] },
    };
    const fake = fakePorts(adminRoutes({ 'GET /admin/dead-letters': ok({ deadLetters: [letter] }) }));
    const model = createDeadLettersModel(fake.ports);
    await model.load();
    expect(fake.api.seen[0]?.query).toEqual({ limit: '50' });
    expect(model.deadLetters.value).toEqual([letter]);
    expect(payloadText(letter.payload)).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
