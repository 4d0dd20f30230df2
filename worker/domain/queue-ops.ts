// Putting messages into a conversation's outbound queue and taking them out without sending:
// new messages, automated notices, and "not sent" when their reason to exist is gone (B4, B14, B15).
import {
  type ConversationContext,
  type ConversationState,
  type Effect,
  nextId,
  putMessage,
  type WriteContent,
} from './conversation';
import { isWindowOpen } from './window';
import { type NotSentReason, notSent, type OutboundContent, type OutboundMessage } from './messages';
import { decideSend, type NoticeKind, type OutboundKind } from './send-policy';
import { noticeText } from './system-events';
import { currentThread } from './team';

export function kindOf(content: WriteContent | OutboundContent): OutboundKind {
  return content.type === 'template' ? 'template' : content.type;
}

export function newMessage(args: {
  id: string;
  threadId: string;
  authorId: string | null;
  kind: OutboundKind;
  notice?: NoticeKind;
  content: OutboundContent;
  now: number;
}): OutboundMessage {
  return {
    id: args.id,
    threadId: args.threadId,
    authorId: args.authorId,
    kind: args.kind,
    notice: args.notice ?? null,
    content: args.content,
    createdAt: args.now,
    updatedAt: args.now,
    state: 'queued',
    holdReason: null,
    attempts: 0,
    liveFromAttempt: 1,
    nextAttemptAt: null,
    wamid: null,
    uncertainSince: null,
    failure: null,
    notSentReason: null,
    sentText: null,
  };
}

/**
 * Queues an automated notice for the customer if it may go out now (I1 exceptions, I2 window rule);
 * otherwise nothing is created: notices are never held for later.
 */
export function enqueueNotice(
  state: ConversationState,
  kind: NoticeKind,
  name: string | null,
  ctx: ConversationContext,
  effects: Effect[],
): ConversationState {
  const thread = currentThread(state.team) ?? state.team.threads.at(-1);
  if (!thread) return state;
  const decision = decideSend('notice', {
    consent: state.consent.type,
    windowOpen: isWindowOpen(state.window, ctx.now),
    notice: kind,
  });
  if (decision.type !== 'send') return state;
  const [next, id] = nextId(state, 'n');
  const text = noticeText(kind, ctx.orgName, name);
  const message = newMessage({
    id,
    threadId: thread.id,
    authorId: null,
    kind: 'notice',
    notice: kind,
    content: { type: 'text', text },
    now: ctx.now,
  });
  return putMessage(next, message, effects);
}

/** Every not-yet-sent message matching `which` becomes "not sent" with `reason`. */
export function dropQueued(
  state: ConversationState,
  which: (m: OutboundMessage) => boolean,
  reason: NotSentReason,
  now: number,
  effects: Effect[],
): ConversationState {
  let next = state;
  for (const m of state.messages) {
    if (m.state === 'queued' && which(m)) next = putMessage(next, notSent(m, reason, now), effects);
  }
  return next;
}
