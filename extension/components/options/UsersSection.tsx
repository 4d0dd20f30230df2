// Users: the table of the org's people, the invite form and the pending invitations.
import { formatTime } from '../../models/options/format';
import { type SubOrgsModel, subOrgName } from '../../models/options/sub-orgs';
import type { UsersModel } from '../../models/options/users';
import { InviteForm } from './InviteForm';
import { UserRow } from './UserRow';
import { Hidden, Section, TaskNotes } from './ui';

function Invitations(props: { users: UsersModel; subOrgs: SubOrgsModel }) {
  const list = props.users.invitations.value;
  return (
    <div>
      <h3>Pending invitations</h3>
      {list.length === 0 ? (
        <p class="hint">No pending invitations.</p>
      ) : (
        <ul class="list">
          {list.map((i) => (
            <li key={i.id} class="list__item">
              <span>
                {i.name} ({i.email}), {i.role === 'admin' ? 'admin' : 'agent'} in{' '}
                {subOrgName(props.subOrgs.subOrgs.value, i.subOrgId)}, until {formatTime(i.expiresAt)}
              </span>
              <button type="button" class="button" onClick={() => void props.users.revoke(i)}>
                Revoke<Hidden> the invitation for {i.email}</Hidden>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function UsersSection(props: { users: UsersModel; subOrgs: SubOrgsModel }) {
  const { users, subOrgs } = props;
  const list = users.users.value;
  return (
    <Section id="users" title="Users">
      {/* On a narrow screen the table scrolls sideways; tabbing through its controls scrolls it. */}
      <div class="table-scroll">
        <table class="table table--wide">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Sub-org</th>
              <th scope="col">WhatsApp</th>
              <th scope="col">Sign-in disabled</th>
              <th scope="col">
                <Hidden>Actions</Hidden>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <UserRow key={u.id} user={u} users={users} subOrgs={subOrgs.subOrgs.value} />
            ))}
          </tbody>
        </table>
      </div>
      {list.length === 0 && users.task.busy.value && <p>Loading…</p>}
      <TaskNotes task={users.task} />
      <InviteForm users={users} subOrgs={subOrgs.subOrgs.value} />
      <Invitations users={users} subOrgs={subOrgs} />
    </Section>
  );
}
