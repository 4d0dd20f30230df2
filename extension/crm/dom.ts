// DOM helpers every CRM adapter shares. Reading only: nothing here changes the page. Lightning is
// moving base components to native shadow DOM (crm-pages.md §0.3), so queries can walk open shadow
// roots; CRMs keep hidden cached views in the DOM (§0.6), so adapters keep only visible elements;
// some CRMs show values in read-only inputs, whose textContent is empty (§1.2, §5.2).

import type { PhoneCandidate } from './types';

/**
 * Greenline's own nodes in a page: the content script's hosts (`data-greenline-host`, and the wrapper
 * of a host in a list) and anything else it marks `data-greenline`. Adapters never read inside them.
 */
export const OWN_NODES = '[data-greenline], [data-greenline-host], [data-greenline-host-wrapper]';

/** Every element matching `selector` under `root`, including inside open shadow roots (not Greenline's own), in document order per root. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot && !el.matches(OWN_NODES)) found.push(...deepQueryAll(el.shadowRoot, selector));
  }
  return found;
}

/** The first match of `selector` in the light DOM, else inside open shadow roots. */
export function deepQuery(root: ParentNode, selector: string): Element | null {
  return root.querySelector(selector) ?? deepQueryAll(root, selector)[0] ?? null;
}

/** The parent element, stepping out of a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** `el.closest(selector)`, continuing past shadow roots to their hosts. */
export function deepClosest(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at; at = composedParent(at)) {
    if (at.matches(selector)) return at;
  }
  return null;
}

/**
 * True when `el` is rendered: connected, with no ancestor (through shadow hosts) that is `hidden`,
 * `display: none` or `visibility: hidden`. Uses `checkVisibility` per shadow tree, which browsers and
 * happy-dom both implement; happy-dom's stops at a shadow root, hence the walk over hosts.
 */
export function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  for (let at: Element | null = el; at; ) {
    if (at.closest('[hidden]')) return false;
    if (typeof at.checkVisibility === 'function' && !at.checkVisibility({ visibilityProperty: true })) {
      return false;
    }
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return true;
}

/** The first visible match, or null. */
export function firstVisible(root: ParentNode, selector: string, deep = false): Element | null {
  const all = deep ? deepQueryAll(root, selector) : Array.from(root.querySelectorAll(selector));
  return all.find(isVisible) ?? null;
}

/** Whitespace collapsed and trimmed. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** What the user sees in `el`: an input's or textarea's value (else its title), otherwise its text. */
export function readValue(el: Element | null): string {
  if (!el) return '';
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    return cleanText(el.value || el.getAttribute('title'));
  }
  return cleanText(el.textContent);
}

/** Text of `el` including the text of open shadow roots inside it (`textContent` skips those). */
export function deepText(el: Element | null): string {
  if (!el) return '';
  const own = cleanText(el.textContent);
  if (own) return own;
  const parts: string[] = [];
  const hosts = [el, ...Array.from(el.querySelectorAll('*'))].filter((e) => e.shadowRoot);
  for (const host of hosts) {
    for (const child of Array.from(host.shadowRoot?.children ?? [])) parts.push(deepText(child));
  }
  return cleanText(parts.join(' '));
}

const EXTENSION = /\s*(?:,\s*)?(?:ext\.?|extension|x|#)\s*\d{1,6}$/i;
const PHONE_SHAPE = /^\+?[\d\s().\-/]+$/;

/**
 * True when `raw` reads as a whole phone number: digits and the usual separators only (an
 * extension suffix allowed), 7 to 15 digits. Masked values ("*******1234", "+1 ••• 0101") fail.
 */
export function isPhoneLike(raw: string): boolean {
  const number = raw.replace(EXTENSION, '');
  if (!PHONE_SHAPE.test(number)) return false;
  const digits = number.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** Digits of a phone number, with '+' kept when it is international; used to tell numbers apart. */
export function phoneKey(raw: string): string {
  const number = raw.replace(EXTENSION, '');
  return (number.trim().startsWith('+') ? '+' : '') + number.replace(/\D/g, '');
}

const MOBILE_LABEL = /mobile|cell|celular|m[oó]vil|handy|portable/i;

/** Phone-like candidates, first of each number kept, labelled mobile numbers first (stable otherwise). */
export function tidyPhones(candidates: readonly PhoneCandidate[]): PhoneCandidate[] {
  const seen = new Set<string>();
  const kept: PhoneCandidate[] = [];
  for (const c of candidates) {
    const raw = cleanText(c.raw);
    if (!isPhoneLike(raw) || seen.has(phoneKey(raw))) continue;
    seen.add(phoneKey(raw));
    kept.push({ raw, label: c.label ? cleanText(c.label) || null : null });
  }
  const isMobile = (c: PhoneCandidate) => (c.label && MOBILE_LABEL.test(c.label) ? 0 : 1);
  return kept.sort((a, b) => isMobile(a) - isMobile(b));
}
