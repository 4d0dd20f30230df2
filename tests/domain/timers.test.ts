import { describe, expect, it } from 'vitest';
import { nextDueAt, overdueTimers } from '../../worker/domain/timers';
import { viewFor } from '../../worker/domain/view';
import { alice, Driver, HOUR, messageId, optedIn } from './support/fixtures';

describe('timers (I9)', () => {
  it('I9: the next due time is the window expiry while the window is open', () => {
    const d = optedIn();
    expect(nextDueAt(d.state, d.now, false)).toBe(d.now + 24 * HOUR);
  });

  it('I9: the window closing is announced once, by time alone', () => {
    const d = optedIn();
    const before = d.effects.length;
    d.now += 24 * HOUR;
    expect(overdueTimers(d.state, d.now)).toEqual(['window']);
    d.run({ type: 'tick' });
    expect(d.effects.slice(before)).toContainEqual({ type: 'state_changed' });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    const after = d.effects.length;
    d.run({ type: 'tick' });
    expect(d.effects.length).toBe(after);
    expect(viewFor(d.state, alice.id, d.now).window.open).toBe(false);
  });

  it('I9: opt-in availability is a timer (B2d)', () => {
    const d = new Driver();
    d.optIn();
    const at = d.now + 24 * HOUR;
    expect(nextDueAt(d.state, d.now, false)).toBe(at);
    d.now = at;
    expect(overdueTimers(d.state, d.now)).toEqual(['opt_in']);
    d.run({ type: 'tick' });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
  });

  it('I9: retries, queue expiry and uncertain deadlines are due times; a jump of days fires all of them at once', () => {
    const d = optedIn();
    d.advance(25 * HOUR);
    const held = messageId(d.write(alice, { type: 'text', text: 'held' }));
    d.say('back');
    const retried = messageId(d.write(alice, { type: 'text', text: 'retried' }));
    d.drain((s) => (s.messageId === retried ? { type: 'error', code: 131016 } : { type: 'unknown' }));
    const due = nextDueAt(d.state, d.now, false);
    expect(due).toBe(d.message(retried).nextAttemptAt);
    d.now += 10 * 24 * HOUR;
    d.run({ type: 'tick' });
    expect(overdueTimers(d.state, d.now)).toEqual([]);
    expect(d.message(held)).toMatchObject({ state: 'failed', failure: { code: 'unconfirmed' } });
    expect(d.message(retried)).toMatchObject({ state: 'not_sent', notSentReason: 'expired' });
    expect(nextDueAt(d.state, d.now, false)).toBeNull();
  });

  it('I9: a paused number arms no retry timer (it waits for an admin), but expiry still counts', () => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'x' }));
    d.drain(() => ({ type: 'error', code: 131000 }));
    const retryAt = d.message(id).nextAttemptAt;
    expect(nextDueAt(d.state, d.now, false)).toBe(retryAt);
    expect(nextDueAt(d.state, d.now, true)).not.toBe(retryAt);
  });
});
