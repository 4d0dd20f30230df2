// Helpers for the conversation tests in workerd: a contact with its conversation, the customer's
// side (messages and statuses delivered straight to the conversation's Durable Object, as the
// webhook intake does), and the development clock.
import { env } from 'cloudflare:test';
import type { InboundMessage, StatusEvent } from '../../worker/domain/conversation';
import { OPT_IN_NO_PAYLOAD, OPT_IN_YES_PAYLOAD } from '../../worker/domain/outbound';
import { conversationById } from '../../worker/services/conversations';
import { issueSession } from '../../worker/services/sessions';
import { findUserByEmail } from '../../worker/storage/repos/users';
import { call, db } from './helpers';

export interface Thread {
  items: Array<{
    type: string;
    at: number;
    mediaId?: string | null;
    id?: string;
    kind?: string;
    wamid?: string | null;
    text: string | null;
    state?: string;
    failure?: { code: number | string } | null;
    notSentReason?: string | null;
  }>;
}

export interface ConversationState {
  conversationId: string;
  consent: string;
  window: { open: boolean; expiresAt: number | null };
  canSendText: boolean;
  optInAvailableAt: number | null;
  participants: { userId: string }[];
  queued: number;
  serverNow: number;
}

let wamids = 0;
export const nextWamid = () => `wamid.customer${++wamids}.${Math.random().toString(36).slice(2)}`;

export async function newContact(token: string, name: string, phone: string): Promise<string> {
  const res = await call<{ id: string }>('PUT', '/api/v1/contacts', { token, body: { name, phone } });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function state(token: string, contactId: string): Promise<ConversationState> {
  const res = await call<ConversationState>('GET', `/api/v1/contacts/${contactId}/whatsapp`, { token });
  if (res.status !== 200) throw new Error(`state: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function thread(token: string, conversationId: string): Promise<Thread> {
  const res = await call<Thread>('GET', `/api/v1/conversations/${conversationId}/messages`, { token });
  if (res.status !== 200) throw new Error(`thread: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let keys = 0;
export function send(token: string, conversationId: string, body: unknown, key = `key-${++keys}`) {
  return call<{ message: { id: string; state: string }; duplicate: boolean; error?: { code: string } }>(
    'POST',
    `/api/v1/conversations/${conversationId}/messages`,
    { token, body, headers: { 'idempotency-key': key } },
  );
}

export async function handle(conversationId: string) {
  return conversationById(env, db(), 'acme', conversationId);
}

/** The customer writes (or taps a button) at the given WhatsApp time. */
export async function customerSays(
  conversationId: string,
  phone: string,
  message: Partial<InboundMessage> & { timestamp: number },
): Promise<{ duplicate: boolean }> {
  const { stub, ref } = await handle(conversationId);
  const full: InboundMessage = {
    wamid: nextWamid(),
    from: phone.replace(/^\+/, ''),
    kind: 'text',
    text: null,
    button: null,
    contextId: null,
    media: null,
    ...message,
  };
  return stub.inbound(ref, full);
}

export function tap(
  answer: 'yes' | 'no',
  contextId: string,
  timestamp: number,
): Partial<InboundMessage> & { timestamp: number } {
  const label = answer === 'yes' ? 'Yes' : 'No';
  const payload = answer === 'yes' ? OPT_IN_YES_PAYLOAD : OPT_IN_NO_PAYLOAD;
  return { kind: 'button', text: label, button: { payload, text: label }, contextId, timestamp };
}

export async function deliverStatus(conversationId: string, status: StatusEvent): Promise<void> {
  const { stub, ref } = await handle(conversationId);
  await stub.status(ref, status);
}

export async function advanceClock(ms: number): Promise<{ now: number; woke: number }> {
  const res = await call<{ now: number; woke: number }>('POST', '/__dev/clock', { body: { advanceMs: ms } });
  if (res.status !== 200) throw new Error(`clock: ${res.status}`);
  return res.body;
}

/** The wamid of the latest opt-in WhatsApp accepted for this conversation. */
export async function optInWamid(token: string, conversationId: string): Promise<string> {
  const items = (await thread(token, conversationId)).items;
  const optIn = items.filter((i) => i.type === 'outbound' && i.kind === 'opt_in').at(-1);
  if (!optIn?.wamid) throw new Error('no accepted opt-in');
  return optIn.wamid;
}

/** A session issued at the development clock's time (after a jump, real-time tokens have expired). */
export async function tokenAt(email: string, now: number): Promise<string> {
  const user = await findUserByEmail(db(), email);
  if (!user) throw new Error(`no user ${email}`);
  return (await issueSession(db(), user, now)).token;
}

/** A contact who has opted in: the opt-in sent by `token`'s user and tapped Yes by the customer. */
export async function optedIn(
  token: string,
  name: string,
  phone: string,
): Promise<{ contact: string; conversationId: string }> {
  const contact = await newContact(token, name, phone);
  const res = await call<{ conversation: { conversationId: string } }>(
    'POST',
    `/api/v1/contacts/${contact}/whatsapp/opt-in`,
    { token },
  );
  if (res.status !== 201) throw new Error(`opt-in: ${res.status} ${JSON.stringify(res.body)}`);
  const conversationId = res.body.conversation.conversationId;
  const now = (await state(token, contact)).serverNow;
  await customerSays(conversationId, phone, tap('yes', await optInWamid(token, conversationId), now));
  return { contact, conversationId };
}
