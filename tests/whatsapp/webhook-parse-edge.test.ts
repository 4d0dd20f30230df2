// parseWebhook on the rarer shapes of reference §2.4–2.9: scheduled deletion, user preferences without
// metadata, an inbound media error, BSUID contacts, numeric-string codes.
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../worker/whatsapp';
import { entry, envelope, inbound, messagesChange, WABA } from './helpers/webhook-payloads';

describe('rare but documented shapes', () => {
  it('§2.8 PENDING_DELETION with reason null and other_info', () => {
    const change = {
      field: 'message_template_status_update',
      value: {
        event: 'PENDING_DELETION',
        message_template_id: '1689556908129832',
        message_template_name: 'order_confirmation',
        message_template_language: 'en_US',
        reason: null,
        other_info: { title: 'DISABLED', description: 'Scheduled for deletion' },
      },
    };
    const { events, problems } = parseWebhook(envelope(entry([change])));
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: 'template_status',
        wabaId: WABA,
        templateId: '1689556908129832',
        name: 'order_confirmation',
        language: 'en_US',
        event: 'PENDING_DELETION',
        reason: null,
        otherInfo: { title: 'DISABLED', description: 'Scheduled for deletion' },
      },
    ]);
  });

  it('§2.9 user_preferences resume without metadata: origin is the WABA only', () => {
    const change = {
      field: 'user_preferences',
      value: {
        user_preferences: [
          { wa_id: '16505551234', category: 'marketing_messages', value: 'resume', timestamp: '1731705721' },
        ],
      },
    };
    const { events, problems } = parseWebhook(envelope(entry([change])));
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: 'user_preference',
        wabaId: WABA,
        waId: '16505551234',
        category: 'marketing_messages',
        value: 'resume',
        timestamp: 1731705721000,
      },
    ]);
  });

  it('§2.4 131052: an inbound media message with a download error keeps its error and decision', () => {
    const message = inbound('wamid.big', 'video', {
      video: { mime_type: 'video/mp4', id: '3001' },
      errors: [
        {
          code: 131052,
          title: 'Media download error',
          message: 'Media download error',
          error_data: { details: 'Media file size too big. Max file size we currently support: 100MB.' },
        },
      ],
    });
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [message] })])));
    expect(problems).toEqual([]);
    expect(events).toMatchObject([
      {
        type: 'message',
        content: { kind: 'video', mediaId: '3001' },
        errors: [{ code: 131052, details: expect.stringContaining('100MB'), decision: { action: 'final' } }],
      },
    ]);
  });

  it('§2.3 2026 BSUID: empty wa_id falls back to `from`, user_id and username are kept', () => {
    const contact = { profile: { name: 'Lee', username: '@lee' }, wa_id: '', user_id: 'US.123' };
    const message = { ...inbound('wamid.b', 'text', { text: { body: 'hi' } }), from: 'US.123' };
    const { events, problems } = parseWebhook(
      envelope(entry([messagesChange({ contacts: [contact], messages: [message] })])),
    );
    expect(problems).toEqual([]);
    expect(events).toMatchObject([{ from: 'US.123', waId: 'US.123', userId: 'US.123', profileName: 'Lee' }]);
  });

  it('an error code sent as a numeric string is read as a number', () => {
    const { events } = parseWebhook(
      envelope(entry([messagesChange({ errors: [{ code: '130429', title: 'Rate limit hit' }] })])),
    );
    expect(events).toMatchObject([{ type: 'error', error: { code: 130429, decision: { action: 'retry' } } }]);
  });

  it('§2.4 an unknown interactive subtype is an unknown-type placeholder (logged), not malformed', () => {
    const message = inbound('wamid.i', 'interactive', { interactive: { type: 'call_permission_reply' } });
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [message] })])));
    expect(events).toMatchObject([
      {
        messageId: 'wamid.i',
        content: { kind: 'unknown', rawType: 'interactive.call_permission_reply', malformed: false },
      },
    ]);
    expect(problems).toEqual([
      {
        path: 'entry[0].changes[0].value.messages[0].interactive.type',
        message: expect.stringContaining('call_permission_reply'),
        kind: 'unknown_type',
      },
    ]);
  });

  it('§2.4 a known interactive subtype with a broken payload is still malformed', () => {
    const message = inbound('wamid.j', 'interactive', { interactive: { type: 'button_reply' } });
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [message] })])));
    expect(events).toMatchObject([{ content: { kind: 'unknown', rawType: 'interactive', malformed: true } }]);
    expect(problems.map((p) => p.kind)).toEqual(['malformed']);
  });

  it('§2.4 a text message without its text and without any error is malformed, not unsupported', () => {
    const message = inbound('wamid.k', 'text', {});
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [message] })])));
    expect(events).toMatchObject([{ content: { kind: 'unknown', malformed: true } }]);
    expect(problems.map((p) => p.kind)).toEqual(['malformed']);
  });

  it('§2.4 the legacy type `unknown` is unsupported even without its 131051 error', () => {
    const message = inbound('wamid.u', 'unknown', {});
    const { events, problems } = parseWebhook(envelope(entry([messagesChange({ messages: [message] })])));
    expect(events).toMatchObject([{ content: { kind: 'unsupported' } }]);
    expect(problems).toEqual([]);
  });

  it('a message naming no sender at all (no from, from_user_id, wa_id or user_id) is refused', () => {
    const { from: _from, ...anonymous } = inbound('wamid.l', 'text', { text: { body: 'hi' } });
    const { events, problems } = parseWebhook(
      envelope(entry([messagesChange({ contacts: [], messages: [anonymous] })])),
    );
    expect(events).toEqual([]);
    expect(problems).toEqual([
      {
        path: 'entry[0].changes[0].value.messages[0]',
        message: expect.stringMatching(/names no sender/),
        kind: 'malformed',
      },
    ]);
  });
});
