// B13: who may be added to a conversation — enabled users of the caller's sub-org (and org), not
// already in it.
import type { Db } from '../storage/db';
import type { SessionContext } from '../storage/repos/sessions';
import { listUsers } from '../storage/repos/users';

export async function eligibleColleagues(
  db: Db,
  auth: SessionContext,
  participantIds: string[],
): Promise<{ userId: string; name: string }[]> {
  const inIt = new Set(participantIds);
  const users = await listUsers(db, auth.org.id);
  return users
    .filter(
      (u) =>
        u.subOrgId === auth.user.subOrgId &&
        u.whatsappEnabled &&
        u.disabledAt === null &&
        u.removedAt === null &&
        !inIt.has(u.id) &&
        u.id !== auth.user.id,
    )
    .map((u) => ({ userId: u.id, name: u.name }));
}
