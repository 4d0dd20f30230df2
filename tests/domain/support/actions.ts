// Random actions on a World for the property and model-based tests: what users, the customer,
// WhatsApp's webhooks, the clock and the runtime can do, in any order.
import fc from 'fast-check';
import type { Command } from '../../../worker/domain/conversation';
import type { UserRef } from '../../../worker/domain/team';
import { alice, bob, carol, dave, followUp, HOUR, samuelUser, shawn } from './fixtures';
import type { World } from './world';

const users = { alice, bob, carol };
type Who = keyof typeof users;
const who = fc.constantFrom<Who>('alice', 'bob', 'carol');

export type Action =
  /** `flaky`: WhatsApp's answer to the opt-in may be lost, an error, a crash... like any send. */
  | { t: 'opt_in'; who: Who; flaky: boolean }
  | { t: 'write'; who: Who; kind: 'text' | 'image' | 'template' }
  | { t: 'retry_write'; same: boolean }
  | { t: 'tap'; answer: 'yes' | 'no' }
  | { t: 'say'; body: string }
  | { t: 'gone' }
  | { t: 'deliver'; n: number; dup: boolean }
  | { t: 'drain'; flaky: boolean }
  | { t: 'jump'; ms: number }
  | { t: 'team'; op: 'add' | 'leave' | 'remove' | 'transfer' | 'start' | 'join'; who: Who }
  | { t: 'restart' }
  | { t: 'resume' }
  /** The customer taps a button of another template (B3: only STOP / START labels count). */
  | { t: 'tap_other'; label: string }
  /** Someone outside the conversation (never in it, removed, left, disabled) tries a command (I8). */
  | { t: 'intrude'; pick: number; op: IntrudeOp }
  /** The clock moves to 1 ms before, or exactly to, the next deadline. */
  | { t: 'jump_near'; offset: -1 | 0 };

