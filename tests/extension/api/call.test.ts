import { describe, expect, it } from 'vitest';
import { agentApi } from '../../../extension/api/agent';
import { ApiFailure, type ApiRequest, type Transport } from '../../../extension/api/transport';

function answering(status: number, value: unknown): { transport: Transport; seen: ApiRequest[] } {
  const seen: ApiRequest[] = [];
  return {
    seen,
    transport: async (request) => {
      seen.push(request);
      return { status, body: { kind: 'json', value } };
    },
  };
}

describe('API client', () => {
  it('turns an error answer into a failure carrying the API message for people', async () => {
    const { transport } = answering(400, {
      error: { code: 'invalid_phone', message: 'That is not a phone number.' },
    });
    const failure = await agentApi(transport)
      .upsertContact({ name: 'Samuel', phone: '12' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({
      status: 400,
      code: 'invalid_phone',
      message: 'That is not a phone number.',
    });
  });

  it('refuses an answer that does not match the shared schema instead of trusting it', async () => {
    const { transport } = answering(200, { id: 'c1' });
    await expect(agentApi(transport).contact('c1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('sends the Idempotency-Key with a message (I4) and escapes path ids', async () => {
    const { transport, seen } = answering(500, {});
    await agentApi(transport)
      .send('a/b', { type: 'text', text: 'hi' }, 'key-1')
      .catch(() => undefined);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/conversations/a%2Fb/messages',
      idempotencyKey: 'key-1',
    });
  });
});
