// Templates as the user fills them (B7): each variable from its mapped source (contact first name,
// contact name, the current user's name, the org's name) or typed in a labelled field, and the text
// the customer will see. The server fills mapped variables itself, so only typed values are sent;
// the same rules as Meta's (worker/domain/templates.ts) are checked here to explain a refusal early.
import type { MappedVariable, VariableSource } from '../../../shared/api/common';
import type { SendMessageRequest } from '../../../shared/api/conversations';
import type { AgentTemplate } from '../../../shared/api/templates';

export interface FillSources {
  contactName: string;
  userName: string;
  orgName: string;
}

export interface FilledTemplate {
  header: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
  /** Header, body and footer joined as the customer reads them. */
  text: string;
  /** Typed values keyed as the API expects (`body.1`). */
  params: Record<string, string>;
  /** Typed fields that are empty or break WhatsApp's rules, with the reason. */
  problems: { key: string; label: string; message: string }[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const MAX_PARAM_LENGTH = 1024;

export function sourceValue(source: VariableSource, sources: FillSources): string | null {
  switch (source) {
    case 'contact_first_name':
      return sources.contactName.trim().split(/\s+/)[0] ?? '';
    case 'contact_name':
      return sources.contactName;
    case 'user_name':
      return sources.userName;
    case 'org_name':
      return sources.orgName;
    case 'typed':
      return null;
  }
}

/** The label of a typed field: its name, or its position, and where it is. */
export function variableLabel(v: Pick<MappedVariable, 'component' | 'placeholder'>): string {
  const where = v.component === 'HEADER' ? 'title' : 'message';
  return /^\d+$/.test(v.placeholder)
    ? `Field ${v.placeholder} of the ${where}`
    : `${v.placeholder.replaceAll('_', ' ')} (${where})`;
}

export function typedVariables(template: AgentTemplate): MappedVariable[] {
  return template.variables.filter((v) => v.source === 'typed');
}

function paramProblem(value: string): string | null {
  if (value.trim() === '') return 'Fill in this field.';
  if (/[\n\r\t]/.test(value) || / {5,}/.test(value))
    return 'WhatsApp does not allow line breaks, tabs or more than 4 spaces in a row here.';
  if (value.length > MAX_PARAM_LENGTH) return `At most ${MAX_PARAM_LENGTH} characters.`;
  return null;
}

function componentText(template: AgentTemplate, type: string): string | null {
  const c = template.components.find((x) => x.type.toUpperCase() === type);
  if (!c?.text) return null;
  if (type === 'HEADER' && c.format !== undefined && c.format.toUpperCase() !== 'TEXT') return null;
  return c.text;
}

function substitute(text: string, part: 'header' | 'body', values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => values.get(`${part}.${name}`) ?? `[${name}]`);
}

/** The template filled from its sources and the typed values, as the customer will see it. */
export function fillTemplate(
  template: AgentTemplate,
  sources: FillSources,
  typed: Readonly<Record<string, string>>,
): FilledTemplate {
  const values = new Map<string, string>();
  const params: Record<string, string> = {};
  const problems: FilledTemplate['problems'] = [];
  for (const v of template.variables) {
    const mapped = sourceValue(v.source, sources);
    const value = mapped ?? typed[v.key] ?? '';
    if (mapped === null) {
      params[v.key] = value;
      const problem = paramProblem(value);
      if (problem) problems.push({ key: v.key, label: variableLabel(v), message: problem });
    }
    if (value.trim() !== '') values.set(v.key, value);
  }
  const rawHeader = componentText(template, 'HEADER');
  const header = rawHeader === null ? null : substitute(rawHeader, 'header', values);
  const body = substitute(componentText(template, 'BODY') ?? '', 'body', values);
  const footer = componentText(template, 'FOOTER');
  const buttons = template.components
    .flatMap((c) => c.buttons ?? [])
    .flatMap((b) => (b.text ? [b.text] : []));
  const text = [header, body, footer].filter((p): p is string => !!p).join('\n\n');
  return { header, body, footer, buttons, text, params, problems };
}

/** The API request for a filled template. */
export function templateRequest(template: AgentTemplate, filled: FilledTemplate): SendMessageRequest {
  return { type: 'template', name: template.name, language: template.language, params: filled.params };
}

/** A readable name for a template in the picker ("order_update" → "Order update"). */
export function templateTitle(template: Pick<AgentTemplate, 'name' | 'language'>): string {
  const words = template.name.replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${template.language})`;
}

/** A template whose header is a picture: the panel asks for one and sends it as `headerMediaId`. */
export function needsHeaderPicture(template: Pick<AgentTemplate, 'headerMedia'>): boolean {
  return template.headerMedia === 'image';
}
