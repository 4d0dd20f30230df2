// Signing in: which server, email and password. The server's host permission is asked for inside
// the submit (a click), which browsers require for permission prompts.
import type { AccountModel } from '../../models/options/account';
import { formValues } from './ui';

export function SignInForm(props: { account: AccountModel }) {
  const { account } = props;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (account.task.busy.value) return;
    const form = event.currentTarget as HTMLFormElement;
    const field = formValues(form);
    void account
      .signIn({ serverUrl: account.serverUrl.value, email: field('email'), password: field('password') })
      .then((ok) => ok && form.reset());
  };
  return (
    <form class="form" onSubmit={onSubmit} aria-labelledby="sign-in-title">
      <h3 id="sign-in-title">Sign in</h3>
      <label class="field">
        <span>Server</span>
        <input
          name="server"
          type="url"
          required
          autocomplete="url"
          value={account.serverUrl.value}
          onInput={(e) => account.typeServer(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Email</span>
        <input name="email" type="email" required autocomplete="username" />
      </label>
      <label class="field">
        <span>Password</span>
        <input name="password" type="password" required autocomplete="current-password" />
      </label>
      <button type="submit" class="button button--primary">
        Sign in
      </button>
    </form>
  );
}
