// Request shapes of the client's sends against reference §1, with a fake fetch.
import { describe, expect, it } from 'vitest';
import { createWhatsAppClient, WhatsAppValidationError } from '../../worker/whatsapp';
import { CONFIG, fakeFetch, json, MESSAGES_URL, sendOk } from './helpers/fake-fetch';

function setup(...replies: Parameters<typeof fakeFetch>) {
  const fake = fakeFetch(...replies);
  return { ...fake, client: createWhatsAppClient({ ...CONFIG, fetch: fake.fetch }) };
}

describe('sends: request shapes (reference §1)', () => {
  it('§1.2 text: URL, Bearer token, JSON body with preview_url, context and biz_opaque_callback_data', async () => {
    const { client, calls } = setup(sendOk('wamid.A', '+16505551234'));
    const result = await client.sendText('+16505551234', 'See https://example.com', {
      previewUrl: true,
      replyTo: 'wamid.QUOTED',
      bizOpaqueCallbackData: 'msg_42',
    });
    expect(result).toEqual({ messageId: 'wamid.A', input: '+16505551234', waId: '16505551234' });
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.url).toBe(MESSAGES_URL);
    expect(call?.method).toBe('POST');
    expect(call?.headers.get('authorization')).toBe('Bearer test-token');
    expect(call?.headers.get('content-type')).toBe('application/json');
    expect(call?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'text',
      text: { preview_url: true, body: 'See https://example.com' },
      context: { message_id: 'wamid.QUOTED' },
      biz_opaque_callback_data: 'msg_42',
    });
  });

  it('§1.2 text without options sends neither preview_url nor context', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendText('+16505551234', 'Hello');
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'text',
      text: { body: 'Hello' },
    });
  });

  it('§1.3 image by media id with caption', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendImage('+16505551234', {
      mediaId: '1479537139650973',
      caption: 'The best succulent ever?',
    });
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'image',
      image: { id: '1479537139650973', caption: 'The best succulent ever?' },
    });
  });

  it('§1.4 template: language object, body text parameters, quick-reply payload buttons with index', async () => {
    const { client, calls } = setup(
      json({
        messaging_product: 'whatsapp',
        contacts: [{ input: '+5511912345678', wa_id: '551112345678' }],
        messages: [{ id: 'wamid.T', message_status: 'accepted' }],
      }),
    );
    const result = await client.sendTemplate(
      '+5511912345678',
      {
        name: 'greenline_opt_in',
        language: 'en_US',
        bodyParams: ['Ana'],
        quickReplyPayloads: ['optin:yes', 'optin:no'],
      },
      { bizOpaqueCallbackData: 'optin_1' },
    );
    expect(result).toEqual({
      messageId: 'wamid.T',
      input: '+5511912345678',
      waId: '551112345678',
      messageStatus: 'accepted',
    });
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+5511912345678',
      type: 'template',
      template: {
        name: 'greenline_opt_in',
        language: { code: 'en_US' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'optin:yes' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'optin:no' }],
          },
        ],
      },
      biz_opaque_callback_data: 'optin_1',
    });
  });

  it('§1.4 template without parameters sends no components', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendTemplate('+16505551234', { name: 'hello_world', language: 'en' });
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en' } },
    });
  });

  it('§1.5 interactive reply buttons with header and footer', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendInteractiveButtons('+16505551234', {
      header: 'Workshop',
      body: 'Reschedule?',
      footer: 'Lucky Shrub',
      buttons: [
        { id: 'change-button', title: 'Change' },
        { id: 'cancel-button', title: 'Cancel' },
      ],
    });
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Workshop' },
        body: { text: 'Reschedule?' },
        footer: { text: 'Lucky Shrub' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'change-button', title: 'Change' } },
            { type: 'reply', reply: { id: 'cancel-button', title: 'Cancel' } },
          ],
        },
      },
    });
  });

  it('§1.9 mark as read: status read and message_id, no type; expects {success:true}', async () => {
    const { client, calls } = setup(json({ success: true }));
    await expect(client.markAsRead('wamid.IN')).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe(MESSAGES_URL);
    expect(calls[0]?.json).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN' });
  });

  it('sendRaw sends an untyped shape (a §1.8 reaction) as given', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendRaw({
      to: '+16505551234',
      type: 'reaction',
      reaction: { message_id: 'wamid.X', emoji: '👍' },
    });
    expect(calls[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      to: '+16505551234',
      type: 'reaction',
      reaction: { message_id: 'wamid.X', emoji: '👍' },
    });
  });

  it('§9 base URL: a trailing slash is dropped and the version is always in the path', async () => {
    const fake = fakeFetch(sendOk());
    const client = createWhatsAppClient({ ...CONFIG, baseUrl: 'http://127.0.0.1:8788/', fetch: fake.fetch });
    await client.sendText('+16505551234', 'hi');
    expect(fake.calls[0]?.url).toBe('http://127.0.0.1:8788/v24.0/106540352242922/messages');
  });

  it('§1.10 BSUID recipients (2026): a send to US.… is accepted and the answer may omit wa_id', async () => {
    const { client, calls } = setup(
      json({
        messaging_product: 'whatsapp',
        contacts: [{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }],
        messages: [{ id: 'wamid.C' }],
      }),
    );
    await expect(client.sendText('US.13491208655302741918', 'hi')).resolves.toEqual({
      messageId: 'wamid.C',
      input: 'US.13491208655302741918',
      waId: '',
      userId: 'US.13491208655302741918',
    });
    expect(calls[0]?.json).toMatchObject({ to: 'US.13491208655302741918' });
  });

  it.each(['US', 'US.', 'us.123', 'US.12 3', 'US.ENT.', `US.${'1'.repeat(129)}`])(
    '§1.1 %s is neither a phone number nor a BSUID: refused before any call',
    async (to) => {
      const { client, calls } = setup(json({}));
      await expect(client.sendText(to, 'hi')).rejects.toThrow(/to/);
      expect(calls).toEqual([]);
    },
  );

  it('§1.10 BSUID recipients: an empty wa_id is accepted', async () => {
    const { client } = setup(
      json({
        messaging_product: 'whatsapp',
        contacts: [{ input: 'user.ABC', wa_id: '', user_id: 'user.ABC' }],
        messages: [{ id: 'wamid.B' }],
      }),
    );
    await expect(client.sendText('user.ABC', 'hi')).resolves.toEqual({
      messageId: 'wamid.B',
      input: 'user.ABC',
      waId: '',
      userId: 'user.ABC',
    });
  });
});

