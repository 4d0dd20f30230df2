// Live events (B8, B20): the frames the worker pushes on a user's one WebSocket, validated on both
// sides. Frames a client acts on without a panel open (the green action's glance, notifications) name
// the contact, so the client can show and open it. The socket opens with a one-time ticket from POST /api/v1/live/ticket, so no long-lived token
// ever travels in a URL.
import { z } from 'zod';
import { ThreadItemSchema } from './conversations';

export const LiveTicketSchema = z
  .object({ ticket: z.string(), expiresAt: z.number(), url: z.string() })
  .meta({ id: 'LiveTicket' });

export const LiveFrameSchema = z.discriminatedUnion('type', [
  /** Something the panel shows changed (consent, window, participants, queue): fetch the state. */
  z.object({
    type: z.literal('conversation'),
    conversationId: z.string(),
    contactId: z.string(),
    /** What the change means for you, when it answers something you did (B22: "Alice Martin declined your request to join"). */
    text: z.string().optional(),
  }),
  /** A message or system event in a thread you are in. */
  z.object({
    type: z.literal('item'),
    conversationId: z.string(),
    threadId: z.string(),
    item: ThreadItemSchema,
  }),
  /** B20: a customer wrote (raise a notification and the unread badge). */
  z.object({
    type: z.literal('customer_message'),
    conversationId: z.string(),
    contactId: z.string(),
    text: z.string().nullable(),
  }),
  /** B22: a customer wrote to a conversation nobody is in (you were in it last). */
  z.object({ type: z.literal('unassigned'), conversationId: z.string(), contactId: z.string() }),
  /** B15: you were removed; forget this conversation. */
  z.object({
    type: z.literal('access_revoked'),
    conversationId: z.string(),
    /** What the removed user is told, e.g. "Your colleague Shawn Michaels has removed you from the conversation". */
    text: z.string().optional(),
  }),
  /** SPEC §6 (admins only): an account-level error paused the number's sending; resume once fixed. */
  z.object({ type: z.literal('number_paused'), reason: z.string() }),
  /**
   * Issue 10 (admins only): WhatsApp lowered the number's quality or messaging limit (`DOWNGRADE`,
   * `FLAGGED`); the new limit tier when WhatsApp gave one.
   */
  z.object({
    type: z.literal('number_health'),
    event: z.string(),
    messagingLimitTier: z.string().nullable(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveFrame = z.infer<typeof LiveFrameSchema>;

/** What a client may send: keep-alive pings only. */
export const LiveClientFrameSchema = z.object({ type: z.literal('ping') });
