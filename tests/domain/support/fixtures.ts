// Shared fixtures for the domain tests: users, a context, a fresh conversation, and a tiny driver
// that applies commands and collects effects.
import {
  type Command,
  type ConversationContext,
  type ConversationState,
  createConversation,
  type Effect,
  type InboundMessage,
  type Result,
  type WriteContent,
} from '../../../worker/domain/conversation';
import { DEDUPE_RETENTION_MS } from '../../../shared/time';
import { decide } from '../../../worker/domain/decide';
import { DEFAULT_KEYWORDS } from '../../../worker/domain/keywords';
import { OPT_IN_YES_PAYLOAD, OPT_IN_NO_PAYLOAD } from '../../../worker/domain/outbound';
import type { UserRef } from '../../../worker/domain/team';

export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
export const HOUR = 3_600_000;

export const alice: UserRef = { id: 'u-alice', name: 'Alice Martin', subOrgId: 'emea', enabled: true };
export const bob: UserRef = { id: 'u-bob', name: 'Bob Keller', subOrgId: 'emea', enabled: true };
export const shawn: UserRef = { id: 'u-shawn', name: 'Shawn Michaels', subOrgId: 'emea', enabled: true };
export const samuelUser: UserRef = {
  id: 'u-samuel',
  name: 'Samuel Johnson',
  subOrgId: 'emea',
  enabled: true,
};
export const carol: UserRef = { id: 'u-carol', name: 'Carol Diaz', subOrgId: 'us', enabled: true };
export const dave: UserRef = { id: 'u-dave', name: 'Dave Brown', subOrgId: 'emea', enabled: false };

export const CUSTOMER = '+14155550101';
export const CUSTOMER_WA_ID = '14155550101';

export function ctxAt(now: number, overrides: Partial<ConversationContext> = {}): ConversationContext {
  return {
    now,
    random: () => 0.5,
    orgName: 'Acme',
    keywords: DEFAULT_KEYWORDS,
    singleParticipantPrefix: false,
    numberPaused: false,
    applied: () => false,
    ...overrides,
  };
}

/**
 * I6's dedupe keys kept beside the state, as the Durable Object's store keeps them: added by the
 * `applied` effects of each step, dropped after DEDUPE_RETENTION_MS (checked at most once an hour).
 */
export class AppliedKeys {
  private readonly keys = new Map<string, number>();
  private prunedAt = Number.NEGATIVE_INFINITY;

  readonly has = (key: string): boolean => this.keys.has(key);

  record(effects: readonly Effect[]): void {
    for (const e of effects) {
      if (e.type !== 'applied') continue;
      this.keys.set(e.key, e.at);
      if (e.at - this.prunedAt < HOUR) continue;
      for (const [key, at] of this.keys) if (at <= e.at - DEDUPE_RETENTION_MS) this.keys.delete(key);
      this.prunedAt = e.at;
    }
  }
}

export function fresh(): ConversationState {
  return createConversation({
    id: 'c1',
    orgId: 'org-acme',
    phoneNumberId: '100000000000001',
    customerPhone: CUSTOMER,
  });
}

export const optInTemplate: Extract<WriteContent, { type: 'template' }> = {
  type: 'template',
  name: 'greenline_opt_in',
  language: 'en_US',
  headerParams: [],
  bodyParams: ['Samuel'],
  quickReplyPayloads: [],
  renderedText:
    'Hi Samuel, Acme would like to send you messages on WhatsApp about your enquiry. Reply Yes to agree or No to decline.',
};

export const followUp: Extract<WriteContent, { type: 'template' }> = {
  type: 'template',
  name: 'meeting_follow_up',
  language: 'en_US',
  headerParams: [],
  bodyParams: ['Samuel', 'Alice', 'Acme'],
  quickReplyPayloads: [],
  renderedText:
    'Hello Samuel, this is Alice from Acme. Following up on our conversation: is now a good time to continue?',
};

let wamidCounter = 0;
export const newWamid = (): string => `wamid.test${++wamidCounter}`;

