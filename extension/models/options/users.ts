// The org's users and invitations (B21): WhatsApp on or off per user, role, sub-org, disabling and
// removing (after a confirmation), inviting with a code shown only once, revoking invitations.
import { signal } from '@preact/signals';
import type { AdminUser, InviteRequest, UserPatch } from '../../../shared/api/admin';
import type { OptionsPorts } from './ports';
import { createTask } from './task';

export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent';
  subOrgId: string;
  expiresAt: number;
}

/** The invitation just made: its code exists only here, until the admin dismisses it. */
export interface IssuedInvitation {
  name: string;
  email: string;
  token: string;
  expiresAt: number;
}

export function replaceUser(users: readonly AdminUser[], next: AdminUser): AdminUser[] {
  return users.map((u) => (u.id === next.id ? next : u));
}

export function createUsersModel(ports: OptionsPorts, onMembershipChange: () => void) {
  const users = signal<AdminUser[]>([]);
  const invitations = signal<Invitation[]>([]);
  const issued = signal<IssuedInvitation | null>(null);
  const confirmingRemoval = signal<string | null>(null);
  const savingUser = signal<string | null>(null);
  const task = createTask();
  const inviteTask = createTask();
  const { admin } = ports;

  async function reloadInvitations(): Promise<void> {
    invitations.value = (await admin.invitations()).invitations;
  }

  return {
    users,
    invitations,
    issued,
    confirmingRemoval,
    savingUser,
    task,
    inviteTask,
    async load(): Promise<void> {
      await task.run(async () => {
        users.value = (await admin.users()).users;
        await reloadInvitations();
      });
    },
    reset(): void {
      users.value = [];
      invitations.value = [];
      issued.value = null;
      confirmingRemoval.value = null;
      task.reset();
      inviteTask.reset();
    },
    /** Shows the change at once (a control never flips back while saving), then the server's answer. */
    async patch(user: AdminUser, body: UserPatch): Promise<void> {
      users.value = replaceUser(users.value, { ...user, ...body });
      savingUser.value = user.id;
      const next = await task.run(() => admin.patchUser(user.id, body), `${user.name} saved.`);
      savingUser.value = null;
      // A refusal puts the user back as they were, so the control shows the server's state again.
      users.value = replaceUser(users.value, next ?? user);
      if (next && body.subOrgId) onMembershipChange();
    },
    askRemoval: (user: AdminUser) => {
      confirmingRemoval.value = user.id;
    },
    cancelRemoval: () => {
      confirmingRemoval.value = null;
    },
    async remove(user: AdminUser): Promise<void> {
      const removed = await task.run(() => admin.removeUser(user.id), `${user.name} was removed.`);
      confirmingRemoval.value = null;
      if (removed) {
        users.value = users.value.filter((u) => u.id !== user.id);
        onMembershipChange();
      }
    },
    async invite(request: InviteRequest): Promise<boolean> {
      const answer = await inviteTask.run(async () => {
        const made = await admin.invite(request);
        await reloadInvitations();
        return made;
      });
      if (!answer) return false;
      const { invitation, token } = answer;
      issued.value = {
        name: invitation.name,
        email: invitation.email,
        token,
        expiresAt: invitation.expiresAt,
      };
      return true;
    },
    async copyIssued(): Promise<void> {
      const code = issued.value?.token;
      if (code) await inviteTask.run(() => ports.files.copy(code), 'The invitation code is copied.');
    },
    dismissIssued: () => {
      issued.value = null;
      inviteTask.reset();
    },
    async revoke(invitation: Invitation): Promise<void> {
      await inviteTask.run(async () => {
        await admin.revokeInvitation(invitation.id);
        await reloadInvitations();
      }, `The invitation for ${invitation.email} was revoked.`);
    },
  };
}

export type UsersModel = ReturnType<typeof createUsersModel>;
