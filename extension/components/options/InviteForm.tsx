// Inviting someone: who, with which role and sub-org. The answer's code is shown once, to copy and
// pass on; the server keeps only its hash.
import type { SubOrg } from '../../models/options/sub-orgs';
import type { UsersModel } from '../../models/options/users';
import { formatTime } from '../../models/options/format';
import { formValues, TaskNotes } from './ui';

function IssuedCode(props: { users: UsersModel }) {
  const issued = props.users.issued.value;
  if (!issued) return null;
  return (
    <div class="card card--highlight">
      <h4 id="issued-title">Invitation code for {issued.name}</h4>
      <p>
        <code class="code">{issued.token}</code>
      </p>
      <p class="warning">
        This code is shown only once. Send it to {issued.name} ({issued.email}); in Greenline's options they
        choose "I have an invitation". It works until {formatTime(issued.expiresAt)}.
      </p>
      <div class="actions">
        <button type="button" class="button button--primary" onClick={() => void props.users.copyIssued()}>
          Copy the code
        </button>
        <button type="button" class="button" onClick={props.users.dismissIssued}>
          Done
        </button>
      </div>
    </div>
  );
}

export function InviteForm(props: { users: UsersModel; subOrgs: SubOrg[] }) {
  const { users, subOrgs } = props;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = formValues(form);
    void users
      .invite({
        email: field('email').trim(),
        name: field('name').trim(),
        role: field('role') === 'admin' ? 'admin' : 'agent',
        subOrgId: field('subOrg'),
        whatsappEnabled: field('whatsapp') === 'on',
      })
      .then((ok) => ok && form.reset());
  };
  return (
    <>
      <form class="form" onSubmit={onSubmit} aria-labelledby="invite-title">
        <h3 id="invite-title">Invite someone</h3>
        <label class="field">
          <span>Their email</span>
          <input name="email" type="email" required autocomplete="off" />
        </label>
        <label class="field">
          <span>Their name</span>
          <input name="name" required autocomplete="off" />
        </label>
        <label class="field">
          <span>Their role</span>
          <select name="role" defaultValue="agent">
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <label class="field">
          <span>Their sub-org</span>
          <select name="subOrg" required>
            {subOrgs.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="choice">
          <input name="whatsapp" type="checkbox" defaultChecked />
          WhatsApp enabled from the start
        </label>
        <button type="submit" class="button button--primary">
          Create invitation
        </button>
      </form>
      <TaskNotes task={users.inviteTask} />
      <IssuedCode users={users} />
    </>
  );
}
