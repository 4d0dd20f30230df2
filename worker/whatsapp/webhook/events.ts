// The flat, typed events a webhook POST turns into. Unions are discriminated on `type` (event) and
// `kind` (message content). Timestamps are epoch milliseconds.
import type { ErrorDecision } from '../../domain/error-codes';

/** Where an event came from. Template events have no phone number. */
export interface EventOrigin {
  /** `entry[].id`: the WhatsApp Business Account. */
  wabaId: string;
  /** `value.metadata.phone_number_id`: route by this. */
  phoneNumberId?: string;
  displayPhoneNumber?: string;
}

/** An error in a webhook (`messages[].errors`, `statuses[].errors`, `value.errors`). */
export interface WebhookError {
  code: number;
  title?: string;
  message?: string;
  details?: string;
  href?: string;
  decision: ErrorDecision;
}

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export type MessageContent =
  | { kind: 'text'; body: string }
  | {
      kind: MediaKind;
      mediaId: string;
      mimeType: string;
      sha256?: string;
      caption?: string;
      filename?: string;
      url?: string;
      voice?: boolean;
      animated?: boolean;
    }
  /** A tap on a template quick-reply button. */
  | { kind: 'button'; payload: string; text: string }
  | { kind: 'button_reply'; id: string; title: string }
  | { kind: 'list_reply'; id: string; title: string; description?: string }
  | { kind: 'flow_reply'; responseJson: string; body?: string; name?: string }
  /** `emoji` is null when the reaction was removed (no or empty emoji). */
  | { kind: 'reaction'; messageId: string; emoji: string | null }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { kind: 'contacts'; contacts: Array<{ name?: string; phones: Array<{ phone?: string; waId?: string }> }> }
  | {
      kind: 'order';
      catalogId: string;
      text?: string;
      items: Array<{ productRetailerId: string; quantity: number; itemPrice: number; currency: string }>;
    }
  | { kind: 'system'; systemType?: string; body?: string; newWaId?: string }
  /** The customer opened the chat for the first time (`request_welcome`): no text of their own. */
  | { kind: 'request_welcome' }
  | { kind: 'unsupported'; unsupportedType?: string }
  /** A type this parser does not know, or a known type whose payload did not validate (see problems). */
  | { kind: 'unknown'; rawType: string; malformed: boolean };

export interface MessageContext {
  /** The business number the quoted message came from. */
  from?: string;
  /** wamid of the quoted message (a template for a quick-reply tap). */
  messageId?: string;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
  referredProduct?: { catalogId: string; productRetailerId: string };
}

export interface MessageEvent extends EventOrigin {
  type: 'message';
  phoneNumberId: string;
  displayPhoneNumber: string;
  /** The wamid: the dedupe key of inbound messages (reference §2.7). */
  messageId: string;
  /**
   * `messages[].from`: the user's phone number as WhatsApp shows it. Absent when the customer adopted
   * a username and hides their phone (2026): then `userId` names them.
   */
  from?: string;
  /** `contacts[].wa_id` of the sender (may differ from `from`); `from` when no contact came along. */
  waId?: string;
  profileName?: string;
  /** `profile.username` (e.g. `@maria`), when the customer adopted one. */
  username?: string;
  /** The business-scoped user id (BSUID): `from_user_id`, else the contact's `user_id`. */
  userId?: string;
  /** The parent BSUID (`from_parent_user_id` / `parent_user_id`), shared across portfolios. */
  parentUserId?: string;
  timestamp: number;
  content: MessageContent;
  context?: MessageContext;
  referral?: Record<string, unknown>;
  groupId?: string;
  errors: WebhookError[];
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

export interface StatusEvent extends EventOrigin {
  type: 'status';
  phoneNumberId: string;
  displayPhoneNumber: string;
  /** wamid of our outbound message. Dedupe key: (messageId, status). */
  messageId: string;
  status: DeliveryStatus;
  timestamp: number;
  recipientId?: string;
  recipientUserId?: string;
  recipientParentUserId?: string;
  /** The recipient's `contacts[]` (2026 statuses: sent / delivered / read), when it came along. */
  recipientUsername?: string;
  /** Our own id, echoed from the send (SPEC I4). */
  bizOpaqueCallbackData?: string;
  errors: WebhookError[];
  pricing?: { billable?: boolean; pricingModel: string; pricingType?: string; category: string };
  conversation?: { id: string; expiresAt?: number; originType?: string };
}

/** A system/app/account-level error (`value.errors[]`), one event per error. */
export interface ErrorEvent extends EventOrigin {
  type: 'error';
  error: WebhookError;
}

export interface TemplateStatusEvent extends EventOrigin {
  type: 'template_status';
  /** `entry.time` when present. */
  timestamp?: number;
  templateId: string;
  name: string;
  language: string;
  event: string;
  reason: string | null;
  category?: string;
  rejectionInfo?: { reason?: string; recommendation?: string };
  otherInfo?: { title?: string; description?: string };
}

export interface UserPreferenceEvent extends EventOrigin {
  type: 'user_preference';
  waId?: string;
  userId?: string;
  category: string;
  /** `stop` / `resume` for marketing messages; other values (e.g. `signup`) are kept as they come. */
  value: string;
  detail?: string;
  timestamp: number;
}

/**
 * `phone_number_quality_update`: the number's messaging limit or quality changed (e.g. `DOWNGRADE`,
 * `FLAGGED`, `THROUGHPUT_UPGRADE`). It names the number by its display number only.
 */
export interface NumberQualityEvent extends EventOrigin {
  type: 'number_quality';
  displayPhoneNumber: string;
  event: string;
  /** `current_limit`, e.g. `TIER_1K`, `TIER_UNLIMITED`. */
  currentLimit?: string;
  oldLimit?: string;
  timestamp?: number;
}

/** `account_update`: something happened to the WhatsApp Business Account (restriction, violation...). */
export interface AccountUpdateEvent extends EventOrigin {
  type: 'account_update';
  event: string;
  timestamp?: number;
}

/** `message_template_quality_update` and `template_category_update`. */
export interface TemplateQualityEvent extends EventOrigin {
  type: 'template_quality';
  templateId: string;
  name: string;
  language: string;
  previousScore?: string;
  newScore?: string;
  newCategory?: string;
  timestamp?: number;
}

export type WebhookEvent =
  | MessageEvent
  | StatusEvent
  | ErrorEvent
  | TemplateStatusEvent
  | UserPreferenceEvent
  | NumberQualityEvent
  | AccountUpdateEvent
  | TemplateQualityEvent;

export interface WebhookProblem {
  /** Where in the payload, e.g. `entry[0].changes[1].value.messages[2].text.body`. */
  path: string;
  message: string;
  /**
   * unknown_type / unknown_field: something newer than this parser (logged; the event it sits in is
   * kept, as a placeholder when it is a message); malformed: broken input (dead-lettered).
   */
  kind: 'unknown_type' | 'unknown_field' | 'malformed';
}

export interface WebhookParseResult {
  events: WebhookEvent[];
  problems: WebhookProblem[];
}
