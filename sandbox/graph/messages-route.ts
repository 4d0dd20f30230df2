// `POST /{version}/{phone-number-id}/messages` (reference §1): validation with Meta's codes, mark-as-read,
// forced faults, throughput (130429) and pair (131056) limits, then acceptance with Meta's response shape.
// What happens afterwards (statuses, async failures) is engine/outbound.ts.

import { type Context, Hono } from 'hono';
import { findMedia } from '../engine/media';
import { acceptOutbound, type OutboundDraft } from '../engine/outbound';
import { ASYNC_BY_DEFAULT, graphError } from '../errors';
import { type BusinessNumber, digitsOf, type Recipient, resolveRecipient } from '../state';
import { fbtrace, type World } from '../world';
import { authorizeNumber, maskPhone, metaError, sendError } from './auth';
import { MarkReadSchema, SEND_SCHEMAS, type SendType, toMetaIssue, UNSIMULATED_TYPES } from './send-schemas';
import { checkTemplateSend } from './templates';

type Draft = { draft: OutboundDraft; to: string } | Response;

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

function markRead(c: Context, world: World, number: BusinessNumber, body: unknown): Response {
  const parsed = MarkReadSchema.safeParse(body);
  if (!parsed.success) {
    const issue = toMetaIssue(body, parsed.error);
    return metaError(c, world, issue.code, issue.details);
  }
  const chat = world.state.inbound.filter((m) => m.phoneNumberId === number.phoneNumberId);
  const target = chat.find((m) => m.wamid === parsed.data.message_id);
  if (!target) return metaError(c, world, 100, `Invalid message_id: ${parsed.data.message_id}`);
  // Marking one message read marks the earlier ones of that chat read too.
  for (const m of chat) if (m.from === target.from && m.time <= target.time) m.readByBusiness = true;
  world.changed();
  return c.json({ success: true });
}

const isSendType = (type: unknown): type is SendType =>
  typeof type === 'string' && Object.hasOwn(SEND_SCHEMAS, type);

function buildDraft(c: Context, world: World, number: BusinessNumber, body: object): Draft {
  const type = 'type' in body ? body.type : undefined;
  if (type === undefined) return metaError(c, world, 131008, 'The parameter type is required.');
  if (typeof type === 'string' && UNSIMULATED_TYPES.includes(type)) {
    return metaError(c, world, 131051, `Message type ${type} is not supported by the sandbox.`);
  }
  if (!isSendType(type)) {
    return metaError(c, world, 100, `Param type must be one of {${Object.keys(SEND_SCHEMAS).join(', ')}}`);
  }
  const parsed = SEND_SCHEMAS[type].safeParse(body);
  if (!parsed.success) {
    const issue = toMetaIssue(body, parsed.error);
    return metaError(c, world, issue.code, issue.details);
  }
  const data = parsed.data;
  const common = {
    ...(data.context ? { contextId: data.context.message_id } : {}),
    ...(data.biz_opaque_callback_data === undefined ? {} : { bizOpaque: data.biz_opaque_callback_data }),
  };
  switch (data.type) {
    case 'text':
      return { to: data.to, draft: { ...common, type: 'text', text: data.text.body } };
    case 'image': {
      const { id, link, caption } = data.image;
      const media = id === undefined ? undefined : findMedia(world, id);
      if (id !== undefined && media?.phoneNumberId !== number.phoneNumberId) {
        return metaError(c, world, 131009, `Invalid media id: ${id}`);
      }
      const image = {
        ...(id ? { mediaId: id } : {}),
        ...(link ? { link } : {}),
        ...(caption ? { caption } : {}),
      };
      return { to: data.to, draft: { ...common, type: 'image', image } };
    }
    case 'interactive': {
      const i = data.interactive;
      const interactive = {
        ...(i.header ? { header: i.header.text } : {}),
        body: i.body.text,
        ...(i.footer ? { footer: i.footer.text } : {}),
        buttons: i.action.buttons.map((b) => ({ id: b.reply.id, title: b.reply.title })),
      };
      return { to: data.to, draft: { ...common, type: 'interactive', interactive } };
    }
    case 'reaction': {
      const reaction = { messageId: data.reaction.message_id, emoji: data.reaction.emoji };
      return { to: data.to, draft: { ...common, type: 'reaction', reaction } };
    }
    case 'template': {
      const check = checkTemplateSend(
        number,
        data,
        (id) => findMedia(world, id)?.phoneNumberId === number.phoneNumberId,
      );
      if (!check.ok) return metaError(c, world, check.code, check.details);
      return { to: data.to, draft: { ...common, type: 'template', template: check.template } };
    }
  }
}

