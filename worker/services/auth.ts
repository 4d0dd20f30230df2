// Sign-in use cases: login with throttling, and accepting an invitation (which sets the first
// password and signs the new user in).
import type { SessionResponse } from '../../shared/api/auth';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/password';
import { hashToken } from '../auth/tokens';
import type { Db } from '../storage/db';
import { claimInvitation, unclaimInvitation } from '../storage/repos/invitations';
import { getSubOrg } from '../storage/repos/orgs';
import { createUser, findUserByEmail } from '../storage/repos/users';
import { ApiError } from './errors';
import { assertNotThrottled, recordFailure, recordSuccess, throttleKey } from './login-throttle';
import { issueSession } from './sessions';

const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Wrong email or password.');

export async function login(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  now: number,
): Promise<SessionResponse> {
  const key = await throttleKey(input.email, input.clientAddress);
  await assertNotThrottled(db, key, now);
  const user = await findUserByEmail(db, input.email);
  const stored = user
    ? { hash: user.passwordHash, salt: user.passwordSalt, iterations: user.passwordIterations }
    : DUMMY_PASSWORD_HASH;
  const ok = await verifyPassword(input.password, stored);
  if (!user || !ok) {
    await recordFailure(db, key, now);
    throw invalidCredentials();
  }
  await recordSuccess(db, key);
  if (user.disabledAt !== null) {
    throw new ApiError(403, 'account_disabled', 'This account has been disabled by an administrator.');
  }
  return issueSession(db, user, now);
}

export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; name: string },
  now: number,
): Promise<SessionResponse> {
  const invitation = await claimInvitation(db, await hashToken(input.token), now);
  if (!invitation) {
    throw new ApiError(
      400,
      'invalid_invitation',
      'This invitation is not valid: it may have expired, been used or revoked.',
    );
  }
  if (await findUserByEmail(db, invitation.email)) {
    await unclaimInvitation(db, invitation.id);
    throw new ApiError(409, 'email_taken', 'An account with this email address already exists.');
  }
  if (!(await getSubOrg(db, invitation.orgId, invitation.subOrgId))) {
    await unclaimInvitation(db, invitation.id);
    throw new ApiError(
      409,
      'invalid_invitation',
      'The team this invitation was for no longer exists: ask for a new one.',
    );
  }
  const password = await hashPassword(input.password);
  const user = await createUser(db, {
    orgId: invitation.orgId,
    subOrgId: invitation.subOrgId,
    email: invitation.email,
    name: input.name,
    role: invitation.role,
    whatsappEnabled: invitation.whatsappEnabled,
    passwordHash: password.hash,
    passwordSalt: password.salt,
    passwordIterations: password.iterations,
    now,
  });
  return issueSession(db, user, now);
}
