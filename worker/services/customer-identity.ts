// Which contact a webhook is about (SPEC §2, issue 10). WhatsApp names a customer by phone (`from`),
// wa_id, and from 2026 by a business-scoped user id (BSUID) and a parent BSUID; a customer who adopted
// a username may come with a BSUID only. The contact is found by whichever arrives; when one event
// shows that two contacts are one person (a BSUID customer shares their number, a number changes),
// they are linked: one contact, one conversation, never a lost thread.
import type { Db } from '../storage/db';
import {
  conversationsOf,
  findContactsByIdentity,
  foldContact,
  type IdentityPatch,
  recordIdentity,
} from '../storage/repos/contact-identity';
import type { ContactRow } from '../storage/repos/contacts';
import { upsertContact } from '../storage/repos/contacts';

/** What one event says about the customer; null where it says nothing. */
export interface CustomerSignal {
  /** E.164 (with +), from `messages[].from` when it is a phone number. */
  phone: string | null;
  waId: string | null;
  bsuid: string | null;
  parentBsuid: string | null;
  username: string | null;
  profileName: string | null;
}

/** The ids an event can be routed by, most specific first. */
export function routingIds(signal: CustomerSignal): string[] {
  const ids = [signal.bsuid, signal.waId, signal.parentBsuid];
  return [...new Set(ids.filter((id): id is string => id !== null && id !== ''))];
}

/** The row's fields this signal would change (a new BSUID replaces the old; nothing is erased). */
export function identityPatch(contact: ContactRow, signal: CustomerSignal): IdentityPatch {
  const patch: IdentityPatch = {};
  if (signal.phone && contact.phone === null) patch.phone = signal.phone;
  if (signal.bsuid && contact.bsuid !== signal.bsuid) patch.bsuid = signal.bsuid;
  if (signal.parentBsuid && contact.parentBsuid !== signal.parentBsuid)
    patch.parentBsuid = signal.parentBsuid;
  if (signal.username && contact.username !== signal.username) patch.username = signal.username;
  return patch;
}

/**
 * Picks who stays when contacts turn out to be one person: the one with a phone first (the CRM's
 * record, whose id the extension knows), then one with a conversation, then the oldest. The
 * conversation moves to the survivor when it has none, so the thread goes on.
 */
export function pickSurvivor(
  found: ContactRow[],
  withConversation: ReadonlySet<string>,
): { survivor: ContactRow; others: ContactRow[] } {
  const rank = (c: ContactRow) => (c.phone ? 0 : 2) + (withConversation.has(c.id) ? 0 : 1);
  const sorted = [...found].sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt);
  const [survivor, ...others] = sorted;
  if (!survivor) throw new Error('pickSurvivor needs at least one contact');
  return { survivor, others };
}

export interface ResolvedCustomer {
  contact: ContactRow;
  /** Contacts folded into it now (for the log). */
  linked: number;
  /** Another contact of the same person kept its own (dormant) conversation: an admin should look. */
  conflict: boolean;
}

/**
 * The contact this signal is about, created from the WhatsApp profile on first contact (B22) and
 * linked with any other contact the same signal names.
 */
export async function resolveCustomer(
  db: Db,
  orgId: string,
  signal: CustomerSignal,
  now: number,
): Promise<ResolvedCustomer> {
  const ids = routingIds(signal);
  const found = await findContactsByIdentity(db, orgId, ids, signal.phone);
  let contact: ContactRow;
  let conflict = false;
  if (found.length === 0) {
    contact = await createCustomer(db, orgId, signal, now);
  } else {
    const convs = await conversationsOf(
      db,
      orgId,
      found.map((c) => c.id),
    );
    const { survivor, others } = pickSurvivor(found, new Set(convs.map((c) => c.contactId)));
    contact = survivor;
    let survivorHasConversation = convs.some((c) => c.contactId === survivor.id);
    for (const other of others) {
      const theirs = convs.find((c) => c.contactId === other.id)?.id ?? null;
      const keepOther = theirs !== null && survivorHasConversation;
      conflict ||= keepOther;
      await foldContact(db, orgId, survivor, other, survivorHasConversation ? null : theirs, keepOther);
      survivorHasConversation ||= theirs !== null;
    }
  }
  const aliases = [...ids, ...(signal.phone ? [signal.phone.slice(1)] : [])];
  contact = await recordIdentity(db, contact, identityPatch(contact, signal), aliases, now);
  return { contact, linked: Math.max(0, found.length - 1), conflict };
}

async function createCustomer(db: Db, orgId: string, signal: CustomerSignal, now: number) {
  const name = signal.profileName || signal.username || signal.phone || 'WhatsApp customer';
  return (await upsertContact(db, orgId, { phone: signal.phone, name, now })).contact;
}

/**
 * `user_changed_number`: the customer's new number becomes the contact's phone, the old one stays an
 * alias. A contact that already holds the new number is linked as one person (its conversation moves
 * over when this contact has none).
 */
export async function changeNumber(
  db: Db,
  orgId: string,
  contact: ContactRow,
  newWaId: string,
  now: number,
): Promise<ResolvedCustomer> {
  const phone = `+${newWaId}`;
  const [holder] = (await findContactsByIdentity(db, orgId, [newWaId], phone)).filter(
    (c) => c.id !== contact.id,
  );
  if (holder) {
    const convs = await conversationsOf(db, orgId, [contact.id, holder.id]);
    const theirs = convs.find((c) => c.contactId === holder.id)?.id ?? null;
    const mine = convs.some((c) => c.contactId === contact.id);
    const keepOther = theirs !== null && mine;
    await foldContact(db, orgId, contact, holder, mine ? null : theirs, keepOther);
    if (keepOther) return { contact, linked: 1, conflict: true };
  }
  const aliases = [newWaId, ...(contact.phone ? [contact.phone.slice(1)] : [])];
  const updated = await recordIdentity(db, contact, { phone }, aliases, now);
  return { contact: updated, linked: holder ? 1 : 0, conflict: false };
}
