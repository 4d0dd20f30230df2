// Conversation API shapes shared by the worker and the extension (SPEC §5): the panel state of a
// contact, messages as the user writes and sees them, threads, and teamwork requests.
import { z } from 'zod';
import { freeText } from './text';
import { IdSchema } from './common';

export const ConsentSchema = z.enum(['none', 'pending', 'opted_in', 'opted_out', 'not_on_whatsapp']);

export const ParticipantSchema = z.object({ userId: z.string(), name: z.string() });

/** `GET /contacts/{id}/whatsapp`: everything the panel shows, with the server's time (B8). */
export const ConversationStateSchema = z
  .object({
    conversationId: z.string(),
    consent: ConsentSchema,
    optInRequestedAt: z.number().nullable(),
    optInAvailableAt: z.number().nullable(),
    canRequestOptIn: z.boolean(),
    window: z.object({ open: z.boolean(), expiresAt: z.number().nullable() }),
    canSendText: z.boolean(),
    canSendTemplate: z.boolean(),
    textHint: z
      .enum(['template_required', 'queued_until_consent', 'consent_required', 'opted_out', 'not_on_whatsapp'])
      .nullable(),
    threadId: z.string().nullable(),
    participants: z.array(ParticipantSchema),
    youAreParticipant: z.boolean(),
    joinRequests: z.array(ParticipantSchema),
    queued: z.number().int(),
    serverNow: z.number(),
  })
  .meta({ id: 'ConversationState' });
export type ConversationStateDto = z.infer<typeof ConversationStateSchema>;

/** WhatsApp's limit for a text message's body (reference §4), which the panel's composer shows too. */
export const TEXT_MAX = 4096;

const TextSchema = freeText(TEXT_MAX)
  .trim()
  .min(1, 'text cannot be empty')
  .max(TEXT_MAX, `text is at most ${TEXT_MAX} characters`);

/** `POST /conversations/{id}/messages`. Template variables not mapped to a source are typed here. */
export const SendMessageRequestSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: TextSchema }),
    z.object({
      type: z.literal('template'),
      name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'name must be an approved template name'),
      language: z.string().min(2).max(15),
      params: z.record(z.string(), freeText(1024, 'a template value')).default({}),
      /** The picture of a template with an IMAGE header: an id from `POST /api/v1/media`. */
      headerMediaId: IdSchema.optional(),
    }),
    z.object({
      type: z.literal('image'),
      mediaId: IdSchema,
      caption: freeText(1024, 'caption').optional(),
    }),
  ])
  .meta({ id: 'SendMessageRequest' });
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>;

export const FailureSchema = z.object({
  code: z.union([z.number(), z.literal('unconfirmed')]),
  reason: z.string(),
  nextStep: z.string(),
});

export const MessageStateSchema = z.enum([
  'queued',
  'sending',
  'uncertain',
  'sent',
  'delivered',
  'read',
  'failed',
  'not_sent',
]);

/** A message the business sent or will send, with its state (B9). */
/** Issue 12: the body was removed after the org's retention period; the item keeps its state and times. */
export const RemovedSchema = z.object({ at: z.number(), afterDays: z.int(), notice: z.string() });

export const OutboundMessageSchema = z
  .object({
    type: z.literal('outbound'),
    id: z.string(),
    at: z.number(),
    authorId: z.string().nullable(),
    kind: z.enum(['opt_in', 'template', 'text', 'image', 'notice']),
    wamid: z.string().nullable(),
    text: z.string().nullable(),
    mediaId: z.string().nullable(),
    state: MessageStateSchema,
    holdReason: z.string().nullable(),
    failure: FailureSchema.nullable(),
    notSentReason: z.string().nullable(),
    removed: RemovedSchema.optional(),
  })
  .meta({ id: 'OutboundMessage' });

export const ThreadItemSchema = z.discriminatedUnion('type', [
  OutboundMessageSchema,
  z.object({
    type: z.literal('inbound'),
    id: z.string(),
    at: z.number(),
    kind: z.enum(['text', 'button', 'image', 'other']),
    text: z.string().nullable(),
    mediaId: z.string().nullable(),
    removed: RemovedSchema.optional(),
  }),
  z.object({ type: z.literal('system'), at: z.number(), text: z.string() }),
]);

/**
 * The order of a thread's items, the same on the server and in the panel: by time, and within one
 * instant the customer's messages and the system lines before the messages sent. One step stamps its
 * cause and its effect with the same time: "Tapped Yes" comes before the confirmation it triggered,
 * "Bob left" before the notice the customer got.
 */
export function compareThreadItems(
  a: { at: number; type: ThreadItemType },
  b: { at: number; type: ThreadItemType },
): number {
  return a.at - b.at || (a.type === 'outbound' ? 1 : 0) - (b.type === 'outbound' ? 1 : 0);
}

export type ThreadItemType = z.infer<typeof ThreadItemSchema>['type'];

export const ThreadSchema = z
  .object({
    threadId: z.string(),
    startedAt: z.number(),
    endedAt: z.number().nullable(),
    readOnly: z.boolean(),
    items: z.array(ThreadItemSchema),
  })
  .meta({ id: 'Thread' });

export const SendMessageResponseSchema = z
  .object({ message: OutboundMessageSchema, conversation: ConversationStateSchema, duplicate: z.boolean() })
  .meta({ id: 'SendMessageResponse' });

export const OptInResponseSchema = z
  .object({ message: OutboundMessageSchema, conversation: ConversationStateSchema })
  .meta({ id: 'OptInResponse' });

export const StartResponseSchema = z
  .object({
    outcome: z.enum(['started', 'claimed', 'already_participant', 'occupied']),
    participants: z.array(ParticipantSchema),
    canRequestJoin: z.boolean(),
    conversation: ConversationStateSchema,
  })
  .meta({ id: 'StartResponse' });

export const ThreadQuerySchema = z.object({ thread: z.string().min(1).max(200).optional() });

export const UserIdBodySchema = z.object({ userId: IdSchema });
export const JoinAnswerSchema = z.object({ accept: z.boolean() });
export const ConversationParamSchema = z.object({ id: IdSchema });
export const ParticipantParamSchema = z.object({ id: IdSchema, userId: IdSchema });

export const EligibleUsersSchema = z
  .object({ users: z.array(ParticipantSchema) })
  .meta({ id: 'EligibleUsers' });
export const ConversationStateEnvelopeSchema = z.object({ conversation: ConversationStateSchema });

/**
 * A contact in a list. `phone` is E.164, or '' for a customer who hides their number behind a
 * WhatsApp username (2026); `username` (e.g. "@maria") then tells the agent who it is.
 */
export const ContactSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  username: z.string().nullable().optional(),
});

/** B11: one line of the history list. */
export const ThreadSummarySchema = z.object({
  conversationId: z.string(),
  threadId: z.string(),
  contact: ContactSummarySchema,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  lastAt: z.number(),
  lastText: z.string().nullable(),
  /** The user left this thread or it ended: it opens read-only. */
  readOnly: z.boolean(),
});
export const ThreadListSchema = z
  .object({ threads: z.array(ThreadSummarySchema) })
  .meta({ id: 'ThreadList' });

/** B22: a conversation whose customer wrote while nobody was in it. */
export const UnassignedSchema = z.object({
  conversationId: z.string(),
  contact: ContactSummarySchema,
  since: z.number(),
  lastAt: z.number(),
  lastText: z.string().nullable(),
});
export const UnassignedListSchema = z
  .object({ conversations: z.array(UnassignedSchema) })
  .meta({ id: 'UnassignedList' });

export const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit is at least 1').max(200, 'limit is at most 200').default(50),
});
