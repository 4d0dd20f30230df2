// Templates synced from the Cloud API, per number, and the admin's variable mappings.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { TemplateComponent, TemplateVariable, VariableSource } from '../../../shared/api/common';
import type { Db } from '../db';
import { newId } from '../ids';
import { templates, templateVariableMappings } from '../schema';

export type TemplateRow = typeof templates.$inferSelect;
export type MappingRow = typeof templateVariableMappings.$inferSelect;

export interface TemplateInput {
  metaId: string | null;
  name: string;
  language: string;
  category: string;
  status: string;
  components: TemplateComponent[];
  variables: TemplateVariable[];
}

export async function listTemplates(
  db: Db,
  orgId: string,
  filter: { status?: string } = {},
): Promise<TemplateRow[]> {
  const where = filter.status
    ? and(eq(templates.orgId, orgId), eq(templates.status, filter.status))
    : eq(templates.orgId, orgId);
  return db.select().from(templates).where(where).orderBy(asc(templates.name), asc(templates.language));
}

export async function getTemplate(db: Db, orgId: string, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.orgId, orgId), eq(templates.id, id)));
  return row;
}

/** Inserts or refreshes one template by (number, name, language); returns its id. */
export async function upsertTemplate(
  db: Db,
  orgId: string,
  numberId: string,
  input: TemplateInput & { id?: string },
  now: number,
): Promise<string> {
  const { id, ...values } = input;
  const [row] = await db
    .insert(templates)
    .values({ ...values, id: id ?? newId(), orgId, numberId, syncedAt: now })
    .onConflictDoUpdate({
      target: [templates.numberId, templates.name, templates.language],
      set: { ...values, syncedAt: now },
    })
    .returning({ id: templates.id });
  if (!row) throw new Error('template upsert returned nothing');
  return row.id;
}

/** Templates Meta no longer lists are kept (mappings survive a re-creation) but marked DELETED. */
export async function markTemplatesMissing(
  db: Db,
  orgId: string,
  numberId: string,
  presentIds: string[],
  now: number,
): Promise<number> {
  // Compared in memory: D1 allows at most 100 bound parameters per statement.
  const present = new Set(presentIds);
  const live = await db
    .select({ id: templates.id })
    .from(templates)
    .where(
      and(eq(templates.orgId, orgId), eq(templates.numberId, numberId), ne(templates.status, 'DELETED')),
    );
  const missing = live.filter((t) => !present.has(t.id));
  for (const t of missing) {
    await db
      .update(templates)
      .set({ status: 'DELETED', syncedAt: now })
      .where(and(eq(templates.orgId, orgId), eq(templates.id, t.id)));
  }
  return missing.length;
}

/** For `message_template_status_update` webhooks: refresh one template's status. */
export async function setTemplateStatus(
  db: Db,
  numberId: string,
  name: string,
  language: string,
  status: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(templates)
    .set({ status, syncedAt: now })
    .where(and(eq(templates.numberId, numberId), eq(templates.name, name), eq(templates.language, language)))
    .returning({ id: templates.id });
  return rows.length > 0;
}

/** Template quality or category changed (`message_template_quality_update`, `template_category_update`). */
export async function setTemplateHealth(
  db: Db,
  numberId: string,
  ref: { name: string; language: string },
  changes: { qualityScore?: string; category?: string },
): Promise<boolean> {
  if (Object.keys(changes).length === 0) return false;
  const rows = await db
    .update(templates)
    .set(changes)
    .where(
      and(
        eq(templates.numberId, numberId),
        eq(templates.name, ref.name),
        eq(templates.language, ref.language),
      ),
    )
    .returning({ id: templates.id });
  return rows.length > 0;
}

/** The org's mappings for these templates (filtered in memory: D1's 100-parameter limit). */
export async function listMappings(db: Db, orgId: string, templateIds: string[]): Promise<MappingRow[]> {
  if (templateIds.length === 0) return [];
  const wanted = new Set(templateIds);
  const where =
    templateIds.length === 1 && templateIds[0] !== undefined
      ? and(
          eq(templateVariableMappings.orgId, orgId),
          eq(templateVariableMappings.templateId, templateIds[0]),
        )
      : eq(templateVariableMappings.orgId, orgId);
  const rows = await db.select().from(templateVariableMappings).where(where);
  return rows.filter((m) => wanted.has(m.templateId));
}

export async function setMapping(
  db: Db,
  orgId: string,
  templateId: string,
  mapping: { key: string; source: VariableSource },
  now: number,
): Promise<void> {
  await db
    .insert(templateVariableMappings)
    .values({ orgId, templateId, ...mapping, updatedAt: now })
    .onConflictDoUpdate({
      target: [templateVariableMappings.templateId, templateVariableMappings.key],
      set: { source: mapping.source, updatedAt: now },
    });
}
