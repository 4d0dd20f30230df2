// Builders for the webhook payloads of reference §2: the `messages` envelope (inbound messages with
// contacts, or statuses) and `message_template_status_update`. Timestamps are strings of Unix seconds
// in message values, integers in template updates, as Meta does.

import { type WebhookError, webhookError } from '../errors';
import type { BusinessNumber, InboundMessage, OutboundMessage, SimUser, TemplateRecord } from '../state';
import { digitsOf } from '../state';

const seconds = (ms: number): string => String(Math.floor(ms / 1000));

export function messagesEnvelope(number: BusinessNumber, value: Record<string, unknown>): unknown {
  return numberEnvelope(number, 'messages', value);
}

/** A change of one business number: `value` gets `messaging_product` and `metadata` (reference §2.3). */
function numberEnvelope(number: BusinessNumber, field: string, value: Record<string, unknown>): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: digitsOf(number.displayPhoneNumber),
                phone_number_id: number.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusObject {
  id: string;
  status: StatusName;
  timestamp: string;
  /** Omitted when the message went to a BSUID (2026): then `recipient_user_id` names the user. */
  recipient_id?: string;
  recipient_user_id?: string;
  parent_recipient_user_id?: string;
  biz_opaque_callback_data?: string;
  pricing?: { billable: boolean; pricing_model: 'PMP'; category: string; type: string };
  errors?: WebhookError[];
}

export function statusObject(
  message: OutboundMessage,
  status: StatusName,
  time: number,
  opts: { pricing?: boolean; errorCode?: number; user?: SimUser | undefined } = {},
): StatusObject {
  const parent = opts.user?.parentBsuid;
  return {
    id: message.wamid,
    status,
    timestamp: seconds(time),
    ...(message.recipientUserId
      ? { recipient_user_id: message.recipientUserId }
      : { recipient_id: message.recipientId }),
    ...(parent ? { parent_recipient_user_id: parent } : {}),
    ...(message.bizOpaque === undefined ? {} : { biz_opaque_callback_data: message.bizOpaque }),
    ...(opts.pricing ? { pricing: { ...message.pricing, pricing_model: 'PMP' as const } } : {}),
    ...(opts.errorCode === undefined ? {} : { errors: [webhookError(opts.errorCode)] }),
  };
}

export function inboundValue(
  number: BusinessNumber,
  user: SimUser,
  message: InboundMessage,
  mediaUrl?: string,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    // Reference §2.3: `from` is the user's phone number, `contacts[].wa_id` Meta's id; they differ for
    // Brazil. A user hiding their number behind a username (2026) has neither: the BSUID names them.
    ...(user.phoneHidden ? {} : { from: digitsOf(user.phone) }),
    ...(user.bsuid ? { from_user_id: user.bsuid } : {}),
    ...(user.parentBsuid ? { from_parent_user_id: user.parentBsuid } : {}),
    id: message.wamid,
    timestamp: seconds(message.time),
    type: message.type,
  };
  if (message.contextId) base.context = { from: digitsOf(number.displayPhoneNumber), id: message.contextId };
  if (message.type === 'text') base.text = { body: message.text ?? '' };
  if (message.type === 'button' && message.button) base.button = message.button;
  if (message.type === 'interactive' && message.interactive) {
    base.interactive = { type: 'button_reply', button_reply: message.interactive };
  }
  if (message.type === 'image' && message.image) {
    base.image = {
      ...(message.image.caption === undefined ? {} : { caption: message.image.caption }),
      mime_type: message.image.mimeType,
      sha256: message.image.sha256,
      id: message.image.mediaId,
      ...(mediaUrl ? { url: mediaUrl } : {}),
    };
  }
  return { contacts: [contactOf(user)], messages: [base] };
}

/** `contacts[]` of a webhook about this user: 2026 adds `user_id`, `parent_user_id` and `username`. */
export function contactOf(user: SimUser): Record<string, unknown> {
  return {
    profile: { name: user.name, ...(user.username ? { username: user.username } : {}) },
    ...(user.phoneHidden ? {} : { wa_id: user.waId }),
    ...(user.bsuid ? { user_id: user.bsuid } : {}),
    ...(user.parentBsuid ? { parent_user_id: user.parentBsuid } : {}),
  };
}

/** `user_preferences` (reference §2.9): the user stopped or resumed marketing messages. */
export function userPreferencesEnvelope(
  number: BusinessNumber,
  user: SimUser,
  value: 'stop' | 'resume',
  time: number,
): unknown {
  const detail =
    value === 'stop'
      ? 'User requested to stop marketing messages'
      : 'User requested to resume marketing messages';
  return numberEnvelope(number, 'user_preferences', {
    contacts: [{ profile: { name: user.name }, wa_id: user.waId }],
    user_preferences: [
      { wa_id: user.waId, detail, category: 'marketing_messages', value, timestamp: Math.floor(time / 1000) },
    ],
  });
}

/** One change of a WABA-level field, wrapped the way Meta wraps every webhook. */
function wabaChange(number: BusinessNumber, field: string, value: unknown, time: number): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: number.wabaId, time: Math.floor(time / 1000), changes: [{ field, value }] }],
  };
}

export function templateStatusEnvelope(
  number: BusinessNumber,
  template: TemplateRecord,
  event: string,
  reason: string | null,
  time: number,
): unknown {
  return wabaChange(
    number,
    'message_template_status_update',
    {
      event,
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language,
      reason,
      message_template_category: template.category,
    },
    time,
  );
}

/** `phone_number_quality_update`: the number is named by its display number, digits only, as Meta does. */
export function numberQualityEnvelope(
  number: BusinessNumber,
  event: string,
  currentLimit: string | null,
  time: number,
): unknown {
  return wabaChange(
    number,
    'phone_number_quality_update',
    {
      display_phone_number: number.displayPhoneNumber.replace(/\D/g, ''),
      event,
      ...(currentLimit ? { current_limit: currentLimit } : {}),
    },
    time,
  );
}
