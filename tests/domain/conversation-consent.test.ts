import { describe, expect, it } from 'vitest';
import { viewFor } from '../../worker/domain/view';
import {
  alice,
  bob,
  CUSTOMER,
  Driver,
  followUp,
  HOUR,
  messageId,
  optInTemplate,
  tap,
} from './support/fixtures';

describe('opt-in flow (B1, B2)', () => {
  it('B1: confirming sends the opt-in template with Yes / No buttons, starts a thread, shows pending', () => {
    const d = new Driver();
    const r = d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    expect(r.ok).toBe(true);
    const [send] = d.drain();
    expect(send?.payload).toMatchObject({
      type: 'template',
      name: 'greenline_opt_in',
      language: 'en_US',
      bodyParams: ['Samuel'],
      quickReplyPayloads: ['greenline:opt_in:yes', 'greenline:opt_in:no'],
    });
    expect(send?.to).toBe(CUSTOMER);
    const view = viewFor(d.state, alice.id, d.now);
    expect(view.consent).toBe('pending');
    expect(view.youAreParticipant).toBe(true);
    expect(view.threadId).not.toBeNull();
    expect(view.optInRequestedAt).toBe(d.now);
    expect(d.ledgerKinds()).toEqual(['opt_in_requested']);
  });

  it('B5: the request record carries the requesting user, template, language, exact text and wamid', () => {
    const d = new Driver();
    const wamid = d.optIn();
    const record = d.effects.find((e) => e.type === 'ledger');
    expect(record).toMatchObject({
      type: 'ledger',
      draft: {
        kind: 'opt_in_requested',
        orgId: 'org-acme',
        phoneNumberId: '100000000000001',
        contactPhone: CUSTOMER,
        userId: alice.id,
        templateName: 'greenline_opt_in',
        language: 'en_US',
        renderedText: optInTemplate.renderedText,
        wamids: [wamid],
        consentAfter: 'pending',
      },
    });
  });

  it('B2b: Yes → opted_in, the customer gets a short confirmation, queued messages go out in order', () => {
    const d = new Driver();
    d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    d.drain();
    const wamid = d.state.optInWamids[0] ?? '';
    const first = messageId(d.write(alice, { type: 'text', text: 'first' }));
    const second = messageId(d.write(alice, followUp));
    expect(d.message(first).state).toBe('queued');
    expect(d.message(second).holdReason).toBe('consent_pending');
    d.run({ type: 'inbound', message: tap('yes', wamid, d.now) });
    const sends = d.drain();
    expect(sends.map((s) => (s.payload.type === 'text' ? s.payload.text : s.payload.type))).toEqual([
      'Thank you! You will now receive WhatsApp messages from Acme. Reply STOP at any time to opt out.',
      'first',
      'template',
    ]);
    expect(viewFor(d.state, alice.id, d.now).consent).toBe('opted_in');
    expect(d.ledgerKinds()).toEqual(['opt_in_requested', 'opt_in_accepted']);
    const accepted = d.effects.find((e) => e.type === 'ledger' && e.draft.kind === 'opt_in_accepted');
    expect(accepted).toMatchObject({
      draft: { customerReply: { type: 'button', payload: 'greenline:opt_in:yes', text: 'Yes' } },
    });
  });

  it('B2c/B4: No → opted_out, queued messages become "not sent", one notice, composer and templates disabled', () => {
    const d = new Driver();
    const wamid = d.optIn();
    const queued = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    d.run({ type: 'inbound', message: tap('no', wamid, d.now) });
    const sends = d.drain();
    expect(d.message(queued)).toMatchObject({ state: 'not_sent', notSentReason: 'opted_out' });
    expect(sends).toHaveLength(1);
    expect(sends[0]?.payload).toMatchObject({
      type: 'text',
      text: expect.stringContaining('reply "yes" at any time'),
    });
    const view = viewFor(d.state, alice.id, d.now);
    expect(view).toMatchObject({
      consent: 'opted_out',
      canSendText: false,
      canSendTemplate: false,
      canRequestOptIn: false,
    });
    expect(d.write(alice, followUp)).toEqual({ ok: false, reason: 'opted_out' });
    expect(d.ledgerKinds()).toEqual(['opt_in_requested', 'opt_in_rejected']);
  });

  it('B2a: 131026 by webhook → not_on_whatsapp; SMS is offered; a new opt-in only after 24 h', () => {
    const d = new Driver();
    const wamid = d.optIn();
    const m = d.state.messages.find((x) => x.wamid === wamid);
    d.run({
      type: 'status',
      status: { wamid, status: 'failed', timestamp: d.now, callbackData: `${m?.id}:1`, errorCode: 131026 },
    });
    expect(d.state.consent.type).toBe('not_on_whatsapp');
    expect(d.ledgerKinds()).toEqual(['opt_in_requested', 'not_on_whatsapp']);
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate })).toMatchObject({
      ok: false,
      reason: 'opt_in_too_soon',
    });
    d.advance(24 * HOUR);
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate }).ok).toBe(true);
  });

  it('B2a: a synchronous 131026 also ends not_on_whatsapp, and a later message from the customer clears it', () => {
    const d = new Driver();
    d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    d.drain(() => ({ type: 'error', code: 131026 }));
    expect(d.state.consent.type).toBe('not_on_whatsapp');
    d.say('hi, it is me');
    expect(d.state.consent.type).toBe('none');
    expect(d.ledgerKinds()).toEqual(['not_on_whatsapp', 'not_on_whatsapp_cleared']);
  });

  it('B2d: no response → the action is disabled until 24 h after the opt-in, then available again', () => {
    const d = new Driver();
    d.optIn();
    const sentAt = d.now;
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({
      canRequestOptIn: false,
      optInAvailableAt: sentAt + 24 * HOUR,
    });
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate })).toEqual({
      ok: false,
      reason: 'opt_in_too_soon',
      availableAt: sentAt + 24 * HOUR,
    });
    d.advance(24 * HOUR);
    expect(viewFor(d.state, alice.id, d.now)).toMatchObject({
      canRequestOptIn: true,
      optInAvailableAt: null,
    });
    d.optIn();
    expect(d.ledgerKinds()).toEqual(['opt_in_requested', 'opt_in_requested']);
  });

  it.each([
    [131049, 'asks to wait', false],
    [132001, 'does not', true],
  ])(
    'B2: an opt-in refused with %i leaves consent none with a plain reason; WhatsApp %s for 24 h',
    (code, _w, retryNow) => {
      const d = new Driver();
      const wamid = d.optIn();
      const m = d.state.messages.find((x) => x.wamid === wamid);
      d.run({
        type: 'status',
        status: { wamid, status: 'failed', timestamp: d.now, callbackData: `${m?.id}:1`, errorCode: code },
      });
      expect(d.state.consent.type).toBe('none');
      expect(d.message(m?.id ?? '').failure?.reason).toMatch(/[a-z]/);
      expect(d.ledgerKinds()).toEqual(['opt_in_requested', 'opt_in_failed']);
      expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate }).ok).toBe(retryNow);
    },
  );

  it('B2: a template error on the opt-in (synchronous) is shown and consent stays none, with no ledger record', () => {
    const d = new Driver();
    const r = d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    d.drain(() => ({ type: 'error', code: 132001 }));
    const m = d.message(messageId(r));
    expect(m).toMatchObject({ state: 'failed', failure: { code: 132001 } });
    expect(d.state.consent.type).toBe('none');
    expect(d.ledgerKinds()).toEqual([]);
  });

  it('B1: an opt-in cannot be requested twice while one is on its way', () => {
    const d = new Driver();
    d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    expect(d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate })).toEqual({
      ok: false,
      reason: 'opt_in_in_progress',
    });
  });

  it('B22: another sub-org cannot opt in a customer whose conversation has participants', () => {
    const d = new Driver();
    d.optIn(alice);
    d.advance(25 * HOUR);
    const carol = { id: 'u-carol', name: 'Carol Diaz', subOrgId: 'us', enabled: true };
    expect(d.run({ type: 'request_opt_in', actor: carol, template: optInTemplate })).toMatchObject({
      ok: false,
      reason: 'occupied',
    });
    expect(d.run({ type: 'request_opt_in', actor: bob, template: optInTemplate })).toMatchObject({
      ok: false,
      reason: 'occupied',
    });
  });
});