export function text(body: string, at: number, extra: Partial<InboundMessage> = {}): InboundMessage {
  return {
    wamid: newWamid(),
    timestamp: at,
    from: CUSTOMER_WA_ID,
    kind: 'text',
    text: body,
    button: null,
    contextId: null,
    media: null,
    ...extra,
  };
}

export function tap(answer: 'yes' | 'no', contextId: string, at: number): InboundMessage {
  const payload = answer === 'yes' ? OPT_IN_YES_PAYLOAD : OPT_IN_NO_PAYLOAD;
  return {
    wamid: newWamid(),
    timestamp: at,
    from: CUSTOMER_WA_ID,
    kind: 'button',
    text: answer === 'yes' ? 'Yes' : 'No',
    button: { payload, text: answer === 'yes' ? 'Yes' : 'No' },
    contextId,
    media: null,
  };
}

/** A conversation driver: applies commands in order at a moving clock, keeping every effect. */
export class Driver {
  state: ConversationState = fresh();
  now = T0;
  effects: Effect[] = [];
  ctxOverrides: Partial<ConversationContext> = {};
  readonly applied = new AppliedKeys();
  private keyCounter = 0;

  ctx(): ConversationContext {
    return ctxAt(this.now, { applied: this.applied.has, ...this.ctxOverrides });
  }

  run(command: Command): Result {
    const step = decide(this.state, command, this.ctx());
    this.state = step.state;
    this.applied.record(step.effects);
    this.effects.push(...step.effects);
    return step.result;
  }

  advance(ms: number): void {
    this.now += ms;
    this.run({ type: 'tick' });
  }

  write(actor: UserRef, content: WriteContent, key = `k${++this.keyCounter}`): Result {
    return this.run({
      type: 'write',
      actor,
      idempotencyKey: key,
      fingerprint: JSON.stringify(content),
      content,
    });
  }

  say(body: string, extra: Partial<InboundMessage> = {}): Result {
    return this.run({ type: 'inbound', message: text(body, this.now, extra) });
  }

  /**
   * Drains the queue answering every send with `respond` (default: accepted with a fresh wamid) and
   * returns the send effects in the order they reached the Cloud API.
   */
  drain(
    respond: (
      send: Extract<Effect, { type: 'send' }>,
    ) => Extract<Command, { type: 'send_result' }>['outcome'] = () => ({
      type: 'accepted',
      wamid: newWamid(),
      waId: CUSTOMER_WA_ID,
    }),
  ): Extract<Effect, { type: 'send' }>[] {
    const sent: Extract<Effect, { type: 'send' }>[] = [];
    for (let i = 0; i < 100; i++) {
      const before = this.effects.length;
      this.run({ type: 'next_send' });
      const send = this.effects
        .slice(before)
        .find((e): e is Extract<Effect, { type: 'send' }> => e.type === 'send');
      if (!send) return sent;
      sent.push(send);
      this.run({
        type: 'send_result',
        messageId: send.messageId,
        attempt: send.attempt,
        outcome: respond(send),
      });
    }
    throw new Error('drain did not settle');
  }

  message(id: string) {
    const m = this.state.messages.find((x) => x.id === id);
    if (!m) throw new Error(`no message ${id}`);
    return m;
  }

  ledgerKinds(): string[] {
    return this.effects.flatMap((e) => (e.type === 'ledger' ? [e.draft.kind] : []));
  }

  /** Requests the opt-in as `actor`, drains it, and returns the opt-in's wamid. */
  optIn(actor: UserRef = alice): string {
    const r = this.run({ type: 'request_opt_in', actor, template: optInTemplate });
    if (!r.ok) throw new Error(`opt-in refused: ${r.reason}`);
    const [send] = this.drain();
    const m = send ? this.message(send.messageId) : undefined;
    if (!m?.wamid) throw new Error('opt-in not accepted');
    return m.wamid;
  }
}

export function messageId(result: Result): string {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  const m = result.message as { id: string } | undefined;
  if (!m) throw new Error('no message in result');
  return m.id;
}

/** A conversation with Alice whose customer has just tapped Yes on the opt-in (queue drained). */
export function optedIn(): Driver {
  const d = new Driver();
  const wamid = d.optIn();
  d.run({ type: 'inbound', message: tap('yes', wamid, d.now) });
  d.drain();
  return d;
}
