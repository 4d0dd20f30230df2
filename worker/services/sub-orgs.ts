// Sub-orgs (teams) of an org: list with head counts, create, rename, delete when empty.
import type { Db } from '../storage/db';
import { isUniqueViolation } from '../storage/errors';
import {
  countSubOrgUsers,
  createSubOrg,
  deleteSubOrg,
  findSubOrgByName,
  getSubOrg,
  listSubOrgs,
  renameSubOrg,
} from '../storage/repos/orgs';
import { ApiError, notFound } from './errors';

const nameTaken = (name: string) =>
  new ApiError(409, 'name_taken', `A sub-org named "${name}" already exists.`);

export async function listTeams(db: Db, orgId: string) {
  const rows = await listSubOrgs(db, orgId);
  return { subOrgs: rows.map(({ id, name, userCount }) => ({ id, name, userCount })) };
}

export async function createTeam(db: Db, orgId: string, name: string, now: number) {
  if (await findSubOrgByName(db, orgId, name)) throw nameTaken(name);
  try {
    const row = await createSubOrg(db, orgId, { name, now });
    return { id: row.id, name: row.name, userCount: 0 };
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

export async function renameTeam(db: Db, orgId: string, id: string, name: string) {
  const existing = await findSubOrgByName(db, orgId, name);
  if (existing && existing.id !== id) throw nameTaken(name);
  const row = await renameSubOrg(db, orgId, id, name);
  if (!row) throw notFound('Sub-org');
  return { id: row.id, name: row.name, userCount: await countSubOrgUsers(db, orgId, id) };
}

export async function deleteTeam(db: Db, orgId: string, id: string): Promise<void> {
  if (!(await getSubOrg(db, orgId, id))) throw notFound('Sub-org');
  const users = await countSubOrgUsers(db, orgId, id);
  if (users > 0) {
    throw new ApiError(
      409,
      'sub_org_not_empty',
      `This sub-org still has ${users === 1 ? 'a user' : `${users} users`}: move or remove them first.`,
    );
  }
  await deleteSubOrg(db, orgId, id);
}
