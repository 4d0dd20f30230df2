// Message templates as Meta lists them (B7, reference §4.1): their variables, the exact text a
// customer sees once filled in (recorded in the consent ledger, B5), which templates may be sent,
// and whether one qualifies as the org's opt-in template (B1).
import { DEFAULT_KEYWORDS, type KeywordLists, matchKeyword } from './keywords';

export interface TemplateComponent {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  format?: string;
  text?: string;
  buttons?: { type: string; text: string; url?: string }[];
}

export interface TemplateDefinition {
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: string;
  /** Meta's `parameter_format`; when absent, inferred from the placeholders (all numeric: POSITIONAL). */
  parameterFormat?: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
}

/** One value to fill in. `index` is the 1-based position of its value in `params.header` / `params.body`. */
export interface TemplateVariable {
  component: 'header' | 'body';
  index: number;
  /** The parameter name of a NAMED template (`first_name`); null for positional ones. */
  name: string | null;
  /** As written in the template, normalised: `{{1}}`, `{{first_name}}`. */
  placeholder: string;
}

export interface TemplateParams {
  header?: string[];
  body: string[];
}

export type RenderRefusal = 'param_count_mismatch' | 'empty_param' | 'invalid_param';
export type RenderResult =
  | { ok: true; text: string; header: string | null; body: string; footer: string | null; buttons: string[] }
  | { ok: false; reason: RenderRefusal; message: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** Meta's limit for one text parameter. */
export const MAX_PARAM_LENGTH = 1024;

const componentOf = (def: TemplateDefinition, type: TemplateComponent['type']) =>
  def.components.find((c) => c.type === type);

/**
 * What a template's header needs besides text variables: a picture (`image`, sent by media id), a
 * header Greenline cannot fill yet (VIDEO, DOCUMENT, LOCATION: `unsupported`), or nothing (null).
 */
export function headerMediaOf(def: TemplateDefinition): 'image' | 'unsupported' | null {
  const format = componentOf(def, 'HEADER')?.format?.toUpperCase();
  if (format === undefined || format === 'TEXT') return null;
  return format === 'IMAGE' ? 'image' : 'unsupported';
}

/** The header's text, or undefined for media headers (IMAGE, VIDEO, DOCUMENT, LOCATION) and none. */
function headerText(def: TemplateDefinition): string | undefined {
  const header = componentOf(def, 'HEADER');
  if (!header || (header.format !== undefined && header.format.toUpperCase() !== 'TEXT')) return undefined;
  return header.text;
}

function formatOf(def: TemplateDefinition): 'POSITIONAL' | 'NAMED' {
  if (def.parameterFormat) return def.parameterFormat;
  const texts = [headerText(def) ?? '', componentOf(def, 'BODY')?.text ?? ''].join(' ');
  const keys = Array.from(texts.matchAll(PLACEHOLDER), (m) => m[1] ?? '');
  return keys.every((key) => /^\d+$/.test(key)) ? 'POSITIONAL' : 'NAMED';
}

/**
 * The distinct placeholder keys of one text: positional ones by number ({{1}} takes the first value
 * whatever order they appear in), named ones in order of first appearance. Placeholders of the other
 * format are not variables.
 */
function keysOf(text: string | undefined, format: 'POSITIONAL' | 'NAMED'): string[] {
  const keys = new Set<string>();
  for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
    const key = match[1] ?? '';
    if (/^\d+$/.test(key) === (format === 'POSITIONAL')) keys.add(key);
  }
  const list = [...keys];
  return format === 'POSITIONAL' ? list.sort((a, b) => Number(a) - Number(b)) : list;
}

/** Every variable of the template, header first, each in the order its value is given. */
export function templateVariables(def: TemplateDefinition): TemplateVariable[] {
  const format = formatOf(def);
  const of = (component: 'header' | 'body', text: string | undefined): TemplateVariable[] =>
    keysOf(text, format).map((key, i) => ({
      component,
      index: i + 1,
      name: format === 'NAMED' ? key : null,
      placeholder: `{{${key}}}`,
    }));
  return [...of('header', headerText(def)), ...of('body', componentOf(def, 'BODY')?.text)];
}

const buttonsOf = (def: TemplateDefinition) =>
  def.components.flatMap((c) => (c.type === 'BUTTONS' ? (c.buttons ?? []) : []));

