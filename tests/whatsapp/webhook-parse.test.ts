// parseWebhook over payloads shaped after reference §2.3–2.9.
import { describe, expect, it } from 'vitest';
import { type MessageEvent, parseWebhook, type StatusEvent, type WebhookEvent } from '../../worker/whatsapp';
import {
  CONTACT,
  entry,
  envelope,
  inbound,
  MESSAGES,
  messagesChange,
  STATUS_FAILED_131049,
  STATUS_SENT,
  TEMPLATE_STATUS_CHANGE,
  USER_PREFERENCES_CHANGE,
  WABA,
} from './helpers/webhook-payloads';

const ORIGIN = { wabaId: WABA, phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };

function onlyMessage(message: unknown, contacts: unknown[] = [CONTACT]): MessageEvent {
  const { events, problems } = parseWebhook(
    envelope(entry([messagesChange({ contacts, messages: [message] })])),
  );
  expect(problems).toEqual([]);
  expect(events).toHaveLength(1);
  const event = events[0];
  if (event?.type !== 'message') throw new Error('expected a message event');
  return event;
}

function byType<T extends WebhookEvent['type']>(events: WebhookEvent[], type: T) {
  return events.filter((e): e is Extract<WebhookEvent, { type: T }> => e.type === type);
}

describe('§2.4 inbound messages: one event per message, with origin, contact and epoch ms', () => {
  it('I6: text carries wamid, sender, wa_id, profile name and the timestamp in ms', () => {
    expect(onlyMessage(MESSAGES.text)).toEqual({
      type: 'message',
      ...ORIGIN,
      messageId: 'wamid.text',
      from: '16505551234',
      waId: '16505551234',
      profileName: 'Sheena Nelson',
      timestamp: 1749416383000,
      content: { kind: 'text', body: 'Hello, is this available?' },
      errors: [],
    });
  });

  it.each([
    [
      'image',
      MESSAGES.image,
      {
        kind: 'image',
        mediaId: '1003383421387256',
        mimeType: 'image/jpeg',
        caption: 'The best succulent ever?',
      },
    ],
    ['video', MESSAGES.video, { kind: 'video', mediaId: '2001', mimeType: 'video/mp4' }],
    ['audio', MESSAGES.audio, { kind: 'audio', mediaId: '2002', voice: true }],
    ['document', MESSAGES.document, { kind: 'document', filename: 'quote.pdf', caption: 'Quote' }],
    ['sticker', MESSAGES.sticker, { kind: 'sticker', mediaId: '2004', animated: false }],
    ['button (template quick reply)', MESSAGES.button, { kind: 'button', payload: 'optin:yes', text: 'Yes' }],
    [
      'interactive button_reply',
      MESSAGES.buttonReply,
      { kind: 'button_reply', id: 'change-button', title: 'Change' },
    ],
    [
      'interactive list_reply',
      MESSAGES.listReply,
      { kind: 'list_reply', id: 'priority_express', title: 'Express', description: 'Next day' },
    ],
    ['reaction', MESSAGES.reaction, { kind: 'reaction', messageId: 'wamid.ours', emoji: '😀' }],
    [
      'location',
      MESSAGES.location,
      { kind: 'location', latitude: 37.4829, longitude: -122.1484, name: 'Philz Coffee' },
    ],
    [
      'contacts',
      MESSAGES.contacts,
      {
        kind: 'contacts',
        contacts: [
          { name: 'Barbara Johnson', phones: [{ phone: '+1 (940) 555-1234', waId: '19405551234' }] },
        ],
      },
    ],
    [
      'order',
      MESSAGES.order,
      {
        kind: 'order',
        catalogId: '194836987003835',
        items: [{ productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD' }],
      },
    ],
    [
      'system',
      MESSAGES.system,
      { kind: 'system', systemType: 'user_changed_number', newWaId: '16505550000' },
    ],
    ['unsupported', MESSAGES.unsupported, { kind: 'unsupported', unsupportedType: 'edit' }],
  ] as const)('%s', (_name, message, content) => {
    expect(onlyMessage(message).content).toMatchObject(content);
  });

  it('B6: a quick-reply tap keeps its context (template wamid) so the opt-in answer can be matched', () => {
    expect(onlyMessage(MESSAGES.button).context).toEqual({
      from: '15550783881',
      messageId: 'wamid.template',
    });
  });

  it('131051: an unsupported message carries its error and the domain decision', () => {
    const [error] = onlyMessage(MESSAGES.unsupported).errors;
    expect(error).toMatchObject({
      code: 131051,
      title: 'Message type unknown',
      details: 'Message type is currently not supported.',
    });
    expect(error?.decision.action).toBe('final');
  });

  it('a removed reaction (empty emoji) has emoji null', () => {
    const event = onlyMessage(
      inbound('wamid.r', 'reaction', { reaction: { message_id: 'wamid.ours', emoji: '' } }),
    );
    expect(event.content).toEqual({ kind: 'reaction', messageId: 'wamid.ours', emoji: null });
  });

  it('forwarded context and referral are kept', () => {
    const event = onlyMessage(
      inbound(
        'wamid.f',
        'text',
        { text: { body: 'fwd' } },
        { context: { forwarded: true }, referral: { source_type: 'ad', source_id: '1', ctwa_clid: 'c' } },
      ),
    );
    expect(event.context).toEqual({ forwarded: true });
    expect(event.referral).toMatchObject({ source_type: 'ad', ctwa_clid: 'c' });
  });

  it('§2.3 Brazil: wa_id differs from `from`; a single contact is still the sender', () => {
    const event = onlyMessage({ ...MESSAGES.text, from: '5511912345678' }, [
      { profile: { name: 'Ana Souza' }, wa_id: '551112345678' },
    ]);
    expect(event).toMatchObject({ from: '5511912345678', waId: '551112345678', profileName: 'Ana Souza' });
  });

  it('§2.3 several senders in one value: each message gets its own contact by wa_id', () => {
    const a = { ...MESSAGES.text, id: 'wamid.a', from: '111' };
    const b = { ...MESSAGES.text, id: 'wamid.b', from: '222' };
    const { events } = parseWebhook(
      envelope(
        entry([
          messagesChange({
            contacts: [
              { profile: { name: 'Two' }, wa_id: '222' },
              { profile: { name: 'One' }, wa_id: '111' },
            ],
            messages: [a, b],
          }),
        ]),
      ),
    );
    expect(byType(events, 'message').map((e) => [e.messageId, e.profileName])).toEqual([
      ['wamid.a', 'One'],
      ['wamid.b', 'Two'],
    ]);
  });
});

describe('§2.5 statuses', () => {
  it('I4: sent with pricing, conversation and biz_opaque_callback_data', () => {
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ statuses: [STATUS_SENT] })])));
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: 'status',
        ...ORIGIN,
        messageId: 'wamid.out1',
        status: 'sent',
        timestamp: 1750030073000,
        recipientId: '16505551234',
        bizOpaqueCallbackData: 'msg_42',
        errors: [],
        pricing: { billable: true, pricingType: 'regular', pricingModel: 'PMP', category: 'marketing' },
        conversation: { id: '72b1', expiresAt: 1750116480000, originType: 'marketing' },
      } satisfies StatusEvent,
    ]);
  });

  it('131049: a failed status carries its errors with details, href and the decision', () => {
    const { events } = parseWebhook(envelope(entry([messagesChange({ statuses: [STATUS_FAILED_131049] })])));
    const [status] = byType(events, 'status');
    expect(status?.status).toBe('failed');
    expect(status?.errors).toEqual([
      {
        code: 131049,
        title: 'This message was not delivered to maintain healthy ecosystem engagement.',
        message: 'This message was not delivered to maintain healthy ecosystem engagement.',
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
        decision: expect.objectContaining({ code: 131049, action: 'final' }),
      },
    ]);
  });

  it.each(['delivered', 'read', 'played'] as const)('B9: %s without pricing parses', (status) => {
    const { events, problems } = parseWebhook(
      envelope(
        entry([messagesChange({ statuses: [{ id: 'wamid.o', status, timestamp: '1', recipient_id: '1' }] })]),
      ),
    );
    expect(problems).toEqual([]);
    expect(events).toMatchObject([{ type: 'status', status, timestamp: 1000 }]);
  });
});

