// What `GET /sandbox/users/{phone}/messages` returns: the messages a user received (as their phone shows
// them, with the state the business sees) and the ones they sent. Also used by the phone page.

import { errorInfo } from '../errors';
import type { InboundMessage, OutboundMessage, SandboxState, SimUser } from '../state';

const sender = (state: SandboxState, phoneNumberId: string) => {
  const number = state.numbers.find((n) => n.phoneNumberId === phoneNumberId);
  return { phoneNumberId, displayPhoneNumber: number?.displayPhoneNumber ?? '' };
};

export function receivedView(state: SandboxState, m: OutboundMessage) {
  return {
    wamid: m.wamid,
    from: sender(state, m.phoneNumberId),
    type: m.type,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(m.template ? { template: m.template } : {}),
    ...(m.image ? { image: m.image } : {}),
    ...(m.interactive ? { interactive: m.interactive } : {}),
    ...(m.reaction ? { reaction: m.reaction } : {}),
    ...(m.contextId ? { contextId: m.contextId } : {}),
    /** How the business addressed it: `bsuid` when `to` was the user's business-scoped id (2026). */
    addressedBy: m.recipientUserId ? 'bsuid' : 'phone',
    time: new Date(m.time).toISOString(),
    timestamp: m.time,
    state: m.state,
    /** Whether the phone shows it (delivered or read, or a reaction that reached an unblocked user). */
    onPhone: m.state === 'delivered' || m.state === 'read' || m.deliveredSilently === true,
    ...(m.errorCode === undefined
      ? {}
      : { error: { code: m.errorCode, title: errorInfo(m.errorCode).title } }),
  };
}

export function sentView(state: SandboxState, m: InboundMessage) {
  return {
    wamid: m.wamid,
    to: sender(state, m.phoneNumberId),
    type: m.type,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(m.button ? { button: m.button } : {}),
    ...(m.interactive ? { interactive: m.interactive } : {}),
    ...(m.image
      ? { image: { mediaId: m.image.mediaId, mimeType: m.image.mimeType, caption: m.image.caption } }
      : {}),
    ...(m.contextId ? { contextId: m.contextId } : {}),
    time: new Date(m.time).toISOString(),
    timestamp: m.time,
    readByBusiness: m.readByBusiness === true,
  };
}

export function userView(user: SimUser) {
  return {
    phone: user.phone,
    waId: user.waId,
    name: user.name,
    onWhatsApp: user.onWhatsApp,
    blocked: user.blocked,
    marketingStopped: user.marketingStopped ?? [],
    bsuid: user.bsuid ?? null,
    parentBsuid: user.parentBsuid ?? null,
    username: user.username ?? null,
    phoneHidden: user.phoneHidden === true,
  };
}

export function inboxView(state: SandboxState, user: SimUser) {
  return {
    user: userView(user),
    messages: state.outbound.filter((m) => m.to === user.phone).map((m) => receivedView(state, m)),
    sent: state.inbound.filter((m) => m.from === user.phone).map((m) => sentView(state, m)),
    numbers: state.numbers.map((n) => ({
      phoneNumberId: n.phoneNumberId,
      displayPhoneNumber: n.displayPhoneNumber,
    })),
  };
}
