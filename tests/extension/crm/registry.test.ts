// The meta-test of STYLE.md (Extension): every adapter file is registered, every registered adapter
// has saved fixtures with expected matches, and every fixture's expectation holds.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../extension/crm/generic';
import { CRM_ADAPTERS } from '../../../extension/crm/registry';
import type { CrmAdapter } from '../../../extension/crm/types';
import { expectFixture, fixtureFolders, fixtures } from './support';

const CRM_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../extension/crm');
const ALL: readonly CrmAdapter[] = [...CRM_ADAPTERS, genericAdapter];

/** Files in extension/crm/ that export a `…Adapter: CrmAdapter`. */
function adapterFiles(): string[] {
  return readdirSync(CRM_DIR)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /export const \w+Adapter: CrmAdapter\b/.test(readFileSync(join(CRM_DIR, f), 'utf8')))
    .sort();
}

describe('CRM adapter registry', () => {
  it('B18: every adapter file is registered, the five CRMs in CRM_ADAPTERS and the generic one apart', () => {
    expect(adapterFiles()).toEqual(ALL.map((a) => `${a.id}.ts`).sort());
    expect(CRM_ADAPTERS.map((a) => a.id)).toEqual(['hubspot', 'salesforce', 'pipedrive', 'zoho', 'dynamics']);
    expect(new Set(ALL.map((a) => a.id)).size).toBe(ALL.length);
  });

  it('every registered adapter has a fixtures folder with at least two pages, one of them expecting a record', () => {
    expect(fixtureFolders()).toEqual(ALL.map((a) => a.id).sort());
    for (const adapter of ALL) {
      const pages = fixtures(adapter.id);
      expect(pages.length, adapter.id).toBeGreaterThanOrEqual(2);
      expect(
        pages.some((p) => p.expected.length > 0),
        adapter.id,
      ).toBe(true);
      expect(
        pages.some((p) => p.expected.length === 0),
        adapter.id,
      ).toBe(true);
    }
  });

  it("CRM pages find at most one record, and no CRM adapter claims another CRM's pages", () => {
    for (const adapter of CRM_ADAPTERS) {
      for (const page of fixtures(adapter.id)) {
        expect(page.expected.length, `${adapter.id}/${page.name}`).toBeLessThanOrEqual(1);
        const claimed = CRM_ADAPTERS.filter((a) => a.matches(new URL(page.url))).map((a) => a.id);
        expect(claimed, `${adapter.id}/${page.name}`).toEqual([adapter.id]);
      }
    }
  });

  const cases = ALL.flatMap((adapter) =>
    fixtures(adapter.id).map((f) => [`${adapter.id}/${f.name}`, adapter, f] as const),
  );
  it.each(cases)('B18: %s meets its expectation', (_name, adapter, f) => {
    expectFixture(adapter, f);
  });
});
