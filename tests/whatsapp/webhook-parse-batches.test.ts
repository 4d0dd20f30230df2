// parseWebhook over batches and broken parts: never throws, reports problems, keeps the good parts.
import { describe, expect, it } from 'vitest';
import { parseWebhook, type WebhookEvent } from '../../worker/whatsapp';
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
  WABA,
} from './helpers/webhook-payloads';

function byType<T extends WebhookEvent['type']>(events: WebhookEvent[], type: T) {
  return events.filter((e): e is Extract<WebhookEvent, { type: T }> => e.type === type);
}

describe('batches and bad parts (never throw; report problems)', () => {
  it('I6: multi-entry, multi-change batch: every entry and change, in order, each with its own origin', () => {
    const otherMetadata = { display_phone_number: '15550100002', phone_number_id: '100000000000002' };
    const payload = envelope(
      entry([
        messagesChange({ contacts: [CONTACT], messages: [MESSAGES.text, MESSAGES.image] }),
        messagesChange({ statuses: [STATUS_SENT, STATUS_FAILED_131049] }),
      ]),
      entry(
        [
          messagesChange({ contacts: [CONTACT], messages: [MESSAGES.button] }, otherMetadata),
          TEMPLATE_STATUS_CHANGE,
        ],
        '200000000000002',
      ),
    );
    const { events, problems } = parseWebhook(payload);
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.type, e.wabaId, e.phoneNumberId])).toEqual([
      ['message', WABA, '106540352242922'],
      ['message', WABA, '106540352242922'],
      ['status', WABA, '106540352242922'],
      ['status', WABA, '106540352242922'],
      ['message', '200000000000002', '100000000000002'],
      ['template_status', '200000000000002', undefined],
    ]);
  });

  it('a malformed message beside good ones: the good ones survive, the bad one is reported', () => {
    const broken = { from: '16505551234', timestamp: '1749416383', type: 'text', text: { body: 'no id' } };
    const { events, problems } = parseWebhook(
      envelope(
        entry([messagesChange({ contacts: [CONTACT], messages: [MESSAGES.text, broken, MESSAGES.image] })]),
      ),
    );
    expect(byType(events, 'message').map((e) => e.messageId)).toEqual(['wamid.text', 'wamid.image']);
    expect(problems).toEqual([
      { path: 'entry[0].changes[0].value.messages[1].id', message: expect.any(String), kind: 'malformed' },
    ]);
  });

  it('a known type with a broken payload keeps the message as kind unknown (malformed) and reports it', () => {
    const bad = inbound('wamid.badtext', 'text', { text: { body: 42 } });
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [bad] })])));
    expect(events).toMatchObject([
      {
        type: 'message',
        messageId: 'wamid.badtext',
        content: { kind: 'unknown', rawType: 'text', malformed: true },
      },
    ]);
    expect(problems).toMatchObject([
      { path: 'entry[0].changes[0].value.messages[0].text.body', kind: 'malformed' },
    ]);
  });

  it('an unknown message type still yields a message event of kind unknown, and a problem', () => {
    const poll = inbound('wamid.poll', 'poll', { poll: { question: '?' } });
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [poll] })])));
    expect(events).toMatchObject([
      { messageId: 'wamid.poll', content: { kind: 'unknown', rawType: 'poll', malformed: false } },
    ]);
    expect(problems).toEqual([
      {
        path: 'entry[0].changes[0].value.messages[0].type',
        message: expect.stringContaining('poll'),
        kind: 'unknown_type',
      },
    ]);
  });

  it('unknown fields and unknown change fields are reported, the rest is applied', () => {
    const payload = envelope(
      entry([
        { field: 'calls', value: { event: 'connect' } },
        messagesChange({
          messages: [{ ...MESSAGES.text, brand_new: 1 }],
          statuses: [{ ...STATUS_SENT, shiny: true }],
        }),
      ]),
    );
    const { events, problems } = parseWebhook(payload);
    expect(events.map((e) => e.type)).toEqual(['message', 'status']);
    expect(problems).toEqual([
      { path: 'entry[0].changes[0].field', message: expect.any(String), kind: 'unknown_field' },
      {
        path: 'entry[0].changes[1].value.messages[0].brand_new',
        message: expect.any(String),
        kind: 'unknown_field',
      },
      {
        path: 'entry[0].changes[1].value.statuses[0].shiny',
        message: expect.any(String),
        kind: 'unknown_field',
      },
    ]);
  });

  it('a broken status, an unknown status value and a broken value.errors item are reported without dropping others', () => {
    const payload = envelope(
      entry([
        messagesChange({
          statuses: [
            { id: 'wamid.x', status: 'sent' },
            { ...STATUS_SENT, status: 'teleported' },
            STATUS_FAILED_131049,
          ],
          errors: [{ title: 'no code' }],
        }),
      ]),
    );
    const { events, problems } = parseWebhook(payload);
    expect(events.map((e) => (e.type === 'status' ? e.messageId : e.type))).toEqual(['wamid.out2']);
    expect(problems.map((p) => p.path)).toEqual([
      'entry[0].changes[0].value.statuses[0].timestamp',
      'entry[0].changes[0].value.statuses[1].status',
      'entry[0].changes[0].value.errors[0].code',
    ]);
  });

  it('a bad entry and a bad change do not stop the next ones', () => {
    const payload = envelope(
      { changes: [] },
      entry([{ value: {} }, messagesChange({ messages: [MESSAGES.text] })]),
      entry([messagesChange({ messages: [MESSAGES.text] }, { phone_number_id: '1' })]),
    );
    const { events, problems } = parseWebhook(payload);
    expect(events.map((e) => e.type)).toEqual(['message']);
    expect(problems.map((p) => p.path)).toEqual([
      'entry[0].id',
      'entry[1].changes[0].field',
      'entry[2].changes[0].value.metadata.display_phone_number',
    ]);
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', []],
    ['another object type', { object: 'page', entry: [] }],
    ['entry not an array', { object: 'whatsapp_business_account', entry: {} }],
  ])('S4: %s is reported, never thrown', (_name, body) => {
    const result = parseWebhook(body);
    expect(result.events).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it('value metadata missing entirely is a problem for that change only', () => {
    const { events, problems } = parseWebhook(
      envelope(
        entry([{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [MESSAGES.text] } }]),
      ),
    );
    expect(events).toEqual([]);
    expect(problems).toMatchObject([{ path: 'entry[0].changes[0].value.metadata' }]);
  });
});
