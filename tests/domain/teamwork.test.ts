import { describe, expect, it } from 'vitest';
import type { Effect } from '../../worker/domain/conversation';
import { describeSystemEvent, type SystemEvent } from '../../worker/domain/system-events';
import { isEligible, readAccess, readableThreads } from '../../worker/domain/team';
import { viewFor } from '../../worker/domain/view';
import {
  alice,
  bob,
  carol,
  dave,
  Driver,
  HOUR,
  messageId,
  shawn,
  samuelUser,
  optedIn,
} from './support/fixtures';

type Send = Extract<Effect, { type: 'send' }>;
const textOf = (s: Send) => (s.payload.type === 'text' ? s.payload.text : s.payload.type);
const systemEvents = (d: Driver): SystemEvent[] =>
  d.effects.flatMap((e) => (e.type === 'system' ? [e.event] : []));

describe('add (B13)', () => {
  it('B13: only enabled users of the same sub-org are eligible', () => {
    const d = optedIn();
    expect(isEligible(d.state.team, alice, bob)).toBe(true);
    expect(isEligible(d.state.team, alice, carol)).toBe(false);
    expect(isEligible(d.state.team, alice, dave)).toBe(false);
    expect(isEligible(d.state.team, alice, alice)).toBe(false);
    expect(d.run({ type: 'add_participant', actor: alice, target: carol })).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
    expect(d.run({ type: 'add_participant', actor: alice, target: dave })).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
  });

  it('B13: the added user sees the current thread; everyone sees "Alice added Bob"', () => {
    const d = optedIn();
    expect(d.run({ type: 'add_participant', actor: alice, target: bob }).ok).toBe(true);
    const thread = viewFor(d.state, bob.id, d.now).threadId ?? '';
    expect(readAccess(d.state.team, bob.id, thread)).toEqual({
      threadId: thread,
      userId: bob.id,
      until: null,
    });
    const added = systemEvents(d).find((e) => e.type === 'added');
    expect(added && describeSystemEvent(added, shawn.id)).toBe('Alice Martin added Bob Keller');
  });

  it('I8: only a participant can add', () => {
    const d = optedIn();
    expect(d.run({ type: 'add_participant', actor: bob, target: shawn })).toEqual({
      ok: false,
      reason: 'not_participant',
    });
  });
});

describe('leave (B14)', () => {
  it('B14: "You left the conversation" / "Alice left"; the customer is told inside the window; read access kept up to then', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: bob });
    const thread = viewFor(d.state, alice.id, d.now).threadId ?? '';
    d.run({ type: 'leave', actor: alice });
    const left = systemEvents(d).find((e) => e.type === 'left');
    expect(left && describeSystemEvent(left, alice.id)).toBe('You left the conversation');
    expect(left && describeSystemEvent(left, bob.id)).toBe('Alice Martin left');
    expect(d.drain().map(textOf)).toEqual(['Alice Martin is no longer available to chat']);
    expect(readAccess(d.state.team, alice.id, thread)).toEqual({
      threadId: thread,
      userId: alice.id,
      until: d.now,
    });
    expect(viewFor(d.state, alice.id, d.now).youAreParticipant).toBe(false);
  });

  it('B14: outside the window nothing free-form goes to the customer', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    d.run({ type: 'leave', actor: alice });
    expect(d.drain()).toEqual([]);
  });

  it('B14: the last one leaving ends the conversation; their queued messages become "not sent"', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    const queued = messageId(d.write(alice, { type: 'text', text: 'later' }));
    d.run({ type: 'leave', actor: alice });
    expect(d.message(queued)).toMatchObject({ state: 'not_sent', notSentReason: 'author_left' });
    expect(d.state.team.threads.at(-1)?.endedAt).toBe(d.now);
    expect(systemEvents(d).some((e) => e.type === 'ended')).toBe(true);
  });
});

describe('remove (B15)', () => {
  it('B15: worded as the spec quotes; the removed user loses all access at once; their queue is dropped', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: shawn });
    d.run({ type: 'add_participant', actor: alice, target: samuelUser });
    d.advance(25 * HOUR);
    const queued = messageId(d.write(samuelUser, { type: 'text', text: 'pending' }));
    const thread = viewFor(d.state, alice.id, d.now).threadId ?? '';
    expect(d.run({ type: 'remove_participant', actor: shawn, targetId: samuelUser.id }).ok).toBe(true);
    const removed = systemEvents(d).find((e) => e.type === 'removed');
    if (!removed) throw new Error('no removed event');
    expect(describeSystemEvent(removed, alice.id)).toBe(
      'Your colleague Shawn Michaels has removed Samuel Johnson from the conversation',
    );
    expect(describeSystemEvent(removed, samuelUser.id)).toBe(
      'Your colleague Shawn Michaels has removed you from the conversation',
    );
    expect(readAccess(d.state.team, samuelUser.id, thread)).toBeNull();
    expect(readableThreads(d.state.team, samuelUser.id)).toEqual([]);
    expect(d.effects).toContainEqual({ type: 'access_revoked', userId: samuelUser.id });
    expect(d.message(queued)).toMatchObject({ state: 'not_sent', notSentReason: 'author_removed' });
  });

  it('B15: the customer is told inside the window; one cannot remove oneself', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: bob });
    expect(d.run({ type: 'remove_participant', actor: alice, targetId: alice.id })).toEqual({
      ok: false,
      reason: 'cannot_remove_self',
    });
    d.run({ type: 'remove_participant', actor: alice, targetId: bob.id });
    expect(d.drain().map(textOf)).toEqual(['Bob Keller is no longer available to chat']);
  });
});

