// Which steps owe the directory a write of the history and Unassigned lists (B11, B22; P3). The
// lists show each thread's readers and its latest item's text, not a message's state: a drain's
// sends and statuses leave them as they were, so they owe nothing (a 2,000-message drain wrote its
// lists 6,000 times over for nothing). A message that now shows another text does owe one. Every
// random world of the model-based tests also checks that no step changes the lists unannounced
// (support/listed-mirror.ts).
import { describe, expect, it } from 'vitest';
import { touchesHistory } from '../../worker/conversations/listed';
import type { Command, Effect, StatusEvent } from '../../worker/domain/conversation';
import { decide } from '../../worker/domain/decide';
import { alice, bob, type Driver, messageId, newWamid, optedIn, text } from './support/fixtures';

type Send = Extract<Effect, { type: 'send' }>;

/** Decides `command` on the driver's state and says whether the step owes a directory write. */
function owes(d: Driver, command: Command): { owes: boolean; effects: Effect[] } {
  const before = d.state;
  const step = decide(before, command, d.ctx());
  d.state = step.state;
  return { owes: touchesHistory(step.effects, before), effects: step.effects };
}

function sendPass(d: Driver): { owes: boolean; send: Send } {
  const { owes: o, effects } = owes(d, { type: 'next_send' });
  const send = effects.find((e): e is Send => e.type === 'send');
  if (!send) throw new Error('nothing was sent');
  return { owes: o, send };
}

const status = (send: Send, wamid: string, s: StatusEvent['status'], at: number): StatusEvent => ({
  wamid,
  status: s,
  timestamp: at,
  callbackData: `${send.messageId}:${send.attempt}`,
  errorCode: null,
});

describe('which steps owe a write of the history lists (B11, P3)', () => {
  it('B11 / P3: writing a text owes a write; sending it, its acceptance and its statuses owe none', () => {
    const d = optedIn();
    const wrote = decide(
      d.state,
      {
        type: 'write',
        actor: alice,
        idempotencyKey: 'k-w',
        fingerprint: 'f',
        content: { type: 'text', text: 'the quote' },
      },
      d.ctx(),
    );
    expect(touchesHistory(wrote.effects, d.state)).toBe(true);
    d.state = wrote.state;
    const pass = sendPass(d);
    expect(pass.owes).toBe(false);
    const wamid = newWamid();
    const answer = owes(d, {
      type: 'send_result',
      messageId: pass.send.messageId,
      attempt: pass.send.attempt,
      outcome: { type: 'accepted', wamid, waId: null },
    });
    expect(answer.owes).toBe(false);
    for (const s of ['delivered', 'read'] as const) {
      const step = owes(d, { type: 'status', status: status(pass.send, wamid, s, d.now) });
      expect(step.effects.some((e) => e.type === 'message')).toBe(true);
      expect(step.owes).toBe(false);
    }
    expect(d.state.messages.find((m) => m.id === pass.send.messageId)?.state).toBe('read');
  });

  it('B11 / B12: a text sent with its author’s name (two participants) owes a write: the list shows the name', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: bob });
    const id = messageId(d.write(alice, { type: 'text', text: 'the quote' }));
    const pass = sendPass(d);
    expect(pass.send.messageId).toBe(id);
    expect(d.state.messages.find((m) => m.id === id)?.sentText).toBe('Alice Martin: the quote');
    expect(pass.owes).toBe(true);
  });

  it('B11: a customer’s message and a colleague added owe a write', () => {
    const d = optedIn();
    expect(owes(d, { type: 'inbound', message: text('hello?', d.now) }).owes).toBe(true);
    expect(owes(d, { type: 'add_participant', actor: alice, target: bob }).owes).toBe(true);
  });
});
