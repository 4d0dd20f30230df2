// What users send: the opt-in (B1), texts, pictures and templates (B4, B7, B9), with idempotency keys
// (I4) and the send policy deciding send / queue / refuse (I1, I2).
import { canRequestOptIn } from './consent';
import {
  type Command,
  type ConversationContext,
  type ConversationState,
  type Effect,
  nextId,
  putMessage,
  type Step,
} from './conversation';
import { isPending } from './messages';
import { kindOf, newMessage } from './queue-ops';
import { decideSend } from './send-policy';
import { currentThread, isParticipant, readAccess, start } from './team';
import { isWindowOpen } from './window';

/** Quick-reply payloads of the opt-in template's Yes / No buttons; a tap comes back with one of them. */
export const OPT_IN_YES_PAYLOAD = 'greenline:opt_in:yes';
export const OPT_IN_NO_PAYLOAD = 'greenline:opt_in:no';

type OptInCommand = Extract<Command, { type: 'request_opt_in' }>;
type WriteCommand = Extract<Command, { type: 'write' }>;

/** B1: the user confirmed; queue the org's opt-in template (it goes out on the next drain). */
export function requestOptIn(state: ConversationState, cmd: OptInCommand, ctx: ConversationContext): Step {
  const allowed = canRequestOptIn(state.consent, state.lastOptInAt, ctx.now);
  if (!allowed.ok) return { state, effects: [], result: allowed };
  if (state.messages.some((m) => m.kind === 'opt_in' && isPending(m))) {
    return { state, effects: [], result: { ok: false, reason: 'opt_in_in_progress' } };
  }
  const effects: Effect[] = [];
  let next = state;
  const [withThreadId, threadId] = nextId(next, 't');
  const started = start(withThreadId.team, cmd.actor, threadId, ctx.now);
  if (started.outcome.type === 'occupied') {
    return {
      state,
      effects: [],
      result: { ok: false, reason: 'occupied', participants: started.outcome.participants },
    };
  }
  next = { ...withThreadId, team: started.team, optInRequestedBy: cmd.actor.id };
  const thread = currentThread(next.team);
  if (!thread) throw new Error('invariant: a started conversation has a thread');
  for (const event of started.events)
    effects.push({ type: 'system', threadId: thread.id, at: ctx.now, event });
  const [withId, id] = nextId(next, 'm');
  const content = { ...cmd.template, quickReplyPayloads: [OPT_IN_YES_PAYLOAD, OPT_IN_NO_PAYLOAD] };
  const message = newMessage({
    id,
    threadId: thread.id,
    authorId: cmd.actor.id,
    kind: 'opt_in',
    content,
    now: ctx.now,
  });
  next = putMessage(withId, message, effects);
  effects.push({ type: 'state_changed' });
  return { state: next, effects, result: { ok: true, message } };
}

/** A user's text, picture or template: refused, queued (shown as queued) or sent on the next drain. */
export function write(state: ConversationState, cmd: WriteCommand, ctx: ConversationContext): Step {
  const known = state.idempotency.find((e) => e.userId === cmd.actor.id && e.key === cmd.idempotencyKey);
  if (known) {
    // I4: a retried request returns the first result; the same key with another body is refused.
    if (known.fingerprint !== cmd.fingerprint)
      return { state, effects: [], result: { ok: false, reason: 'idempotency_conflict' } };
    const original = state.messages.find((m) => m.id === known.messageId);
    // B15: someone removed since has lost the thread, and its messages with it, their own included.
    if (original && !readAccess(state.team, cmd.actor.id, original.threadId))
      return { state, effects: [], result: { ok: false, reason: 'not_participant' } };
    return { state, effects: [], result: { ok: true, message: original, duplicate: true } };
  }
  const thread = currentThread(state.team);
  if (!thread || !isParticipant(state.team, cmd.actor.id)) {
    return { state, effects: [], result: { ok: false, reason: 'not_participant' } };
  }
  const kind = kindOf(cmd.content);
  const decision = decideSend(kind, {
    consent: state.consent.type,
    windowOpen: isWindowOpen(state.window, ctx.now),
  });
  if (decision.type === 'refuse')
    return { state, effects: [], result: { ok: false, reason: decision.reason } };

  const effects: Effect[] = [];
  const [withId, id] = nextId(state, 'm');
  const message = {
    ...newMessage({
      id,
      threadId: thread.id,
      authorId: cmd.actor.id,
      kind,
      content: cmd.content,
      now: ctx.now,
    }),
    holdReason: decision.type === 'queue' ? decision.reason : null,
  };
  let next = putMessage(withId, message, effects);
  next = {
    ...next,
    idempotency: [
      ...next.idempotency,
      {
        userId: cmd.actor.id,
        key: cmd.idempotencyKey,
        fingerprint: cmd.fingerprint,
        messageId: id,
        at: ctx.now,
      },
    ],
  };
  return { state: next, effects, result: { ok: true, message, duplicate: false } };
}
