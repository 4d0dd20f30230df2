// The conversation core and the customer's identity (SPEC §2, issue 10): a customer known by phone,
// wa_id and/or BSUID. Sends go to the BSUID when there is one, else to the phone; consent and the
// ledger work the same for a customer without a visible phone and record the identifier used; state
// saved before BSUIDs existed is upgraded on load.
import { describe, expect, it } from 'vitest';
import { createConversation, recipientOf, withIdentity } from '../../worker/domain/conversation';
import { savedDedupeKeys, upgradeState } from '../../worker/domain/upgrade';
import {
  alice,
  CUSTOMER,
  Driver,
  fresh,
  messageId,
  newWamid,
  optedIn,
  optInTemplate,
  T0,
  tap,
} from './support/fixtures';

const BSUID = 'US.13491208655302741918';

function usernameCustomer(): Driver {
  const d = new Driver();
  d.state = createConversation({
    id: 'c2',
    orgId: 'org-acme',
    phoneNumberId: '1',
    customerPhone: null,
    customerBsuid: BSUID,
  });
  return d;
}

const accepted = () => ({ type: 'accepted' as const, wamid: newWamid(), waId: null });

describe('who a send goes to', () => {
  it('B22: a username customer (no phone) who wrote gets the reply at their BSUID', () => {
    const d = usernameCustomer();
    d.say('hello, is the sofa still for sale?', { from: BSUID });
    d.run({ type: 'start', actor: alice });
    d.write(alice, { type: 'text', text: 'Yes it is!' });
    const [send] = d.drain(accepted);
    expect(send).toMatchObject({ to: BSUID, payload: { type: 'text' } });
  });

  it('a customer known by phone only is sent to by phone; once a BSUID is learnt, by BSUID', () => {
    const d = new Driver();
    d.say('hi');
    d.run({ type: 'start', actor: alice });
    d.write(alice, { type: 'text', text: 'first' });
    expect(d.drain().map((s) => s.to)).toEqual([CUSTOMER]);
    d.state = withIdentity(d.state, { phone: CUSTOMER, bsuid: BSUID });
    d.write(alice, { type: 'text', text: 'second' });
    expect(d.drain().map((s) => s.to)).toEqual([BSUID]);
  });

  it('learning an identity never erases what was known; nothing new returns the same state', () => {
    const s = withIdentity(fresh(), { phone: null, bsuid: BSUID });
    expect(s.customer).toMatchObject({ phone: CUSTOMER, bsuid: BSUID });
    expect(withIdentity(s, { phone: CUSTOMER, bsuid: BSUID })).toBe(s);
    expect(recipientOf({ phone: null, waIds: [], bsuid: null })).toBeNull();
  });
});

describe('B1–B5 for a customer without a visible phone', () => {
  it('B1/B2/B5: the opt-in goes to the BSUID; every ledger record names the customer by BSUID', () => {
    const d = usernameCustomer();
    const r = d.run({ type: 'request_opt_in', actor: alice, template: optInTemplate });
    expect(r.ok).toBe(true);
    const [send] = d.drain(accepted);
    expect(send?.to).toBe(BSUID);
    const wamid = d.message(send?.messageId ?? '').wamid ?? '';
    d.run({ type: 'inbound', message: { ...tap('yes', wamid, d.now), from: BSUID } });
    expect(d.state.consent.type).toBe('opted_in');
    const drafts = d.effects.flatMap((e) => (e.type === 'ledger' ? [e.draft] : []));
    expect(drafts.map((x) => x.kind)).toEqual(['opt_in_requested', 'opt_in_accepted']);
    for (const draft of drafts) expect(draft).toMatchObject({ contactPhone: '', customerId: BSUID });
  });

  it('B5: a customer known by phone only is recorded by phone, as before', () => {
    const d = new Driver();
    d.optIn();
    const draft = d.effects.find((e) => e.type === 'ledger');
    expect(draft).toMatchObject({ draft: { contactPhone: CUSTOMER, customerId: CUSTOMER } });
  });
});

describe('SPEC §6: state saved by an older core is upgraded on load', () => {
  it('a v1 state (customer by phone and wa_ids only) gains a null BSUID and keeps everything else', () => {
    const d = optedIn();
    d.advance(25 * 3_600_000); // the window closes: the next text waits in the queue
    messageId(d.write(alice, { type: 'text', text: 'queued' }));
    const { bsuid: _bsuid, ...customerV1 } = d.state.customer;
    const v1 = { ...d.state, schema: 1, customer: customerV1, seen: { 'm:wamid.old': T0 } };
    const upgraded = upgradeState(JSON.parse(JSON.stringify(v1)) as { schema: number });
    expect(upgraded).toEqual({ ...d.state, customer: { ...d.state.customer, bsuid: null } });
  });

  it('I6: a v2 state hands its dedupe keys to the store and no longer holds them', () => {
    const d = optedIn();
    const v2 = { ...d.state, schema: 2, seen: { 'm:wamid.a': T0, 's:wamid.b:read': T0 + 1 } };
    const saved = JSON.parse(JSON.stringify(v2)) as { schema: number };
    expect(savedDedupeKeys(saved)).toEqual([
      ['m:wamid.a', T0],
      ['s:wamid.b:read', T0 + 1],
    ]);
    expect(upgradeState(saved)).toEqual(d.state);
    expect(savedDedupeKeys(d.state)).toEqual([]);
  });

  it('a state newer than this code is refused, not misread', () => {
    expect(() => upgradeState({ schema: 99 })).toThrow(/newer than this code/);
  });
});
