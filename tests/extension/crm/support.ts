// Shared by the adapter tests: the saved CRM pages under tests/fixtures/crm/<crm>/ (each page with a
// sidecar of its URL and expected records), loading a page into happy-dom's document, and the
// summary of a Found that a person would check (whose record, which name, which numbers).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { z } from 'zod';
import { isVisible } from '../../../extension/crm/dom';
import type { CrmAdapter, Found } from '../../../extension/crm/types';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/crm');

const SidecarSchema = z.object({
  url: z.string().url(),
  /** Selector of the visible record area the action's anchor must sit in (pages that yield records). */
  area: z.string().optional(),
  expected: z.array(z.object({ recordId: z.string(), name: z.string(), phones: z.array(z.string()) })),
});

export interface Fixture extends z.infer<typeof SidecarSchema> {
  crm: string;
  name: string;
  html: string;
}

export function fixtureFolders(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function fixtures(crm: string): Fixture[] {
  const dir = join(FIXTURES_DIR, crm);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.html'.length);
      const sidecar = SidecarSchema.parse(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
      return { ...sidecar, crm, name, html: readFileSync(join(dir, file), 'utf8') };
    });
}

export function fixture(crm: string, name: string): Fixture {
  const found = fixtures(crm).find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${crm}/${name}`);
  return found;
}

/** Replaces happy-dom's document content (title, head, body and its attributes) with a saved page. */
export function loadPage(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.title = parsed.title;
  document.head.replaceChildren(...Array.from(parsed.head.childNodes, (n) => document.importNode(n, true)));
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
  for (const { name, value } of Array.from(parsed.body.attributes)) document.body.setAttribute(name, value);
}

export function summary(found: readonly Found[]): Fixture['expected'] {
  return found.map(({ record }) => ({
    recordId: record.recordId,
    name: record.name,
    phones: record.phones.map((p) => p.raw),
  }));
}

/** Loads the fixture, runs the adapter, and checks the records and that each anchor is visible inside the record area. */
export function expectFixture(adapter: CrmAdapter, f: Fixture): Found[] {
  loadPage(f.html);
  const url = new URL(f.url);
  const found = adapter.find(document, url);
  expect(summary(found)).toEqual(f.expected);
  for (const { placement, record } of found) {
    expect(adapter.matches(url)).toBe(true);
    expect(record.crm).toBe(adapter.id);
    expect(isVisible(placement.anchor)).toBe(true);
    if (f.area) expect(placement.anchor.closest(f.area), `anchor inside ${f.area}`).not.toBeNull();
  }
  return found;
}

export function only(found: readonly Found[]): Found {
  expect(found).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error('nothing found');
  return first;
}
