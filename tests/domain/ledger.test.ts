import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendRecord,
  type ConsentRecord,
  type ConsentRecordDraft,
  canonicalJson,
  consentRecordDraftSchema,
  consentRecordSchema,
  consentRecordsToCsv,
  GENESIS_HASH,
  type Hasher,
  verifyChain,
} from '../../worker/domain/ledger';

// A real SHA-256, as the worker injects (Web Crypto there; node:crypto here, same digest).
const sha256: Hasher = async (data) => createHash('sha256').update(data, 'utf8').digest('hex');

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const baseDraft: ConsentRecordDraft = {
  kind: 'opt_in_requested',
  orgId: 'org_acme',
  phoneNumberId: '100000000000001',
  contactPhone: '+14155550101',
  conversationId: 'conv_1',
  userId: 'user_alice',
  templateName: 'greenline_opt_in',
  language: 'en_US',
  renderedText: 'Hi Samuel, Acme would like to send you messages on WhatsApp.',
  wamids: ['wamid.HBgLMTQxNTU1NTAxMDE'],
  customerReply: null,
  errorCode: null,
  consentAfter: 'pending',
  occurredAt: T0,
};

const text = fc.string({ maxLength: 12 });
const id = fc.string({ minLength: 1, maxLength: 8 });
const draftArb: fc.Arbitrary<ConsentRecordDraft> = fc.record({
  kind: fc.constantFrom(...consentRecordDraftSchema.shape.kind.options),
  orgId: id,
  phoneNumberId: id,
  contactPhone: id,
  conversationId: id,
  userId: fc.option(id),
  templateName: fc.option(id),
  language: fc.option(id),
  renderedText: fc.option(text),
  wamids: fc.array(fc.stringMatching(/^wamid\.[A-Za-z0-9=_-]{1,6}$/), { maxLength: 3 }),
  customerReply: fc.option(
    fc.oneof(
      fc.record({ type: fc.constant('text' as const), text }),
      fc.record({ type: fc.constant('button' as const), payload: text, text }),
    ),
  ),
  errorCode: fc.option(fc.integer({ min: 0, max: 200_000 })),
  consentAfter: fc.constantFrom(...consentRecordDraftSchema.shape.consentAfter.options),
  occurredAt: fc.integer({ min: 0, max: 4_000_000_000_000 }),
});

async function buildChain(drafts: readonly ConsentRecordDraft[]): Promise<ConsentRecord[]> {
  const chain: ConsentRecord[] = [];
  for (const [i, draft] of drafts.entries()) {
    chain.push(await appendRecord(chain.at(-1) ?? null, draft, T0 + i * 1000, sha256));
  }
  return chain;
}
const chainArb = (min: number) => fc.array(draftArb, { minLength: min, maxLength: 6 });

/** A different value of the same field (sometimes of the wrong type, which must be caught too). */
function mutate(record: ConsentRecord, field: keyof ConsentRecord): unknown {
  const value = record[field];
  if (field === 'kind') return value === 'opted_out' ? 're_opted_in' : 'opted_out';
  if (field === 'consentAfter') return value === 'none' ? 'opted_in' : 'none';
  if (typeof value === 'string')
    return /^[0-9a-f]{64}$/.test(value) ? `${value.startsWith('0') ? 1 : 0}${value.slice(1)}` : `${value}x`;
  if (typeof value === 'number') return value + 1;
  if (Array.isArray(value)) return [...value, 'wamid.extra'];
  // An optional field the record lacks (customerId in older records): adding one is an edit too.
  if (value === undefined) return 'US.13491208655302741918';
  if (value === null)
    return field === 'errorCode' ? 131026 : field === 'customerReply' ? { type: 'text', text: 'x' } : 'x';
  return { ...value, text: `${value.text}!` };
}
const FIELDS = Object.keys(consentRecordSchema.shape) as (keyof ConsentRecord)[];
const failedAt = (seq: number, problem: string) => ({ ok: false, seq, problem });

