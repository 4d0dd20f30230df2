// One user in the users table: role, sub-org, WhatsApp and sign-in access, and removal after a
// confirmation. Every control's name includes the user's name, so it is clear out of context.
import { useEffect, useRef } from 'preact/hooks';
import type { AdminUser } from '../../../shared/api/admin';
import type { SubOrg } from '../../models/options/sub-orgs';
import type { UsersModel } from '../../models/options/users';
import { Hidden } from './ui';

function ConfirmRemoval(props: { user: AdminUser; users: UsersModel }) {
  const { user, users } = props;
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <span class="confirm">
      <span>Remove {user.name}? Their sessions end at once.</span>
      <button type="button" class="button button--danger" onClick={() => void users.remove(user)}>
        Remove<Hidden> {user.name} now</Hidden>
      </button>
      <button type="button" class="button" ref={keep} onClick={users.cancelRemoval}>
        Keep<Hidden> {user.name}</Hidden>
      </button>
    </span>
  );
}

export function UserRow(props: { user: AdminUser; users: UsersModel; subOrgs: SubOrg[] }) {
  const { user, users, subOrgs } = props;
  const confirming = users.confirmingRemoval.value === user.id;
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Back from "Keep": the focus returns to the button that started it.
    if (wasConfirming.current && !confirming) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const choices = subOrgs.some((s) => s.id === user.subOrgId)
    ? subOrgs
    : [...subOrgs, { id: user.subOrgId, name: 'Unknown sub-org', userCount: 0 }];
  return (
    <tr aria-busy={users.savingUser.value === user.id}>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          onChange={(e) =>
            void users.patch(user, { role: e.currentTarget.value === 'admin' ? 'admin' : 'agent' })
          }
        >
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td>
        <select
          aria-label={`Sub-org of ${user.name}`}
          value={user.subOrgId}
          onChange={(e) => void users.patch(user, { subOrgId: e.currentTarget.value })}
        >
          {choices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`WhatsApp enabled for ${user.name}`}
          checked={user.whatsappEnabled}
          onChange={(e) => void users.patch(user, { whatsappEnabled: e.currentTarget.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Sign-in disabled for ${user.name}`}
          checked={user.disabled}
          onChange={(e) => void users.patch(user, { disabled: e.currentTarget.checked })}
        />
      </td>
      <td>
        {confirming ? (
          <ConfirmRemoval user={user} users={users} />
        ) : (
          <button type="button" class="button" ref={removeButton} onClick={() => users.askRemoval(user)}>
            Remove<Hidden> {user.name}</Hidden>
          </button>
        )}
      </td>
    </tr>
  );
}
