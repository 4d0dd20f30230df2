// A conversation's messages and teamwork (B4–B10, B13–B16, B22, I4, I8): send with an
// Idempotency-Key, read a thread, add / remove / leave / transfer, eligible colleagues, join requests.
import { createRoute } from '@hono/zod-openapi';
import {
  ConversationParamSchema,
  ConversationStateEnvelopeSchema,
  EligibleUsersSchema,
  JoinAnswerSchema,
  ParticipantParamSchema,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  ThreadQuerySchema,
  ThreadSchema,
  UserIdBodySchema,
} from '../../shared/api/conversations';
import type { UserCommand } from '../durable-objects/conversation-contract';
import { act, colleague, requireIdempotencyKey, writeCommand } from '../services/conversation-actions';
import { conversationById, userRef } from '../services/conversations';
import { eligibleColleagues } from '../services/eligible-users';
import { ApiError } from '../services/errors';
import { AUTHED, errors, IdempotencyKeyHeadersSchema, json, jsonBody, newRouter, WHATSAPP } from './openapi';
import type { AppEnv } from '../env';
import type { Context } from 'hono';

const stateResponse = { 200: json(ConversationStateEnvelopeSchema, 'The conversation after the change') };

const sendRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/messages',
  summary: 'Send a text, picture or template; queued when consent or the window requires (B4, B7, I4)',
  request: {
    params: ConversationParamSchema,
    headers: IdempotencyKeyHeadersSchema,
    body: jsonBody(SendMessageRequestSchema),
  },
  responses: {
    201: json(SendMessageResponseSchema, 'Accepted, with its state'),
    ...errors(...AUTHED, 404, 409, 422),
  },
});

const threadRoute = createRoute({
  ...WHATSAPP,
  method: 'get',
  path: '/conversations/{id}/messages',
  summary: 'Messages and system events of the current thread, or of ?thread= (B9, B11)',
  request: { params: ConversationParamSchema, query: ThreadQuerySchema },
  responses: { 200: json(ThreadSchema, 'The thread'), ...errors(...AUTHED, 404) },
});

const addRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/participants',
  summary: 'Add a colleague (B13)',
  request: { params: ConversationParamSchema, body: jsonBody(UserIdBodySchema) },
  responses: { ...stateResponse, ...errors(...AUTHED, 404, 409) },
});

const removeRoute = createRoute({
  ...WHATSAPP,
  method: 'delete',
  path: '/conversations/{id}/participants/{userId}',
  summary: 'Remove a participant (B15)',
  request: { params: ParticipantParamSchema },
  responses: { ...stateResponse, ...errors(...AUTHED, 404, 409, 422) },
});

const leaveRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/leave',
  summary: 'Leave the conversation (B14)',
  request: { params: ConversationParamSchema },
  responses: { ...stateResponse, ...errors(...AUTHED, 404) },
});

const transferRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/transfer',
  summary: 'Hand the conversation to a colleague (B16)',
  request: { params: ConversationParamSchema, body: jsonBody(UserIdBodySchema) },
  responses: { ...stateResponse, ...errors(...AUTHED, 404, 409) },
});

const eligibleRoute = createRoute({
  ...WHATSAPP,
  method: 'get',
  path: '/conversations/{id}/eligible-users',
  summary: 'Colleagues who can be added: same sub-org, enabled, not in it (B13)',
  request: { params: ConversationParamSchema },
  responses: { 200: json(EligibleUsersSchema, 'Eligible users'), ...errors(...AUTHED, 404) },
});

const joinRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/join-requests',
  summary: 'Ask to join a conversation colleagues are in (B22)',
  request: { params: ConversationParamSchema },
  responses: { ...stateResponse, ...errors(...AUTHED, 404, 409) },
});

const answerRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/conversations/{id}/join-requests/{userId}',
  summary: 'Accept or decline a join request (B22)',
  request: { params: ParticipantParamSchema, body: jsonBody(JoinAnswerSchema) },
  responses: { ...stateResponse, ...errors(...AUTHED, 404, 409) },
});

async function handleFor(c: Context<AppEnv>, id: string) {
  return conversationById(c.env, c.var.db, c.var.auth.org.id, id);
}

async function run(
  c: Context<AppEnv>,
  id: string,
  command: (actor: ReturnType<typeof userRef>) => Promise<UserCommand> | UserCommand,
) {
  const handle = await handleFor(c, id);
  const outcome = await act(handle, await command(userRef(c.var.auth.user, c.var.auth.org)));
  return { conversation: outcome.view };
}

export const conversationRoutes = newRouter()
  .openapi(sendRoute, async (c) => {
    const handle = await handleFor(c, c.req.valid('param').id);
    const key = requireIdempotencyKey(c.req.valid('header')['idempotency-key']);
    const command = await writeCommand(c.var.db, c.var.auth, handle, c.req.valid('json'), key);
    const outcome = await act(handle, command);
    if (!outcome.message)
      throw new ApiError(409, 'message_expired', 'This Idempotency-Key belongs to a message no longer kept.');
    const duplicate = outcome.result.duplicate === true;
    return c.json({ message: outcome.message, conversation: outcome.view, duplicate }, 201);
  })
  .openapi(threadRoute, async (c) => {
    const handle = await handleFor(c, c.req.valid('param').id);
    const thread = await handle.stub.thread(handle.ref, c.var.auth.user.id, c.req.valid('query').thread);
    if (!thread) throw new ApiError(404, 'not_found', 'No thread of this conversation you may read.');
    return c.json(thread, 200);
  })
  .openapi(addRoute, async (c) => {
    const target = await colleague(c.var.db, c.var.auth, c.req.valid('json').userId);
    return c.json(
      await run(c, c.req.valid('param').id, (actor) => ({ type: 'add_participant', actor, target })),
      200,
    );
  })
  .openapi(removeRoute, async (c) => {
    const { id, userId } = c.req.valid('param');
    return c.json(
      await run(c, id, (actor) => ({ type: 'remove_participant', actor, targetId: userId })),
      200,
    );
  })
  .openapi(leaveRoute, async (c) =>
    c.json(await run(c, c.req.valid('param').id, (actor) => ({ type: 'leave', actor })), 200),
  )
  .openapi(transferRoute, async (c) => {
    const target = await colleague(c.var.db, c.var.auth, c.req.valid('json').userId);
    return c.json(
      await run(c, c.req.valid('param').id, (actor) => ({ type: 'transfer', actor, target })),
      200,
    );
  })
  .openapi(eligibleRoute, async (c) => {
    const handle = await handleFor(c, c.req.valid('param').id);
    const view = await handle.stub.view(handle.ref, userRef(c.var.auth.user, c.var.auth.org));
    return c.json(
      {
        users: await eligibleColleagues(
          c.var.db,
          c.var.auth,
          view.participants.map((p) => p.userId),
        ),
      },
      200,
    );
  })
  .openapi(joinRoute, async (c) =>
    c.json(await run(c, c.req.valid('param').id, (actor) => ({ type: 'request_join', actor })), 200),
  )
  .openapi(answerRoute, async (c) => {
    const { id, userId } = c.req.valid('param');
    const accept = c.req.valid('json').accept;
    return c.json(
      await run(c, id, (actor) => ({ type: 'answer_join', actor, requesterId: userId, accept })),
      200,
    );
  });
