import { describe, expect, it } from 'vitest';
import {
  applyConsentEvent,
  type Consent,
  type ConsentEvent,
  canRequestOptIn,
  optInAvailableAt,
} from '../../worker/domain/consent';

const NOW = 1_000_000;
const none: Consent = { type: 'none' };
const pending: Consent = { type: 'pending', since: 1 };
const optedIn: Consent = { type: 'opted_in', since: 1 };
const optedOut: Consent = { type: 'opted_out', since: 1 };
const notOnWa: Consent = { type: 'not_on_whatsapp', since: 1, restoreTo: 'none' };
const notOnWaWasIn: Consent = { type: 'not_on_whatsapp', since: 1, restoreTo: 'opted_in' };

const sent: ConsentEvent = { type: 'opt_in_sent' };
const yesButton: ConsentEvent = { type: 'opt_in_button', answer: 'yes' };
const noButton: ConsentEvent = { type: 'opt_in_button', answer: 'no' };
const kw = (keyword: 'yes' | 'no' | 'opt_in' | 'opt_out'): ConsentEvent => ({ type: 'keyword', keyword });
const undeliverable: ConsentEvent = { type: 'undeliverable' };
const refused: ConsentEvent = { type: 'opt_in_refused' };
const message: ConsentEvent = { type: 'customer_message' };

// Every (state, event) pair: the next state, the ledger record, the notice to the customer.
const table: [string, Consent, ConsentEvent, string, string | null, string | null][] = [
  ['B1: opt-in sent from none', none, sent, 'pending', 'opt_in_requested', null],
  ['B2d: opt-in re-sent while pending', pending, sent, 'pending', 'opt_in_requested', null],
  ['B2a: opt-in tried again after not_on_whatsapp', notOnWa, sent, 'pending', 'opt_in_requested', null],
  [
    'B3: an opt-in reaching WhatsApp after the customer typed START changes nothing',
    optedIn,
    sent,
    'opted_in',
    null,
    null,
  ],
  ['I1: an opt-in reaching WhatsApp never overrides an opt-out', optedOut, sent, 'opted_out', null, null],
  ['B2b: Yes button while pending', pending, yesButton, 'opted_in', 'opt_in_accepted', 'opt_in_confirmation'],
  [
    'B2b: Yes button on an old opt-in after opting out',
    optedOut,
    yesButton,
    'opted_in',
    're_opted_in',
    'opt_in_confirmation',
  ],
  ['B2b: Yes button when already opted in changes nothing', optedIn, yesButton, 'opted_in', null, null],
  ['B2c: No button while pending', pending, noButton, 'opted_out', 'opt_in_rejected', 'opt_out_notice'],
  [
    'B2c: No button after opting in is honoured as an opt-out',
    optedIn,
    noButton,
    'opted_out',
    'opted_out',
    'opt_out_notice',
  ],
  ['B2c: No button when already opted out changes nothing', optedOut, noButton, 'opted_out', null, null],
  [
    'B3: bare "yes" while pending opts in',
    pending,
    kw('yes'),
    'opted_in',
    'opt_in_accepted',
    'opt_in_confirmation',
  ],
  [
    'B3: bare "yes" from opted_out re-opts-in',
    optedOut,
    kw('yes'),
    'opted_in',
    're_opted_in',
    'opt_in_confirmation',
  ],
  ['B3: bare "yes" with no opt-in pending is just a message', none, kw('yes'), 'none', null, null],
  ['B3: bare "yes" when opted in is just a message', optedIn, kw('yes'), 'opted_in', null, null],
  [
    'B3: bare "no" while pending rejects',
    pending,
    kw('no'),
    'opted_out',
    'opt_in_rejected',
    'opt_out_notice',
  ],
  ['B3: bare "no" when opted in is just a message', optedIn, kw('no'), 'opted_in', null, null],
  ['B3: bare "no" with no opt-in is just a message', none, kw('no'), 'none', null, null],
  ['B3: STOP in state none', none, kw('opt_out'), 'opted_out', 'opted_out', 'opt_out_notice'],
  ['B3: STOP while pending', pending, kw('opt_out'), 'opted_out', 'opted_out', 'opt_out_notice'],
  ['B3: STOP when opted in', optedIn, kw('opt_out'), 'opted_out', 'opted_out', 'opt_out_notice'],
  ['B3: STOP when already opted out changes nothing', optedOut, kw('opt_out'), 'opted_out', null, null],
  ['B3: START in state none', none, kw('opt_in'), 'opted_in', 're_opted_in', 'opt_in_confirmation'],
  [
    'B3: START while pending accepts',
    pending,
    kw('opt_in'),
    'opted_in',
    'opt_in_accepted',
    'opt_in_confirmation',
  ],
  ['B3: START when opted out', optedOut, kw('opt_in'), 'opted_in', 're_opted_in', 'opt_in_confirmation'],
  ['B3: START when opted in changes nothing', optedIn, kw('opt_in'), 'opted_in', null, null],
  ['B2a: 131026 on the opt-in', pending, undeliverable, 'not_on_whatsapp', 'not_on_whatsapp', null],
  [
    'B2a: 131026 on a message to an opted-in customer',
    optedIn,
    undeliverable,
    'not_on_whatsapp',
    'not_on_whatsapp',
    null,
  ],
  ['B2a: 131026 from state none', none, undeliverable, 'not_on_whatsapp', 'not_on_whatsapp', null],
  ['B2a: 131026 again changes nothing', notOnWa, undeliverable, 'not_on_whatsapp', null, null],
  ['I1: 131026 never overrides an opt-out', optedOut, undeliverable, 'opted_out', null, null],
  [
    'B2: opt-in refused for another reason leaves consent none',
    pending,
    refused,
    'none',
    'opt_in_failed',
    null,
  ],
  ['B2: a refusal outside pending changes nothing', optedIn, refused, 'opted_in', null, null],
  ['B2a: a later message clears not_on_whatsapp', notOnWa, message, 'none', 'not_on_whatsapp_cleared', null],
  [
    'B2a: clearing restores an earlier opt-in',
    notOnWaWasIn,
    message,
    'opted_in',
    'not_on_whatsapp_cleared',
    null,
  ],
  ['B2a: a message in another state changes nothing', pending, message, 'pending', null, null],
];

