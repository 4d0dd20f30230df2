// Fills an approved template for one contact (B1, B7): each variable from its mapped source (contact
// first name, contact name, user name, org name) or from what the user typed, then renders the exact
// text the customer will see (kept with the message and, for the opt-in, in the consent ledger).
import type { WriteContent } from '../domain/conversation';
import {
  headerMediaOf,
  renderTemplate,
  type TemplateDefinition,
  templateVariables,
} from '../domain/templates';
import type { Db } from '../storage/db';
import { listMappings, listTemplates, type TemplateRow } from '../storage/repos/templates';
import { ApiError } from './errors';

export interface FillSources {
  contactName: string;
  userName: string;
  orgName: string;
}

type TemplateContent = Extract<WriteContent, { type: 'template' }>;

function definitionOf(row: TemplateRow): TemplateDefinition {
  return {
    name: row.name,
    language: row.language,
    category: row.category as TemplateDefinition['category'],
    status: row.status,
    components: row.components as TemplateDefinition['components'],
  };
}

function sourceValue(source: string, s: FillSources): string | undefined {
  switch (source) {
    case 'contact_first_name':
      return s.contactName.trim().split(/\s+/)[0];
    case 'contact_name':
      return s.contactName;
    case 'user_name':
      return s.userName;
    case 'org_name':
      return s.orgName;
    default:
      return undefined;
  }
}

/** The APPROVED template `name` / `language` of the org, filled; 422 with what is missing otherwise. */
export async function fillTemplate(
  db: Db,
  orgId: string,
  ref: { name: string; language: string },
  sources: FillSources,
  typed: Record<string, string>,
  headerMediaId?: string,
): Promise<TemplateContent> {
  const row = (await listTemplates(db, orgId, { status: 'APPROVED' })).find(
    (t) => t.name === ref.name && t.language === ref.language,
  );
  if (!row) {
    throw new ApiError(
      422,
      'unknown_template',
      `No approved template "${ref.name}" in ${ref.language}. Pick one from GET /api/v1/templates.`,
    );
  }
  const mapped = new Map((await listMappings(db, orgId, [row.id])).map((m) => [m.key, m.source]));
  const def = definitionOf(row);
  const header: string[] = [];
  const body: string[] = [];
  const missing: string[] = [];
  for (const v of templateVariables(def)) {
    const key = `${v.component}.${v.placeholder.slice(2, -2)}`;
    const source = mapped.get(key) ?? 'typed';
    const value = source === 'typed' ? typed[key] : sourceValue(source, sources);
    if (value === undefined || value.trim() === '') missing.push(key);
    (v.component === 'header' ? header : body).push(value ?? '');
  }
  const media = headerMediaOf(def);
  if (media === 'unsupported') {
    throw new ApiError(
      422,
      'unsupported_template_header',
      `Template "${row.name}" has a video, document or location header, which Greenline cannot send yet.`,
    );
  }
  if (media === 'image' && !headerMediaId) missing.push('header.image');
  if (missing.length > 0) {
    throw new ApiError(
      422,
      'missing_template_params',
      `Fill in the template's fields: ${missing.join(', ')} (params keyed like "body.1"; a picture header as headerMediaId).`,
      {
        missing,
      },
    );
  }
  const rendered = renderTemplate(def, { header, body });
  if (!rendered.ok) throw new ApiError(422, rendered.reason, rendered.message);
  return {
    type: 'template',
    name: row.name,
    language: row.language,
    headerParams: header,
    ...(media === 'image' && headerMediaId
      ? { headerMedia: { type: 'image' as const, mediaId: headerMediaId } }
      : {}),
    bodyParams: body,
    quickReplyPayloads: [],
    renderedText: rendered.text,
  };
}
