// Random actions on a World for the property and model-based tests: what users, the customer,
// WhatsApp's webhooks, the clock and the runtime can do, in any order.
import fc from 'fast-check';
import { alice, bob, carol, followUp, HOUR } from './fixtures';
import type { World } from './world';

const users = { alice, bob, carol };
type Who = keyof typeof users;
const who = fc.constantFrom<Who>('alice', 'bob', 'carol');

export type Action =
  | { t: 'opt_in'; who: Who }
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
  | { t: 'resume' };

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('opt_in' as const), who }) },
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
);

let counter = 0;

export function perform(w: World, a: Action): void {
  const user = 'who' in a ? users[a.who] : alice;
  switch (a.t) {
    case 'opt_in':
      w.requestOptIn(user);
      w.drain();
      return;
    case 'write': {
      // Mostly someone in the conversation writes; Carol (another sub-org) keeps testing refusals.
      const first = w.state.team.participants[0];
      const inIt = w.state.team.participants.some((p) => p.userId === user.id);
      const author =
        inIt || a.who === 'carol' || !first
          ? user
          : { id: first.userId, name: first.name, subOrgId: first.subOrgId, enabled: true };
      const n = ++counter;
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
    case 'team': {
      const other = w.state.team.participants.find((p) => p.userId !== user.id);
      const otherRef = other
        ? { id: other.userId, name: other.name, subOrgId: other.subOrgId, enabled: true }
        : bob;
      if (a.op === 'add') w.run({ type: 'add_participant', actor: otherRef, target: user });
      if (a.op === 'leave') w.run({ type: 'leave', actor: user });
      if (a.op === 'remove') w.run({ type: 'remove_participant', actor: otherRef, targetId: user.id });
      if (a.op === 'transfer') w.run({ type: 'transfer', actor: user, target: otherRef });
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
