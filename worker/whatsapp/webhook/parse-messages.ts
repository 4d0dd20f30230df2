// The `messages` change (reference §2.3–2.6): inbound messages with their sender's contact, outbound
// statuses, and system-level errors, each item checked on its own.
import { decideError } from '../../domain/error-codes';
import type { EventOrigin, MessageEvent, StatusEvent, WebhookError, WebhookEvent } from './events';
import { parseContent, parseContext } from './message-content';
import { compact, isRecord, keysOf, type ProblemList } from './problems';
import {
  ContactSchema,
  MessageBaseSchema,
  MessagesValueSchema,
  ReferralSchema,
  StatusSchema,
  WebhookErrorSchema,
} from './schemas';

type Contact = ReturnType<typeof ContactSchema.parse>;
type PhoneOrigin = EventOrigin & { phoneNumberId: string; displayPhoneNumber: string };

const MESSAGE_KEYS = [...keysOf(MessageBaseSchema), 'identity'];

export function toWebhookError(raw: ReturnType<typeof WebhookErrorSchema.parse>): WebhookError {
  return compact({
    code: raw.code,
    title: raw.title,
    message: raw.message,
    details: raw.error_data?.details,
    href: raw.href,
    decision: decideError(raw.code),
  });
}

/** Errors of one list; a malformed error is reported and skipped. */
export function parseErrors(raw: unknown, path: string, problems: ProblemList): WebhookError[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(path, 'errors must be an array');
    return [];
  }
  const errors: WebhookError[] = [];
  raw.forEach((item, i) => {
    const parsed = WebhookErrorSchema.safeParse(item);
    if (parsed.success) errors.push(toWebhookError(parsed.data));
    else problems.fromZod(`${path}[${i}]`, parsed.error);
  });
  return errors;
}

function parseContacts(raw: unknown[] | undefined, path: string, problems: ProblemList): Contact[] {
  const contacts: Contact[] = [];
  (raw ?? []).forEach((item, i) => {
    const parsed = ContactSchema.safeParse(item);
    if (parsed.success) contacts.push(parsed.data);
    else problems.fromZod(`${path}.contacts[${i}]`, parsed.error);
  });
  return contacts;
}

/**
 * The sender's contact: same wa_id as `from` or same BSUID as `from_user_id`, else the only one, else
 * the one at the message's index (wa_id and from may differ, §2.3).
 */
function contactFor(
  sender: { from?: string; userId?: string },
  index: number,
  count: number,
  contacts: Contact[],
): Contact | undefined {
  const exact = contacts.find(
    (c) =>
      (sender.from !== undefined && c.wa_id === sender.from) ||
      (sender.userId !== undefined && c.user_id === sender.userId),
  );
  if (exact) return exact;
  if (contacts.length === 1) return contacts[0];
  return contacts.length === count ? contacts[index] : undefined;
}

function parseReferral(raw: unknown, path: string, problems: ProblemList) {
  if (raw === undefined) return undefined;
  const parsed = ReferralSchema.safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  problems.fromZod(`${path}.referral`, parsed.error);
  return undefined;
}

function parseMessage(
  raw: unknown,
  path: string,
  index: number,
  count: number,
  origin: PhoneOrigin,
  contacts: Contact[],
  context: { problems: ProblemList; valueHasErrors: boolean },
): MessageEvent | undefined {
  const { problems } = context;
  const base = MessageBaseSchema.safeParse(raw);
  if (!base.success || !isRecord(raw)) {
    if (base.success) problems.add(path, 'message must be an object');
    else problems.fromZod(path, base.error);
    return undefined;
  }
  const m = base.data;
  problems.unknownKeys(path, raw, [...MESSAGE_KEYS, m.type]);
  const contact = contactFor({ from: m.from, userId: m.from_user_id }, index, count, contacts);
  // Some 2026 payloads name a username customer only through `contacts[].user_id`.
  if (!m.from && !m.from_user_id && !contact?.wa_id && !contact?.user_id) {
    problems.add(path, 'message names no sender (no from, from_user_id, wa_id or user_id)');
    return undefined;
  }
  const withErrors = m.errors !== undefined || context.valueHasErrors;
  const event: MessageEvent = compact({
    type: 'message',
    ...origin,
    messageId: m.id,
    from: m.from,
    waId: contact?.wa_id || m.from,
    profileName: contact?.profile?.name || undefined,
    username: contact?.profile?.username || undefined,
    userId: m.from_user_id ?? (contact?.user_id || undefined),
    parentUserId: m.from_parent_user_id ?? (contact?.parent_user_id || undefined),
    timestamp: m.timestamp,
    content: parseContent(raw, m.type, path, problems, withErrors),
    context: parseContext(m.context, path, problems),
    referral: parseReferral(m.referral, path, problems),
    groupId: m.group_id,
    errors: parseErrors(m.errors, `${path}.errors`, problems),
  });
  return event;
}

