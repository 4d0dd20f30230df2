// B1 and B2: the opt-in question and its four outcomes, plus WhatsApp's other refusals.
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../extension/api/transport';
import { createOptInModel } from '../../../extension/models/panel/opt-in';
import { contact, outbound, settle, state } from './fixtures';
import { loadedConversation } from './helpers';

const fresh = state({
  consent: 'none',
  canRequestOptIn: true,
  window: { open: false, expiresAt: null },
  canSendText: false,
  canSendTemplate: false,
  textHint: 'consent_required',
  threadId: null,
  participants: [],
  youAreParticipant: false,
});
const pending = state({ consent: 'pending', textHint: 'queued_until_consent', canSendText: false });
const optInMessage = (over = {}) => outbound({ id: 'm-optin', kind: 'opt_in', text: 'Acme asks…', ...over });

async function setup(s = fresh) {
  const env = await loadedConversation(s);
  const smsHandOff = vi.fn();
  const optIn = createOptInModel({ api: env.api, conversation: env.conversation, smsHandOff });
  return { ...env, optIn, smsHandOff };
}

describe('B1: the opt-in question', () => {
  it('is asked on opening a contact without consent; confirming sends it and shows "pending"', async () => {
    const { api, optIn, conversation } = await setup();
    expect(optIn.questionOpen.value).toBe(true);
    api.requestOptIn.mockResolvedValue({ message: optInMessage({ state: 'sent' }), conversation: pending });
    await optIn.confirm();
    expect(api.requestOptIn).toHaveBeenCalledWith(contact.id);
    expect(conversation.state.value?.consent).toBe('pending');
    expect(conversation.thread.value?.items).toEqual([
      expect.objectContaining({ kind: 'opt_in', state: 'sent' }),
    ]);
    expect(optIn.questionOpen.value).toBe(false);
  });

  it('Cancel closes the question; it can be asked again', async () => {
    const { optIn } = await setup();
    optIn.cancel();
    expect(optIn.questionOpen.value).toBe(false);
    optIn.ask();
    expect(optIn.questionOpen.value).toBe(true);
  });

  it('a double click sends one opt-in', async () => {
    const { api, optIn } = await setup();
    api.requestOptIn.mockResolvedValue({ message: optInMessage(), conversation: pending });
    await Promise.all([optIn.confirm(), optIn.confirm()]);
    expect(api.requestOptIn).toHaveBeenCalledTimes(1);
  });
});

describe('B2: outcomes', () => {
  it('(a) not on WhatsApp: asks whether to send an SMS; Yes hands the number to the SMS app', async () => {
    const { api, optIn, smsHandOff } = await setup();
    const failure = {
      code: 131026,
      reason: 'This number cannot receive WhatsApp messages.',
      nextStep: 'Send an SMS instead, or try again in 24 hours.',
    };
    api.requestOptIn.mockResolvedValue({
      message: optInMessage({ state: 'failed', failure }),
      conversation: {
        ...fresh,
        consent: 'not_on_whatsapp',
        canRequestOptIn: false,
        textHint: 'not_on_whatsapp',
      },
    });
    await optIn.confirm();
    expect(optIn.smsQuestion.value).toBe(true);
    expect(optIn.refusal.value).toBeNull();
    optIn.answerSms(true);
    expect(smsHandOff).toHaveBeenCalledWith('sms:+14155550101');
    expect(optIn.smsOffered.value).toBe('sms:+14155550101');
    expect(optIn.smsQuestion.value).toBe(false);
  });

  it('(a) No returns to the panel without handing anything off', async () => {
    const { optIn, smsHandOff } = await setup({ ...fresh, consent: 'not_on_whatsapp' });
    expect(optIn.smsQuestion.value).toBe(true);
    optIn.answerSms(false);
    expect(optIn.smsQuestion.value).toBe(false);
    expect(smsHandOff).not.toHaveBeenCalled();
  });

  it('(a) by webhook later: the SMS question appears when the state says so', async () => {
    const { api, live, optIn } = await setup(pending);
    expect(optIn.smsQuestion.value).toBe(false);
    api.whatsapp.mockResolvedValue({ ...pending, consent: 'not_on_whatsapp' });
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id });
    await settle();
    expect(optIn.smsQuestion.value).toBe(true);
  });

  it('(b) accepted: consent and the confirmation line arrive live', async () => {
    const { api, live, conversation } = await setup(pending);
    api.whatsapp.mockResolvedValue(state({ consent: 'opted_in' }));
    live.emit({
      type: 'item',
      conversationId: 'conv-1',
      threadId: 'th-1',
      item: { type: 'system', at: 5, text: 'The customer opted in. You can message them now.' },
    });
    live.emit({ type: 'conversation', conversationId: 'conv-1', contactId: contact.id });
    await settle();
    expect(conversation.state.value?.consent).toBe('opted_in');
    expect(conversation.thread.value?.items.at(-1)).toMatchObject({
      text: 'The customer opted in. You can message them now.',
    });
    expect(conversation.announcement.value).toBe('The customer opted in. You can message them now.');
  });

  it('other refusals (e.g. 131049): the plain reason, consent stays none', async () => {
    const { api, optIn, conversation } = await setup();
    const failure = {
      code: 131049,
      reason: 'WhatsApp chose not to deliver this message to keep engagement healthy.',
      nextStep: 'Wait at least 24 hours before sending another template.',
    };
    api.requestOptIn.mockResolvedValue({
      message: optInMessage({ state: 'failed', failure }),
      conversation: fresh,
    });
    await optIn.confirm();
    expect(optIn.refusal.value).toBe(
      'WhatsApp did not deliver the opt-in: WhatsApp chose not to deliver this message to keep engagement healthy. Wait at least 24 hours before sending another template.',
    );
    expect(conversation.state.value?.consent).toBe('none');
  });

  it('an API refusal is shown with its message (e.g. too soon)', async () => {
    const { api, optIn, conversation } = await setup();
    api.requestOptIn.mockRejectedValue(
      new ApiFailure(
        409,
        'opt_in_too_soon',
        'An opt-in was sent less than 24 hours ago; a new one becomes available at optInAvailableAt.',
      ),
    );
    await optIn.confirm();
    expect(conversation.actionError.value).toContain('less than 24 hours ago');
    expect(optIn.sending.value).toBe(false);
  });
});
