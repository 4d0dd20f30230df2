// The worker's sender (worker/conversations/sender.ts) hands a template's header to the client: text
// header parameters and the header's media id used to be dropped on the way (issue 10 item 4).
import { describe, expect, it } from 'vitest';
import { performSend } from '../../worker/conversations/sender';
import { fakeFetch, sendOk } from './helpers/fake-fetch';

const config = (fetch: typeof globalThis.fetch) => ({
  baseUrl: 'http://graph.test',
  apiVersion: 'v24.0',
  accessToken: 'token',
  phoneNumberId: '100000000000001',
  fetch,
});

const template = {
  type: 'template' as const,
  name: 'order_update',
  language: 'en_US',
  headerParams: ['#4711'],
  bodyParams: ['Sam'],
  quickReplyPayloads: [],
};

describe('the sender sends a template with its header', () => {
  it('text header parameters go as the header component', async () => {
    const fake = fakeFetch(sendOk('wamid.H', '+14155550101'));
    const outcome = await performSend(config(fake.fetch), {
      type: 'send',
      messageId: 'm1',
      attempt: 1,
      callbackData: 'cb',
      to: '+14155550101',
      payload: template,
    });
    expect(outcome).toMatchObject({ type: 'accepted', wamid: 'wamid.H' });
    expect(fake.calls[0]?.json).toMatchObject({
      template: {
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '#4711' }] },
          { type: 'body', parameters: [{ type: 'text', text: 'Sam' }] },
        ],
      },
    });
  });

  it('an image header goes with its media id', async () => {
    const fake = fakeFetch(sendOk('wamid.I', '+14155550101'));
    await performSend(config(fake.fetch), {
      type: 'send',
      messageId: 'm2',
      attempt: 1,
      callbackData: 'cb',
      to: '+14155550101',
      payload: { ...template, headerParams: [], headerMedia: { type: 'image', mediaId: '7100001' } },
    });
    expect(fake.calls[0]?.json).toMatchObject({
      template: {
        components: [
          { type: 'header', parameters: [{ type: 'image', image: { id: '7100001' } }] },
          { type: 'body' },
        ],
      },
    });
  });
});
