// A message from the customer (B2, B3, B6, B22, I6): applied once, opens the window, answers the
// opt-in or matches a keyword, and lands in the current thread or starts an unassigned one.
import type { ConsentEvent } from './consent';
import { changeConsent } from './consent-steps';
import {
  type Command,
  type ConversationContext,
  type ConversationState,
  type Effect,
  type InboundMessage,
  nextId,
  type Step,
} from './conversation';
import { matchKeyword } from './keywords';
import type { CustomerReply } from './ledger';
import { OPT_IN_NO_PAYLOAD, OPT_IN_YES_PAYLOAD } from './outbound';
import { currentThread, startThread } from './team';
import { onCustomerMessage } from './window';

type InboundCommand = Extract<Command, { type: 'inbound' }>;

export function onInbound(state: ConversationState, cmd: InboundCommand, ctx: ConversationContext): Step {
  const msg = cmd.message;
  const key = `m:${msg.wamid}`;
  if (ctx.applied(key)) return { state, effects: [], result: { ok: true, duplicate: true } };
  const effects: Effect[] = [{ type: 'applied', key, at: ctx.now }];
  let next: ConversationState = { ...state, window: onCustomerMessage(state.window, msg.timestamp) };
  if (!next.customer.waIds.includes(msg.from)) {
    next = { ...next, customer: { ...next.customer, waIds: [...next.customer.waIds, msg.from] } };
  }

  // B22: a message with nobody on our side starts (or lands in) an unassigned thread.
  let thread = currentThread(next.team);
  if (!thread) {
    const [withId, threadId] = nextId(next, 't');
    next = { ...withId, team: startThread(withId.team, threadId, null, ctx.now) };
    thread = currentThread(next.team);
  }
  if (!thread) throw new Error('invariant: an inbound message has a thread');
  effects.push({ type: 'inbound', threadId: thread.id, at: ctx.now, message: msg });
  effects.push({ type: 'state_changed' });
  if (next.team.participants.length === 0) {
    effects.push({ type: 'notify', reason: 'unassigned', userIds: next.team.lastParticipants });
  } else {
    effects.push({
      type: 'notify',
      reason: 'customer_message',
      userIds: next.team.participants.map((p) => p.userId),
    });
  }

  const reply = customerReply(msg);
  const details = {
    occurredAt: msg.timestamp,
    reply,
    wamids: [msg.wamid, ...(msg.contextId ? [msg.contextId] : [])],
  };
  // Any message proves the number is on WhatsApp (B2a) before it is read as an answer.
  next = changeConsent(next, { type: 'customer_message' }, details, ctx, effects);
  const event = consentEventOf(next, msg, ctx);
  if (event) next = changeConsent(next, event, details, ctx, effects);
  return { state: next, effects, result: { ok: true, duplicate: false, threadId: thread.id } };
}

function customerReply(msg: InboundMessage): CustomerReply | null {
  if (msg.button) return { type: 'button', payload: msg.button.payload, text: msg.button.text };
  if (msg.text !== null) return { type: 'text', text: msg.text };
  return null;
}

/** B2 / B3: a tap on our opt-in's buttons, or a keyword in a text or button label. */
function consentEventOf(
  state: ConversationState,
  msg: InboundMessage,
  ctx: ConversationContext,
): ConsentEvent | null {
  // Our payloads mark our opt-in's buttons, also when the tap arrives before WhatsApp's answer to it.
  const ours = msg.button?.payload === OPT_IN_YES_PAYLOAD || msg.button?.payload === OPT_IN_NO_PAYLOAD;
  if (msg.button && (ours || (msg.contextId !== null && state.optInWamids.includes(msg.contextId)))) {
    if (msg.button.payload === OPT_IN_YES_PAYLOAD) return { type: 'opt_in_button', answer: 'yes' };
    if (msg.button.payload === OPT_IN_NO_PAYLOAD) return { type: 'opt_in_button', answer: 'no' };
    const label = matchKeyword(msg.button.text, ctx.keywords);
    if (label === 'yes' || label === 'opt_in') return { type: 'opt_in_button', answer: 'yes' };
    if (label === 'no' || label === 'opt_out') return { type: 'opt_in_button', answer: 'no' };
    return null;
  }
  const text = msg.button ? msg.button.text : msg.kind === 'text' ? msg.text : null;
  if (text === null) return null;
  const keyword = matchKeyword(text, ctx.keywords);
  if (keyword === null) return null;
  // Button labels of other templates count only as unambiguous keywords, never as a bare yes / no.
  if (msg.button && (keyword === 'yes' || keyword === 'no')) return null;
  return { type: 'keyword', keyword };
}
