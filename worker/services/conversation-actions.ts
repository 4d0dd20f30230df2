// Conversation use cases behind the API (B1–B10, B13–B17, B22): turn a request into a command for
// the conversation's Durable Object and its refusals into the API's errors.
import type { SendMessageRequest } from '../../shared/api/conversations';
import type { ActResult, UserCommand } from '../durable-objects/conversation-contract';
import type { Db } from '../storage/db';
import { getContact } from '../storage/repos/contacts';
import { claimOutboundMedia } from './media';
import type { SessionContext } from '../storage/repos/sessions';
import { getUser } from '../storage/repos/users';
import { type ConversationHandle, userRef } from './conversations';
import { ApiError, notFound } from './errors';
import { fillTemplate } from './template-fill';

const REFUSALS: Record<string, [409 | 403 | 422 | 404, string]> = {
  opt_in_too_soon: [
    409,
    'An opt-in was sent less than 24 hours ago; a new one becomes available at optInAvailableAt.',
  ],
  already_opted_in: [409, 'This customer has already opted in: message them directly.'],
  opted_out: [409, 'This customer opted out. They can opt in again by replying "yes".'],
  not_on_whatsapp: [409, 'This number is not on WhatsApp. Send an SMS instead.'],
  consent_required: [409, 'This customer has not opted in: send the opt-in first.'],
  opt_in_in_progress: [409, 'An opt-in for this customer is already on its way.'],
  occupied: [409, 'Colleagues are in this conversation; ask to join instead.'],
  not_participant: [403, 'You are not in this conversation.'],
  not_eligible: [403, 'Only enabled users of the same sub-org can be added or join.'],
  already_participant: [409, 'That user is already in the conversation.'],
  cannot_remove_self: [422, 'To leave the conversation use POST .../leave.'],
  no_such_request: [404, 'There is no such join request.'],
  no_active_thread: [409, 'Nobody is in this conversation: open it to start or claim it.'],
  idempotency_conflict: [422, 'This Idempotency-Key was used with a different message in the last 24 hours.'],
};

/** Runs a command; a refusal becomes an ApiError with the refusal's code. */
export async function act(handle: ConversationHandle, command: UserCommand): Promise<ActResult> {
  // The core's results carry open-ended fields the RPC typings cannot prove serialisable; they are
  // plain data (structured-cloned), so the declared type is restored here.
  const outcome = (await handle.stub.act(handle.ref, command)) as unknown as ActResult;
  const result = outcome.result;
  if (!result.ok) {
    const [status, message] = REFUSALS[result.reason] ?? [409, `Refused: ${result.reason}.`];
    const { ok: _ok, reason: _reason, ...details } = result;
    const code = result.reason === 'idempotency_conflict' ? 'idempotency_key_reused' : result.reason;
    throw new ApiError(status, code, message, Object.keys(details).length > 0 ? details : undefined);
  }
  return outcome;
}

async function fillSources(db: Db, auth: SessionContext, contactId: string) {
  const contact = await getContact(db, auth.org.id, contactId);
  if (!contact) throw notFound('Contact');
  return { contactName: contact.contact.name, userName: auth.user.name, orgName: auth.org.name };
}

/** B1: the org's opt-in template, filled from its mapped sources. */
export async function optInCommand(
  db: Db,
  auth: SessionContext,
  handle: ConversationHandle,
): Promise<UserCommand> {
  const ref = auth.org.settings.optInTemplate;
  if (!ref)
    throw new ApiError(409, 'no_opt_in_template', 'Your admin has not chosen an opt-in template yet.');
  const template = await fillTemplate(
    db,
    auth.org.id,
    ref,
    await fillSources(db, auth, handle.ref.contactId),
    {},
  );
  return { type: 'request_opt_in', actor: userRef(auth.user, auth.org), template };
}

/** B4, B7, B10: a text, a picture or a filled template, under the caller's Idempotency-Key (I4). */
export async function writeCommand(
  db: Db,
  auth: SessionContext,
  handle: ConversationHandle,
  body: SendMessageRequest,
  idempotencyKey: string,
): Promise<UserCommand> {
  const actor = userRef(auth.user, auth.org);
  const fingerprint = JSON.stringify(body);
  switch (body.type) {
    case 'text':
      return {
        type: 'write',
        actor,
        idempotencyKey,
        fingerprint,
        content: { type: 'text', text: body.text },
      };
    case 'image': {
      // Only the caller's own upload, for this conversation (B10, I8); linking it now lets the other
      // participants see it while it waits in the queue.
      await claimOutboundMedia(
        db,
        { orgId: auth.org.id, userId: auth.user.id },
        body.mediaId,
        handle.ref.conversationId,
      );
      return {
        type: 'write',
        actor,
        idempotencyKey,
        fingerprint,
        content: { type: 'image', mediaId: body.mediaId, caption: body.caption ?? null },
      };
    }
    case 'template': {
      const optIn = auth.org.settings.optInTemplate;
      if (optIn && optIn.name === body.name && optIn.language === body.language) {
        // B1: the opt-in goes out only as the opt-in request (its state, its once-a-day limit).
        throw new ApiError(
          422,
          'opt_in_template',
          'This is the opt-in template: ask for consent with the opt-in request instead.',
        );
      }
      const sources = await fillSources(db, auth, handle.ref.contactId);
      // A picture header: the caller's own upload, linked to this conversation like a picture (B10, I8).
      if (body.headerMediaId) {
        await claimOutboundMedia(
          db,
          { orgId: auth.org.id, userId: auth.user.id },
          body.headerMediaId,
          handle.ref.conversationId,
        );
      }
      const content = await fillTemplate(db, auth.org.id, body, sources, body.params, body.headerMediaId);
      return { type: 'write', actor, idempotencyKey, fingerprint, content };
    }
  }
}

/** A colleague named in a request: same org, or not found. */
export async function colleague(db: Db, auth: SessionContext, userId: string) {
  const user = await getUser(db, auth.org.id, userId);
  if (!user || user.removedAt !== null) throw notFound('User');
  return userRef(user, auth.org);
}

export function requireIdempotencyKey(header: string | undefined): string {
  const key = header?.trim();
  if (!key)
    throw new ApiError(
      400,
      'idempotency_key_required',
      'Send an Idempotency-Key header (e.g. a UUID) with every message.',
    );
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1–200 visible ASCII characters.',
    );
  }
  return key;
}
