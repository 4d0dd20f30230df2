// Templates as agents and admins see them: components, variables and each variable's mapped source
// (unmapped variables are typed by the user). Agents get APPROVED templates only (B7).
import type { MappedVariable, VariableSource } from '../../shared/api/common';
import type { AdminTemplate, AgentTemplate, VariableMappingRequest } from '../../shared/api/templates';
import { headerMediaOf, type TemplateDefinition } from '../domain/templates';
import type { Db } from '../storage/db';
import {
  getTemplate,
  listMappings,
  listTemplates,
  type MappingRow,
  setMapping,
  type TemplateRow,
} from '../storage/repos/templates';
import { ApiError, notFound } from './errors';

function mapVariables(t: TemplateRow, mappings: MappingRow[]): MappedVariable[] {
  const sources = new Map<string, VariableSource>(
    mappings.filter((m) => m.templateId === t.id).map((m) => [m.key, m.source]),
  );
  return t.variables.map((v) => ({ ...v, source: sources.get(v.key) ?? 'typed' }));
}

function toAgentDto(t: TemplateRow, mappings: MappingRow[]): AgentTemplate {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    components: t.components,
    variables: mapVariables(t, mappings),
    headerMedia: headerMediaOf({
      name: t.name,
      language: t.language,
      category: t.category as TemplateDefinition['category'],
      status: t.status,
      components: t.components as TemplateDefinition['components'],
    }),
  };
}

function toAdminDto(t: TemplateRow, mappings: MappingRow[]): AdminTemplate {
  return {
    ...toAgentDto(t, mappings),
    status: t.status,
    qualityScore: t.qualityScore,
    syncedAt: t.syncedAt,
  };
}

/**
 * B7: what an agent may pick — the approved templates, except the org's opt-in, which only the
 * opt-in request sends (B1: it starts the consent flow and its once-a-day limit; picked as an
 * ordinary template it would skip both).
 */
export async function listSendableTemplates(
  db: Db,
  orgId: string,
  optIn: { name: string; language: string } | null,
): Promise<{ templates: AgentTemplate[] }> {
  const isOptIn = (t: { name: string; language: string }) =>
    optIn !== null && t.name === optIn.name && t.language === optIn.language;
  const rows = (await listTemplates(db, orgId, { status: 'APPROVED' })).filter((t) => !isOptIn(t));
  const mappings = await listMappings(
    db,
    orgId,
    rows.map((t) => t.id),
  );
  return { templates: rows.map((t) => toAgentDto(t, mappings)) };
}

export async function listAllTemplates(db: Db, orgId: string): Promise<{ templates: AdminTemplate[] }> {
  const rows = await listTemplates(db, orgId);
  const mappings = await listMappings(
    db,
    orgId,
    rows.map((t) => t.id),
  );
  return { templates: rows.map((t) => toAdminDto(t, mappings)) };
}

export async function mapTemplateVariables(
  db: Db,
  orgId: string,
  templateId: string,
  request: VariableMappingRequest,
  now: number,
): Promise<AdminTemplate> {
  const template = await getTemplate(db, orgId, templateId);
  if (!template) throw notFound('Template');
  const known = new Set(template.variables.map((v) => v.key));
  const unknown = request.mappings.filter((m) => !known.has(m.key)).map((m) => m.key);
  if (unknown.length > 0) {
    const expected = [...known].join(', ') || 'none';
    throw new ApiError(
      422,
      'unknown_variable',
      `Template "${template.name}" has no variable ${unknown.join(', ')} (its variables: ${expected}).`,
    );
  }
  for (const mapping of request.mappings) await setMapping(db, orgId, templateId, mapping, now);
  return toAdminDto(template, await listMappings(db, orgId, [templateId]));
}
