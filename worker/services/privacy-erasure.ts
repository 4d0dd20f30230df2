// Erasure of one customer (issue 12, SPEC §6): their conversation objects' storage, pictures (R2),
// directory rows (contact, aliases, CRM links, conversations, history, Unassigned, timers, media,
// dead letters naming them) all go; the consent ledger keeps their records under keyed hashes and
// still verifies; a receipt and an audit entry are written; a standing opt-out outlives them (I1).
// Naturally idempotent: each step can be repeated, and a retry after success returns the receipt.
import type { ErasureReceipt, ErasureRequest, PrivacyContact } from '../../shared/api/privacy';
import type { Env } from '../env';
import type { PseudonymiseResult } from '../privacy/ledger-reseal';
import { digitsOf, PSEUDONYM_PREFIX, subjectHashes } from '../privacy/pseudonym';
import { nameParts } from '../privacy/redact';
import type { Db } from '../storage/db';
import {
  type ContactDetails,
  findContactByPhone,
  findContactByWaId,
  getContact,
} from '../storage/repos/contacts';
import { conversationsOf } from '../storage/repos/contact-identity';
import { newId } from '../storage/ids';
import {
  deleteCustomerRows,
  type ErasureRow,
  findErasureByContact,
  findErasureBySubjects,
  insertAudit,
  listRowsOfConversations,
  mediaOfConversations,
  recordErasure,
  updateErasureReceipt,
} from '../storage/repos/privacy';
import { normalisePhone } from './contacts';
import { ledgerFor } from './consent-ledger';
import { notFound } from './errors';
import { deleteObjects } from './privacy-retention';
import { forgetOrgRoutes } from './route-cache';

export interface Actor {
  orgId: string;
  userId: string;
}

const receiptOf = (row: ErasureRow): ErasureReceipt => row.receipt as unknown as ErasureReceipt;

/** The contact the request names, or the receipt of its earlier erasure. */
async function resolve(
  env: Env,
  db: Db,
  orgId: string,
  req: ErasureRequest,
): Promise<{ details: ContactDetails } | { done: ErasureRow }> {
  let contactId = req.contactId;
  let subject: string | undefined;
  if (req.phone !== undefined) {
    subject = normalisePhone(req.phone);
    contactId = (await findContactByPhone(db, orgId, subject))?.id;
  } else if (req.bsuid !== undefined) {
    subject = req.bsuid;
    contactId = (await findContactByWaId(db, orgId, subject))?.id;
  }
  const details = contactId ? await getContact(db, orgId, contactId) : undefined;
  if (details) return { details };
  const done = contactId
    ? await findErasureByContact(db, orgId, contactId)
    : subject
      ? await findErasureBySubjects(db, orgId, [...(await subjectHashes(env, orgId, [subject])).values()])
      : undefined;
  if (done) return { done };
  throw notFound('Contact');
}

/** The customer an admin means, by phone or BSUID (the options page's search). */
export async function findCustomer(
  db: Db,
  orgId: string,
  query: { phone?: string; bsuid?: string },
): Promise<PrivacyContact | null> {
  const c = query.phone
    ? await findContactByPhone(db, orgId, normalisePhone(query.phone))
    : query.bsuid
      ? await findContactByWaId(db, orgId, query.bsuid)
      : undefined;
  return c ? { id: c.id, name: c.name, phone: c.phone, bsuid: c.bsuid, username: c.username } : null;
}

/** Every identifier WhatsApp or the CRM used for the customer. */
function identifiersOf(d: ContactDetails): string[] {
  const c = d.contact;
  const ids = [c.phone, c.phone ? digitsOf(c.phone) : null, c.bsuid, c.parentBsuid, c.username, ...d.waIds];
  return [...new Set(ids.filter((v): v is string => !!v))];
}

export async function eraseCustomer(
  env: Env,
  db: Db,
  actor: Actor,
  req: ErasureRequest,
  now: number,
): Promise<{ receipt: ErasureReceipt; created: boolean }> {
  const found = await resolve(env, db, actor.orgId, req);
  if ('done' in found) return { receipt: receiptOf(found.done), created: false };
  const { details } = found;
  const orgId = actor.orgId;
  const identifiers = identifiersOf(details);
  const hashes = await subjectHashes(env, orgId, identifiers);
  const words = [...identifiers, ...nameParts([details.contact.name])];
  const conversationIds = (await conversationsOf(db, orgId, [details.contact.id])).map((c) => c.id);
  // 1. The conversation objects (their pending consent records reach the ledger first).
  for (const id of conversationIds) await env.CONVERSATION.get(env.CONVERSATION.idFromName(id)).erase();
  // 2. The ledger: the customer's records under keyed hashes, the chain re-sealed.
  const ids = Object.fromEntries([...hashes].map(([id, hash]) => [id, `${PSEUDONYM_PREFIX}${hash}`]));
  const ledger = await ledgerFor(env, orgId).pseudonymise({ conversationIds, ids, words });
  // 3. The receipt and the keyed hashes (a standing opt-out) before the contact row goes, so a retry
  //    after a failure below still finds them.
  const media = await mediaOfConversations(db, orgId, conversationIds);
  const draft = await receiptDraft(db, actor, details, conversationIds, media.length, ledger, now);
  const subjects = [...hashes.values()].map((hash) => ({ hash, optedOut: draft.standingOptOut }));
  const row = await recordErasure(
    db,
    {
      id: draft.id,
      orgId,
      contactId: draft.contactId,
      requestedBy: actor.userId,
      erasedAt: now,
      receipt: draft,
    },
    subjects,
  );
  // 4. Pictures, then every directory row.
  await deleteObjects(
    env,
    media.map((m) => m.r2Key),
  );
  const rows = await deleteCustomerRows(db, orgId, details.contact.id, conversationIds, words);
  await forgetOrgRoutes(env, db, orgId);
  const created = row.id === draft.id;
  const receipt = created ? await noteDeadLetters(db, row, rows.deadLetters) : receiptOf(row);
  if (created) {
    const detail = { receiptId: row.id, standingOptOut: draft.standingOptOut };
    await insertAudit(db, {
      orgId,
      actorUserId: actor.userId,
      action: 'erasure',
      target: row.id,
      at: now,
      detail,
    });
  }
  return { receipt, created };
}

async function receiptDraft(
  db: Db,
  actor: Actor,
  details: ContactDetails,
  conversationIds: string[],
  media: number,
  ledger: PseudonymiseResult,
  now: number,
): Promise<ErasureReceipt> {
  const { threads } = await listRowsOfConversations(db, actor.orgId, conversationIds);
  return {
    id: newId(),
    contactId: details.contact.id,
    erasedAt: now,
    requestedBy: actor.userId,
    standingOptOut: ledger.lastConsent === 'opted_out',
    removed: {
      conversations: conversationIds.length,
      threads: threads.length,
      media,
      aliases: details.waIds.length,
      crmLinks: details.crmLinks.length,
      deadLetters: 0,
    },
    ledger: {
      pseudonymised: ledger.matched,
      resealedFrom: ledger.resealedFrom,
      headBefore: ledger.headBefore,
      headAfter: ledger.headAfter,
    },
  };
}

async function noteDeadLetters(db: Db, row: ErasureRow, deadLetters: number): Promise<ErasureReceipt> {
  const receipt = receiptOf(row);
  if (deadLetters === 0) return receipt;
  const updated = { ...receipt, removed: { ...receipt.removed, deadLetters } };
  await updateErasureReceipt(db, row.orgId, row.id, updated);
  return updated;
}
