// Phone numbers on any page, for users who allow the generic adapter (B18). Kept light for P4: no
// libphonenumber here (the background normalises), a strict pattern instead, and a cap on the text
// it reads. Finds `tel:`/`callto:`/`sms:` links and phone-shaped text (crm-pages.md §0.7, §6), skips
// form fields, editable and hidden text and Greenline's own nodes, and never touches page text.

import { cleanText, isVisible, OWN_NODES, phoneKey } from './dom';
import type { CrmAdapter, Found, PhoneCandidate, Placement } from './types';

/** Put on every node Greenline inserts into a page, so no adapter reads its own output. */
export const OWN_NODE_ATTRIBUTE = 'data-greenline';

const LINK = /^(?:tel|callto|sms):(?:\/\/)?([^?;,]*)/i;
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'SVG',
  'TEMPLATE',
  'A',
  'BUTTON',
  'CODE',
  'PRE',
]);
/**
 * A number as people write it: +E.164, or optional +CC, optional (area), then digit groups of 1–8
 * split by space, dot or dash: "+33 6 12 34 56 78", "+49 151 23456789", "07700 900123". Not glued to
 * letters, digits, '#', '/', '@' or another number. `isPhoneText` then decides.
 */
const CANDIDATE =
  /(?<![\w#@/.+-])(?:\+\d{8,15}|(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,8}(?:[\s.-]\d{1,8}){1,5})(?![\w/@-]|[.,]\d)/g;
const CONTAINERS = new Set(['TD', 'TH', 'LI', 'DT', 'DD']);
const FAX_BEFORE = /\bfax\b[\s:.-]*$/i;
const NOT_A_NAME =
  /^(?:call|phone|tel|telephone|mobile|cell|text|sms|message|whatsapp|contact|dial|office|home|work|fax)\b/i;

/** Work caps, so a huge page never costs a long task (P4). */
export const GENERIC_LIMITS = { textNodes: 4000, charsPerNode: 2000, results: 25 };

/**
 * Whether a matched string is a phone number rather than an order number, date or version: it
 * starts with + (8–15 digits) or has an (area code), or is written in a national shape: a trunk 0
 * first, or the North American 3-3-4.
 */
export function isPhoneText(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (match.startsWith('+')) return digits.length >= 8;
  if (match.includes('(')) return digits.length >= 9;
  const groups = match.split(/[\s.-]+/);
  const hasTrunkZero = /^0[1-9]/.test(groups[0] ?? '') && digits.length >= 9;
  return hasTrunkZero || groups.map((g) => g.length).join('-') === '3-3-4';
}

/** Phone-shaped substrings of `text`, in order; numbers introduced by "fax" are left out. */
export function phonesInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (isPhoneText(m[0]) && !FAX_BEFORE.test(before)) found.push(m[0]);
  }
  return found;
}

function isOwn(el: Element): boolean {
  return el.closest(OWN_NODES) !== null;
}

function linkNumber(link: HTMLAnchorElement): string {
  let href = link.getAttribute('href') ?? '';
  try {
    href = decodeURIComponent(href);
  } catch {
    // a malformed escape: read the href as it is
  }
  return cleanText(LINK.exec(href.trim())?.[1]);
}

function linkName(link: Element): string {
  const text = cleanText(link.textContent);
  return text && text.length <= 60 && !/\d/.test(text) && !NOT_A_NAME.test(text) ? text : '';
}

function isSkipped(el: Element): boolean {
  return (
    SKIPPED.has(el.tagName.toUpperCase()) ||
    el.hasAttribute('hidden') ||
    el.getAttribute('contenteditable') === 'true' ||
    el.getAttribute('contenteditable') === '' ||
    isOwn(el)
  );
}

interface Hit {
  raw: string;
  name: string;
  anchor: Element;
}

function linkHits(root: Element): Hit[] {
  const links = Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'));
  return links
    .filter((a) => /^\s*(?:tel|callto|sms):/i.test(a.getAttribute('href') ?? '') && !isOwn(a) && isVisible(a))
    .map((a) => ({ raw: linkNumber(a), name: linkName(a), anchor: a }))
    .filter((hit) => hit.raw.replace(/\D/g, '').length >= 3);
}

function textHits(doc: Document, root: Element): Hit[] {
  const hits: Hit[] = [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      if (node.nodeType === Node.ELEMENT_NODE)
        return isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      return /\d{2}/.test(node.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  for (
    let n = 0, node = walker.nextNode();
    node && n < GENERIC_LIMITS.textNodes;
    n++, node = walker.nextNode()
  ) {
    const parent = node.parentElement;
    const numbers = phonesInText((node.nodeValue ?? '').slice(0, GENERIC_LIMITS.charsPerNode));
    if (!parent || numbers.length === 0 || !isVisible(parent)) continue;
    for (const raw of numbers) hits.push({ raw, name: '', anchor: parent });
  }
  return hits;
}

/** After the link or the text's element; inside it when that element is a cell or list item (a node beside those breaks the table or list). */
function placementFor(anchor: Element): Placement {
  return CONTAINERS.has(anchor.tagName.toUpperCase())
    ? { anchor, position: 'last' }
    : { anchor, position: 'after' };
}

function find(doc: Document, url: URL): Found[] {
  const root = doc.body;
  if (!root) return [];
  const seen = new Set<string>();
  const found: Found[] = [];
  for (const hit of [...linkHits(root), ...textHits(doc, root)]) {
    const key = phoneKey(hit.raw);
    if (seen.has(key) || found.length >= GENERIC_LIMITS.results) continue;
    seen.add(key);
    const phones: PhoneCandidate[] = [{ raw: hit.raw, label: null }];
    const record = {
      crm: 'generic' as const,
      recordId: `tel:${key}`,
      objectType: 'page' as const,
      name: hit.name,
      phones,
      url: url.href,
    };
    found.push({ record, placement: placementFor(hit.anchor) });
  }
  return found;
}

export const genericAdapter: CrmAdapter = {
  id: 'generic',
  label: 'Any page',
  matches: () => true,
  find,
};
