// Consent, window and "can I send?" as the panel says them (B1, B2, B4, B7, B8, B22).
import { describe, expect, it } from 'vitest';
import {
  composerAvailability,
  optInAvailability,
  stateAt,
  statusLine,
  templateAvailability,
  textRule,
  windowStatus,
} from '../../../extension/models/panel/status';
import { countdown, formatDuration, serverOffset } from '../../../extension/models/panel/time';
import { HOUR, MINUTE } from '../../../shared/time';
import { BOB, ME, state, T0 } from './fixtures';

type Consent = ReturnType<typeof state>['consent'];
const NAME = 'Samuel';

/** A state as the server would send it for this consent and window. */
function facts(consent: Consent, windowOpen: boolean, extra = {}) {
  return state({
    consent,
    window: windowOpen ? { open: true, expiresAt: T0 + 5 * HOUR } : { open: false, expiresAt: null },
    ...textRule(consent, windowOpen),
    canSendTemplate: consent === 'opted_in' || consent === 'pending',
    ...extra,
  });
}

describe('composer availability', () => {
  it.each`
    consent              | windowOpen | enabled  | text
    ${'opted_in'}        | ${true}    | ${true}  | ${null}
    ${'opted_in'}        | ${false}   | ${true}  | ${'Template required: the 24-hour window is closed'}
    ${'pending'}         | ${true}    | ${true}  | ${'Waiting for Samuel to opt in: what you send is queued'}
    ${'pending'}         | ${false}   | ${true}  | ${'Waiting for Samuel to opt in'}
    ${'none'}            | ${true}    | ${true}  | ${null}
    ${'none'}            | ${false}   | ${false} | ${'Samuel has not opted in yet: send the opt-in message first.'}
    ${'opted_out'}       | ${true}    | ${false} | ${'Samuel opted out of WhatsApp messages. They can opt in again by replying "yes".'}
    ${'opted_out'}       | ${false}   | ${false} | ${'Samuel opted out'}
    ${'not_on_whatsapp'} | ${false}   | ${false} | ${"Samuel isn't on WhatsApp. Send an SMS instead."}
  `(
    'B4/B7/B22: $consent, window open $windowOpen → enabled $enabled',
    ({ consent, windowOpen, enabled, text }) => {
      const a = composerAvailability(facts(consent, windowOpen), T0, NAME);
      expect(a.enabled).toBe(enabled);
      const words = enabled ? a.note : a.reason;
      if (text === null) expect(words).toBeNull();
      else expect(words).toContain(text);
      if (!enabled) expect(a.reason).toBeTruthy();
    },
  );

  it('disabled for someone not in the conversation, with the reason (B22)', () => {
    const occupied = state({ participants: [BOB], youAreParticipant: false });
    expect(composerAvailability(occupied, T0, NAME)).toMatchObject({
      enabled: false,
      reason: 'Only people in the conversation can write: ask to join.',
    });
    const empty = state({ participants: [], youAreParticipant: false });
    expect(composerAvailability(empty, T0, NAME).reason).toBe('Start the conversation to write.');
  });

  it('B8: switches to "template required" by itself when the window expires, without a fetch', () => {
    const s = state({ window: { open: true, expiresAt: T0 + HOUR } });
    expect(composerAvailability(s, T0 + HOUR - 1, NAME).note).toBeNull();
    const after = composerAvailability(s, T0 + HOUR, NAME);
    expect(after.enabled).toBe(true);
    expect(after.note).toMatch(/^Template required/);
  });

  it('B22: a reply to a customer without consent stops being possible when their window closes', () => {
    const s = facts('none', true);
    expect(composerAvailability(s, T0, NAME).enabled).toBe(true);
    expect(composerAvailability(s, T0 + 5 * HOUR, NAME).enabled).toBe(false);
  });
});

describe('window and status line (B8)', () => {
  it.each`
    label        | remaining                 | phase        | text
    ${'open'}    | ${20 * HOUR + 5 * MINUTE} | ${'open'}    | ${'Window open: 20 h 05 min left'}
    ${'closing'} | ${12 * MINUTE}            | ${'closing'} | ${'Window closes in 12 min'}
    ${'last s'}  | ${30_000}                 | ${'closing'} | ${'Window closes in 30 s'}
  `('$label window reads "$text"', ({ remaining, phase, text }) => {
    const s = state({ window: { open: true, expiresAt: T0 + remaining } });
    expect(windowStatus(s, T0)).toMatchObject({ phase, label: text, remainingMs: remaining });
  });

  it('a closed window says a template is required once opted in', () => {
    const s = facts('opted_in', false);
    expect(windowStatus(s, T0)).toMatchObject({ phase: 'closed', label: 'Window closed: template required' });
    expect(statusLine(s, T0)).toBe('Opted in · Window closed: template required');
  });

  it.each`
    consent              | line
    ${'none'}            | ${'No consent yet · No open window'}
    ${'pending'}         | ${'Opt-in sent, waiting for an answer · No open window'}
    ${'opted_out'}       | ${'Opted out · Nothing can be sent'}
    ${'not_on_whatsapp'} | ${'Not on WhatsApp · No open window'}
  `('consent $consent reads "$line"', ({ consent, line }) => {
    expect(statusLine(facts(consent, false), T0)).toBe(line);
  });

  it('B3: an opted-out customer who writes opens the window, but the panel shows no countdown', () => {
    const s = state({ consent: 'opted_out', window: { open: true, expiresAt: T0 + 20 * 3_600_000 } });
    expect(windowStatus(s, T0)).toEqual({ phase: 'closed', remainingMs: null, label: 'Nothing can be sent' });
  });

  it('a window past its expiry is closed at that instant (stateAt)', () => {
    const s = state({ window: { open: true, expiresAt: T0 + 1000 } });
    expect(stateAt(s, T0 + 999).window.open).toBe(true);
    expect(stateAt(s, T0 + 1000)).toMatchObject({
      window: { open: false, expiresAt: null },
      canSendText: false,
      textHint: 'template_required',
    });
  });
});

