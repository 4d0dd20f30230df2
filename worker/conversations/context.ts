// What the conversation core needs to know about the world for one decision: the time, the org's
// name and settings, and whether the number's sending is paused. Read from the directory each time,
// so an admin's change applies to the very next decision.
import type { ConversationContext } from '../domain/conversation';
import { DEFAULT_KEYWORDS } from '../domain/keywords';
import type { Db } from '../storage/db';
import { getOrg } from '../storage/repos/orgs';
import { getOrgNumber } from '../storage/repos/numbers';
import type { ConversationRef } from '../durable-objects/conversation-store';

export async function loadContext(db: Db, ref: ConversationRef, now: number): Promise<ConversationContext> {
  const [org, number] = await Promise.all([getOrg(db, ref.orgId), getOrgNumber(db, ref.orgId)]);
  if (!org) throw new Error(`conversation ${ref.conversationId}: org not found`);
  return {
    now,
    random: Math.random,
    orgName: org.name,
    keywords: org.settings.keywords ?? DEFAULT_KEYWORDS,
    singleParticipantPrefix: org.settings.singleParticipantPrefix,
    numberPaused: number?.paused ?? false,
  };
}
