// The hook from the code that revokes sessions or withdraws access to the users' live objects (I8):
// called after the D1 write, it closes the affected sockets at once, so the live object never reads
// D1 before a frame. Awaited by the route: if the call fails, the request fails and is retried.
import type { LiveEnding } from '../durable-objects/live-sockets';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { listUsers } from '../storage/repos/users';

/** Closes the user's sockets: those of `sessionId` only, or all of them. */
export async function endLive(
  env: Env,
  userId: string,
  ending: LiveEnding,
  sessionId?: string,
): Promise<void> {
  await env.USER_LIVE.get(env.USER_LIVE.idFromName(userId)).end(ending, sessionId);
}

/** WhatsApp switched off for the org: every user's sockets close. */
export async function endOrgLive(env: Env, db: Db, orgId: string): Promise<void> {
  const users = await listUsers(db, orgId);
  await Promise.all(users.map((user) => endLive(env, user.id, 'whatsappOff')));
}
