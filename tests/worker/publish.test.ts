// B20 / B22: a panel reloads its Unassigned and history lists when told a customer wrote; the frame
// that tells it must not overtake the directory batch that puts the message in those lists.
import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '../../shared/api/live';
import { type Push, publishStep } from '../../worker/conversations/publish';

const item: LiveFrame = {
  type: 'item',
  conversationId: 'c1',
  threadId: 't1',
  item: { type: 'inbound', id: 'wamid.1', at: 1, kind: 'text', text: 'Hello', mediaId: null },
};
const pushes: Push[] = [
  { userId: 'alice', frame: item },
  { userId: 'bob', frame: { type: 'unassigned', conversationId: 'c1', contactId: 'k1' } },
  {
    userId: 'carol',
    frame: { type: 'customer_message', conversationId: 'c1', contactId: 'k1', text: 'Hello' },
  },
];

function held() {
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { done, release };
}

describe('publishing a step (B20, B22)', () => {
  it('sends thread items at once, and the frames that reload a list only after the directory batch', async () => {
    const batch = held();
    const delivered: string[] = [];
    const published = publishStep(
      {
        deliver: async (list) => {
          for (const p of list) delivered.push(`${p.userId}:${p.frame.type}`);
        },
        writeDirectory: () => batch.done,
      },
      pushes,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered).toEqual(['alice:item']);

    batch.release();
    await published;
    expect(delivered).toEqual(['alice:item', 'bob:unassigned', 'carol:customer_message']);
  });

  it('a failed directory batch fails the step and announces nothing (the next delivery retries)', async () => {
    const delivered: string[] = [];
    await expect(
      publishStep(
        {
          deliver: async (list) => {
            for (const p of list) delivered.push(p.frame.type);
          },
          writeDirectory: () => Promise.reject(new Error('D1 is down')),
        },
        pushes,
      ),
    ).rejects.toThrow('D1 is down');
    expect(delivered).toEqual(['item']);
  });
});