/** A forced error from `POST /sandbox/faults`, if one applies to this send. */
function forcedError(
  world: World,
  recipient: Recipient,
): { code: number; mode: 'sync' | 'async'; httpStatus?: number } | undefined {
  for (const fault of world.faults.sendErrors) {
    if (fault.to && digitsOf(fault.to) !== digitsOf(recipient.phone) && digitsOf(fault.to) !== recipient.waId)
      continue;
    if (!world.random.chance(fault.rate)) continue;
    if (fault.count !== undefined) {
      fault.count--;
      if (fault.count <= 0) world.faults.sendErrors = world.faults.sendErrors.filter((f) => f !== fault);
    }
    const mode = fault.mode ?? (ASYNC_BY_DEFAULT.has(fault.code) ? 'async' : 'sync');
    return { code: fault.code, mode, ...(fault.httpStatus ? { httpStatus: fault.httpStatus } : {}) };
  }
  return undefined;
}

/**
 * `contacts[0]` of the answer: sent to a BSUID, Meta echoes the `user_id` and no usable `wa_id`
 * (reference §1.10); sent to a phone, the `wa_id`, plus the `user_id` when the user has one.
 */
function answerContact(input: string, recipient: Recipient): Record<string, string> {
  if (recipient.bsuid) return { input, user_id: recipient.bsuid };
  const userId = recipient.user?.bsuid;
  return { input, wa_id: recipient.waId, ...(userId ? { user_id: userId } : {}) };
}

export function messagesRoute(world: World): Hono {
  return new Hono().post('/:version{v\\d+\\.\\d+}/:phoneNumberId{\\d+}/messages', async (c) => {
    const number = authorizeNumber(c, world, c.req.param('phoneNumberId'));
    if (number instanceof Response) return number;
    const body = await readJson(c);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return metaError(c, world, 100, 'The request body must be a JSON object.');
    }
    if ('status' in body) return markRead(c, world, number, body);
    const built = buildDraft(c, world, number, body);
    if (built instanceof Response) return built;
    const recipient = resolveRecipient(world.state, number, built.to);
    if (recipient.bsuid && built.draft.template?.category === 'AUTHENTICATION') {
      return metaError(c, world, 131062);
    }
    if (recipient.phone && digitsOf(recipient.phone) === digitsOf(number.displayPhoneNumber)) {
      return metaError(c, world, 131021, 'Recipient cannot be sender.');
    }
    const forced = forcedError(world, recipient);
    if (forced?.mode === 'sync') {
      const error = graphError(forced.code, fbtrace(world));
      return sendError(c, forced.httpStatus ? { ...error, status: forced.httpStatus } : error);
    }
    const now = world.clock.now();
    const f = world.faults;
    if (!world.limits.takeThroughput(number.phoneNumberId, f.throughputPerSecond, now)) {
      return metaError(c, world, 130429, 'Cloud API message throughput has been reached.', 2494055);
    }
    if (!world.limits.takePair(number.phoneNumberId, recipient.waId, f.pairBurst, f.pairRefillMs, now)) {
      return metaError(c, world, 131056, undefined, 2494071);
    }
    const message = acceptOutbound(world, number, recipient, built.draft, forced?.code);
    world.log(
      `send ${message.type} ${maskPhone(recipient.phone)} via ${number.phoneNumberId} -> ${message.state}`,
    );
    return c.json({
      messaging_product: 'whatsapp',
      contacts: [answerContact(built.to, recipient)],
      messages: [
        { id: message.wamid, ...(message.type === 'template' ? { message_status: 'accepted' } : {}) },
      ],
    });
  });
}
