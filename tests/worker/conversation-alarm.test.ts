// I9 / P1: every customer message pushes the 24-hour window's end a little further. The conversation's
// one alarm is not moved later each time (a storage write per message); the earlier alarm rings,
// finds nothing due, and is re-armed for the real end. The window must close neither early nor never.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
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
});