describe('canonicalJson', () => {
  it('I7: sorts keys recursively, drops undefined, no whitespace (stable golden output)', () => {
    const value = { b: 1, a: [true, null, 'x', undefined], c: { z: undefined, y: 'é"\n', x: -0.5e-7 } };
    expect(canonicalJson(value)).toBe('{"a":[true,null,"x",null],"b":1,"c":{"x":-5e-8,"y":"é\\"\\n"}}');
  });

  it('I7: a fixed record always hashes to the same value (changing the encoding breaks old chains)', async () => {
    const record = await appendRecord(null, baseDraft, T0, sha256);
    expect(record.hash).toBe(await sha256(canonicalJson({ ...record, hash: undefined })));
    expect(record.hash).toMatchInlineSnapshot(
      `"8239c481d587f6872331da59602b87cbe66b89df5f2205fccc1b0cdc4d3496e9"`,
    );
  });

  it('I7: is independent of key order (property) and round-trips through JSON.parse', () => {
    const shuffleKeys = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, seed));
      if (v === null || typeof v !== 'object') return v;
      const entries = Object.entries(v).map(([k, x]) => [k, shuffleKeys(x, seed)] as const);
      const rank = (key: string) =>
        [...key].reduce((h, c) => (h * 31 + (c.codePointAt(0) ?? 0)) % 1_000_003, seed);
      entries.sort(([a], [b]) => rank(a) - rank(b));
      return Object.fromEntries(entries);
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonical);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonical).toBe(canonicalJson(JSON.parse(canonical)));
      }),
    );
  });

  it.each<[string, unknown]>([
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: 1n }],
    ['a symbol', [Symbol('s')]],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
  ])('I7: throws on %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('I7: throws on cycles but accepts shared references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { inner: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });
});

describe('appendRecord', () => {
  it('B5: first record starts at seq 1 on the genesis hash; the next links to it', async () => {
    const [first, second] = await buildChain([baseDraft, { ...baseDraft, kind: 'opt_in_accepted' }]);
    expect(first).toMatchObject({ ...baseDraft, seq: 1, recordedAt: T0, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash, kind: 'opt_in_accepted' });
    expect(consentRecordSchema.parse(second)).toEqual(second);
  });

  it('B5: keeps only known fields, so what is hashed is what is stored', async () => {
    const record = await appendRecord(null, { ...baseDraft, extra: 'x' } as ConsentRecordDraft, T0, sha256);
    expect(record).not.toHaveProperty('extra');
  });

  it.each<[string, Partial<ConsentRecordDraft>]>([
    ['an unknown kind', { kind: 'maybe' as ConsentRecordDraft['kind'] }],
    ['an empty org', { orgId: '' }],
    ['a fractional time', { occurredAt: 1.5 }],
    ['a NaN error code', { errorCode: Number.NaN }],
  ])('I7: refuses a draft with %s', async (_name, change) => {
    await expect(appendRecord(null, { ...baseDraft, ...change }, T0, sha256)).rejects.toThrow();
  });

  it('I7: refuses a hasher that does not return SHA-256 hex', async () => {
    await expect(appendRecord(null, baseDraft, T0, async () => 'nope')).rejects.toThrow(/hex/);
  });
});

