// B11: the history list previews each thread's latest item. Of two messages written in the same
// millisecond (a user's quick double send, a notice and a text), the one written last is the
// preview, whatever happens to the other afterwards: a status for the earlier one must not turn the
// list back to it (the directory is not rewritten for statuses, P3).
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ConversationState, Step } from '../../worker/domain/conversation';
import type { OutboundMessage } from '../../worker/domain/messages';
import { newMessage } from '../../worker/domain/queue-ops';
import { ConversationStore } from '../../worker/durable-objects/conversation-store';

const AT = Date.UTC(2026, 10, 30, 9, 0, 0);

function message(counter: number, text: string, state: OutboundMessage['state']): OutboundMessage {
  const queued = newMessage({
    id: `conv-ties.m${counter}`,
    threadId: 'conv-ties.t1',
    authorId: 'u-alice',
    kind: 'text',
    content: { type: 'text', text },
    now: AT,
  });
  return { ...queued, state, attempts: 1, sentText: text };
}

const step = (...messages: OutboundMessage[]): Step => ({
  state: { id: 'conv-ties' } as unknown as ConversationState,
  effects: messages.map((m) => ({ type: 'message' as const, message: m })),
  result: { ok: true },
});

describe('the history preview of a thread (B11)', () => {
  it('B11: of two messages of the same millisecond, the later one stays the preview when the earlier one is delivered', async () => {
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName('last-of-ties'));
    const previews = await runInDurableObject(stub, (_instance, state) => {
      const store = new ConversationStore(state.storage.sql);
      store.migrate();
      // Ids count up past 9 so that their text order is not their creation order.
      store.saveStep(step(message(9, 'first', 'sent'), message(10, 'second', 'sent')));
      const before = store.lastOf('conv-ties.t1')?.text;
      store.saveStep(step(message(9, 'first', 'delivered')));
      return [before, store.lastOf('conv-ties.t1')?.text];
    });
    expect(previews).toEqual(['second', 'second']);
  });
});