describe('transfer (B16) and restart (B17)', () => {
  it('B16: the target joins and the actor leaves in one step; the customer is told who they talk to', () => {
    const d = optedIn();
    expect(d.run({ type: 'transfer', actor: alice, target: bob }).ok).toBe(true);
    expect(d.state.team.participants.map((p) => p.userId)).toEqual([bob.id]);
    expect(d.drain().map(textOf)).toEqual(['You are now chatting with Bob Keller from Acme']);
    const t = systemEvents(d).find((e) => e.type === 'transferred');
    expect(t && describeSystemEvent(t, carol.id)).toBe(
      'Alice Martin transferred the conversation to Bob Keller',
    );
    expect(d.run({ type: 'transfer', actor: bob, target: carol })).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
  });

  it('B17: after leaving, opening the contact again starts a new thread; a valid consent is not asked again', () => {
    const d = optedIn();
    const first = viewFor(d.state, alice.id, d.now).threadId;
    d.run({ type: 'leave', actor: alice });
    expect(d.run({ type: 'start', actor: alice })).toEqual({ ok: true, outcome: { type: 'started' } });
    const view = viewFor(d.state, alice.id, d.now);
    expect(view.threadId).not.toBe(first);
    expect(view).toMatchObject({ consent: 'opted_in', youAreParticipant: true, canSendText: true });
    expect(readableThreads(d.state.team, alice.id)).toHaveLength(2);
  });
});

describe('occupied and unassigned conversations (B22)', () => {
  it('B22: a user of the same sub-org sees who is in it and may ask to join; a participant accepts', () => {
    const d = optedIn();
    expect(d.run({ type: 'start', actor: bob })).toMatchObject({
      ok: true,
      outcome: { type: 'occupied', canRequestJoin: true, participants: [{ userId: alice.id }] },
    });
    expect(d.run({ type: 'request_join', actor: bob }).ok).toBe(true);
    expect(viewFor(d.state, alice.id, d.now).joinRequests).toEqual([{ userId: bob.id, name: bob.name }]);
    expect(d.run({ type: 'answer_join', actor: alice, requesterId: bob.id, accept: true }).ok).toBe(true);
    expect(viewFor(d.state, bob.id, d.now).youAreParticipant).toBe(true);
  });

  it('B22: a declined request is answered in the thread and in the requester’s own words; they may ask again', () => {
    const d = optedIn();
    d.run({ type: 'request_join', actor: bob });
    expect(d.run({ type: 'answer_join', actor: alice, requesterId: bob.id, accept: false }).ok).toBe(true);
    const declined = systemEvents(d).find((e) => e.type === 'join_declined');
    expect(declined).toBeDefined();
    if (!declined) return;
    expect(describeSystemEvent(declined, alice.id)).toBe('You declined Bob Keller’s request to join');
    expect(describeSystemEvent(declined, bob.id)).toBe('Alice Martin declined your request to join');
    expect(describeSystemEvent(declined, shawn.id)).toBe(
      'Alice Martin declined Bob Keller’s request to join',
    );
    expect(viewFor(d.state, alice.id, d.now).joinRequests).toEqual([]);
    expect(viewFor(d.state, bob.id, d.now).youAreParticipant).toBe(false);
    expect(d.run({ type: 'request_join', actor: bob }).ok).toBe(true);
  });

  it('B22: another sub-org cannot join', () => {
    const d = optedIn();
    expect(d.run({ type: 'start', actor: carol })).toMatchObject({
      outcome: { type: 'occupied', canRequestJoin: false },
    });
    expect(d.run({ type: 'request_join', actor: carol })).toEqual({ ok: false, reason: 'not_eligible' });
  });

  it('B22: a message with nobody in the conversation is unassigned, the last participants are notified, a user claims it', () => {
    const d = optedIn();
    d.run({ type: 'leave', actor: alice });
    expect(d.drain().map(textOf)).toEqual(['Alice Martin is no longer available to chat']);
    d.say('hello? anyone?');
    expect(d.effects).toContainEqual({ type: 'notify', reason: 'unassigned', userIds: [alice.id] });
    expect(d.state.team.participants).toEqual([]);
    expect(d.run({ type: 'start', actor: bob })).toEqual({ ok: true, outcome: { type: 'claimed' } });
    d.write(bob, { type: 'text', text: 'Bob here' });
    expect(d.drain().map(textOf)).toEqual(['Bob here']);
  });

  it('B22: a first-contact customer without consent gets free-form replies only inside their window, templates need consent', () => {
    const d = new Driver();
    d.say('Hi, I saw your ad');
    d.run({ type: 'start', actor: alice });
    expect(d.write(alice, { type: 'text', text: 'Hello!' }).ok).toBe(true);
    expect(d.drain()).toHaveLength(1);
    expect(
      d.write(alice, {
        type: 'template',
        name: 't',
        language: 'en',
        headerParams: [],
        bodyParams: [],
        quickReplyPayloads: [],
        renderedText: 't',
      }),
    ).toEqual({
      ok: false,
      reason: 'consent_required',
    });
    d.advance(25 * HOUR);
    expect(d.write(alice, { type: 'text', text: 'still there?' })).toEqual({
      ok: false,
      reason: 'consent_required',
    });
  });
});
