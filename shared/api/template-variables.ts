// Finds a template's variables in its components: `{{1}}` (positional) or `{{first_name}}` (named)
// placeholders in the HEADER (text) and BODY, in order of first appearance, with Meta's example
// values when present. Pure; used by the worker (sync, seed) and usable by the extension.
import type { TemplateVariable } from './common';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface RawComponent {
  type: string;
  text?: string;
  example?: unknown;
}

function examplesOf(component: RawComponent): string[] {
  const ex = component.example;
  if (!ex || typeof ex !== 'object') return [];
  const record = ex as Record<string, unknown>;
  const body = record.body_text;
  if (Array.isArray(body) && Array.isArray(body[0])) return body[0].map(String);
  const header = record.header_text;
  if (Array.isArray(header)) return header.map(String);
  return [];
}

export function extractVariables(components: readonly RawComponent[]): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const component of components) {
    const kind = component.type.toUpperCase();
    if ((kind !== 'HEADER' && kind !== 'BODY') || !component.text) continue;
    const examples = examplesOf(component);
    const seen = new Set<string>();
    for (const match of component.text.matchAll(PLACEHOLDER)) {
      const placeholder = match[1];
      if (!placeholder || seen.has(placeholder)) continue;
      seen.add(placeholder);
      const key = `${kind.toLowerCase()}.${placeholder}`;
      const example = examples[seen.size - 1];
      out.push({ key, component: kind, placeholder, ...(example === undefined ? {} : { example }) });
    }
  }
  return out;
}
