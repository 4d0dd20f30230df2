// Live events of one conversation step (B8, B13, B20, B22): who is told what. Thread items go to the
// thread's current readers (system lines worded for each of them), panel changes to the participants,
// a customer's message raises a notification, and a removed user learns their access ended.
import type { LiveFrame } from '../../shared/api/live';
import type { ConversationState, Effect } from '../domain/conversation';
import { describeSystemEvent } from '../domain/system-events';
import type { Env } from '../env';
import type { Push } from './publish';
import { outboundItem } from './thread-view';

const PREVIEW = 120;

/** Users reading `threadId` now (participants; not those who left or were removed). */
function currentReaders(state: ConversationState, threadId: string): string[] {
  return state.team.access.filter((g) => g.threadId === threadId && g.until === null).map((g) => g.userId);
}

export function livePushes(
  ref: { conversationId: string; contactId: string },
  state: ConversationState,
  effects: readonly Effect[],
): Push[] {
  const { conversationId, contactId } = ref;
  const pushes: Push[] = [];
  const toReaders = (threadId: string, frameFor: (userId: string) => LiveFrame) => {
    for (const userId of currentReaders(state, threadId)) pushes.push({ userId, frame: frameFor(userId) });
  };
  for (const e of effects) {
    switch (e.type) {
      case 'message':
        if (e.message.kind !== 'notice' || e.message.state !== 'queued') {
          toReaders(e.message.threadId, () => ({
            type: 'item',
            conversationId,
            threadId: e.message.threadId,
            item: outboundItem(e.message),
          }));
        }
        break;
      case 'inbound': {
        const m = e.message;
        const item = {
          type: 'inbound' as const,
          id: m.wamid,
          // When it reached Greenline (ms), as the thread orders it: WhatsApp's own timestamp is whole
          // seconds, so a reply in the same second as the agent's message would sort above it.
          at: e.at,
          kind: m.kind,
          text: m.text,
          mediaId: m.media?.id ?? null,
        };
        toReaders(e.threadId, () => ({ type: 'item', conversationId, threadId: e.threadId, item }));
        break;
      }
      case 'system':
        toReaders(e.threadId, (userId) => ({
          type: 'item',
          conversationId,
          threadId: e.threadId,
          item: { type: 'system', at: e.at, text: describeSystemEvent(e.event, userId) },
        }));
        // B22: the colleague who asked to join reads no thread here; they are told the answer.
        if (e.event.type === 'join_declined') {
          const { subject } = e.event;
          const text = describeSystemEvent(e.event, subject.id);
          pushes.push({
            userId: subject.id,
            frame: { type: 'conversation', conversationId, contactId, text },
          });
        }
        break;
      case 'notify': {
        const inbound = effects.find((x): x is Extract<Effect, { type: 'inbound' }> => x.type === 'inbound');
        const text = inbound?.message.text?.slice(0, PREVIEW) ?? null;
        for (const userId of e.userIds) {
          pushes.push({
            userId,
            frame:
              e.reason === 'unassigned'
                ? { type: 'unassigned', conversationId, contactId }
                : { type: 'customer_message', conversationId, contactId, text },
          });
        }
        break;
      }
      case 'access_revoked': {
        // B15: the removed user is told who removed them, in the SPEC's words.
        const removal = effects.find(
          (x): x is Extract<Effect, { type: 'system' }> =>
            x.type === 'system' && x.event.type === 'removed' && x.event.subject.id === e.userId,
        );
        const text = removal ? describeSystemEvent(removal.event, e.userId) : undefined;
        pushes.push({
          userId: e.userId,
          frame: { type: 'access_revoked', conversationId, ...(text ? { text } : {}) },
        });
        break;
      }
      case 'state_changed':
        for (const p of state.team.participants)
          pushes.push({ userId: p.userId, frame: { type: 'conversation', conversationId, contactId } });
        break;
      default:
        break;
    }
  }
  return dedupe(pushes);
}

/** One 'conversation' frame per user per step is enough (one that tells them something is its own). */
function dedupe(pushes: Push[]): Push[] {
  const seen = new Set<string>();
  return pushes.filter((p) => {
    if (p.frame.type !== 'conversation') return true;
    const key = `${p.userId}:${p.frame.conversationId}:${p.frame.text ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Delivers the pushes; a user without an open socket simply gets nothing (they read on next load). */
export async function deliverLive(env: Env, pushes: readonly Push[]): Promise<void> {
  if (pushes.length === 0) return;
  const byUser = new Map<string, LiveFrame[]>();
  for (const p of pushes) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p.frame]);
  await Promise.allSettled(
    [...byUser].map(async ([userId, frames]) => {
      // One call per user; sockets of revoked or expired sessions were ended already (I8).
      await env.USER_LIVE.get(env.USER_LIVE.idFromName(userId)).pushAll(frames);
    }),
  );
}
