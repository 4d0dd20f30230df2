// The account section: sign in (or accept an invitation) when signed out; who is signed in otherwise.
import type { AccountModel } from '../../models/options/account';
import { InvitationForm } from './InvitationForm';
import { SignedInCard } from './SignedInCard';
import { SignInForm } from './SignInForm';
import { Section, TaskNotes } from './ui';

export function AccountSection(props: { account: AccountModel }) {
  const { account } = props;
  const status = account.status.value;
  // The forms appear once the background has answered (or failed to), never to vanish under typing.
  const checking = status === null && account.checkTask.error.value === null;
  return (
    <Section id="account" title="Account">
      {checking && <p>Checking your session…</p>}
      {status?.signedIn && <SignedInCard account={account} />}
      {!checking && !status?.signedIn && (
        <>
          <SignInForm account={account} />
          <InvitationForm account={account} />
        </>
      )}
      <TaskNotes task={account.checkTask} />
      <TaskNotes task={account.task} busyText="Please wait…" />
    </Section>
  );
}
