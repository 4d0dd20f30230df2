// The conversation core: `decide(state, command, context) -> { state, effects, result }`.
// One conversation = the org's number and one customer (SPEC §2). Pure: time, randomness and settings
// arrive in the context; effects are plain data the Durable Object interprets after saving the state.
import { IDEMPOTENCY_RETENTION_MS } from '../../shared/time';
import type { Consent } from './consent';
import type { KeywordLists } from './keywords';
import type { ConsentRecordDraft } from './ledger';
import type { DeliveryStatus, OutboundContent, OutboundMessage } from './messages';
import type { Bucket } from './rate-limit';
import type { Random } from './retry-policy';
import type { SystemEvent } from './system-events';
import { EMPTY_TEAM, type Team, type UserRef } from './team';
import type { WindowFacts } from './window';

/**
 * v2 (issue 10): the customer may have no visible phone and is also known by a BSUID.
 * v3 (issue 11): the webhook dedupe keys (I6) left the state for the store beside it.
 */
export const CONVERSATION_SCHEMA_VERSION = 3;

/**
 * Who the customer is to WhatsApp (SPEC §2): an E.164 phone, Meta's wa_ids, and from 2026 a
 * business-scoped user id (BSUID). A customer who adopted a username may have no phone at all.
 */
export interface CustomerIdentity {
  /** E.164, or null when the customer hides their number behind a username. */
  phone: string | null;
  waIds: string[];
  /** The current BSUID (a new one is issued when the customer changes number): sends go here first. */
  bsuid: string | null;
}

export interface IdempotencyEntry {
  userId: string;
  key: string;
  fingerprint: string;
  messageId: string;
  at: number;
}

export interface ConversationState {
  schema: number;
  id: string;
  orgId: string;
  phoneNumberId: string;
  customer: CustomerIdentity;
  consent: Consent;
  /** When the last opt-in was accepted by WhatsApp (I3). */
  lastOptInAt: number | null;
  /** wamids of the opt-ins we sent: a Yes / No tap counts only when its context.id is one of them. */
  optInWamids: string[];
  /** Who asked for the current opt-in, for the ledger. */
  optInRequestedBy: string | null;
  window: WindowFacts;
  /** Timer announcements already made, so each fires once (I9). */
  announced: { windowClosedFor: number | null; optInAvailableAt: number | null };
  team: Team;
  messages: OutboundMessage[];
  /** The (business, customer) pair limit, kept here because a conversation is exactly one pair. */
  pair: Bucket | null;
  idempotency: IdempotencyEntry[];
  /** Source of generated ids (threads, notices); ids stay unique and deterministic. */
  counter: number;
}

export interface ConversationContext {
  now: number;
  random: Random;
  orgName: string;
  keywords: KeywordLists;
  /** B12: prefix a lone participant's texts with their name too. */
  singleParticipantPrefix: boolean;
  /** The number's sending is paused after an account-level error (SPEC §6). */
  numberPaused: boolean;
  /**
   * I6: whether a webhook with this dedupe key was already applied. The keys live beside the state,
   * not in it (an `applied` effect adds one, kept DEDUPE_RETENTION_MS): a busy conversation's set
   * would otherwise be copied and saved again by every step.
   */
  applied(key: string): boolean;
}

export interface InboundMessage {
  wamid: string;
  /** WhatsApp's timestamp, epoch ms. */
  timestamp: number;
  /** The customer's wa_id as WhatsApp reports it, else their BSUID (username customers, 2026). */
  from: string;
  kind: 'text' | 'button' | 'image' | 'other';
  /** Text body, image caption or button label. */
  text: string | null;
  button: { payload: string; text: string } | null;
  contextId: string | null;
  media: { id: string; mimeType: string } | null;
}

export interface StatusEvent {
  wamid: string;
  status: DeliveryStatus;
  timestamp: number;
  callbackData: string | null;
  errorCode: number | null;
}

/** What goes to the Cloud API: the message's content as written, less what only we keep. */
export type SendPayload =
  | Exclude<OutboundContent, { type: 'template' }>
  | Omit<Extract<OutboundContent, { type: 'template' }>, 'renderedText'>;

export type Effect =
  | {
      type: 'send';
      messageId: string;
      attempt: number;
      callbackData: string;
      to: string;
      payload: SendPayload;
    }
  | { type: 'ledger'; draft: ConsentRecordDraft }
  /** I6: remember this webhook's dedupe key, saved with the step that applied it. */
  | { type: 'applied'; key: string; at: number }
  | { type: 'message'; message: OutboundMessage }
  /** `at`: when it reached us (orders the thread; WhatsApp's timestamp has one-second resolution). */
  | { type: 'inbound'; threadId: string; at: number; message: InboundMessage }
  | { type: 'system'; threadId: string; at: number; event: SystemEvent }
  | { type: 'pause_number'; code: number; reason: string }
  | { type: 'notify'; reason: 'unassigned' | 'customer_message'; userIds: string[] }
  | { type: 'access_revoked'; userId: string }
  | { type: 'state_changed' };

export type SendResultOutcome =
  | { type: 'accepted'; wamid: string; waId: string | null }
  | { type: 'error'; code: number }
  /** Timeout, network failure, unreadable answer: WhatsApp may or may not have the message (I4). */
  | { type: 'unknown' };