describe('keywords in the conversation (B3)', () => {
  it.each([
    ['STOP', 'opted_in', 'opted_out'],
    ['Baja', 'opted_in', 'opted_out'],
    ['désabonner!', 'pending', 'opted_out'],
    ['START', 'opted_out', 'opted_in'],
    ['yes', 'opted_out', 'opted_in'],
    ['Sí', 'pending', 'opted_in'],
    ['no', 'opted_in', 'opted_in'],
    ['yes please call me tomorrow', 'pending', 'pending'],
  ])('B3: "%s" from a %s customer → %s', (body, from, to) => {
    const d = new Driver();
    const wamid = d.optIn();
    if (from === 'opted_in') d.run({ type: 'inbound', message: tap('yes', wamid, d.now) });
    if (from === 'opted_out') d.run({ type: 'inbound', message: tap('no', wamid, d.now) });
    d.drain();
    d.say(body);
    expect(d.state.consent.type).toBe(to);
  });

  it('B3: the lists are the org’s: a custom opt-out word works and a default one no longer does', () => {
    const d = new Driver();
    const wamid = d.optIn();
    d.run({ type: 'inbound', message: tap('yes', wamid, d.now) });
    d.ctxOverrides = { keywords: { optIn: ['begin'], optOut: ['halt'], yes: ['yes'], no: ['no'] } };
    d.say('STOP');
    expect(d.state.consent.type).toBe('opted_in');
    d.say('Halt.');
    expect(d.state.consent.type).toBe('opted_out');
  });
});
