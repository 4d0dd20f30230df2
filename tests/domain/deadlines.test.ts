// Timers checked on both sides of their deadline (I9, B2d, B6, B9, I4): one millisecond before,
// nothing has happened yet (and nothing is overdue); at the deadline, it happens by time alone.
import { describe, expect, it } from 'vitest';
import { QUEUE_EXPIRY_MS } from '../../shared/time';
import { nextDueAt, overdueTimers, UNCERTAIN_TIMEOUT_MS } from '../../worker/domain/timers';
import { viewFor } from '../../worker/domain/view';
import { alice, Driver, HOUR, messageId, optedIn, optInTemplate } from './support/fixtures';

/** Moves the clock to `at` and lets the alarm tick there. */
const tickAt = (d: Driver, at: number) => {
  d.now = at;
  d.run({ type: 'tick' });
};

describe('deadlines, just before and at (I9)', () => {
  it('B9/I9: a queued text is still queued 1 ms before 7 days, "not sent" (expired) at 7 days', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    const id = messageId(d.write(alice, { type: 'text', text: 'anyone?' }));
    const deadline = d.message(id).createdAt + QUEUE_EXPIRY_MS;
    expect(nextDueAt(d.state, d.now, false)).toBe(deadline);
    tickAt(d, deadline - 1);
    expect(d.message(id)).toMatchObject({ state: 'queued', notSentReason: null });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    tickAt(d, deadline);
    expect(d.message(id)).toMatchObject({ state: 'not_sent', notSentReason: 'expired' });
  });

  it('B9: a text queued for 7 days minus 1 ms still goes out when the customer writes then', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    const id = messageId(d.write(alice, { type: 'text', text: 'still here' }));
    tickAt(d, d.message(id).createdAt + QUEUE_EXPIRY_MS - 1);
    d.say('back');
    expect(d.drain().map((s) => s.messageId)).toEqual([id]);
  });

  it('I4/I9: an uncertain send is still uncertain 1 ms before 24 h, failed ("unconfirmed") at 24 h', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.drain(() => ({ type: 'unknown' }));
    const since = d.message(id).uncertainSince ?? Number.NaN;
    tickAt(d, since + UNCERTAIN_TIMEOUT_MS - 1);
    expect(d.message(id)).toMatchObject({ state: 'uncertain', failure: null });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    expect(d.drain()).toEqual([]);
    tickAt(d, since + UNCERTAIN_TIMEOUT_MS);
    expect(d.message(id)).toMatchObject({ state: 'failed', failure: { code: 'unconfirmed' } });
  });

  it('B6/B8: 1 ms before the window ends it is open and a text goes out; at the end it is closed and texts wait', () => {
    const d = optedIn();
    const expiresAt = viewFor(d.state, alice.id, d.now).window.expiresAt ?? Number.NaN;
    expect(expiresAt).toBe(d.now + 24 * HOUR);
    tickAt(d, expiresAt - 1);
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({ window: { open: true }, canSendText: true });
    const last = messageId(d.write(alice, { type: 'text', text: 'just in time' }));
    expect(d.drain().map((s) => s.messageId)).toEqual([last]);
    tickAt(d, expiresAt);
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({
      window: { open: false, expiresAt: null },
      canSendText: false,
      textHint: 'template_required',
    });
    const late = messageId(d.write(alice, { type: 'text', text: 'too late' }));
    expect(d.drain()).toEqual([]);
    expect(d.message(late)).toMatchObject({ state: 'queued', holdReason: 'window_closed' });
  });

  it('B6/I2: a notice 1 ms before the window ends goes out; at the end none is created', () => {
    const d = optedIn();
    d.run({ type: 'add_participant', actor: alice, target: { ...alice, id: 'u-bob2', name: 'Bob Two' } });
    const expiresAt = viewFor(d.state, alice.id, d.now).window.expiresAt ?? Number.NaN;
    tickAt(d, expiresAt - 1);
    d.run({ type: 'leave', actor: { ...alice, id: 'u-bob2', name: 'Bob Two' } });
    expect(d.drain()).toHaveLength(1);
    d.run({ type: 'add_participant', actor: alice, target: { ...alice, id: 'u-bob3', name: 'Bob Three' } });
    tickAt(d, expiresAt);
    d.run({ type: 'leave', actor: { ...alice, id: 'u-bob3', name: 'Bob Three' } });
    expect(d.drain()).toEqual([]);
  });

  it('B2d/I3: a new opt-in is refused 1 ms before 24 h after the last one, and allowed at 24 h', () => {
    const d = new Driver();
    d.optIn();
    const at = d.now + 24 * HOUR;
    tickAt(d, at - 1);
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({ canRequestOptIn: false, optInAvailableAt: at });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate })).toEqual({
      ok: false,
      reason: 'opt_in_too_soon',
      availableAt: at,
    });
    tickAt(d, at);
    expect(viewFor(d.state, alice.id, d.now).canRequestOptIn).toBe(true);
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate }).ok).toBe(true);
  });

  it('SPEC §6: a retry is not sent 1 ms before its backoff ends, and is at the end', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'retry me' }));
    d.drain(() => ({ type: 'error', code: 131000 }));
    const at = d.message(id).nextAttemptAt ?? Number.NaN;
    tickAt(d, at - 1);
    expect(d.drain()).toEqual([]);
    tickAt(d, at);
    expect(d.drain().map((s) => s.messageId)).toEqual([id]);
  });
});
