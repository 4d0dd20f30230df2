// I8 at the domain level: someone outside the conversation (another sub-org, a disabled user, a
// removed participant, one who left) attempting every team or write command is refused, and nothing
// changes: no state, no effect, nothing to the customer.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../worker/domain/conversation';
import type { UserRef } from '../../worker/domain/team';
import {
  alice,
  bob,
  carol,
  dave,
  type Driver,
  followUp,
  optedIn,
  samuelUser,
  shawn,
} from './support/fixtures';

/** Bob is the only participant left: Shawn was removed, Alice left, Samuel asked to join. */
function occupiedByBob(): Driver {
  const d = optedIn();
  d.run({ type: 'add_participant', actor: alice, target: bob });
  d.run({ type: 'add_participant', actor: alice, target: shawn });
  d.run({ type: 'remove_participant', actor: bob, targetId: shawn.id });
  d.run({ type: 'leave', actor: alice });
  d.run({ type: 'request_join', actor: samuelUser });
  d.drain();
  expect(d.state.team.participants.map((p) => p.userId)).toEqual([bob.id]);
  expect(d.state.team.joinRequests.map((r) => r.userId)).toEqual([samuelUser.id]);
  return d;
}

const outsiders: [string, UserRef][] = [
  ['another sub-org (Carol)', carol],
  ['a disabled user (Dave)', dave],
  ['a removed participant (Shawn)', shawn],
  ['a participant who left (Alice)', alice],
];

const write = (actor: UserRef, content: Extract<Command, { type: 'write' }>['content']): Command => ({
  type: 'write',
  actor,
  idempotencyKey: `outsider-${actor.id}`,
  fingerprint: JSON.stringify(content),
  content,
});

const commands: [string, (actor: UserRef) => Command][] = [
  ['write a text', (actor) => write(actor, { type: 'text', text: 'hello' })],
  ['send a picture', (actor) => write(actor, { type: 'image', mediaId: 'media-1', caption: null })],
  ['send a template', (actor) => write(actor, followUp)],
  ['add a colleague', (actor) => ({ type: 'add_participant', actor, target: samuelUser })],
  ['leave', (actor) => ({ type: 'leave', actor })],
  ['remove a participant', (actor) => ({ type: 'remove_participant', actor, targetId: bob.id })],
  ['transfer', (actor) => ({ type: 'transfer', actor, target: samuelUser })],
  [
    'accept a join request',
    (actor) => ({ type: 'answer_join', actor, requesterId: samuelUser.id, accept: true }),
  ],
  [
    'decline a join request',
    (actor) => ({ type: 'answer_join', actor, requesterId: samuelUser.id, accept: false }),
  ],
];

describe('I8: only participants act (domain level)', () => {
  const cases = outsiders.flatMap(([who, actor]) =>
    commands.map(([what, make]) => [who, what, actor, make] as const),
  );
  it.each(cases)('I8/B15: %s cannot %s; nothing changes', (_who, _what, actor, make) => {
    const d = occupiedByBob();
    const before = d.state;
    const effects = d.effects.length;
    const result = d.run(make(actor));
    expect(result).toEqual({ ok: false, reason: 'not_participant' });
    expect(d.state).toEqual(before);
    expect(d.effects.length).toBe(effects);
    expect(d.drain()).toEqual([]);
  });

  it.each(outsiders)('B22/I8: %s opening the contact sees who is in it and joins nothing', (_who, actor) => {
    const d = occupiedByBob();
    const before = d.state;
    const result = d.run({ type: 'start', actor });
    expect(result).toMatchObject({ ok: true, outcome: { type: 'occupied' } });
    expect(d.state).toEqual(before);
  });

  it('B15: a removed participant is not re-admitted by its own old key (a retried write is refused too)', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: shawn });
    expect(d.write(shawn, { type: 'text', text: 'first' }, 'same-key').ok).toBe(true);
    d.drain();
    d.run({ type: 'remove_participant', actor: alice, targetId: shawn.id });
    const sent = d.state.messages.length;
    const retry = d.write(shawn, { type: 'text', text: 'second' }, 'another-key');
    expect(retry).toEqual({ ok: false, reason: 'not_participant' });
    expect(d.state.messages.length).toBe(sent);
  });
});
