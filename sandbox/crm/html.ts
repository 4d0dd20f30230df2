// The frame every demo CRM page shares: escaping (every interpolated value is text, S3), the sandbox
// bar with the SPA controls, the record <template>s the page script renders from, and base CSS.

import type { DemoCrm, DemoCrmRecord } from './records';
import { DEMO_CRM_SCRIPT } from './script';

export const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** How one CRM's page looks: its frame around the record, the record's own subtree, and its title. */
export interface CrmPageKind {
  crm: DemoCrm;
  label: string;
  /** 'cache': the previous record's view stays in the DOM, hidden (Salesforce, Pipedrive). */
  mode: 'replace' | 'cache';
  css: string;
  title(record: DemoCrmRecord): string;
  /** The record subtree: the element(s) inside #demo-record-root. */
  view(record: DemoCrmRecord, options: { hidden: boolean }): string;
  /** The CRM's chrome around `root`, the element with id="demo-record-root" holding the views. */
  frame(root: (attributes: string) => string): string;
}

const BASE_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; background: #f4f6f8; }
  button { font: inherit; cursor: pointer; }
  a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #1f6feb; outline-offset: 2px; }
  .demo-bar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 16px; background: #fff8c5; border-bottom: 1px solid #d4a72c; font-size: 13px; }
  .demo-bar a { color: #0b4f8a; }
  .demo-bar button { border: 1px solid #8a6d00; background: #fff; border-radius: 4px; padding: 2px 10px; }
  .demo-bar strong { margin-right: auto; }
`;

export interface DemoPageInput {
  kind: CrmPageKind;
  records: readonly DemoCrmRecord[];
  index: number;
  /** Where the demo pages live: '/crm/<crm>' on the sandbox, '' when served under the CRM's real host. */
  base: string;
}

function bar({ kind, records, index, base }: DemoPageInput): string {
  const href = (i: number) => esc(base + (records[(i + records.length) % records.length]?.path ?? ''));
  return `<div class="demo-bar" role="navigation" aria-label="Greenline sandbox">
  <strong>Greenline sandbox · demo ${esc(kind.label)} page</strong>
  <a href="/crm">All demo pages</a>
  <a data-demo-nav="prev" href="${href(index - 1)}">Previous record</a>
  <a data-demo-nav="next" href="${href(index + 1)}">Next record</a>
  <button type="button" data-demo-refresh>Refresh view</button>
</div>`;
}

function templates({ kind, records }: DemoPageInput): string {
  return records
    .map(
      (r) =>
        `<template data-record-path="${esc(r.path)}" data-record-title="${esc(kind.title(r))}">${kind.view(r, { hidden: false })}</template>`,
    )
    .join('\n');
}

/** The whole page for `records[index]`. In cache mode the previous record's view is already there, hidden. */
export function demoPage(input: DemoPageInput): string {
  const { kind, records, index } = input;
  const record = records[index];
  if (!record) throw new Error(`no demo record ${index}`);
  const previous = records[(index - 1 + records.length) % records.length];
  const cached =
    kind.mode === 'cache' && previous && previous !== record ? kind.view(previous, { hidden: true }) : '';
  const views = `${cached}${kind.view(record, { hidden: false })}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(kind.title(record))}</title>
<style>${BASE_CSS}${kind.css}</style>
</head>
<body data-demo-crm="${kind.crm}" data-demo-mode="${kind.mode}" data-demo-index="${index}">
${bar(input)}
${kind.frame((attributes) => `<div id="demo-record-root" ${attributes}>${views}</div>`)}
${templates(input)}
<script>${DEMO_CRM_SCRIPT}</script>
</body>
</html>`;
}
