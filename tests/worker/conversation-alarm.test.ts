// I9 / P1: every customer message pushes the 24-hour window's end a little further. The conversation's
// one alarm is not moved later each time (a storage write per message); the earlier alarm rings,
// finds nothing due, and is re-armed for the real end. The window must close neither early nor never.
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationAlarm } from '../../worker/durable-objects/conversation-alarm';
import { customerSays, handle, optedIn, state, thread } from './conversations-support';
import { setupDemo, tokenFor } from './helpers';

let alice = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
});

describe("the conversation's alarm follows the window (I9, P1)", () => {
  it('an alarm earlier than the window end rings, keeps the window open and is re-armed for the end', async () => {
    const phone = '+14155550193';
    const { contact, conversationId } = await optedIn(alice, 'Alarm Customer', phone);
    const { stub } = await handle(conversationId);
    const alarm = () => runInDurableObject(stub, (_instance, storage) => storage.storage.getAlarm());

    const opened = await state(alice, contact);
    expect(opened.window.open).toBe(true);
    const firstEnd = opened.window.expiresAt ?? Number.NaN;
    const armed = await alarm();
    expect(armed).toBeLessThanOrEqual(firstEnd);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await customerSays(conversationId, phone, { text: 'One more thing', timestamp: Date.now() });
    const later = await state(alice, contact);
    expect(later.window.expiresAt).toBeGreaterThan(firstEnd);
    // Left where it was: it rings before the window's new end.
    expect(await alarm()).toBe(armed);

    // It rings (early): nothing is due, so nothing happens to the conversation...
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const after = await state(alice, contact);
    expect(after.window).toEqual(later.window);
    expect(after.canSendText).toBe(true);
    const lines = (await thread(alice, conversationId)).items.filter((i) => i.type === 'system');
    expect(lines.map((i) => i.text).join('\n')).not.toMatch(/window/i);
    // ...and the alarm now waits for the window's real end.
    expect(await alarm()).toBe(later.window.expiresAt);
  });

  it('an object loaded again reads what is armed: a later timer leaves the stored alarm as it is (I9, P1)', async () => {
    // At 10,000 conversations the runtime has evicted a conversation's object by its next message, so
    // nearly every message loads it again; each would otherwise set the same alarm once more.
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName('alarm-after-load'));
    const seen = await runInDurableObject(stub, async (_instance, state) => {
      const now = Date.now();
      const stored = now + 3_600_000;
      await state.storage.setAlarm(stored);
      const loaded = new ConversationAlarm(state.storage, env);
      const later = await loaded.armAt(stored + 60_000, now);
      const afterLater = await state.storage.getAlarm();
      const earlier = await loaded.armAt(stored - 60_000, now);
      const afterEarlier = await state.storage.getAlarm();
      // An object loaded with no alarm stored sets one.
      await state.storage.deleteAlarm();
      const empty = new ConversationAlarm(state.storage, env);
      const first = await empty.armAt(stored, now);
      return {
        stored,
        later,
        afterLater,
        earlier,
        afterEarlier,
        first,
        afterFirst: await state.storage.getAlarm(),
      };
    });
    expect(seen).toEqual({
      stored: seen.stored,
      later: false,
      afterLater: seen.stored,
      earlier: true,
      afterEarlier: seen.stored - 60_000,
      first: true,
      afterFirst: seen.stored,
    });
  });
});