describe('opt-in availability (B1, B2d)', () => {
  it('B1: offered and enabled without consent', () => {
    const s = facts('none', false, {
      canRequestOptIn: true,
      participants: [],
      youAreParticipant: false,
      threadId: null,
    });
    expect(optInAvailability(s, T0)).toMatchObject({ offered: true, enabled: true, reason: null });
  });

  it('B2d: unanswered, disabled with a live countdown, enabled once 24 h have passed', () => {
    const s = facts('pending', false, { canRequestOptIn: false, optInAvailableAt: T0 + 3 * HOUR });
    const waiting = optInAvailability(s, T0 + HOUR);
    expect(waiting).toMatchObject({ offered: true, enabled: false, waitMs: 2 * HOUR });
    expect(waiting.reason).toBe('A new opt-in can be sent in 2 h 00 min (24 hours after the last one).');
    expect(optInAvailability(s, T0 + 3 * HOUR - MINUTE).reason).toContain('in 1 min');
    expect(optInAvailability(s, T0 + 3 * HOUR)).toMatchObject({ enabled: true, waitMs: null });
  });

  it.each(['opted_in', 'opted_out'] as const)('not offered once the customer answered (%s)', (consent) => {
    expect(optInAvailability(facts(consent, false), T0).offered).toBe(false);
  });

  it('B2a: not on WhatsApp, another try only after the wait', () => {
    const s = facts('not_on_whatsapp', false, { optInAvailableAt: T0 + HOUR });
    expect(optInAvailability(s, T0)).toMatchObject({ offered: true, enabled: false });
  });

  it('B22: not while colleagues are in the conversation', () => {
    const s = facts('none', false, { canRequestOptIn: true, participants: [BOB], youAreParticipant: false });
    expect(optInAvailability(s, T0).reason).toBe('Colleagues are in this conversation: ask to join instead.');
  });
});

describe('template availability (B7)', () => {
  it.each`
    consent              | enabled  | words
    ${'opted_in'}        | ${true}  | ${null}
    ${'pending'}         | ${true}  | ${'Waiting for Samuel to opt in: a template is queued until they accept.'}
    ${'none'}            | ${false} | ${"Templates need Samuel's consent: send the opt-in message first."}
    ${'opted_out'}       | ${false} | ${'Samuel opted out of WhatsApp messages. They can opt in again by replying "yes".'}
    ${'not_on_whatsapp'} | ${false} | ${"Samuel isn't on WhatsApp. Send an SMS instead."}
  `('$consent → enabled $enabled', ({ consent, enabled, words }) => {
    const a = templateAvailability(facts(consent, false), NAME);
    expect(a.enabled).toBe(enabled);
    expect(enabled ? a.note : a.reason).toBe(words);
  });

  it('only for participants', () => {
    const s = state({ participants: [ME, BOB], youAreParticipant: false });
    expect(templateAvailability(s, NAME).enabled).toBe(false);
  });
});

describe('server clock (B8)', () => {
  it('counts down by the server clock even when the local clock is off', () => {
    // The local clock is 10 minutes behind the server.
    const offset = serverOffset(T0, T0 - 10 * MINUTE);
    expect(countdown(T0 + HOUR, offset, T0 - 10 * MINUTE)).toBe(HOUR);
    expect(countdown(T0 + HOUR, offset, T0 + 50 * MINUTE)).toBe(0);
  });

  it.each`
    ms                      | text
    ${25 * HOUR}            | ${'25 h 00 min'}
    ${HOUR + 61_000}        | ${'1 h 01 min'}
    ${59 * MINUTE + 59_000} | ${'59 min'}
    ${MINUTE}               | ${'1 min'}
    ${1500}                 | ${'2 s'}
    ${-5}                   | ${'0 s'}
  `('formats $ms ms as "$text"', ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