function parseStatus(
  raw: unknown,
  path: string,
  origin: PhoneOrigin,
  contacts: Contact[],
  problems: ProblemList,
) {
  const parsed = StatusSchema.safeParse(raw);
  if (!parsed.success) {
    problems.fromZod(path, parsed.error);
    return undefined;
  }
  problems.unknownKeys(path, raw, keysOf(StatusSchema));
  const s = parsed.data;
  // 2026 statuses carry the recipient's contact (not on failed): its username, when it has one.
  const recipient = contactFor({ from: s.recipient_id, userId: s.recipient_user_id }, 0, 0, [
    ...parseContacts(s.contacts, path, problems),
    ...contacts,
  ]);
  const event: StatusEvent = compact({
    type: 'status',
    ...origin,
    messageId: s.id,
    status: s.status,
    timestamp: s.timestamp,
    recipientId: s.recipient_id,
    recipientUserId: s.recipient_user_id || recipient?.user_id || undefined,
    recipientParentUserId: s.parent_recipient_user_id || recipient?.parent_user_id || undefined,
    recipientUsername: recipient?.profile?.username || undefined,
    bizOpaqueCallbackData: s.biz_opaque_callback_data,
    errors: (s.errors ?? []).map(toWebhookError),
    pricing: s.pricing && {
      ...compact({ billable: s.pricing.billable, pricingType: s.pricing.type }),
      pricingModel: s.pricing.pricing_model,
      category: s.pricing.category,
    },
    conversation:
      s.conversation &&
      compact({
        id: s.conversation.id,
        expiresAt: s.conversation.expiration_timestamp,
        originType: s.conversation.origin?.type,
      }),
  });
  return event;
}

/** Events of one `messages` change value; `path` points at the value. */
export function parseMessagesValue(
  raw: unknown,
  wabaId: string,
  path: string,
  problems: ProblemList,
): WebhookEvent[] {
  const value = MessagesValueSchema.safeParse(raw);
  if (!value.success) {
    problems.fromZod(path, value.error);
    return [];
  }
  problems.unknownKeys(path, raw, keysOf(MessagesValueSchema));
  const v = value.data;
  const origin: PhoneOrigin = {
    wabaId,
    phoneNumberId: v.metadata.phone_number_id,
    displayPhoneNumber: v.metadata.display_phone_number,
  };
  const events: WebhookEvent[] = [];
  const contacts = parseContacts(v.contacts, path, problems);
  const messages = v.messages ?? [];
  const valueHasErrors = (v.errors ?? []).length > 0;
  messages.forEach((item, i) => {
    const event = parseMessage(item, `${path}.messages[${i}]`, i, messages.length, origin, contacts, {
      problems,
      valueHasErrors,
    });
    if (event) events.push(event);
  });
  (v.statuses ?? []).forEach((item, i) => {
    const event = parseStatus(item, `${path}.statuses[${i}]`, origin, contacts, problems);
    if (event) events.push(event);
  });
  for (const error of parseErrors(v.errors, `${path}.errors`, problems)) {
    events.push({ type: 'error', ...origin, error });
  }
  return events;
}
