// Quick-reply taps on templates other than the opt-in (B2, B3, B6): only a tap on our opt-in's own
// buttons answers it; a button of another template counts only as an unambiguous keyword (STOP,
// START), never as a bare yes / no, and any tap opens the window.
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../worker/domain/conversation';
import { viewFor } from '../../worker/domain/view';
import {
  alice,
  CUSTOMER_WA_ID,
  Driver,
  followUp,
  HOUR,
  newWamid,
  optedIn,
  optInTemplate,
  tap,
} from './support/fixtures';

function button(label: string, payload: string, contextId: string | null, at: number): InboundMessage {
  return {
    wamid: newWamid(),
    timestamp: at,
    from: CUSTOMER_WA_ID,
    kind: 'button',
    text: label,
    button: { payload, text: label },
    contextId,
    media: null,
  };
}

/** An opted-in conversation whose customer received a follow-up template with its own buttons. */
function withFollowUp(): { d: Driver; followUpWamid: string } {
  const d = optedIn();
  d.write(alice, { ...followUp, quickReplyPayloads: ['follow_up:yes', 'follow_up:no'] });
  const [send] = d.drain();
  const wamid = send ? d.message(send.messageId).wamid : null;
  if (!wamid) throw new Error('follow-up not accepted');
  return { d, followUpWamid: wamid };
}

describe('buttons of other templates (B2, B3)', () => {
  it.each([
    ['Yes', 'follow_up:yes'],
    ['Sí', 'follow_up:yes'],
    ['Oui', 'promo:1'],
  ])('B2b/B3: while pending, a "%s" tap on another template does not accept the opt-in', (label, payload) => {
    const d = new Driver();
    d.optIn();
    const r = d.run({ type: 'inbound', message: button(label, payload, 'wamid.older-template', d.now) });
    expect(r.ok).toBe(true);
    expect(d.state.consent.type).toBe('pending');
    expect(d.ledgerKinds()).toEqual(['opt_in_requested']);
  });

  it('B2c/B3: while pending, a "No" tap on another template does not reject the opt-in', () => {
    const d = new Driver();
    d.optIn();
    d.run({ type: 'inbound', message: button('No', 'follow_up:no', 'wamid.older-template', d.now) });
    expect(d.state.consent.type).toBe('pending');
    expect(d.drain()).toEqual([]);
  });

  it('B3: an opted-in customer tapping "No" on a follow-up template stays opted in (no notice, no record)', () => {
    const { d, followUpWamid } = withFollowUp();
    const records = d.ledgerKinds().length;
    d.run({ type: 'inbound', message: button('No', 'follow_up:no', followUpWamid, d.now) });
    expect(d.state.consent.type).toBe('opted_in');
    expect(d.ledgerKinds().length).toBe(records);
    expect(d.drain()).toEqual([]);
  });

  it('B3: an opted-out customer tapping "Yes" on an old follow-up template stays opted out', () => {
    const { d, followUpWamid } = withFollowUp();
    d.say('STOP');
    d.drain();
    expect(d.state.consent.type).toBe('opted_out');
    d.run({ type: 'inbound', message: button('Yes', 'follow_up:yes', followUpWamid, d.now) });
    expect(d.state.consent.type).toBe('opted_out');
    expect(d.drain()).toEqual([]);
  });

  it('B3: an unambiguous keyword on another template’s button works (STOP opts out, START opts back in)', () => {
    const { d, followUpWamid } = withFollowUp();
    d.run({ type: 'inbound', message: button('STOP', 'follow_up:stop', followUpWamid, d.now) });
    expect(d.state.consent.type).toBe('opted_out');
    d.run({ type: 'inbound', message: button('Start', 'follow_up:start', followUpWamid, d.now) });
    expect(d.state.consent.type).toBe('opted_in');
    expect(d.ledgerKinds().slice(-2)).toEqual(['opted_out', 're_opted_in']);
  });

  it('B2b: a tap on our own opt-in’s Yes still answers it, also after a tap on another template', () => {
    const d = new Driver();
    const optIn = d.optIn();
    d.run({ type: 'inbound', message: button('Yes', 'follow_up:yes', 'wamid.older-template', d.now) });
    d.run({ type: 'inbound', message: button('Yes', 'greenline:opt_in:yes', optIn, d.now) });
    expect(d.state.consent.type).toBe('opted_in');
  });

  it('B6: a tap on any template’s button opens the window', () => {
    const { d, followUpWamid } = withFollowUp();
    d.advance(30 * HOUR);
    expect(viewFor(d.state, alice.id, d.now).window.open).toBe(false);
    d.run({ type: 'inbound', message: button('No', 'follow_up:no', followUpWamid, d.now) });
    expect(viewFor(d.state, alice.id, d.now).window).toEqual({ open: true, expiresAt: d.now + 24 * HOUR });
  });
});

describe('a tap before the core knows the opt-in’s wamid (B2b, I4)', () => {
  it('B2b: the send’s answer was lost and the tap on Yes arrives before any status: the customer is opted in', () => {
    const d = new Driver();
    d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    const [send] = d.drain(() => ({ type: 'unknown' }));
    d.run({ type: 'inbound', message: tap('yes', 'wamid.opt-in-we-never-heard-of', d.now) });
    expect(d.state.consent.type).toBe('opted_in');
    d.run({
      type: 'status',
      status: {
        wamid: 'wamid.opt-in-we-never-heard-of',
        status: 'delivered',
        timestamp: d.now,
        callbackData: send?.callbackData ?? null,
        errorCode: null,
      },
    });
    expect(d.state.consent.type).toBe('opted_in');
  });

  it('B2c: the same with No: opted out, one notice', () => {
    const d = new Driver();
    d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    d.drain(() => ({ type: 'unknown' }));
    d.run({ type: 'inbound', message: tap('no', 'wamid.opt-in-we-never-heard-of', d.now) });
    expect(d.state.consent.type).toBe('opted_out');
  });
});
