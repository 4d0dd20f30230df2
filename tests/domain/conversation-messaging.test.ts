import { describe, expect, it } from 'vitest';
import type { Effect } from '../../worker/domain/conversation';
import { viewFor } from '../../worker/domain/view';
import { alice, bob, type Driver, followUp, HOUR, messageId, newWamid, optedIn } from './support/fixtures';

type Send = Extract<Effect, { type: 'send' }>;
const textOf = (s: Send) => (s.payload.type === 'text' ? s.payload.text : s.payload.type);

function status(
  d: Driver,
  id: string,
  s: 'sent' | 'delivered' | 'read' | 'failed',
  errorCode: number | null = null,
) {
  const m = d.message(id);
  return d.run({
    type: 'status',
    status: {
      wamid: m.wamid ?? 'unknown',
      status: s,
      timestamp: d.now,
      callbackData: `${m.id}:${m.attempts}`,
      errorCode,
    },
  });
}

describe('window and templates (B6, B7, I5)', () => {
  it('B6/B8: the window opens with the customer’s message; the view counts down from the server time', () => {
    const d = optedIn();
    d.advance(HOUR);
    const view = viewFor(d.state, alice.id, d.now);
    expect(view.window).toEqual({ open: true, expiresAt: d.now - HOUR + 24 * HOUR });
    expect(view.serverNow).toBe(d.now);
    expect(view.canSendText).toBe(true);
  });

  it('B6: nothing the business sends extends the window', () => {
    const d = optedIn();
    const before = viewFor(d.state, alice.id, d.now).window.expiresAt;
    d.write(alice, { type: 'text', text: 'hello' });
    d.write(alice, followUp);
    d.drain();
    expect(viewFor(d.state, alice.id, d.now).window.expiresAt).toBe(before);
  });

  it('B7/I5: with the window closed a text queues, a template still goes out, the text follows the customer’s reply', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({
      window: { open: false },
      canSendText: false,
      textHint: 'template_required',
    });
    const held = messageId(d.write(alice, { type: 'text', text: 'are you there?' }));
    expect(d.message(held)).toMatchObject({ state: 'queued', holdReason: 'window_closed' });
    d.write(alice, followUp);
    expect(d.drain().map(textOf)).toEqual(['template']);
    expect(d.message(held).state).toBe('queued');
    d.say('yes, here');
    expect(d.drain().map(textOf)).toEqual(['are you there?']);
  });

  it('I5: texts reach the Cloud API in the order written, even when the first one must be retried', () => {
    const d = optedIn();
    const a = messageId(d.write(alice, { type: 'text', text: 'one' }));
    messageId(d.write(alice, { type: 'text', text: 'two' }));
    let first = true;
    const sends = d.drain((s) => {
      if (s.messageId === a && first) {
        first = false;
        return { type: 'error', code: 131000 };
      }
      return { type: 'accepted', wamid: newWamid(), waId: null };
    });
    expect(sends.map(textOf)).toEqual(['one']);
    expect(d.message(a)).toMatchObject({ state: 'queued', holdReason: 'retry' });
    d.advance(5_000);
    expect(d.drain().map(textOf)).toEqual(['one', 'two']);
  });
});

describe('message states (B9)', () => {
  it('B9: queued → sending → sent → delivered → read', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    expect(d.message(id).state).toBe('queued');
    d.run({ type: 'next_send' });
    expect(d.message(id).state).toBe('sending');
    d.run({
      type: 'send_result',
      messageId: id,
      attempt: 1,
      outcome: { type: 'accepted', wamid: newWamid(), waId: null },
    });
    expect(d.message(id).state).toBe('sent');
    status(d, id, 'delivered');
    expect(d.message(id).state).toBe('delivered');
    status(d, id, 'read');
    expect(d.message(id).state).toBe('read');
  });

  it('B9: a late delivered does not overwrite read', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.drain();
    status(d, id, 'read');
    status(d, id, 'delivered');
    expect(d.message(id).state).toBe('read');
  });

  it('B9: statuses that arrive before the send response are kept and applied', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.run({ type: 'next_send' });
    const wamid = newWamid();
    d.run({
      type: 'status',
      status: { wamid, status: 'delivered', timestamp: d.now, callbackData: `${id}:1`, errorCode: null },
    });
    expect(d.message(id)).toMatchObject({ state: 'delivered', wamid });
    d.run({
      type: 'send_result',
      messageId: id,
      attempt: 1,
      outcome: { type: 'accepted', wamid, waId: null },
    });
    expect(d.message(id).state).toBe('delivered');
  });

  it('B9: a failure shows a plain-language reason and next step', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'image', mediaId: 'media-1', caption: null }));
    d.drain(() => ({ type: 'error', code: 131053 }));
    expect(d.message(id)).toMatchObject({
      state: 'failed',
      failure: {
        code: 131053,
        reason: expect.stringMatching(/picture/),
        nextStep: expect.stringMatching(/JPEG or PNG/),
      },
    });
  });

  it('B9: a message still queued after 7 days becomes "not sent" (expired)', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    const id = messageId(d.write(alice, { type: 'text', text: 'anyone?' }));
    d.advance(7 * 24 * HOUR);
    expect(d.message(id)).toMatchObject({ state: 'not_sent', notSentReason: 'expired' });
  });
});

