// Whose queue goes when someone leaves (B14–B16): only the leaver's (or removed user's) queued
// messages become "not sent"; the others' keep waiting. And statuses that come late (B9, I4): a
// `failed` after `delivered` or `read` changes nothing, neither the message nor the consent.
import { describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../worker/domain/conversation';
import { alice, bob, HOUR, messageId, newWamid, optedIn, shawn } from './support/fixtures';

/** Alice, Bob and Shawn in an opted-in conversation whose window has closed, each with a queued text. */
function threeWithQueues() {
  const d = optedIn();
  d.run({ type: 'add_participant', actor: alice, target: bob });
  d.run({ type: 'add_participant', actor: alice, target: shawn });
  d.advance(25 * HOUR);
  const ids = {
    alice: messageId(d.write(alice, { type: 'text', text: 'from Alice' })),
    bob: messageId(d.write(bob, { type: 'text', text: 'from Bob' })),
    shawn: messageId(d.write(shawn, { type: 'text', text: 'from Shawn' })),
  };
  return { d, ids };
}

describe('the leaver’s queue (B14, B15, B16)', () => {
  it('B16: on transfer, the transferring user’s queued texts become "not sent"; the others’ stay queued and go later', () => {
    const { d, ids } = threeWithQueues();
    const target = { ...bob, id: 'u-nora', name: 'Nora Quinn' };
    expect(d.run({ type: 'transfer', actor: alice, target }).ok).toBe(true);
    expect(d.message(ids.alice)).toMatchObject({ state: 'not_sent', notSentReason: 'author_left' });
    expect(d.message(ids.bob).state).toBe('queued');
    expect(d.message(ids.shawn).state).toBe('queued');
    d.say('back');
    expect(d.drain().map((s) => s.messageId)).toEqual([ids.bob, ids.shawn]);
  });

  it('B14: a leaver (not the last) loses only their own queued texts', () => {
    const { d, ids } = threeWithQueues();
    d.run({ type: 'leave', actor: bob });
    expect(d.message(ids.bob)).toMatchObject({ state: 'not_sent', notSentReason: 'author_left' });
    expect([d.message(ids.alice).state, d.message(ids.shawn).state]).toEqual(['queued', 'queued']);
  });

  it('B15: removing Shawn drops only Shawn’s queued texts', () => {
    const { d, ids } = threeWithQueues();
    d.run({ type: 'remove_participant', actor: bob, targetId: shawn.id });
    expect(d.message(ids.shawn)).toMatchObject({ state: 'not_sent', notSentReason: 'author_removed' });
    expect([d.message(ids.alice).state, d.message(ids.bob).state]).toEqual(['queued', 'queued']);
  });

  it('B16: a refused transfer (ineligible target) drops nothing', () => {
    const { d, ids } = threeWithQueues();
    const other = { ...bob, id: 'u-x', subOrgId: 'us' };
    expect(d.run({ type: 'transfer', actor: alice, target: other })).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
    expect(Object.values(ids).map((id) => d.message(id).state)).toEqual(['queued', 'queued', 'queued']);
  });
});

describe('late failed statuses (B9, I4)', () => {
  function deliveredText(final: 'delivered' | 'read') {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    const wamid = newWamid();
    d.drain(() => ({ type: 'accepted', wamid, waId: null }));
    const status = (s: StatusEvent['status'], errorCode: number | null = null) =>
      d.run({
        type: 'status',
        status: { wamid, status: s, timestamp: d.now, callbackData: `${id}:1`, errorCode },
      });
    status('delivered');
    if (final === 'read') status('read');
    return { d, id, status };
  }

  it.each([
    ['delivered', 131000],
    ['delivered', 131026],
    ['delivered', 131047],
    ['delivered', 190],
    ['read', 131000],
    ['read', 131026],
  ] as const)(
    'B9: a late failed (%s, then code %i) changes nothing and sends nothing again',
    (final, code) => {
      const { d, id, status } = deliveredText(final);
      const before = d.state;
      const effects = d.effects.length;
      status('failed', code);
      expect(d.message(id).state).toBe(final);
      expect(d.message(id).failure).toBeNull();
      expect(d.state.consent).toEqual(before.consent);
      expect(d.state.window).toEqual(before.window);
      // Only bookkeeping: the status's dedupe key is remembered (I6).
      expect(
        d.effects.slice(effects).filter((e) => e.type !== 'state_changed' && e.type !== 'applied'),
      ).toEqual([]);
      expect(d.drain()).toEqual([]);
    },
  );

  it('B9: a failed after only `sent` is still a failure (131026 by webhook → not on WhatsApp)', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    const wamid = newWamid();
    d.drain(() => ({ type: 'accepted', wamid, waId: null }));
    d.run({
      type: 'status',
      status: { wamid, status: 'failed', timestamp: d.now, callbackData: `${id}:1`, errorCode: 131026 },
    });
    expect(d.message(id)).toMatchObject({ state: 'failed', failure: { code: 131026 } });
    expect(d.state.consent.type).toBe('not_on_whatsapp');
  });

  it('B9: a `delivered` arriving after the `failed` of the same send does not resurrect it', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    const wamid = newWamid();
    d.drain(() => ({ type: 'accepted', wamid, waId: null }));
    d.run({
      type: 'status',
      status: { wamid, status: 'failed', timestamp: d.now, callbackData: `${id}:1`, errorCode: 131051 },
    });
    d.run({
      type: 'status',
      status: { wamid, status: 'delivered', timestamp: d.now, callbackData: `${id}:1`, errorCode: null },
    });
    expect(d.message(id)).toMatchObject({ state: 'failed', failure: { code: 131051 } });
  });
});
