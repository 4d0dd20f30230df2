// P3 / I4: a send waits in its number's pacer line before it leaves. When the pacer cannot answer
// (its object restarted while the send waited), nothing was sent: the send comes back as a refusal
// WhatsApp's full second would give (130429, retried later), never as an unknown outcome, which
// would mark the message uncertain and keep it from ever being sent.
import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../worker/conversations/dispatch';
import type { Effect } from '../../worker/domain/conversation';
import { decideError } from '../../worker/domain/error-codes';
import type { ConversationRef } from '../../worker/durable-objects/conversation-store';
import type { Env } from '../../worker/env';
import type { NumberCredentials } from '../../worker/services/number-settings';

const ref: ConversationRef = {
  conversationId: 'conv-pacer-down',
  orgId: 'acme',
  numberId: 'num-acme',
  phoneNumberId: '100000000000001',
  contactId: 'contact-1',
  customerPhone: '+14155550123',
};

const send: Extract<Effect, { type: 'send' }> = {
  type: 'send',
  messageId: 'conv-pacer-down.m1',
  attempt: 1,
  to: { phone: '+14155550123', bsuid: null },
  payload: { type: 'text', text: 'hello' },
} as unknown as Extract<Effect, { type: 'send' }>;

describe('a send whose pacer cannot answer (P3, I4)', () => {
  it('P3 / I4: comes back as 130429, retried later, and nothing reaches WhatsApp', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const gate = {
      acquire: () => Promise.reject(new Error('Durable Object reset because its code was updated')),
    };
    const down = {
      ...env,
      NUMBER_GATE: { idFromName: () => ({}), get: () => gate },
    } as unknown as Env;
    const credentials = {
      accessToken: 'token',
      number: { phoneNumberId: ref.phoneNumberId },
    } as NumberCredentials;
    const outcome = await dispatch(down, ref, send, credentials);
    expect(outcome).toEqual({ type: 'error', code: 130429 });
    expect(decideError(130429).action).toBe('retry');
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
