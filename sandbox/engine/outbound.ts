// What happens to a message after the Graph API accepted it (reference §10.3–4): it fails by webhook
// (131026 not on WhatsApp, 131047 window closed, 131049 marketing to a US number, 131050 marketing the
// user stopped, forced faults), stays
// `sent` for a user who blocked the number, or goes sent -> delivered, and later read when the phone marks it.

import { DAY, WINDOW_MS } from '../../shared/time';
import { newWamid } from '../random';
import {
  type BusinessNumber,
  findNumber,
  findUser,
  isUsNumber,
  type OutboundMessage,
  type Recipient,
  type SimUser,
  windowKey,
} from '../state';
import { contactOf, messagesEnvelope, type StatusName, statusObject } from '../webhooks/envelope';
import type { World } from '../world';

export type OutboundDraft = Omit<
  OutboundMessage,
  'wamid' | 'phoneNumberId' | 'to' | 'recipientId' | 'pricing' | 'state' | 'time' | 'errorCode'
>;

export function isWindowOpen(world: World, phoneNumberId: string, userPhone: string): boolean {
  const last = world.state.windows[windowKey(phoneNumberId, userPhone)];
  return last !== undefined && world.clock.now() < last + WINDOW_MS;
}

function pricingFor(world: World, number: BusinessNumber, to: string, draft: OutboundDraft) {
  const open = isWindowOpen(world, number.phoneNumberId, to);
  if (draft.type !== 'template' || !draft.template) {
    return { billable: false, category: 'service', type: 'free_customer_service' };
  }
  const category = draft.template.category.toLowerCase();
  if (category === 'utility' && open) return { billable: false, category, type: 'free_customer_service' };
  return { billable: true, category, type: 'regular' };
}

/** The asynchronous failure code this message will get, if any. */
function fateOf(
  world: World,
  number: BusinessNumber,
  recipient: Recipient,
  draft: OutboundDraft,
): number | undefined {
  if (!recipient.user?.onWhatsApp) return 131026;
  if (draft.type !== 'template' && !isWindowOpen(world, number.phoneNumberId, recipient.phone)) return 131047;
  if (draft.template?.category === 'MARKETING' && isUsNumber(recipient.phone)) return 131049;
  if (
    draft.template?.category === 'MARKETING' &&
    recipient.user.marketingStopped?.includes(number.phoneNumberId)
  ) {
    return 131050;
  }
  if (draft.reaction && !isReactionTarget(world, number, recipient.phone, draft.reaction.messageId))
    return 131009;
  return undefined;
}

/** A reaction needs a message of this chat, under 30 days old, that is not itself a reaction (§1.8). */
function isReactionTarget(world: World, number: BusinessNumber, userPhone: string, wamid: string): boolean {
  const since = world.clock.now() - 30 * DAY;
  const inbound = world.state.inbound.find(
    (m) => m.wamid === wamid && m.from === userPhone && m.phoneNumberId === number.phoneNumberId,
  );
  const outbound = world.state.outbound.find(
    (m) => m.wamid === wamid && m.to === userPhone && m.phoneNumberId === number.phoneNumberId,
  );
  const target = inbound ?? outbound;
  return target !== undefined && target.time >= since && outbound?.type !== 'reaction';
}

export function acceptOutbound(
  world: World,
  number: BusinessNumber,
  recipient: Recipient,
  draft: OutboundDraft,
  forcedAsyncCode?: number,
): OutboundMessage {
  const message: OutboundMessage = {
    ...draft,
    wamid: newWamid(world.random, recipient.waId),
    phoneNumberId: number.phoneNumberId,
    to: recipient.phone,
    recipientId: recipient.waId,
    ...(recipient.bsuid ? { recipientUserId: recipient.bsuid } : {}),
    pricing: pricingFor(world, number, recipient.phone, draft),
    state: 'accepted',
    time: world.clock.now(),
  };
  world.state.outbound.push(message);
  const failure = forcedAsyncCode ?? fateOf(world, number, recipient, draft);
  if (failure !== undefined) {
    message.errorCode = failure;
    emitStatus(world, number, message, 'failed');
  } else {
    emitStatus(world, number, message, 'sent');
    if (draft.type === 'reaction') {
      // Reactions only ever get `sent` (reference §1.8); it still shows on the phone unless blocked.
      message.deliveredSilently = !recipient.user?.blocked.includes(number.phoneNumberId);
    } else if (!recipient.user?.blocked.includes(number.phoneNumberId)) {
      // Fault knob: delivered and read at once, so Meta suppresses `delivered` (reference §2.5).
      if (world.random.chance(world.faults.skipDeliveredRate)) {
        message.state = 'delivered';
        message.deliveredSilently = true;
      } else {
        emitStatus(world, number, message, 'delivered');
      }
    }
  }
  world.changed();
  return message;
}

function emitStatus(
  world: World,
  number: BusinessNumber,
  message: OutboundMessage,
  status: StatusName,
): void {
  message.state = status;
  const user = findUser(world.state, message.recipientUserId ?? message.to);
  const status_ = statusObject(message, status, world.clock.now(), {
    user,
    // Pricing rides on `sent` and on one of delivered/read (reference §2.5): `delivered`, or `read`
    // when no `delivered` went out.
    pricing:
      status === 'sent' ||
      status === 'delivered' ||
      (status === 'read' && message.deliveredSilently === true),
    ...(status === 'failed' ? { errorCode: message.errorCode } : {}),
  });
  // 2026: sent / delivered / read carry the recipient's contact when they have a BSUID (not failed).
  const contacts = user?.bsuid && status !== 'failed' ? { contacts: [contactOf(user)] } : {};
  world.webhooks.enqueue(
    messagesEnvelope(number, { statuses: [status_], ...contacts }),
    `status ${status}${message.errorCode ? ` ${message.errorCode}` : ''}`,
  );
}

/**
 * The phone opened the chat: every delivered message (up to `upTo` if given, from one number or all)
 * becomes read, oldest first, each with a `read` status webhook. Returns how many changed.
 */
export function markReadByUser(
  world: World,
  user: SimUser,
  opts: { phoneNumberId?: string; upTo?: string },
): number {
  const mine = world.state.outbound.filter(
    (m) => m.to === user.phone && (!opts.phoneNumberId || m.phoneNumberId === opts.phoneNumberId),
  );
  const limitIndex = opts.upTo ? mine.findIndex((m) => m.wamid === opts.upTo) : mine.length - 1;
  let count = 0;
  for (const message of mine.slice(0, limitIndex + 1)) {
    if (message.state !== 'delivered') continue;
    const number = findNumber(world.state, message.phoneNumberId);
    if (!number) continue;
    emitStatus(world, number, message, 'read');
    count++;
  }
  if (count) world.changed();
  return count;
}

/** Unblocking does not deliver what was sent meanwhile (Meta drops it); only new messages arrive. */
export function setBlocked(world: World, user: SimUser, phoneNumberIds: string[], blocked: boolean): void {
  const others = user.blocked.filter((id) => !phoneNumberIds.includes(id));
  user.blocked = blocked ? [...others, ...phoneNumberIds] : others;
  world.changed();
}
