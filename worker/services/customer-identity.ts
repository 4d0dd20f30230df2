// Which contact a webhook is about (SPEC §2, issue 10). WhatsApp names a customer by phone (`from`),
// wa_id, and from 2026 by a business-scoped user id (BSUID) and a parent BSUID; a customer who adopted
// a username may come with a BSUID only. The contact is found by whichever arrives; when one event
// shows that two contacts are one person (a BSUID customer shares their number, a number changes),
// they are linked: one contact, one conversation, never a lost thread.
import type { Db } from '../storage/db';
import { againOnConflict } from '../storage/errors';
import { type DirectoryQuery, runBatch } from '../storage/repos/batch';
import {
  conversationsOf,
  crmLinksOf,
  dropUnusedConversationQueries,
  findContactsByIdentity,
  foldContactQueries,
  type IdentityPatch,
  recordIdentity,
} from '../storage/repos/contact-identity';
import type { ContactRow } from '../storage/repos/contacts';
import { upsertContact } from '../storage/repos/contacts';
import { ApiError } from './errors';

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
  /** The contact is new (no existing contact was changed, so no route can have changed). */
  created?: boolean;
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
  return againOnConflict(async () => {
    const ids = routingIds(signal);
    const found = await findContactsByIdentity(db, orgId, ids, signal.phone);
    let contact: ContactRow;
    let conflict = false;
    if (found.length === 0) {
      contact = await createCustomer(db, orgId, signal, now);
    } else {
      const folded = await applyFold(db, await planFold(db, orgId, found));
      contact = folded.survivor;
      conflict = folded.conflict;
    }
    const aliases = [...ids, ...(signal.phone ? [signal.phone.slice(1)] : [])];
    contact = await recordIdentity(db, contact, identityPatch(contact, signal), aliases, now);
    return { contact, linked: Math.max(0, found.length - 1), conflict, created: found.length === 0 };
  });
}

/** What linking contacts as one person will write, read now and committed whole by `applyFold`. */
export interface FoldPlan {
  survivor: ContactRow;
  /** Another contact of the same person keeps its own (dormant) conversation. */
  conflict: boolean;
  writes: DirectoryQuery[];
}

/**
 * Plans the linking of contacts found to be one person. A conversation nobody used (opened, never
 * written in) does not count: it is dropped when the other contact has one.
 */
export async function planFold(db: Db, orgId: string, found: ContactRow[]): Promise<FoldPlan> {
  const convs = await conversationsOf(
    db,
    orgId,
    found.map((c) => c.id),
  );
  const used = new Set(convs.filter((c) => c.used).map((c) => c.contactId));
  const { survivor, others } = pickSurvivor(found, used);
  let mine = convs.find((c) => c.contactId === survivor.id) ?? null;
  let conflict = false;
  const writes: DirectoryQuery[] = [];
  for (const other of others) {
    const theirs = convs.find((c) => c.contactId === other.id) ?? null;
    if (theirs && !theirs.used) writes.push(...dropUnusedConversationQueries(db, orgId, theirs.id));
    const live = theirs?.used ? theirs : null;
    if (live && mine && !mine.used) {
      writes.push(...dropUnusedConversationQueries(db, orgId, mine.id));
      mine = null;
    }
    const keepOther = live !== null && mine !== null;
    conflict ||= keepOther;
    const links = keepOther ? [] : await crmLinksOf(db, orgId, other.id);
    const moved = live && !mine ? live.id : null;
    writes.push(...foldContactQueries(db, orgId, survivor, other, links, moved, keepOther));
    if (live && !mine) mine = live;
  }
  return { survivor, conflict, writes };
}

/**
 * Commits a fold in one batch (one transaction). A write that raced it (a panel opening the
 * survivor's record creates its conversation) makes the batch fail whole; the caller reads again
 * (`againOnConflict`), so the thread is never split between two conversations.
 */
export async function applyFold(
  db: Db,
  plan: FoldPlan,
): Promise<{ survivor: ContactRow; conflict: boolean }> {
  await runBatch(db, plan.writes);
  return { survivor: plan.survivor, conflict: plan.conflict };
}

async function createCustomer(db: Db, orgId: string, signal: CustomerSignal, now: number) {
  const name = signal.profileName || signal.username || signal.phone || 'WhatsApp customer';
  return (await upsertContact(db, orgId, { phone: signal.phone, name, now })).contact;
}

/**
 * `user_changed_number`: the customer's new number becomes the contact's phone, the old one stays an
 * alias. A contact that already holds the new number is linked as one person (as `resolveCustomer`).
 */
export async function changeNumber(
  db: Db,
  orgId: string,
  contact: ContactRow,
  newWaId: string,
  now: number,
): Promise<ResolvedCustomer> {
  const phone = `+${newWaId}`;
  const aliases = [newWaId, ...(contact.phone ? [contact.phone.slice(1)] : [])];
  return againOnConflict(async () => {
    const holders = (await findContactsByIdentity(db, orgId, [newWaId], phone)).filter(
      (c) => c.id !== contact.id,
    );
    if (holders.length === 0) {
      const updated = await recordIdentity(db, contact, { phone }, aliases, now);
      return { contact: updated, linked: 0, conflict: false };
    }
    const { survivor, conflict } = await applyFold(db, await planFold(db, orgId, [contact, ...holders]));
    if (conflict) return { contact: survivor, linked: holders.length, conflict };
    const updated = await recordIdentity(db, survivor, { phone }, aliases, now);
    return { contact: updated, linked: holders.length, conflict: false };
  });
}

/**
 * An agent links two contacts of the org as one person (a username customer and their CRM record).
 * Refused (409) when both already have a conversation someone used: those cannot be merged safely.
 */
export async function linkContacts(
  db: Db,
  orgId: string,
  a: ContactRow,
  b: ContactRow,
  now: number,
): Promise<ContactRow> {
  return againOnConflict(async () => {
    const convs = await conversationsOf(db, orgId, [a.id, b.id]);
    if (convs.filter((c) => c.used).length > 1) {
      throw new ApiError(
        409,
        'both_have_conversations',
        'Both contacts already have a conversation, so they cannot be joined into one.',
      );
    }
    const { survivor } = await applyFold(db, await planFold(db, orgId, [a, b]));
    const other = survivor.id === a.id ? b : a;
    const patch: IdentityPatch = {};
    if (!survivor.phone && other.phone) patch.phone = other.phone;
    if (!survivor.bsuid && other.bsuid) patch.bsuid = other.bsuid;
    if (!survivor.parentBsuid && other.parentBsuid) patch.parentBsuid = other.parentBsuid;
    if (!survivor.username && other.username) patch.username = other.username;
    return recordIdentity(db, survivor, patch, [], now);
  });
}
