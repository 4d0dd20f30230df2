// Template sends checked against the stored templates (reference §1.4, §4): only APPROVED ones exist
// for sending (132001, HTTP 404), parameter counts must match (132000) and formats be right (132012).
// Also renders the text the customer sees and the quick-reply payloads that come back when tapped.

import type { BusinessNumber, SentTemplate, TemplateRecord } from '../state';
import type { MetaIssue, TemplateComponent, TemplateParameter, TemplateSend } from './send-schemas';

export const placeholdersIn = (text: string): number[] =>
  [...new Set([...text.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);

const render = (text: string, params: string[]): string =>
  text.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);

function textComponent(template: TemplateRecord, type: 'HEADER' | 'BODY' | 'FOOTER'): string | undefined {
  for (const c of template.components) if (c.type === type && 'text' in c) return c.text;
  return undefined;
}

function quickReplies(template: TemplateRecord): string[] {
  const buttons = template.components.find((c) => c.type === 'BUTTONS');
  return buttons && buttons.type === 'BUTTONS' ? buttons.buttons.map((b) => b.text) : [];
}

/** Meta refuses parameter text with newlines, tabs or more than four consecutive spaces. */
function paramText(param: TemplateParameter, where: string): string | MetaIssue {
  if (param.type === 'text' && typeof param.text === 'string' && param.text.length > 0) {
    if (/[\n\t]| {5,}/.test(param.text)) {
      return {
        code: 132012,
        details: `${where}: text cannot have new-line/tab characters or more than 4 consecutive spaces`,
      };
    }
    return param.text;
  }
  const fallback = (param.type === 'currency' ? param.currency : param.date_time)?.fallback_value;
  if ((param.type === 'currency' || param.type === 'date_time') && typeof fallback === 'string')
    return fallback;
  return { code: 132012, details: `${where}: expected a parameter of type text with a non-empty text value` };
}

const isIssue = (x: unknown): x is MetaIssue => typeof x === 'object' && x !== null && 'code' in x;

function componentsOf(send: TemplateSend, type: TemplateComponent['type']): TemplateComponent[] {
  return (send.template.components ?? []).filter((c) => c.type === type);
}

function textParams(
  components: TemplateComponent[],
  expected: number,
  where: 'header' | 'body',
): string[] | MetaIssue {
  const params = components.flatMap((c) => c.parameters ?? []);
  if (params.length !== expected) {
    return {
      code: 132000,
      details: `${where}: expected number of params (${expected}) does not match received (${params.length})`,
    };
  }
  const out: string[] = [];
  for (const [i, p] of params.entries()) {
    const text = paramText(p, `${where} param ${i + 1}`);
    if (isIssue(text)) return text;
    out.push(text);
  }
  return out;
}

function buttonPayloads(send: TemplateSend, labels: string[]): Map<number, string> | MetaIssue {
  const payloads = new Map<number, string>();
  for (const c of componentsOf(send, 'button')) {
    const index = Number(c.index ?? Number.NaN);
    if (!Number.isInteger(index)) return { code: 131008, details: 'button component: index is required' };
    if (c.sub_type !== 'quick_reply' || index >= labels.length) {
      return {
        code: 131009,
        details: `button ${index}: the template has no quick_reply button at this index`,
      };
    }
    const params = c.parameters ?? [];
    if (params.length > 1) return { code: 132000, details: `button ${index}: at most one parameter` };
    const param = params[0];
    if (!param) continue;
    if (param.type !== 'payload' || typeof param.payload !== 'string' || param.payload.length === 0) {
      return { code: 132012, details: `button ${index}: quick_reply parameter must be a non-empty payload` };
    }
    payloads.set(index, param.payload);
  }
  return payloads;
}

export type TemplateCheck = { ok: true; template: SentTemplate } | ({ ok: false } & MetaIssue);

type HeaderMedia = NonNullable<SentTemplate['headerMedia']>;

function mediaHeaderFormat(template: TemplateRecord): 'image' | 'document' | undefined {
  for (const c of template.components) {
    if (c.type === 'HEADER' && c.format !== 'TEXT') return c.format === 'IMAGE' ? 'image' : 'document';
  }
  return undefined;
}

/**
 * An IMAGE / DOCUMENT header needs exactly one parameter of that type (132000 otherwise) carrying an
 * `id` of this number's uploads or a `link` (132012 for another type or neither, 131009 for a foreign id).
 */
function headerMediaParam(
  send: TemplateSend,
  kind: 'image' | 'document',
  isOwnMedia: (id: string) => boolean,
): HeaderMedia | MetaIssue {
  const params = componentsOf(send, 'header').flatMap((c) => c.parameters ?? []);
  if (params.length !== 1) {
    return {
      code: 132000,
      details: `header: expected number of params (1) does not match received (${params.length})`,
    };
  }
  const param = params[0] as Record<string, unknown>;
  const object = param[kind] as { id?: unknown; link?: unknown; filename?: unknown } | undefined;
  if (param.type !== kind || typeof object !== 'object' || object === null) {
    return {
      code: 132012,
      details: `header: expected a parameter of type ${kind}, received ${String(param.type)}`,
    };
  }
  if (typeof object.id === 'string') {
    if (!isOwnMedia(object.id)) return { code: 131009, details: `Invalid media id: ${object.id}` };
    return {
      type: kind,
      mediaId: object.id,
      ...(typeof object.filename === 'string' ? { filename: object.filename } : {}),
    };
  }
  if (typeof object.link === 'string') return { type: kind, link: object.link };
  return { code: 132012, details: `header ${kind}: an id or a link is required` };
}

export function checkTemplateSend(
  number: BusinessNumber,
  send: TemplateSend,
  isOwnMedia: (id: string) => boolean = () => false,
): TemplateCheck {
  const { name, language } = send.template;
  const template = number.templates.find((t) => t.name === name && t.language === language.code);
  if (template?.status !== 'APPROVED') {
    if (template?.status === 'PAUSED')
      return { ok: false, code: 132015, details: `Template ${name} is paused.` };
    if (template?.status === 'DISABLED')
      return { ok: false, code: 132016, details: `Template ${name} is disabled.` };
    return {
      ok: false,
      code: 132001,
      details: `template name (${name}) does not exist in ${language.code} or is not approved`,
    };
  }
  const header = textComponent(template, 'HEADER');
  const body = textComponent(template, 'BODY') ?? '';
  const mediaKind = mediaHeaderFormat(template);
  const headerMedia = mediaKind ? headerMediaParam(send, mediaKind, isOwnMedia) : undefined;
  if (isIssue(headerMedia)) return { ok: false, ...headerMedia };
  const headerParams = mediaKind
    ? []
    : textParams(componentsOf(send, 'header'), placeholdersIn(header ?? '').length, 'header');
  if (isIssue(headerParams)) return { ok: false, ...headerParams };
  const params = textParams(componentsOf(send, 'body'), placeholdersIn(body).length, 'body');
  if (isIssue(params)) return { ok: false, ...params };
  const labels = quickReplies(template);
  const payloads = buttonPayloads(send, labels);
  if (isIssue(payloads)) return { ok: false, ...payloads };
  const footer = textComponent(template, 'FOOTER');
  return {
    ok: true,
    template: {
      name,
      language: language.code,
      category: template.category,
      params,
      ...(header === undefined ? {} : { header: render(header, headerParams) }),
      ...(headerMedia ? { headerMedia } : {}),
      body: render(body, params),
      ...(footer === undefined ? {} : { footer }),
      // Without a payload parameter the tap reports the label (Meta's example; reference §1.4).
      buttons: labels.map((text, index) => ({ index, text, payload: payloads.get(index) ?? text })),
    },
  };
}
