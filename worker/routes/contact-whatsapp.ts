// WhatsApp for a contact (B1, B8, B17, B22): the panel state, the opt-in, and opening the
// conversation (start, claim, or learn who is in it).
import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '../../shared/api/common';
import {
  ConversationStateSchema,
  OptInResponseSchema,
  StartResponseSchema,
} from '../../shared/api/conversations';
import { act, optInCommand } from '../services/conversation-actions';
import { conversationForContact, userRef } from '../services/conversations';
import { ApiError } from '../services/errors';
import { AUTHED, errors, json, newRouter, WHATSAPP } from './openapi';

const stateRoute = createRoute({
  ...WHATSAPP,
  method: 'get',
  path: '/contacts/{id}/whatsapp',
  summary: 'The contact’s WhatsApp state: consent, window, participants, queue, server time (B8)',
  request: { params: IdParamSchema },
  responses: { 200: json(ConversationStateSchema, 'The panel state'), ...errors(...AUTHED, 404, 409) },
});

const optInRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/contacts/{id}/whatsapp/opt-in',
  summary: 'Send the org’s opt-in template (B1); answers once WhatsApp accepted or refused it',
  request: { params: IdParamSchema },
  responses: {
    201: json(OptInResponseSchema, 'Sent (or refused, with the reason)'),
    ...errors(...AUTHED, 404, 409, 422),
  },
});

const startRoute = createRoute({
  ...WHATSAPP,
  method: 'post',
  path: '/contacts/{id}/whatsapp/start',
  summary: 'Open the conversation: start a thread, claim an unassigned one, or see who is in it (B17, B22)',
  request: { params: IdParamSchema },
  responses: { 200: json(StartResponseSchema, 'The outcome'), ...errors(...AUTHED, 404, 409) },
});

export const contactWhatsAppRoutes = newRouter()
  .openapi(stateRoute, async (c) => {
    const { auth, db, now } = c.var;
    const handle = await conversationForContact(c.env, db, auth.org.id, c.req.valid('param').id, now);
    return c.json(await handle.stub.view(handle.ref, userRef(auth.user, auth.org)), 200);
  })
  .openapi(optInRoute, async (c) => {
    const { auth, db, now } = c.var;
    const handle = await conversationForContact(c.env, db, auth.org.id, c.req.valid('param').id, now);
    const outcome = await act(handle, await optInCommand(db, auth, handle));
    if (!outcome.message) throw new ApiError(409, 'opt_in_not_sent', 'The opt-in could not be queued.');
    return c.json({ message: outcome.message, conversation: outcome.view }, 201);
  })
  .openapi(startRoute, async (c) => {
    const { auth, db, now } = c.var;
    const handle = await conversationForContact(c.env, db, auth.org.id, c.req.valid('param').id, now);
    const outcome = await act(handle, { type: 'start', actor: userRef(auth.user, auth.org) });
    const started = outcome.result.outcome as
      | { type: 'started' | 'claimed' | 'already_participant' }
      | { type: 'occupied'; participants: { userId: string; name: string }[]; canRequestJoin: boolean };
    return c.json(
      {
        outcome: started.type,
        participants: outcome.view.participants,
        canRequestJoin: started.type === 'occupied' ? started.canRequestJoin : false,
        conversation: outcome.view,
      },
      200,
    );
  });
