// Accepting an invitation: the code an admin passed on, the person's name and a first password.
import { useState } from 'preact/hooks';
import type { AccountModel } from '../../models/options/account';
import { formValues } from './ui';

export function InvitationForm(props: { account: AccountModel }) {
  const { account } = props;
  const [open, setOpen] = useState(false);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (account.task.busy.value) return;
    const field = formValues(event.currentTarget as HTMLFormElement);
    void account.acceptInvitation({
      serverUrl: account.serverUrl.value,
      token: field('token'),
      name: field('name'),
      password: field('password'),
    });
  };
  return (
    <div class="invitation">
      <button
        type="button"
        class="button button--link"
        aria-expanded={open}
        aria-controls="invitation-form"
        onClick={() => setOpen(!open)}
      >
        I have an invitation
      </button>
      {open && (
        <form id="invitation-form" class="form" onSubmit={onSubmit} aria-label="Accept an invitation">
          <p class="hint">Your account will be on the server above: {account.serverUrl.value}</p>
          <label class="field">
            <span>Invitation code</span>
            <input name="token" required autocomplete="off" spellcheck={false} />
          </label>
          <label class="field">
            <span>Your name</span>
            <input name="name" required autocomplete="name" />
          </label>
          <label class="field">
            <span>New password</span>
            <input
              name="password"
              type="password"
              required
              minLength={10}
              autocomplete="new-password"
              aria-describedby="new-password-hint"
            />
          </label>
          <p id="new-password-hint" class="hint">
            At least 10 characters.
          </p>
          <button type="submit" class="button button--primary">
            Accept invitation
          </button>
        </form>
      )}
    </div>
  );
}