describe('verifyChain', () => {
  it('I7: a chain of random drafts verifies, and so does the empty chain', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(0), async (drafts) => {
        const chain = await buildChain(drafts);
        const head = chain.at(-1);
        const expected = { headSeq: head?.seq ?? 0, headHash: head?.hash ?? GENESIS_HASH };
        expect(await verifyChain(chain, sha256, expected)).toEqual({
          ok: true,
          count: chain.length,
          headHash: expected.headHash,
        });
      }),
    );
  });

  it('I7: editing any single field of any record is detected as edited (property)', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(1), fc.nat(), fc.constantFrom(...FIELDS), async (drafts, pick, field) => {
        const chain = await buildChain(drafts);
        const at = pick % chain.length;
        const target = chain[at] as ConsentRecord;
        expect(mutate(target, field)).not.toEqual(target[field]);
        const tampered = chain.map((r, i) => (i === at ? { ...r, [field]: mutate(r, field) } : r));
        expect(await verifyChain(tampered as ConsentRecord[], sha256)).toMatchObject({
          ok: false,
          problem: 'edited',
        });
      }),
    );
  });

  it('I7: an edited record whose hash was recomputed breaks the link, or the expected head', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(1), fc.nat(), async (drafts, pick) => {
        const chain = await buildChain(drafts);
        const at = pick % chain.length;
        const target = chain[at] as ConsentRecord;
        const forged = await appendRecord(
          at === 0 ? null : { seq: at, hash: target.prevHash },
          { ...target, renderedText: 'I agree to everything' },
          target.recordedAt,
          sha256,
        );
        const tampered = chain.map((r, i) => (i === at ? forged : r));
        const head = { headSeq: chain.length, headHash: chain.at(-1)?.hash };
        const last = at === chain.length - 1;
        expect(await verifyChain(tampered, sha256, head)).toMatchObject(
          failedAt(last ? at + 1 : at + 2, last ? 'edited' : 'broken_link'),
        );
      }),
    );
  });

  it('I7: a deleted record is missing; a deleted tail is truncated against the expected head', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(2), fc.nat(), async (drafts, pick) => {
        const chain = await buildChain(drafts);
        const at = pick % chain.length;
        const without = chain.filter((_, i) => i !== at);
        const head = { headSeq: chain.length, headHash: chain.at(-1)?.hash };
        const expected = at === chain.length - 1 ? 'truncated' : 'missing';
        expect(await verifyChain(without, sha256, head)).toMatchObject(failedAt(at + 1, expected));
        expect(await verifyChain(without, sha256, { headHash: head.headHash })).toMatchObject({ ok: false });
      }),
    );
  });

  it('I7: swapping two records is detected as reordered', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(2), fc.nat(), fc.nat(), async (drafts, a, b) => {
        const chain = await buildChain(drafts);
        const [i, j] = [a % chain.length, b % chain.length].sort((x, y) => x - y) as [number, number];
        fc.pre(i !== j);
        const swapped = [...chain];
        [swapped[i], swapped[j]] = [chain[j] as ConsentRecord, chain[i] as ConsentRecord];
        expect(await verifyChain(swapped, sha256)).toMatchObject(failedAt(j + 1, 'reordered'));
      }),
    );
  });

  it('I7: truncation is caught only with an expected head (documented limit)', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(1), fc.nat(), async (drafts, pick) => {
        const chain = await buildChain(drafts);
        const keep = pick % chain.length;
        const head = { headSeq: chain.length, headHash: chain.at(-1)?.hash };
        const cut = chain.slice(0, keep);
        expect(await verifyChain(cut, sha256)).toMatchObject({ ok: true, count: keep });
        expect(await verifyChain(cut, sha256, head)).toMatchObject(failedAt(keep + 1, 'truncated'));
        expect(await verifyChain(cut, sha256, { headHash: head.headHash })).toMatchObject({
          problem: 'truncated',
        });
      }),
    );
  });

  it('I7: a chain that grew past the expected head still verifies; a wrong head hash does not', async () => {
    const chain = await buildChain([baseDraft, baseDraft, baseDraft]);
    const second = chain[1] as ConsentRecord;
    expect(await verifyChain(chain, sha256, { headSeq: 2, headHash: second.hash })).toMatchObject({
      ok: true,
    });
    expect(await verifyChain(chain, sha256, { headSeq: 2, headHash: GENESIS_HASH })).toMatchObject(
      failedAt(2, 'edited'),
    );
  });

  it('I7: a chain not starting at seq 1 is missing its first records', async () => {
    const chain = await buildChain([baseDraft, baseDraft]);
    expect(await verifyChain(chain.slice(1), sha256)).toMatchObject(failedAt(1, 'missing'));
  });
});

