// Webhook payloads as Meta sends them (reference §2), signed with the test app secret, and a way to
// look at what a customer's messages did: the contact, its conversation and the thread a user sees.
import { env, SELF } from 'cloudflare:test';
import type { ThreadView } from '../../worker/conversations/thread-view';
import { conversationForContact, userRef } from '../../worker/services/conversations';
import { findContactByPhone } from '../../worker/storage/repos/contacts';
import { getOrg } from '../../worker/storage/repos/orgs';
import { findUserByEmail } from '../../worker/storage/repos/users';
import { SIGNATURE_HEADER, signBody } from '../../worker/whatsapp';
import { db } from './helpers';

export const ACME_PNID = '100000000000001';
export const ACME_WABA = '200000000000001';
export const GLOBEX_PNID = '100000000000002';

let seq = 0;
/** A fresh wamid per call; tests reuse one to replay a delivery. */
export const wamid = (): string => `wamid.TEST${Date.now()}${++seq}`;

export type RawMessage = Record<string, unknown>;

export const textMessage = (from: string, body: string, id = wamid()): RawMessage => ({
  from,
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'text',
  text: { body },
});

export const imageMessage = (from: string, mediaId: string, caption?: string): RawMessage => ({
  from,
  id: wamid(),
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'image',
  image: { id: mediaId, mime_type: 'image/jpeg', sha256: 'c2hh', ...(caption ? { caption } : {}) },
});

export function messagesChange(
  phoneNumberId: string,
  messages: RawMessage[],
  contacts: Array<{ waId: string; name: string }> = [],
): RawMessage {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550100001', phone_number_id: phoneNumberId },
      contacts: contacts.map((c) => ({ profile: { name: c.name }, wa_id: c.waId })),
      messages,
    },
  };
}

export function statusChange(phoneNumberId: string, statuses: RawMessage[]): RawMessage {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550100001', phone_number_id: phoneNumberId },
      statuses,
    },
  };
}

export const envelope = (...entries: Array<{ id?: string; changes: RawMessage[] }>) => ({
  object: 'whatsapp_business_account',
  entry: entries.map((e) => ({ id: e.id ?? ACME_WABA, changes: e.changes })),
});

/** A one-message text webhook from a customer to Acme, with their profile. */
export const textWebhook = (from: string, name: string, body: string, id = wamid()) =>
  envelope({ changes: [messagesChange(ACME_PNID, [textMessage(from, body, id)], [{ waId: from, name }])] });

export async function postWebhook(
  payload: unknown,
  signature: 'valid' | 'none' | string = 'valid',
): Promise<Response> {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const bytes = new TextEncoder().encode(raw);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature === 'valid') headers[SIGNATURE_HEADER] = await signBody(bytes, env.WHATSAPP_APP_SECRET ?? '');
  else if (signature !== 'none') headers[SIGNATURE_HEADER] = signature;
  return SELF.fetch('http://greenline.test/webhooks/whatsapp', { method: 'POST', headers, body: bytes });
}

/** The Acme contact with this phone, if the webhook created it. */
export const acmeContact = (phone: string) => findContactByPhone(db(), 'acme', phone);

/** The thread a user of Acme sees for a contact after claiming its unassigned conversation (B22). */
export async function claimedThread(phone: string, email = 'alice@acme.test'): Promise<ThreadView | null> {
  const contact = await acmeContact(phone);
  const user = await findUserByEmail(db(), email);
  const org = await getOrg(db(), 'acme');
  if (!contact || !user || !org) throw new Error('missing demo data');
  const { ref, stub } = await conversationForContact(env, db(), 'acme', contact.id, Date.now());
  await stub.act(ref, { type: 'start', actor: userRef(user, org) });
  return stub.thread(ref, user.id);
}