/** What a user writes is what the queue holds. */
export type WriteContent = OutboundContent;

export type Command =
  | { type: 'start'; actor: UserRef }
  | { type: 'request_opt_in'; actor: UserRef; template: Extract<WriteContent, { type: 'template' }> }
  | { type: 'write'; actor: UserRef; idempotencyKey: string; fingerprint: string; content: WriteContent }
  | { type: 'add_participant'; actor: UserRef; target: UserRef }
  | { type: 'leave'; actor: UserRef }
  | { type: 'remove_participant'; actor: UserRef; targetId: string }
  | { type: 'transfer'; actor: UserRef; target: UserRef }
  | { type: 'request_join'; actor: UserRef }
  | { type: 'answer_join'; actor: UserRef; requesterId: string; accept: boolean }
  | { type: 'inbound'; message: InboundMessage }
  | { type: 'status'; status: StatusEvent }
  | { type: 'next_send' }
  | { type: 'send_result'; messageId: string; attempt: number; outcome: SendResultOutcome }
  /** Fire due timers (I9). */
  | { type: 'tick' }
  /** After a restart: sends that were in flight have an unknown outcome. */
  | { type: 'recover' };

export type Result =
  | { ok: true; [key: string]: unknown }
  | { ok: false; reason: string; [key: string]: unknown };

export interface Step<R extends Result = Result> {
  state: ConversationState;
  effects: Effect[];
  result: R;
}

export function createConversation(args: {
  id: string;
  orgId: string;
  phoneNumberId: string;
  customerPhone: string | null;
  customerBsuid?: string | null;
}): ConversationState {
  return {
    schema: CONVERSATION_SCHEMA_VERSION,
    id: args.id,
    orgId: args.orgId,
    phoneNumberId: args.phoneNumberId,
    customer: { phone: args.customerPhone, waIds: [], bsuid: args.customerBsuid ?? null },
    consent: { type: 'none' },
    lastOptInAt: null,
    optInWamids: [],
    optInRequestedBy: null,
    window: { lastInboundAt: null, closedAt: null },
    announced: { windowClosedFor: null, optInAvailableAt: null },
    team: EMPTY_TEAM,
    messages: [],
    pair: null,
    idempotency: [],
    counter: 0,
  };
}

export function nextId(state: ConversationState, prefix: string): [ConversationState, string] {
  const counter = state.counter + 1;
  return [{ ...state, counter }, `${state.id}.${prefix}${counter}`];
}

/** The order an id was made in within its conversation (the counter `nextId` put at its end). */
export function idOrder(id: string): number {
  return Number(/(\d+)$/.exec(id)?.[1] ?? 0);
}

export function findMessage(state: ConversationState, id: string): OutboundMessage | undefined {
  return state.messages.find((m) => m.id === id);
}

/** Replaces one message and reports the change (the DO logs it and tells the thread's readers). */
export function putMessage(
  state: ConversationState,
  message: OutboundMessage,
  effects: Effect[],
): ConversationState {
  const exists = state.messages.some((m) => m.id === message.id);
  const messages = exists
    ? state.messages.map((m) => (m.id === message.id ? message : m))
    : [...state.messages, message];
  effects.push({ type: 'message', message });
  return { ...state, messages };
}

/** Drops what no longer needs remembering: idempotency keys, settled messages. */
export function prune(state: ConversationState, now: number): ConversationState {
  const idempotency = state.idempotency.filter((e) => now - e.at < IDEMPOTENCY_RETENTION_MS);
  const messages = state.messages.filter((m) => !isSettled(m, now));
  return { ...state, idempotency, messages };
}

const SETTLED_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/** A message no status can change any more: kept in the log (the DO's table), not in the live state. */
function isSettled(m: OutboundMessage, now: number): boolean {
  if (m.state === 'queued' || m.state === 'sending' || m.state === 'uncertain') return false;
  if (m.state === 'failed' && m.failure?.code === 'unconfirmed') return now - m.updatedAt > SETTLED_AFTER_MS;
  if (m.state === 'read' || m.state === 'not_sent' || m.state === 'failed')
    return now - m.updatedAt > IDEMPOTENCY_RETENTION_MS;
  return now - m.updatedAt > SETTLED_AFTER_MS;
}

/**
 * The address WhatsApp is sent to: the BSUID when WhatsApp gave us one (it reaches a customer who
 * hides their number, and Meta asks businesses to use it), else the phone. Null: nobody to send to.
 */
export function recipientOf(customer: CustomerIdentity): string | null {
  return customer.bsuid ?? customer.phone;
}

/**
 * The directory learnt more about the customer (a BSUID, a phone they shared, a changed number):
 * the conversation takes it over. Returns the same state when nothing changed.
 */
export function withIdentity(
  state: ConversationState,
  identity: { phone: string | null; bsuid: string | null },
): ConversationState {
  const phone = identity.phone ?? state.customer.phone;
  const bsuid = identity.bsuid ?? state.customer.bsuid;
  if (phone === state.customer.phone && bsuid === state.customer.bsuid) return state;
  return { ...state, customer: { ...state.customer, phone, bsuid } };
}