describe('consent state machine', () => {
  it.each(table)('%s', (_title, from, event, to, record, notice) => {
    const t = applyConsentEvent(from, event, NOW);
    expect(t.consent.type).toBe(to);
    expect(t.record).toBe(record);
    expect(t.notice).toBe(notice);
  });

  it('I7: a transition with no record never changes the consent, and every change has a record', () => {
    const states = [none, pending, optedIn, optedOut, notOnWa, notOnWaWasIn];
    const events = [
      sent,
      yesButton,
      noButton,
      kw('yes'),
      kw('no'),
      kw('opt_in'),
      kw('opt_out'),
      undeliverable,
      refused,
      message,
    ];
    for (const s of states) {
      for (const e of events) {
        const t = applyConsentEvent(s, e, NOW);
        if (t.record === null) expect(t.consent).toBe(s);
        else expect(t.consent.type !== s.type || e.type === 'opt_in_sent').toBe(true);
      }
    }
  });
});

describe('opt-in availability (I3, B2a, B2d)', () => {
  const H = 3_600_000;
  it.each([
    ['never sent: available now', none, null, 0, true],
    ['pending, 23 h after: too soon', pending, 0, 23 * H, false],
    ['pending, exactly 24 h after: available', pending, 0, 24 * H, true],
    ['not on WhatsApp, 1 h after: too soon', notOnWa, 0, H, false],
    ['not on WhatsApp, 25 h after: available', notOnWa, 0, 25 * H, true],
  ] as const)('I3: %s', (_t, consent, last, now, ok) => {
    expect(canRequestOptIn(consent, last, now).ok).toBe(ok);
  });

  it('I3: a refusal for being too soon says when the opt-in becomes available', () => {
    expect(canRequestOptIn(pending, 1000, 2000)).toEqual({
      ok: false,
      reason: 'opt_in_too_soon',
      availableAt: 1000 + 24 * H,
    });
  });

  it('B2c: an opted-out customer cannot be asked again; B1: an opted-in one need not be', () => {
    expect(canRequestOptIn(optedOut, null, 0)).toEqual({ ok: false, reason: 'opted_out' });
    expect(canRequestOptIn(optedIn, null, 0)).toEqual({ ok: false, reason: 'already_opted_in' });
    expect(optInAvailableAt(optedIn, 5)).toBeNull();
  });
});
