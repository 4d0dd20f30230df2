// Contract: SPEC I4. A send whose answer is lost is "outcome unknown"; the client does not retry, and the
// status webhooks, carrying our biz_opaque_callback_data, tell what really happened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_API_VERSION } from '../../../shared/demo';
import { createWhatsAppClient, WhatsAppTransportError } from '../../../worker/whatsapp';
import { ACME, rejectionOf, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('contract: uncertain sends (I4)', () => {
  it('I4: the request reaches Meta but the answer is lost: outcomeUnknown, one request only, and the sent status reconciles it', async () => {
    await world.userSays(SAMUEL, 'hello');
    let requests = 0;
    const lossyFetch: typeof fetch = async (input, init) => {
      requests++;
      await fetch(input, init); // the sandbox accepts the message ...
      throw new TypeError('fetch failed: connection reset'); // ... and the answer never arrives
    };
    const client = createWhatsAppClient({
      baseUrl: world.url,
      apiVersion: DEMO_API_VERSION,
      accessToken: ACME.accessToken,
      phoneNumberId: ACME.phoneNumberId,
      fetch: lossyFetch,
    });
    const error = await rejectionOf(
      client.sendText(SAMUEL, 'Did this go out?', { bizOpaqueCallbackData: 'gl_msg_77' }),
    );
    expect(error).toBeInstanceOf(WhatsAppTransportError);
    expect(error).toMatchObject({ failure: 'network', outcomeUnknown: true });
    expect(requests).toBe(1);

    const { events } = await world.waitForEvents((all) =>
      all.some(
        (e) => e.type === 'status' && e.bizOpaqueCallbackData === 'gl_msg_77' && e.status === 'delivered',
      ),
    );
    const ours = events.filter((e) => e.type === 'status' && e.bizOpaqueCallbackData === 'gl_msg_77');
    expect(ours.map((e) => (e.type === 'status' ? e.status : ''))).toEqual(['sent', 'delivered']);
    const inbox = (await world.control('GET', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`)) as {
      messages: Array<{ text?: string }>;
    };
    expect(inbox.messages.map((m) => m.text)).toEqual(['Did this go out?']);
  });

  it('I4: a send that never reached Meta is also outcomeUnknown (the client cannot tell), and nothing arrives', async () => {
    const client = createWhatsAppClient({
      baseUrl: 'http://127.0.0.1:1',
      apiVersion: DEMO_API_VERSION,
      accessToken: ACME.accessToken,
      phoneNumberId: ACME.phoneNumberId,
      fetch,
    });
    const error = await rejectionOf(client.sendText(SAMUEL, 'lost', { bizOpaqueCallbackData: 'gl_msg_78' }));
    expect(error).toMatchObject({ name: 'WhatsAppTransportError', outcomeUnknown: true });
  });
});
