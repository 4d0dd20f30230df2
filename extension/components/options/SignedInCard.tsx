// Who is signed in, in which org, and whether WhatsApp works for them — with the reason when not.
import { type AccountModel, describeAccess } from '../../models/options/account';

function onOff(on: boolean): string {
  return on ? 'On' : 'Off';
}

export function SignedInCard(props: { account: AccountModel }) {
  const { account } = props;
  const status = account.status.value;
  const me = account.me.value;
  if (!status?.user) return null;
  const access = me ? describeAccess(me, status) : null;
  const org = me?.org.name ?? status.org?.name ?? '';
  return (
    <div class="card">
      <p class="signed-in">
        Signed in as <strong class="signed-in__name">{status.user.name}</strong>
      </p>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{status.user.email}</dd>
        <dt>Role</dt>
        <dd>{status.user.role === 'admin' ? 'Admin' : 'Agent'}</dd>
        <dt>Organisation</dt>
        <dd>{me ? `${org} (${me.user.subOrgName})` : org}</dd>
        <dt>Server</dt>
        <dd>{status.serverUrl}</dd>
        {access && (
          <>
            <dt>WhatsApp for the organisation</dt>
            <dd>{onOff(access.orgEnabled)}</dd>
            <dt>WhatsApp for you</dt>
            <dd>{onOff(access.userEnabled)}</dd>
          </>
        )}
      </dl>
      {access?.reason && <p class="warning">{access.reason}</p>}
      {!me && status.disabledReason && <p class="warning">{status.disabledReason}</p>}
      <p class="note note--error" role="alert">
        {account.meTask.error.value ?? ''}
      </p>
      <button type="button" class="button" onClick={() => void account.signOut()}>
        Sign out
      </button>
    </div>
  );
}