describe('§2.6, §2.8, §2.9 other events', () => {
  it('130429 in value.errors: one error event per error, with origin', () => {
    const errors = [
      {
        code: 130429,
        title: 'Rate limit hit',
        message: '(#130429) Rate limit hit',
        error_data: { details: 'Cloud API message throughput has been reached.' },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
    const { events } = parseWebhook(envelope(entry([messagesChange({ errors })])));
    expect(events).toEqual([
      {
        type: 'error',
        ...ORIGIN,
        error: {
          code: 130429,
          title: 'Rate limit hit',
          message: '(#130429) Rate limit hit',
          details: 'Cloud API message throughput has been reached.',
          href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
          decision: expect.objectContaining({ action: 'retry' }),
        },
      },
    ]);
  });

  it('message_template_status_update: integer id becomes a string, entry.time in ms', () => {
    const { events, problems } = parseWebhook(envelope(entry([TEMPLATE_STATUS_CHANGE], WABA, 1751247548)));
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: 'template_status',
        wabaId: WABA,
        timestamp: 1751247548000,
        templateId: '1689556908129832',
        name: 'order_confirmation',
        language: 'en_US',
        event: 'APPROVED',
        reason: 'NONE',
        category: 'UTILITY',
      },
    ]);
  });

  it('user_preferences stop: integer timestamp in ms, origin from metadata', () => {
    const { events, problems } = parseWebhook(envelope(entry([USER_PREFERENCES_CHANGE])));
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: 'user_preference',
        ...ORIGIN,
        waId: '16505551234',
        category: 'marketing_messages',
        value: 'stop',
        detail: 'User requested to stop marketing messages',
        timestamp: 1731705721000,
      },
    ]);
  });
});