describe('sends: local validation throws WhatsAppValidationError and never calls the network', () => {
  const cases: Array<[string, (c: ReturnType<typeof setup>['client']) => Promise<unknown>, string]> = [
    ['text over 4096 characters', (c) => c.sendText('+16505551234', 'x'.repeat(4097)), 'text.body'],
    ['empty text', (c) => c.sendText('+16505551234', ''), 'text.body'],
    [
      'caption over 1024',
      (c) => c.sendImage('+16505551234', { mediaId: '1', caption: 'c'.repeat(1025) }),
      'image.caption',
    ],
    ['no buttons', (c) => c.sendInteractiveButtons('+16505551234', { body: 'b', buttons: [] }), 'buttons'],
    [
      'four buttons',
      (c) =>
        c.sendInteractiveButtons('+16505551234', {
          body: 'b',
          buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })),
        }),
      'buttons',
    ],
    [
      'button title over 20',
      (c) =>
        c.sendInteractiveButtons('+16505551234', {
          body: 'b',
          buttons: [{ id: 'a', title: 't'.repeat(21) }],
        }),
      'buttons[0].title',
    ],
    [
      'duplicate button titles',
      (c) =>
        c.sendInteractiveButtons('+16505551234', {
          body: 'b',
          buttons: [
            { id: 'a', title: 'Same' },
            { id: 'b', title: 'Same' },
          ],
        }),
      'buttons[1].title',
    ],
    [
      'number without + (Meta would prepend the business country code)',
      (c) => c.sendText('16505551234', 'hi'),
      'to',
    ],
    [
      'template name with capitals',
      (c) => c.sendTemplate('+16505551234', { name: 'Hello', language: 'en' }),
      'template.name',
    ],
    [
      'callback data over 512',
      (c) => c.sendText('+16505551234', 'hi', { bizOpaqueCallbackData: 'x'.repeat(513) }),
      'bizOpaqueCallbackData',
    ],
  ];

  it.each(cases)('%s', async (_name, act, field) => {
    const { client, calls } = setup();
    const error = await act(client).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WhatsAppValidationError);
    expect((error as WhatsAppValidationError).field).toBe(field);
    expect(calls).toHaveLength(0);
  });

  it('limits count characters, not UTF-16 units: 4096 emoji are a valid text', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendText('+16505551234', '😀'.repeat(4096));
    expect(calls).toHaveLength(1);
  });

  it('exactly 3 buttons with 20-character titles are accepted', async () => {
    const { client, calls } = setup(sendOk());
    await client.sendInteractiveButtons('+16505551234', {
      body: 'b',
      buttons: ['a', 'b', 'c'].map((id) => ({ id, title: id.repeat(20) })),
    });
    expect(calls).toHaveLength(1);
  });
});
