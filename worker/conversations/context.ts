// What the conversation core needs to know about the world for one decision: the time, the org's
// name and settings, and whether the number's sending is paused. The directory facts (one query) are
// read at most once per second per conversation object (a burst of webhooks and sends shares them); an admin's
// change applies within that second, and a pause this object decides applies at once. Webhook intake
// has just read the same org and number to route the event and hands them over (`offer`), so the
// object does not read them again; after a pause or a wake the object reads them itself first.
import type { ConversationContext } from '../domain/conversation';
import { DEFAULT_KEYWORDS } from '../domain/keywords';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { Db } from '../storage/db';
import { getOrgWithNumber, type NumberRow } from '../storage/repos/numbers';
import type { OrgRow } from '../storage/repos/orgs';

export type DirectoryFacts = Omit<ConversationContext, 'now' | 'random' | 'applied'>;

/**
 * Facts someone else read from the directory, for which org, and when (ms, before the read began);
 * `validAt`, when given, is when a route object that is told of every change vouched for them.
 */
export interface OfferedFacts {
  orgId: string;
  facts: DirectoryFacts;
  readAt: number;
  validAt?: number;
}

export function factsOf(org: OrgRow, number: Pick<NumberRow, 'paused'> | null): DirectoryFacts {
  return {
    orgName: org.name,
    keywords: org.settings.keywords ?? DEFAULT_KEYWORDS,
    singleParticipantPrefix: org.settings.singleParticipantPrefix,
    numberPaused: number?.paused ?? false,
  };
}

const FACTS_TTL_MS = 1_000;

export class ContextSource {
  /** `at`: when their read began (orders reads); `validAt`: when last known current (freshness). */
  private cached: { facts: DirectoryFacts; at: number; validAt: number } | null = null;
  /** After a pause or a wake the next facts come from this object's own read, never an offer. */
  private mustRead = false;

  constructor(
    private readonly read: () => Promise<DirectoryFacts>,
    private readonly applied: (key: string) => boolean,
  ) {}

  async at(now: number): Promise<ConversationContext> {
    const facts = await this.facts();
    return { ...facts, now, random: Math.random, applied: this.applied };
  }

  /**
   * Forget what was read (the number was just paused, or the object woke up). `fresh`: facts read
   * after the change by whoever made it (an admin's resume), taken as this object's own read.
   */
  invalidate(fresh?: OfferedFacts): void {
    this.cached = fresh ? { facts: fresh.facts, at: fresh.readAt, validAt: fresh.readAt } : null;
    this.mustRead = fresh === undefined;
  }

  /** Takes facts read by the caller (webhook intake) unless what is held was read later. */
  offer(offered: OfferedFacts): void {
    if (this.mustRead) return;
    if (this.cached && this.cached.at > offered.readAt) return;
    const validAt = Math.max(offered.validAt ?? offered.readAt, offered.readAt);
    this.cached = { facts: offered.facts, at: offered.readAt, validAt };
  }

  private async facts(): Promise<DirectoryFacts> {
    const held = this.cached;
    if (held && Date.now() - held.validAt < FACTS_TTL_MS) return held.facts;
    const readAt = Date.now();
    const facts = await this.read();
    // An offer newer than this read may have arrived meanwhile: keep the newer.
    if (!this.cached || this.cached.at < readAt) this.cached = { facts, at: readAt, validAt: readAt };
    this.mustRead = false;
    return facts;
  }
}

/** The conversation's org and number as the directory holds them now. */
export async function readDirectoryFacts(db: Db, ref: ConversationRef | null): Promise<DirectoryFacts> {
  if (!ref) throw new Error('conversation not opened');
  const found = await getOrgWithNumber(db, ref.orgId);
  if (!found) throw new Error(`conversation ${ref.conversationId}: org not found`);
  return factsOf(found.org, found.number);
}
