// Pure rewrites for issue 12. Retention turns a message past the org's period into a stub that keeps
// its state and times but no body; erasure turns a consent record into its pseudonymised form. No I/O.
import type { ConversationState, InboundMessage } from '../domain/conversation';
import type { ConsentRecordDraft } from '../domain/ledger';
import type { OutboundContent, OutboundMessage } from '../domain/messages';

/** What a stub keeps of its removal: when, and the period then in force. */
export interface Removal {
  at: number;
  afterDays: number;
}

export type Removable<T> = T & { removed?: Removal };

const FINAL: ReadonlySet<OutboundMessage['state']> = new Set([
  'sent',
  'delivered',
  'read',
  'failed',
  'not_sent',
]);

/** A message in a final state, written before the cutoff, still with its body. */
export function isPastRetention(m: Removable<OutboundMessage>, cutoff: number): boolean {
  return m.removed === undefined && FINAL.has(m.state) && m.createdAt < cutoff;
}

function emptyContent(content: OutboundContent): OutboundContent {
  switch (content.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'image':
      return { type: 'image', mediaId: '', caption: null };
    default:
      return {
        type: 'template',
        name: content.name,
        language: content.language,
        headerParams: [],
        bodyParams: [],
        quickReplyPayloads: [],
        renderedText: '',
      };
  }
}

/** The outbound message without its body: kind, state, times and WhatsApp id stay. */
export function stubOutbound(m: OutboundMessage, removal: Removal): Removable<OutboundMessage> {
  return { ...m, content: emptyContent(m.content), sentText: null, removed: removal };
}

/** The customer's message without text, button or picture: kind and times stay. */
export function stubInbound(m: InboundMessage, removal: Removal): Removable<InboundMessage> {
  return { ...m, text: null, button: null, media: null, removed: removal };
}

/** The state with every finished message past the cutoff stubbed (so a later status cannot restore it). */
export function stubStateMessages(
  state: ConversationState,
  cutoff: number,
  removal: Removal,
): ConversationState {
  if (!state.messages.some((m) => isPastRetention(m, cutoff))) return state;
  const messages = state.messages.map((m) => (isPastRetention(m, cutoff) ? stubOutbound(m, removal) : m));
  return { ...state, messages };
}

/** How the thread shows a stub. */
export const removalNotice = (r: Removal): string =>
  `Message removed after ${r.afterDays} ${r.afterDays === 1 ? 'day' : 'days'}`;

/** What the thread API lays over a stub: no text or picture, and the removal (nothing for a whole message). */
export function removedItem(m: { removed?: Removal }): {
  removed?: Removal & { notice: string };
  text?: null;
  mediaId?: null;
} {
  return m.removed
    ? { removed: { ...m.removed, notice: removalNotice(m.removed) }, text: null, mediaId: null }
    : {};
}

/** Words that name the customer, longest first (the full name, then each part of two letters or more). */
export function nameParts(names: readonly string[]): string[] {
  const parts = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) parts.add(trimmed);
    for (const word of trimmed.split(/\s+/)) if (word.length >= 2) parts.add(word);
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every occurrence of the given words (any case) and identifiers replaced. */
export function scrub(text: string, words: readonly string[]): string {
  let out = text;
  for (const word of words) out = out.replace(new RegExp(escapeRegExp(word), 'gi'), '[erased]');
  return out;
}

export interface Pseudonyms {
  /** identifier (phone, BSUID) → its keyed hash, already prefixed. */
  ids: ReadonlyMap<string, string>;
  /** Words to scrub from the rendered text and the reply: the name parts, the phone, its digits. */
  words: readonly string[];
}

/** The record as erasure keeps it: the customer only as keyed hashes, the template text scrubbed. */
export function pseudonymiseDraft<T extends ConsentRecordDraft>(record: T, p: Pseudonyms): T {
  const swap = (id: string): string => p.ids.get(id) ?? (id === '' ? '' : scrub(id, p.words));
  const reply = record.customerReply;
  const out: T = {
    ...record,
    contactPhone: swap(record.contactPhone),
    renderedText: record.renderedText === null ? null : scrub(record.renderedText, p.words),
    customerReply:
      reply === null
        ? null
        : reply.type === 'text'
          ? { type: 'text', text: scrub(reply.text, p.words) }
          : { ...reply, text: scrub(reply.text, p.words) },
  };
  if (record.customerId !== undefined) out.customerId = swap(record.customerId);
  return out;
}
