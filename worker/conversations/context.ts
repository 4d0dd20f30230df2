// What the conversation core needs to know about the world for one decision: the time, the org's
// name and settings, and whether the number's sending is paused. The directory facts (one query) are
// read at most once per second per conversation object (a burst of webhooks and sends shares them); an admin's
// change applies within that second, and a pause this object decides applies at once.
import type { ConversationContext } from '../domain/conversation';
import { DEFAULT_KEYWORDS } from '../domain/keywords';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { Db } from '../storage/db';
import { getOrgWithNumber } from '../storage/repos/numbers';

type Facts = Omit<ConversationContext, 'now' | 'random' | 'applied'>;

const FACTS_TTL_MS = 1_000;

export class ContextSource {
  private cached: { facts: Facts; at: number } | null = null;

  constructor(
    private readonly db: () => Db,
    private readonly ref: () => ConversationRef | null,
    private readonly applied: (key: string) => boolean,
  ) {}

  async at(now: number): Promise<ConversationContext> {
    const facts = await this.facts();
    return { ...facts, now, random: Math.random, applied: this.applied };
  }

  /** Forget what was read (the number was just paused, or the object woke up). */
  invalidate(): void {
    this.cached = null;
  }

  private async facts(): Promise<Facts> {
    const fresh = this.cached && Date.now() - this.cached.at < FACTS_TTL_MS ? this.cached.facts : null;
    if (fresh) return fresh;
    const ref = this.ref();
    if (!ref) throw new Error('conversation not opened');
    const db = this.db();
    const found = await getOrgWithNumber(db, ref.orgId);
    if (!found) throw new Error(`conversation ${ref.conversationId}: org not found`);
    const { org, number } = found;
    const facts: Facts = {
      orgName: org.name,
      keywords: org.settings.keywords ?? DEFAULT_KEYWORDS,
      singleParticipantPrefix: org.settings.singleParticipantPrefix,
      numberPaused: number?.paused ?? false,
    };
    this.cached = { facts, at: Date.now() };
    return facts;
  }
}
