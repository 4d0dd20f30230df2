// Orgs and sub-orgs. Every function after `createOrg` is scoped by the caller's org id.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { DEFAULT_ORG_SETTINGS, type OrgSettings, OrgSettingsSchema } from '../../../shared/api/common';
import type { Db } from '../db';
import { newId } from '../ids';
import { orgs, subOrgs, users } from '../schema';

export type OrgRow = typeof orgs.$inferSelect;
export type SubOrgRow = typeof subOrgs.$inferSelect;

/**
 * Settings are validated on the way out too: keys added since a row was written get their
 * defaults, and a value that no longer validates falls back to the default rather than crashing.
 */
export function normaliseOrg(row: OrgRow): OrgRow {
  const raw: Record<string, unknown> = { ...DEFAULT_ORG_SETTINGS, ...(row.settings as object) };
  const settings = { ...DEFAULT_ORG_SETTINGS };
  for (const key of Object.keys(DEFAULT_ORG_SETTINGS) as (keyof OrgSettings)[]) {
    const field = OrgSettingsSchema.shape[key].safeParse(raw[key]);
    if (field.success) Object.assign(settings, { [key]: field.data });
  }
  return { ...row, settings };
}

export async function createOrg(
  db: Db,
  input: { id?: string; name: string; whatsappEnabled: boolean; settings: OrgSettings; now: number },
): Promise<OrgRow> {
  const row = { id: input.id ?? newId(), name: input.name, whatsappEnabled: input.whatsappEnabled };
  const [created] = await db
    .insert(orgs)
    .values({ ...row, settings: input.settings, createdAt: input.now, updatedAt: input.now })
    .returning();
  if (!created) throw new Error('org insert returned nothing');
  return normaliseOrg(created);
}

export async function getOrg(db: Db, orgId: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  return row && normaliseOrg(row);
}

export async function updateOrg(
  db: Db,
  orgId: string,
  patch: { name?: string; whatsappEnabled?: boolean; settings?: OrgSettings; now: number },
): Promise<OrgRow | undefined> {
  const { now, ...values } = patch;
  const [row] = await db
    .update(orgs)
    .set({ ...values, updatedAt: now })
    .where(eq(orgs.id, orgId))
    .returning();
  return row && normaliseOrg(row);
}

export async function listSubOrgs(db: Db, orgId: string): Promise<Array<SubOrgRow & { userCount: number }>> {
  const rows = await db.select().from(subOrgs).where(eq(subOrgs.orgId, orgId)).orderBy(asc(subOrgs.name));
  const counts = await db
    .select({ subOrgId: users.subOrgId, n: count() })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.removedAt)))
    .groupBy(users.subOrgId);
  const byId = new Map(counts.map((c) => [c.subOrgId, c.n]));
  return rows.map((r) => ({ ...r, userCount: byId.get(r.id) ?? 0 }));
}

export async function getSubOrg(db: Db, orgId: string, id: string): Promise<SubOrgRow | undefined> {
  const [row] = await db
    .select()
    .from(subOrgs)
    .where(and(eq(subOrgs.orgId, orgId), eq(subOrgs.id, id)));
  return row;
}

export async function findSubOrgByName(db: Db, orgId: string, name: string): Promise<SubOrgRow | undefined> {
  const [row] = await db
    .select()
    .from(subOrgs)
    .where(and(eq(subOrgs.orgId, orgId), eq(subOrgs.name, name)));
  return row;
}

export async function createSubOrg(
  db: Db,
  orgId: string,
  input: { id?: string; name: string; now: number },
): Promise<SubOrgRow> {
  const [row] = await db
    .insert(subOrgs)
    .values({ id: input.id ?? newId(), orgId, name: input.name, createdAt: input.now })
    .returning();
  if (!row) throw new Error('sub-org insert returned nothing');
  return row;
}

export async function renameSubOrg(
  db: Db,
  orgId: string,
  id: string,
  name: string,
): Promise<SubOrgRow | undefined> {
  const [row] = await db
    .update(subOrgs)
    .set({ name })
    .where(and(eq(subOrgs.orgId, orgId), eq(subOrgs.id, id)))
    .returning();
  return row;
}

/** Users (not removed) still in the sub-org. */
export async function countSubOrgUsers(db: Db, orgId: string, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.subOrgId, id), isNull(users.removedAt)));
  return row?.n ?? 0;
}

export async function deleteSubOrg(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(subOrgs)
    .where(and(eq(subOrgs.orgId, orgId), eq(subOrgs.id, id)))
    .returning({ id: subOrgs.id });
  return rows.length > 0;
}
