// What one parsed customer message says, in the terms of the parts it is routed to: the core's
// input (worker/domain/conversation.ts) and what it tells about its sender (customer-identity.ts).
// Pure: the routing around it is webhook-events.ts.
import type { InboundMessage } from '../domain/conversation';
import type { MessageEvent } from '../whatsapp';
import type { CustomerSignal } from './customer-identity';

/** The core's input (worker/domain/conversation.ts) from a parsed message; media comes separately. */
export function toInboundMessage(e: MessageEvent): InboundMessage {
  const base = {
    wamid: e.messageId,
    timestamp: e.timestamp,
    from: e.waId ?? e.userId ?? '',
    contextId: e.context?.messageId ?? null,
  };
  const c = e.content;
  switch (c.kind) {
    case 'text':
      return { ...base, kind: 'text', text: c.body, button: null, media: null };
    case 'button':
      return {
        ...base,
        kind: 'button',
        text: c.text,
        button: { payload: c.payload, text: c.text },
        media: null,
      };
    case 'button_reply':
      // A tap on one of our interactive reply buttons reads like a template quick reply.
      return {
        ...base,
        kind: 'button',
        text: c.title,
        button: { payload: c.id, text: c.title },
        media: null,
      };
    case 'image':
      return { ...base, kind: 'image', text: c.caption ?? null, button: null, media: null };
    case 'list_reply':
      return { ...base, kind: 'other', text: c.title, button: null, media: null };
    case 'video':
    case 'document':
      return { ...base, kind: 'other', text: c.caption ?? null, button: null, media: null };
    default:
      return { ...base, kind: 'other', text: null, button: null, media: null };
  }
}

/** E.164 without the plus: what `messages[].from` carries for a phone number. */
const PHONE_DIGITS = /^[1-9]\d{5,14}$/;

export const digitsOrNull = (value: string | undefined): string | null =>
  value && PHONE_DIGITS.test(value) ? value : null;

/** What a message says about its sender: a phone (unless hidden), a wa_id, a BSUID, a username. */
export function signalOf(e: MessageEvent): CustomerSignal {
  const from = digitsOrNull(e.from);
  return {
    phone: from ? `+${from}` : null,
    waId: digitsOrNull(e.waId),
    bsuid: e.userId ?? null,
    parentBsuid: e.parentUserId ?? null,
    username: e.username ?? null,
    profileName: e.profileName ?? null,
  };
}
