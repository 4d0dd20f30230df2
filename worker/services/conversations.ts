// Finding a conversation and its Durable Object: from a contact (the API), from a conversation id
// (the API), or from a webhook's phone_number_id and wa_id (intake). Always scoped to one org.
import type { ConversationObject } from '../durable-objects/conversation';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { UserRef } from '../domain/team';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { type ContactRow, getContact } from '../storage/repos/contacts';
import { ensureConversation, findConversationByWaId, getConversation } from '../storage/repos/conversations';
import type { KnownConversation, NumberRow } from '../storage/repos/numbers';
import { getOrgNumber } from '../storage/repos/numbers';
import type { OrgRow } from '../storage/repos/orgs';
import type { UserRow } from '../storage/repos/users';
import {
  type CustomerSignal,
  identityPatch,
  type ResolvedCustomer,
  resolveCustomer,
  routingIds,
} from './customer-identity';
import { ApiError, notFound } from './errors';
import { forgetOrgRoutes } from './route-cache';

export interface ConversationHandle {
  ref: ConversationRef;
  stub: DurableObjectStub<ConversationObject>;
}

export function stubFor(env: Env, ref: ConversationRef): ConversationHandle {
  return { ref, stub: env.CONVERSATION.get(env.CONVERSATION.idFromName(ref.conversationId)) };
}

function toRef(
  conversationId: string,
  number: NumberRow,
  contact: Pick<ContactRow, 'id' | 'phone' | 'bsuid'>,
): ConversationRef {
  return {
    conversationId,
    orgId: number.orgId,
    numberId: number.id,
    phoneNumberId: number.phoneNumberId,
    contactId: contact.id,
    customerPhone: contact.phone,
    customerBsuid: contact.bsuid,
  };
}

async function orgNumber(db: Db, orgId: string): Promise<NumberRow> {
  const number = await getOrgNumber(db, orgId);
  if (!number)
    throw new ApiError(
      409,
      'no_number',
      'Your organisation has no WhatsApp number yet. Ask your admin to connect one.',
    );
  return number;
}

/** The conversation with a contact of the caller's org (created on first use). */
export async function conversationForContact(
  env: Env,
  db: Db,
  orgId: string,
  contactId: string,
  now: number,
): Promise<ConversationHandle> {
  const details = await getContact(db, orgId, contactId);
  if (!details) throw notFound('Contact');
  const number = await orgNumber(db, orgId);
  const row = await ensureConversation(db, orgId, number.id, details.contact.id, now);
  return stubFor(env, toRef(row.id, number, details.contact));
}

/** A conversation by id, in the caller's org only (another org's id is simply not found). */
export async function conversationById(
  env: Env,
  db: Db,
  orgId: string,
  id: string,
): Promise<ConversationHandle> {
  const row = await getConversation(db, orgId, id);
  if (!row) throw notFound('Conversation');
  const [number, details] = await Promise.all([orgNumber(db, orgId), getContact(db, orgId, row.contactId)]);
  if (!details || number.id !== row.numberId) throw notFound('Conversation');
  return stubFor(env, toRef(row.id, number, details.contact));
}

/**
 * Intake: the conversation a customer's message or a status belongs to. The contact is found by
 * whichever id arrives (BSUID, wa_id, parent BSUID, phone) and linked with any other contact the same
 * event names (`customer-identity.ts`); a customer writing first becomes a contact named by their
 * WhatsApp profile (B22). One query on the usual path: the contact is known and nothing is new;
 * none when the caller read it with the number (`prefetched`, looked up by the first routing id).
 */
export async function conversationForCustomer(
  env: Env,
  db: Db,
  number: NumberRow,
  signal: CustomerSignal,
  now: number,
  prefetched?: KnownConversation | null,
): Promise<ConversationHandle & { resolved: ResolvedCustomer | null }> {
  const orgId = number.orgId;
  const primary = routingIds(signal)[0];
  const known =
    prefetched !== undefined
      ? (prefetched ?? undefined)
      : primary
        ? await findConversationByWaId(db, orgId, number.id, primary)
        : undefined;
  if (known && isSettled(known.contact, signal)) {
    return { ...stubFor(env, toRef(known.conversationId, number, known.contact)), resolved: null };
  }
  const resolved = await resolveCustomer(db, orgId, signal, now);
  const row = await ensureConversation(db, orgId, number.id, resolved.contact.id, now);
  // An existing contact may have been linked or given new ids: routes naming it are read afresh.
  if (!resolved.created) await forgetOrgRoutes(env, db, orgId);
  return { ...stubFor(env, toRef(row.id, number, resolved.contact)), resolved };
}

/** Nothing in the signal is news for this contact (so no linking or writing is needed). */
function isSettled(contact: ContactRow, signal: CustomerSignal): boolean {
  if (Object.keys(identityPatch(contact, signal)).length > 0) return false;
  return signal.phone === null || contact.phone === signal.phone;
}

/** The core's view of a user: WhatsApp counts as enabled only when both org and user are (B13, B18). */
export function userRef(user: UserRow, org: Pick<OrgRow, 'whatsappEnabled'>): UserRef {
  return {
    id: user.id,
    name: user.name,
    subOrgId: user.subOrgId,
    enabled:
      org.whatsappEnabled && user.whatsappEnabled && user.disabledAt === null && user.removedAt === null,
  };
}