describe('exactly once (I4)', () => {
  it('I4: the same Idempotency-Key returns the first message; a different body with it is refused', () => {
    const d = optedIn();
    const first = d.write(alice, { type: 'text', text: 'hello' }, 'key-1');
    const again = d.write(alice, { type: 'text', text: 'hello' }, 'key-1');
    expect(again).toMatchObject({ ok: true, duplicate: true, message: { id: messageId(first) } });
    expect(d.write(alice, { type: 'text', text: 'other' }, 'key-1')).toEqual({
      ok: false,
      reason: 'idempotency_conflict',
    });
    expect(d.drain()).toHaveLength(1);
  });

  it('I4 / B15: a retry after being removed is refused; a leaver’s retry still returns their message', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: bob });
    d.write(bob, { type: 'text', text: 'from Bob' }, 'bob-key');
    const alices = d.write(alice, { type: 'text', text: 'from Alice' }, 'alice-key');
    d.run({ type: 'remove_participant', actor: alice, targetId: bob.id });
    expect(d.write(bob, { type: 'text', text: 'from Bob' }, 'bob-key')).toEqual({
      ok: false,
      reason: 'not_participant',
    });
    d.run({ type: 'leave', actor: alice });
    expect(d.write(alice, { type: 'text', text: 'from Alice' }, 'alice-key')).toMatchObject({
      ok: true,
      duplicate: true,
      message: { id: messageId(alices) },
    });
  });

  it('I4: keys are per user: Bob may use the same key as Alice', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: bob });
    d.write(alice, { type: 'text', text: 'hello' }, 'same');
    expect(d.write(bob, { type: 'text', text: 'hi' }, 'same')).toMatchObject({ ok: true, duplicate: false });
  });

  it('I4: an unknown outcome is "uncertain", never resent, and reconciled by a status carrying our id', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    expect(d.drain(() => ({ type: 'unknown' }))).toHaveLength(1);
    expect(d.message(id).state).toBe('uncertain');
    d.advance(HOUR);
    expect(d.drain()).toHaveLength(0);
    d.run({
      type: 'status',
      status: {
        wamid: 'wamid.late',
        status: 'sent',
        timestamp: d.now,
        callbackData: `${id}:1`,
        errorCode: null,
      },
    });
    expect(d.message(id)).toMatchObject({ state: 'sent', wamid: 'wamid.late' });
  });

  it('I4: an uncertain send never confirmed ends failed ("unconfirmed") after 24 h, not resent', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.drain(() => ({ type: 'unknown' }));
    d.advance(24 * HOUR);
    expect(d.message(id)).toMatchObject({ state: 'failed', failure: { code: 'unconfirmed' } });
  });

  it('I4: after a restart, sends that were in flight become uncertain', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.run({ type: 'next_send' });
    d.run({ type: 'recover' });
    expect(d.message(id).state).toBe('uncertain');
    expect(d.drain()).toHaveLength(0);
  });
});

describe('errors and retries (SPEC §6)', () => {
  it('SPEC §6: 131047 on a send believed inside the window puts it back in the queue until the customer writes', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.drain();
    status(d, id, 'failed', 131047);
    expect(d.message(id)).toMatchObject({ state: 'queued', holdReason: 'window_closed' });
    expect(viewFor(d.state, alice.id, d.now).window.open).toBe(false);
    status(d, id, 'sent'); // a late status of the refused attempt changes nothing
    expect(d.message(id).state).toBe('queued');
    d.now += 60_000;
    d.say('hello again');
    expect(d.drain().map(textOf)).toEqual(['hello']);
    expect(d.message(id).attempts).toBe(2);
  });

  it('SPEC §6: an account-level error pauses the number and the message waits instead of failing', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.run({ type: 'next_send' });
    d.run({ type: 'send_result', messageId: id, attempt: 1, outcome: { type: 'error', code: 131042 } });
    expect(d.effects.some((e) => e.type === 'pause_number' && e.code === 131042)).toBe(true);
    expect(d.message(id)).toMatchObject({ state: 'queued', holdReason: 'number_paused' });
    d.ctxOverrides = { numberPaused: true };
    expect(d.drain()).toHaveLength(0);
    d.ctxOverrides = {};
    expect(d.drain()).toHaveLength(1);
  });

  it('SPEC §6: 131056 waits 4^x s before trying the same customer again', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.drain(() => ({ type: 'error', code: 131056 }));
    expect(d.message(id).nextAttemptAt).toBe(d.now + 1_000);
  });

  it('P3: the pair limit is respected before WhatsApp must refuse: a 46th message in 6 s waits', () => {
    const d = optedIn();
    d.state = { ...d.state, pair: null };
    for (let i = 0; i < 46; i++) d.write(alice, { type: 'text', text: `m${i}` });
    expect(d.drain()).toHaveLength(45);
    const waiting = d.state.messages.find((m) => m.state === 'queued');
    expect(waiting).toMatchObject({ holdReason: 'rate_limited', nextAttemptAt: d.now + 6_000 });
  });
});

describe('name prefix (B12)', () => {
  it('B12: with more than one participant each text carries the author’s name', () => {
    const d = optedIn();
    d.write(alice, { type: 'text', text: 'solo' });
    d.run({ type: 'add_participant', actor: alice, target: bob });
    d.write(bob, { type: 'text', text: 'hello from Bob' });
    expect(d.drain().map(textOf)).toEqual(['Alice Martin: solo', 'Bob Keller: hello from Bob']);
  });

  it('B12: with one participant the prefix is the org’s choice', () => {
    const d = optedIn();
    d.write(alice, { type: 'text', text: 'plain' });
    expect(d.drain().map(textOf)).toEqual(['plain']);
    d.ctxOverrides = { singleParticipantPrefix: true };
    d.write(alice, { type: 'text', text: 'named' });
    expect(d.drain().map(textOf)).toEqual(['Alice Martin: named']);
  });
});
