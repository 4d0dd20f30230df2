// Admin use cases on users (B21): list, invite (token shown once), revoke invitations, change role,
// sub-org and WhatsApp access, disable (sessions end at once, I8) and remove. An admin cannot lock
// themselves out: no self-demotion, self-disable or self-removal.
import type { AdminUser, InviteRequest, UserPatch } from '../../shared/api/admin';
import { DAY } from '../../shared/time';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../storage/db';
import {
  createInvitation,
  type InvitationRow,
  listPendingInvitations,
  revokeInvitation,
  revokePendingForEmail,
} from '../storage/repos/invitations';
import { getSubOrg } from '../storage/repos/orgs';
import { revokeUserSessions } from '../storage/repos/sessions';
import {
  findUserByEmail,
  getUser,
  listUsers,
  type UserChanges,
  type UserRow,
  updateUser,
} from '../storage/repos/users';
import { ApiError, notFound } from './errors';

export const INVITATION_TTL_MS = 7 * DAY;

export function toAdminUserDto(u: UserRow): AdminUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    subOrgId: u.subOrgId,
    whatsappEnabled: u.whatsappEnabled,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

function toInvitationDto(i: InvitationRow) {
  const { id, email, name, role, subOrgId, whatsappEnabled, expiresAt, createdAt } = i;
  return { id, email, name, role, subOrgId, whatsappEnabled, expiresAt, createdAt };
}

async function assertSubOrg(db: Db, orgId: string, subOrgId: string): Promise<void> {
  if (!(await getSubOrg(db, orgId, subOrgId))) {
    throw new ApiError(422, 'unknown_sub_org', 'No such sub-org in your org.');
  }
}

export async function listOrgUsers(db: Db, orgId: string) {
  return { users: (await listUsers(db, orgId)).map(toAdminUserDto) };
}

export async function inviteUser(
  db: Db,
  orgId: string,
  invitedBy: string,
  input: InviteRequest,
  now: number,
) {
  await assertSubOrg(db, orgId, input.subOrgId);
  if (await findUserByEmail(db, input.email)) {
    throw new ApiError(409, 'email_taken', 'An account with this email address already exists.');
  }
  await revokePendingForEmail(db, orgId, input.email, now);
  const token = newToken('invitation');
  const row = await createInvitation(db, {
    orgId,
    email: input.email,
    name: input.name,
    role: input.role,
    subOrgId: input.subOrgId,
    whatsappEnabled: input.whatsappEnabled,
    tokenHash: await hashToken(token),
    invitedBy,
    expiresAt: now + INVITATION_TTL_MS,
    now,
  });
  return { invitation: toInvitationDto(row), token, acceptPath: '/api/v1/auth/accept-invitation' };
}

export async function listInvitations(db: Db, orgId: string, now: number) {
  return { invitations: (await listPendingInvitations(db, orgId, now)).map(toInvitationDto) };
}

export async function cancelInvitation(db: Db, orgId: string, id: string, now: number): Promise<void> {
  if (!(await revokeInvitation(db, orgId, id, now))) throw notFound('Pending invitation');
}

export async function patchUser(
  db: Db,
  orgId: string,
  actorId: string,
  id: string,
  patch: UserPatch,
  now: number,
): Promise<AdminUser> {
  const user = await getUser(db, orgId, id);
  if (!user) throw notFound('User');
  if (id === actorId && (patch.role === 'agent' || patch.disabled === true)) {
    throw new ApiError(
      409,
      'cannot_change_self',
      'You cannot demote or disable yourself; ask another admin.',
    );
  }
  if (patch.subOrgId !== undefined) await assertSubOrg(db, orgId, patch.subOrgId);
  const changes: UserChanges = {};
  if (patch.role !== undefined) changes.role = patch.role;
  if (patch.subOrgId !== undefined) changes.subOrgId = patch.subOrgId;
  if (patch.whatsappEnabled !== undefined) changes.whatsappEnabled = patch.whatsappEnabled;
  if (patch.disabled !== undefined) changes.disabledAt = patch.disabled ? (user.disabledAt ?? now) : null;
  const updated = await updateUser(db, orgId, id, changes, now);
  if (!updated) throw notFound('User');
  if (patch.disabled === true) await revokeUserSessions(db, orgId, id, now);
  return toAdminUserDto(updated);
}

export async function removeUser(
  db: Db,
  orgId: string,
  actorId: string,
  id: string,
  now: number,
): Promise<void> {
  if (id === actorId)
    throw new ApiError(409, 'cannot_change_self', 'You cannot remove yourself; ask another admin.');
  const removed = await updateUser(db, orgId, id, { removedAt: now, disabledAt: now }, now);
  if (!removed) throw notFound('User');
  await revokeUserSessions(db, orgId, id, now);
}