type IntrudeOp = 'text' | 'template' | 'add' | 'leave' | 'remove' | 'transfer' | 'answer';
const everyone: UserRef[] = [alice, bob, carol, dave, shawn, samuelUser];

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('opt_in' as const), who, flaky: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('write' as const),
      who,
      kind: fc.constantFrom('text' as const, 'image' as const, 'template' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('retry_write' as const), same: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('tap' as const),
      answer: fc.constantFrom('yes' as const, 'yes' as const, 'no' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('say' as const),
      body: fc.constantFrom(
        'yes',
        'No',
        'STOP',
        'start',
        'hello',
        'Sí',
        'arrêt',
        'nein!',
        'thanks, talk later',
        'Oui',
        'hi',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('gone' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('deliver' as const),
      n: fc.integer({ min: 1, max: 8 }),
      dup: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('drain' as const), flaky: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('jump' as const),
      ms: fc.constantFrom(1_000, 7_000, 60_000, HOUR, 6 * HOUR, 23 * HOUR, 25 * HOUR, 8 * 24 * HOUR),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('team' as const),
      op: fc.constantFrom(
        'add' as const,
        'leave' as const,
        'remove' as const,
        'transfer' as const,
        'start' as const,
        'join' as const,
      ),
      who,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resume' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('tap_other' as const),
      label: fc.constantFrom('Yes', 'No', 'Sí', 'Oui', 'STOP', 'Start', 'Call me'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('intrude' as const),
      pick: fc.nat(),
      op: fc.constantFrom<IntrudeOp>('text', 'template', 'add', 'leave', 'remove', 'transfer', 'answer'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('jump_near' as const),
      offset: fc.constantFrom(-1 as const, 0 as const),
    }),
  },
);

/** I8: a command by someone not in the conversation; the world checks it is refused and changes nothing. */
function intrude(w: World, pick: number, op: IntrudeOp): void {
  const inIt = (u: UserRef) => w.state.team.participants.some((p) => p.userId === u.id);
  const outsiders = everyone.filter((u) => !inIt(u));
  const actor = outsiders[pick % outsiders.length];
  if (!actor) return;
  const participant = w.state.team.participants[0];
  const commands: Record<IntrudeOp, () => Command> = {
    text: () => writeCommand(w, actor, { type: 'text', text: `from outside ${w.nextNumber()}` }),
    template: () => writeCommand(w, actor, followUp),
    add: () => ({ type: 'add_participant', actor, target: outsiders.find((u) => u !== actor) ?? bob }),
    leave: () => ({ type: 'leave', actor }),
    remove: () => ({ type: 'remove_participant', actor, targetId: participant?.userId ?? alice.id }),
    transfer: () => ({ type: 'transfer', actor, target: outsiders.find((u) => u !== actor) ?? bob }),
    answer: () => ({ type: 'answer_join', actor, requesterId: actor.id, accept: true }),
  };
  w.run(commands[op]());
}

function writeCommand(
  w: World,
  actor: UserRef,
  content: Extract<Command, { type: 'write' }>['content'],
): Command {
  return {
    type: 'write',
    actor,
    idempotencyKey: `intruder-${w.nextNumber()}`,
    fingerprint: JSON.stringify(content),
    content,
  };
}

/** B16: someone of the same sub-org not in the conversation yet, so transfers mostly succeed. */
function transferTarget(w: World, actor: UserRef): UserRef {
  const candidates = [bob, shawn, samuelUser, alice].filter(
    (u) => u.id !== actor.id && !w.state.team.participants.some((p) => p.userId === u.id),
  );
  return candidates[Math.floor(w.random() * candidates.length)] ?? bob;
}

export function perform(w: World, a: Action): void {
  const user = 'who' in a ? users[a.who] : alice;
  switch (a.t) {
    case 'opt_in':
      w.requestOptIn(user);
      w.drain(a.flaky ? w.flakyOutcome : undefined);
      return;
    case 'write': {
      // Mostly someone in the conversation writes; Carol (another sub-org) keeps testing refusals.
      const first = w.state.team.participants[0];
      const inIt = w.state.team.participants.some((p) => p.userId === user.id);
      const author =
        inIt || a.who === 'carol' || !first
          ? user
          : { id: first.userId, name: first.name, subOrgId: first.subOrgId, enabled: true };
      const n = w.nextNumber();
      if (a.kind === 'text') w.write(author, { type: 'text', text: `text ${n}` });
      else if (a.kind === 'image') w.write(author, { type: 'image', mediaId: `media-${n}`, caption: null });
      else w.write(author, followUp);
      return;
    }
    case 'retry_write':
      w.retryLastWrite(a.same);
      return;
    case 'tap':
      w.tap(a.answer);
      return;
    case 'say':
      w.text(a.body);
      return;
    case 'gone':
      w.onWhatsApp = false;
      return;
    case 'deliver':
      w.deliver(a.n, a.dup);
      return;
    case 'drain':
      w.drain(a.flaky ? w.flakyOutcome : undefined);
      return;
    case 'jump':
      w.jump(a.ms);
      return;
    case 'restart':
      w.run({ type: 'recover' });
      return;
    case 'resume':
      w.paused = false;
      w.drain();
      return;
    case 'tap_other':
      w.tapOther(a.label);
      return;
    case 'intrude':
      intrude(w, a.pick, a.op);
      w.drain();
      return;
    case 'jump_near':
      w.jumpNear(a.offset);
      return;
    case 'team': {
      const other = w.state.team.participants.find((p) => p.userId !== user.id);
      const otherRef = other
        ? { id: other.userId, name: other.name, subOrgId: other.subOrgId, enabled: true }
        : bob;
      if (a.op === 'add') w.run({ type: 'add_participant', actor: otherRef, target: user });
      if (a.op === 'leave') w.run({ type: 'leave', actor: user });
      if (a.op === 'remove') w.run({ type: 'remove_participant', actor: otherRef, targetId: user.id });
      if (a.op === 'transfer') w.run({ type: 'transfer', actor: user, target: transferTarget(w, user) });
      if (a.op === 'start') w.run({ type: 'start', actor: user });
      if (a.op === 'join') {
        w.run({ type: 'request_join', actor: user });
        w.run({ type: 'answer_join', actor: otherRef, requesterId: user.id, accept: true });
      }
      w.drain();
      return;
    }
  }
}