/** RFC 4180 reader, for checking the export from the outside. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n|$)/y;
  while (field.lastIndex < csv.length) {
    const [, value = '', end] = field.exec(csv) ?? [];
    if (end === undefined) throw new Error(`bad CSV at ${field.lastIndex}`);
    row.push(value.startsWith('"') ? value.slice(1, -1).replaceAll('""', '"') : value);
    if (end !== ',') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('consentRecordsToCsv', () => {
  const nasty = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc
      .tuple(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', '"', ',', '\n', ' ='),
        fc.string({ maxLength: 8 }),
      )
      .map(([head, tail]) => head + tail),
  );
  const FORMULA = /^[=+\-@\t\r]/;

  it('B5: header row, CRLF rows, ISO timestamps, the reply split into type / text / payload', async () => {
    const reply = { type: 'button' as const, payload: 'YES_PAYLOAD', text: 'Yes' };
    const chain = await buildChain([
      baseDraft,
      { ...baseDraft, kind: 'opt_in_accepted', customerReply: reply },
    ]);
    const [header, first, second, ...rest] = parseCsv(consentRecordsToCsv(chain));
    expect(rest).toEqual([]);
    const row = (cells: string[] | undefined) =>
      Object.fromEntries((header ?? []).map((h, i) => [h, cells?.[i]]));
    expect(row(first)).toMatchObject({ seq: '1', occurred_at: '2026-11-24T09:00:00.000Z', reply_type: '' });
    expect(row(first)).toMatchObject({
      contact_phone: "'+14155550101",
      user_id: 'user_alice',
      error_code: '',
    });
    expect(row(second)).toMatchObject({
      reply_type: 'button',
      reply_text: 'Yes',
      reply_payload: 'YES_PAYLOAD',
    });
    expect(consentRecordsToCsv([])).toBe(`${header?.join(',')}\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain text', 'plain text'],
  ])('S3: rendered text %j is exported as %j', async (renderedText, cell) => {
    const chain = await buildChain([{ ...baseDraft, renderedText }]);
    expect(consentRecordsToCsv(chain).split('\r\n')[1]).toContain(`,${cell},`);
  });

  it('S3: every cell parses back to the original, modulo the apostrophe before formulas (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(draftArb, { minLength: 1, maxLength: 4 }),
        nasty,
        nasty,
        async (drafts, a, b) => {
          const edited = drafts.map((d) => ({
            ...d,
            renderedText: a,
            contactPhone: `${b}1`,
            userId: b || null,
          }));
          const chain = await buildChain(edited);
          const [header, ...rows] = parseCsv(consentRecordsToCsv(chain));
          expect(rows).toHaveLength(chain.length);
          for (const [i, cells] of rows.entries()) {
            expect(cells).toHaveLength(header?.length ?? 0);
            for (const cell of cells) expect(cell).not.toMatch(FORMULA);
            const get = (name: string) => cells[header?.indexOf(name) ?? -1];
            const record = chain[i] as ConsentRecord;
            // The original, with an apostrophe added exactly when it starts like a formula.
            const sent = (v: string | null) => (v === null ? '' : FORMULA.test(v) ? `'${v}` : v);
            expect(get('rendered_text')).toBe(sent(record.renderedText));
            expect(get('contact_phone')).toBe(sent(record.contactPhone));
            expect(get('user_id')).toBe(sent(record.userId));
            expect(get('reply_text')).toBe(sent(record.customerReply?.text ?? null));
            expect(get('wamids')?.split(' ').filter(Boolean)).toEqual(record.wamids);
            expect(get('hash')).toBe(record.hash);
          }
        },
      ),
    );
  });
});