/** The quick-reply labels, in order (what the customer can tap; a tap comes back as a button reply). */
export function quickReplyButtons(def: TemplateDefinition): string[] {
  return buttonsOf(def)
    .filter((b) => b.type.toUpperCase() === 'QUICK_REPLY')
    .map((b) => b.text);
}

/** Why Meta would refuse this value (132007 formatting rule, 1024-character limit), or null. */
function paramProblem(value: string): RenderRefusal | null {
  if (value.trim() === '') return 'empty_param';
  if (/[\n\r\t]/.test(value) || / {5,}/.test(value) || value.length > MAX_PARAM_LENGTH)
    return 'invalid_param';
  return null;
}

function fill(
  part: 'header' | 'body',
  text: string,
  keys: readonly string[],
  values: readonly string[],
): string | { ok: false; reason: RenderRefusal; message: string } {
  if (values.length !== keys.length) {
    const message = `The ${part} needs ${keys.length} value(s), got ${values.length}.`;
    return { ok: false, reason: 'param_count_mismatch', message };
  }
  const byKey = new Map<string, string>();
  for (const [i, key] of keys.entries()) {
    const value = values[i] ?? '';
    const problem = paramProblem(value);
    if (problem === 'empty_param') {
      return { ok: false, reason: problem, message: `The ${part} value for {{${key}}} is empty.` };
    }
    if (problem === 'invalid_param') {
      const rule = `no line breaks, tabs, more than 4 spaces in a row, or more than ${MAX_PARAM_LENGTH} characters`;
      return {
        ok: false,
        reason: problem,
        message: `The ${part} value for {{${key}}} breaks WhatsApp's rules (${rule}).`,
      };
    }
    byKey.set(key, value);
  }
  // One pass, so a value that itself looks like a placeholder is never substituted again.
  return text.replace(PLACEHOLDER, (whole, key: string) => byKey.get(key) ?? whole);
}

/**
 * The template filled in: header, body and footer as the customer sees them, and `text` (those parts
 * joined by blank lines) for the ledger. Values are validated as Meta does, so a refusal here saves
 * a 132000 / 132007 from the Cloud API.
 */
export function renderTemplate(def: TemplateDefinition, params: TemplateParams): RenderResult {
  const format = formatOf(def);
  const rawHeader = headerText(def);
  const header = fill('header', rawHeader ?? '', keysOf(rawHeader, format), params.header ?? []);
  if (typeof header !== 'string') return header;
  const rawBody = componentOf(def, 'BODY')?.text ?? '';
  const body = fill('body', rawBody, keysOf(rawBody, format), params.body);
  if (typeof body !== 'string') return body;
  const footer = componentOf(def, 'FOOTER')?.text ?? null;
  const shownHeader = rawHeader === undefined ? null : header;
  const text = [shownHeader, body, footer].filter((part): part is string => !!part).join('\n\n');
  return { ok: true, text, header: shownHeader, body, footer, buttons: buttonsOf(def).map((b) => b.text) };
}

/** Only APPROVED templates can be sent (anything else gets 132001 or worse); never offer the rest. */
export function isSendable(def: TemplateDefinition): boolean {
  return def.status === 'APPROVED';
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Whether a template can be the org's opt-in (B1, reference §5.2): UTILITY, APPROVED, its body names
 * the business, and exactly two quick replies, one meaning yes and one meaning no (by the keyword
 * lists, so "Sí" / "Não" qualify).
 */
export function isValidOptInTemplate(
  def: TemplateDefinition,
  businessName: string,
  lists: KeywordLists = DEFAULT_KEYWORDS,
): { ok: true } | { ok: false; reason: string } {
  if (def.category !== 'UTILITY')
    return { ok: false, reason: 'The opt-in template must be of category UTILITY.' };
  if (!isSendable(def)) return { ok: false, reason: `The template is ${def.status}, not APPROVED by Meta.` };
  const name = fold(businessName.trim());
  if (name === '' || !fold(componentOf(def, 'BODY')?.text ?? '').includes(name)) {
    return { ok: false, reason: `The template's text must name the business ("${businessName.trim()}").` };
  }
  const replies = quickReplyButtons(def);
  const kinds = replies.map((label) => matchKeyword(label, lists)).sort();
  if (replies.length !== 2 || kinds[0] !== 'no' || kinds[1] !== 'yes') {
    return { ok: false, reason: 'The template needs exactly two quick-reply buttons: one Yes and one No.' };
  }
  return { ok: true };
}
