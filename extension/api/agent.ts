// The agent side of the API (SPEC §5) as typed calls: contacts, the panel state, opt-in, messages,
// teamwork, history, templates, pictures and the live ticket. Every answer is checked against the
// schema the worker itself uses (shared/api).
import { z } from 'zod';
import { MeResponseSchema, SessionResponseSchema } from '../../shared/api/auth';
import { ContactSchema, type UpsertContactRequest } from '../../shared/api/contacts';
import {
  ConversationStateEnvelopeSchema,
  ConversationStateSchema,
  EligibleUsersSchema,
  OptInResponseSchema,
  type SendMessageRequest,
  SendMessageResponseSchema,
  StartResponseSchema,
  ThreadListSchema,
  ThreadSchema,
  UnassignedListSchema,
} from '../../shared/api/conversations';
import { LiveTicketSchema } from '../../shared/api/live';
import { MediaSchema } from '../../shared/api/media';
import { AgentTemplateListSchema } from '../../shared/api/templates';
import { callEmpty, callJson, callRaw } from './call';
import { ApiFailure, type FilePart, type Transport } from './transport';

const enc = encodeURIComponent;
const ContactLookupSchema = z.object({ contact: ContactSchema.nullable() });

export function agentApi(t: Transport) {
  return {
    login: (email: string, password: string) =>
      callJson(
        t,
        { method: 'POST', path: '/auth/login', body: { email, password }, anonymous: true },
        SessionResponseSchema,
      ),
    refresh: (refreshToken: string) =>
      callJson(
        t,
        { method: 'POST', path: '/auth/refresh', body: { refreshToken }, anonymous: true },
        SessionResponseSchema,
      ),
    logout: () => callEmpty(t, { method: 'POST', path: '/auth/logout' }),
    me: () => callJson(t, { method: 'GET', path: '/me' }, MeResponseSchema),

    upsertContact: (body: UpsertContactRequest) =>
      callJson(t, { method: 'PUT', path: '/contacts', body }, ContactSchema),
    contact: (id: string) => callJson(t, { method: 'GET', path: `/contacts/${enc(id)}` }, ContactSchema),
    /** The contact of this E.164 number, if the org has one (nothing is created). */
    findContact: (phone: string) =>
      callJson(t, { method: 'GET', path: '/contacts/lookup', query: { phone } }, ContactLookupSchema),

    /** Two contacts are one person (a username customer and a CRM record): they become one. */
    linkContact: (id: string, otherId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/contacts/${enc(id)}/link`, body: { contactId: otherId } },
        ContactSchema,
      ),

    whatsapp: (contactId: string) =>
      callJson(t, { method: 'GET', path: `/contacts/${enc(contactId)}/whatsapp` }, ConversationStateSchema),
    requestOptIn: (contactId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/contacts/${enc(contactId)}/whatsapp/opt-in` },
        OptInResponseSchema,
      ),
    start: (contactId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/contacts/${enc(contactId)}/whatsapp/start` },
        StartResponseSchema,
      ),

    send: (conversationId: string, body: SendMessageRequest, idempotencyKey: string) =>
      callJson(
        t,
        { method: 'POST', path: `/conversations/${enc(conversationId)}/messages`, body, idempotencyKey },
        SendMessageResponseSchema,
      ),
    thread: (conversationId: string, threadId?: string) =>
      callJson(
        t,
        {
          method: 'GET',
          path: `/conversations/${enc(conversationId)}/messages`,
          ...(threadId ? { query: { thread: threadId } } : {}),
        },
        ThreadSchema,
      ),
    addParticipant: (conversationId: string, userId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/conversations/${enc(conversationId)}/participants`, body: { userId } },
        ConversationStateEnvelopeSchema,
      ),
    removeParticipant: (conversationId: string, userId: string) =>
      callJson(
        t,
        { method: 'DELETE', path: `/conversations/${enc(conversationId)}/participants/${enc(userId)}` },
        ConversationStateEnvelopeSchema,
      ),
    leave: (conversationId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/conversations/${enc(conversationId)}/leave` },
        ConversationStateEnvelopeSchema,
      ),
    transfer: (conversationId: string, userId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/conversations/${enc(conversationId)}/transfer`, body: { userId } },
        ConversationStateEnvelopeSchema,
      ),
    eligibleUsers: (conversationId: string) =>
      callJson(
        t,
        { method: 'GET', path: `/conversations/${enc(conversationId)}/eligible-users` },
        EligibleUsersSchema,
      ),
    requestJoin: (conversationId: string) =>
      callJson(
        t,
        { method: 'POST', path: `/conversations/${enc(conversationId)}/join-requests` },
        ConversationStateEnvelopeSchema,
      ),
    answerJoin: (conversationId: string, userId: string, accept: boolean) =>
      callJson(
        t,
        {
          method: 'POST',
          path: `/conversations/${enc(conversationId)}/join-requests/${enc(userId)}`,
          body: { accept },
        },
        ConversationStateEnvelopeSchema,
      ),

    threads: (limit = 50) =>
      callJson(t, { method: 'GET', path: '/threads', query: { limit: String(limit) } }, ThreadListSchema),
    unassigned: (limit = 50) =>
      callJson(
        t,
        { method: 'GET', path: '/unassigned', query: { limit: String(limit) } },
        UnassignedListSchema,
      ),
    templates: () => callJson(t, { method: 'GET', path: '/templates' }, AgentTemplateListSchema),

    uploadPicture: (file: FilePart, conversationId?: string) =>
      callJson(
        t,
        {
          method: 'POST',
          path: '/media',
          upload: { file, ...(conversationId ? { fields: { conversationId } } : {}) },
        },
        MediaSchema,
      ),
    /** A picture's bytes (base64) with its checked content type, for a blob URL. */
    picture: async (mediaId: string) => {
      const body = await callRaw(t, { method: 'GET', path: `/media/${enc(mediaId)}`, accept: 'binary' });
      if (body.kind !== 'binary') throw new ApiFailure(200, 'bad_response', 'The picture could not be read.');
      return body;
    },

    liveTicket: () => callJson(t, { method: 'POST', path: '/live/ticket' }, LiveTicketSchema),
  };
}

export type AgentApi = ReturnType<typeof agentApi>;
