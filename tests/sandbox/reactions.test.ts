// Reactions (reference §1.8): only a `sent` status; a reaction to an unknown message, one older than
// 30 days or to another reaction fails with 131009 by webhook; free-form, so the window rule applies.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DAY, HOUR } from '../../shared/time';
import { type Harness, MARIA, SAMUEL, startHarness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const react = (to: string, messageId: string, emoji = '👍') => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'reaction',
  reaction: { message_id: messageId, emoji },
});

describe('§1.8 reactions', () => {
  it('a reaction to the user’s message gets `sent` only and shows on the phone', async () => {
    const theirs = await h.userSays(SAMUEL, { text: 'Can we meet on Friday?' });
    const wamid = await h.sendOk(react(SAMUEL, theirs));
    await h.waitStatus(wamid, 'sent');
    await h.control('POST', `/sandbox/users/${SAMUEL}/read`, {});
    const second = await h.sendOk(react(SAMUEL, theirs, '❤️'));
    await h.waitStatus(second, 'sent');
    expect(h.statusesOf(wamid).map((s) => s.status)).toEqual(['sent']);
    const inbox = z
      .object({ messages: z.array(z.looseObject({ wamid: z.string() })) })
      .parse((await h.control('GET', `/sandbox/users/${SAMUEL}/messages`)).json);
    expect(inbox.messages.find((m) => m.wamid === wamid)).toMatchObject({
      type: 'reaction',
      reaction: { messageId: theirs, emoji: '👍' },
      onPhone: true,
      state: 'sent',
    });
  });

  it('131009: unknown target, a reaction as target, or a target older than 30 days fail by webhook', async () => {
    await h.userSays(SAMUEL, { text: 'keep the window open' });
    const unknown = await h.sendOk(react(SAMUEL, 'wamid.unknown'));
    expect((await h.waitStatus(unknown, 'failed')).errors?.[0]?.code).toBe(131009);
    const theirs = await h.userSays(SAMUEL, { text: 'old message' });
    const first = await h.sendOk(react(SAMUEL, theirs));
    const onReaction = await h.sendOk(react(SAMUEL, first));
    expect((await h.waitStatus(onReaction, 'failed')).errors?.[0]?.code).toBe(131009);
    await h.advance(31 * DAY);
    await h.userSays(SAMUEL, { text: 'back again' });
    const stale = await h.sendOk(react(SAMUEL, theirs));
    expect((await h.waitStatus(stale, 'failed')).errors?.[0]?.code).toBe(131009);
  });

  it('131047: a reaction outside the window; a message of another user is not a target', async () => {
    const marias = await h.userSays(MARIA, { text: 'hello' });
    const cross = await h.sendOk(react(SAMUEL, marias));
    expect((await h.waitStatus(cross, 'failed')).errors?.[0]?.code).toBe(131009);
    await h.advance(25 * HOUR);
    const late = await h.sendOk(react(MARIA, marias));
    expect((await h.waitStatus(late, 'failed')).errors?.[0]?.code).toBe(131047);
  });

  it('131008: a reaction without message_id', async () => {
    h.expectError(
      await h.send({
        messaging_product: 'whatsapp',
        to: SAMUEL,
        type: 'reaction',
        reaction: { emoji: '👍' },
      }),
      131008,
      400,
    );
  });
});
