// Realistic webhook payloads shaped after reference §2.3–2.9 (Meta's examples, ids made up).
export const WABA = '102290129340398';
export const METADATA = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

export function envelope(...entries: unknown[]) {
  return { object: 'whatsapp_business_account', entry: entries };
}

export function entry(changes: unknown[], id = WABA, time?: number) {
  return time === undefined ? { id, changes } : { id, time, changes };
}

export function messagesChange(value: Record<string, unknown>, metadata: Record<string, string> = METADATA) {
  return { field: 'messages', value: { messaging_product: 'whatsapp', metadata, ...value } };
}

export const CONTACT = { profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' };

export function inbound(id: string, type: string, payload: Record<string, unknown>, extra = {}) {
  return { from: '16505551234', id, timestamp: '1749416383', type, ...payload, ...extra };
}

export const MESSAGES = {
  text: inbound('wamid.text', 'text', { text: { body: 'Hello, is this available?' } }),
  image: inbound('wamid.image', 'image', {
    image: {
      caption: 'The best succulent ever?',
      mime_type: 'image/jpeg',
      sha256: 'SfInY0qRjqzqEBfzsDJbdd0Qk8TPzQ6wGAv2xSLAGUI=',
      id: '1003383421387256',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
    },
  }),
  video: inbound('wamid.video', 'video', { video: { mime_type: 'video/mp4', sha256: 'v=', id: '2001' } }),
  audio: inbound('wamid.audio', 'audio', {
    audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'a=', id: '2002', voice: true },
  }),
  document: inbound('wamid.document', 'document', {
    document: {
      caption: 'Quote',
      filename: 'quote.pdf',
      mime_type: 'application/pdf',
      sha256: 'd=',
      id: '2003',
    },
  }),
  sticker: inbound('wamid.sticker', 'sticker', {
    sticker: { mime_type: 'image/webp', sha256: 's=', id: '2004', animated: false },
  }),
  button: inbound(
    'wamid.button',
    'button',
    { button: { payload: 'optin:yes', text: 'Yes' } },
    { context: { from: '15550783881', id: 'wamid.template' } },
  ),
  buttonReply: inbound(
    'wamid.button_reply',
    'interactive',
    { interactive: { type: 'button_reply', button_reply: { id: 'change-button', title: 'Change' } } },
    { context: { from: '15550783881', id: 'wamid.interactive' } },
  ),
  listReply: inbound(
    'wamid.list_reply',
    'interactive',
    {
      interactive: {
        type: 'list_reply',
        list_reply: { id: 'priority_express', title: 'Express', description: 'Next day' },
      },
    },
    { context: { from: '15550783881', id: 'wamid.list' } },
  ),
  reaction: inbound('wamid.reaction', 'reaction', {
    reaction: { message_id: 'wamid.ours', emoji: '\u{1F600}' },
  }),
  location: inbound('wamid.location', 'location', {
    location: { latitude: 37.4829, longitude: -122.1484, name: 'Philz Coffee', address: '3300 Alpine Rd' },
  }),
  contacts: inbound('wamid.contacts', 'contacts', {
    contacts: [
      {
        name: { formatted_name: 'Barbara Johnson', first_name: 'Barbara' },
        phones: [{ phone: '+1 (940) 555-1234', type: 'HOME', wa_id: '19405551234' }],
      },
    ],
  }),
  order: inbound('wamid.order', 'order', {
    order: {
      catalog_id: '194836987003835',
      text: 'Please ship fast',
      product_items: [{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' }],
    },
  }),
  system: inbound('wamid.system', 'system', {
    system: {
      body: 'User A changed from 16505551234 to 16505550000',
      wa_id: '16505550000',
      type: 'user_changed_number',
    },
  }),
  unsupported: inbound('wamid.unsupported', 'unsupported', {
    errors: [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ],
    unsupported: { type: 'edit' },
  }),
};

export const PRICING = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' };

export const STATUS_SENT = {
  id: 'wamid.out1',
  status: 'sent',
  timestamp: '1750030073',
  recipient_id: '16505551234',
  biz_opaque_callback_data: 'msg_42',
  conversation: { id: '72b1', expiration_timestamp: '1750116480', origin: { type: 'marketing' } },
  pricing: PRICING,
};

export const STATUS_FAILED_131049 = {
  id: 'wamid.out2',
  status: 'failed',
  timestamp: '1751142888',
  recipient_id: '16505551234',
  errors: [
    {
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
      message: 'This message was not delivered to maintain healthy ecosystem engagement.',
      error_data: {
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
      href: '/documentation/business-messaging/whatsapp/support/error-codes',
    },
  ],
};

export const TEMPLATE_STATUS_CHANGE = {
  field: 'message_template_status_update',
  value: {
    event: 'APPROVED',
    message_template_id: 1689556908129832,
    message_template_name: 'order_confirmation',
    message_template_language: 'en_US',
    reason: 'NONE',
    message_template_category: 'UTILITY',
  },
};

export const USER_PREFERENCES_CHANGE = {
  field: 'user_preferences',
  value: {
    messaging_product: 'whatsapp',
    metadata: METADATA,
    contacts: [CONTACT],
    user_preferences: [
      {
        wa_id: '16505551234',
        detail: 'User requested to stop marketing messages',
        category: 'marketing_messages',
        value: 'stop',
        timestamp: 1731705721,
      },
    ],
  },
};
