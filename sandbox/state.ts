// The simulated world: business numbers with their templates (from shared/demo.ts), WhatsApp users,
// messages in both directions, media, customer-service windows. Plain JSON-able data so the whole
// state can be saved to and loaded from a file.

import { DEMO_ORGS, DEMO_WHATSAPP_USERS, type DemoTemplate } from '../shared/demo';

export type TemplateStatus = string;
export type TemplateRecord = Omit<DemoTemplate, 'status'> & { status: TemplateStatus };

export interface BusinessNumber {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  templates: TemplateRecord[];
  /** What WhatsApp last rated the number (GREEN when never reported) and its daily limit tier. */
  qualityRating?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  messagingLimitTier?: string;
}

export interface SimUser {
  phone: string;
  waId: string;
  name: string;
  onWhatsApp: boolean;
  /** Business phone number ids this user has blocked. */
  blocked: string[];
  /** Business phone number ids whose marketing messages the user stopped ("Offers and announcements"). */
  marketingStopped?: string[];
  /** Business-scoped user id (2026) and its parent; a send may address the BSUID. */
  bsuid?: string;
  parentBsuid?: string;
  username?: string;
  /** Hides the number behind the username: webhooks carry the BSUID and no `from` / `wa_id`. */
  phoneHidden?: boolean;
}

export type MessageState = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export interface SentTemplate {
  name: string;
  language: string;
  category: string;
  params: string[];
  header?: string;
  /** The picture or document of an IMAGE / DOCUMENT header, as sent (media id or link). */
  headerMedia?: { type: 'image' | 'document'; mediaId?: string; link?: string; filename?: string };
  body: string;
  footer?: string;
  buttons: Array<{ index: number; text: string; payload: string }>;
}

export interface OutboundMessage {
  wamid: string;
  phoneNumberId: string;
  /** E.164 of the recipient as resolved from `to`. */
  to: string;
  recipientId: string;
  /** Sent to a BSUID: statuses name the recipient by it (and hide the phone when the user does). */
  recipientUserId?: string;
  type: 'text' | 'image' | 'template' | 'interactive' | 'reaction';
  text?: string;
  template?: SentTemplate;
  image?: { mediaId?: string; link?: string; caption?: string };
  interactive?: {
    header?: string;
    body: string;
    footer?: string;
    buttons: Array<{ id: string; title: string }>;
  };
  reaction?: { messageId: string; emoji: string };
  contextId?: string;
  bizOpaque?: string;
  pricing: { billable: boolean; category: string; type: string };
  state: MessageState;
  errorCode?: number;
  time: number;
  /** Reached the phone without a `delivered` webhook (fault `skipDeliveredRate`). */
  deliveredSilently?: boolean;
}

export interface InboundMessage {
  wamid: string;
  phoneNumberId: string;
  from: string;
  type: 'text' | 'button' | 'interactive' | 'image';
  text?: string;
  button?: { payload: string; text: string };
  /** A tap on an interactive reply button. */
  interactive?: { id: string; title: string };
  image?: { mediaId: string; mimeType: string; sha256: string; caption?: string };
  contextId?: string;
  time: number;
  /** The business marked it read (`status: read` on the send endpoint): blue ticks on the phone. */
  readByBusiness?: boolean;
}

export interface MediaRecord {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  size: number;
  base64: string;
  createdAt: number;
  expiresAt: number;
}

export interface SandboxState {
  numbers: BusinessNumber[];
  users: SimUser[];
  outbound: OutboundMessage[];
  inbound: InboundMessage[];
  media: MediaRecord[];
  /** `${phoneNumberId} ${userPhone}` -> time of the user's last message (sandbox clock). */
  windows: Record<string, number>;
}

export function initialState(): SandboxState {
  return {
    numbers: DEMO_ORGS.map((org) => ({
      ...org.number,
      templates: org.number.templates.map((t) => structuredClone(t)),
    })),
    users: DEMO_WHATSAPP_USERS.map((u) => ({ ...u, blocked: [] })),
    outbound: [],
    inbound: [],
    media: [],
    windows: {},
  };
}

export const digitsOf = (input: string): string => input.replace(/\D/g, '');

/**
 * Meta's user id for a phone number: its digits, except Brazilian mobiles (+55, two-digit area code,
 * nine digits starting with 9), whose wa_id drops the ninth digit (reference §1.10).
 */
export function waIdForPhone(phone: string): string {
  const d = digitsOf(phone);
  if (d.length === 13 && d.startsWith('55') && d[4] === '9') return d.slice(0, 4) + d.slice(5);
  return d;
}

/** A business-scoped user id: country, a dot, alphanumerics (`US.1349…`), `US.ENT.…` for a parent. */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** Finds a user by E.164, bare digits, wa_id or BSUID. */
export function findUser(state: SandboxState, phoneOrWaId: string): SimUser | undefined {
  if (BSUID.test(phoneOrWaId)) return state.users.find((u) => u.bsuid === phoneOrWaId);
  const d = digitsOf(phoneOrWaId);
  if (!d) return undefined;
  return state.users.find((u) => digitsOf(u.phone) === d || u.waId === d);
}

export function findNumber(state: SandboxState, phoneNumberId: string): BusinessNumber | undefined {
  return state.numbers.find((n) => n.phoneNumberId === phoneNumberId);
}

export function findNumberByWaba(state: SandboxState, wabaId: string): BusinessNumber | undefined {
  return state.numbers.find((n) => n.wabaId === wabaId);
}

export const windowKey = (phoneNumberId: string, userPhone: string): string =>
  `${phoneNumberId} ${userPhone}`;

/** Business numbers are all +1 in the demo; the calling code is what gets prepended to bare numbers. */
export function callingCodeOf(number: BusinessNumber): string {
  const d = digitsOf(number.displayPhoneNumber);
  return d.length === 11 && d.startsWith('1') ? '1' : d.slice(0, 2);
}

export interface Recipient {
  phone: string;
  waId: string;
  user?: SimUser;
  /** `to` was a BSUID (2026): the answer and the statuses name the user by it. */
  bsuid?: string;
}

/**
 * Resolves a send's `to` as Meta does: `+`, `-`, `(`, `)` and spaces are ignored; a number without `+`
 * gets the business number's calling code unless it already names a known user (bare E.164 digits
 * or wa_id), which is what clients that omit the `+` mean.
 */
export function resolveRecipient(state: SandboxState, number: BusinessNumber, to: string): Recipient {
  const trimmed = to.trim();
  if (BSUID.test(trimmed)) {
    const user = findUser(state, trimmed);
    // An unknown BSUID reaches nobody: accepted, then failed like a number not on WhatsApp.
    return user
      ? { phone: user.phone, waId: user.waId, user, bsuid: trimmed }
      : { phone: '', waId: '', bsuid: trimmed };
  }
  const known = findUser(state, trimmed);
  if (known) return { phone: known.phone, waId: known.waId, user: known };
  const d = digitsOf(trimmed);
  const full = trimmed.startsWith('+') ? d : `${callingCodeOf(number)}${d}`;
  const again = findUser(state, full);
  if (again) return { phone: again.phone, waId: again.waId, user: again };
  return { phone: `+${full}`, waId: waIdForPhone(full) };
}

const CANADIAN_AREA_CODES = new Set(
  '204 226 236 249 250 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905'.split(
    ' ',
  ),
);

/** +1 numbers outside Canada and the Caribbean codes we know are treated as US (131049 rule). */
export function isUsNumber(phone: string): boolean {
  const d = digitsOf(phone);
  return d.length === 11 && d.startsWith('1') && !CANADIAN_AREA_CODES.has(d.slice(1, 4));
}
