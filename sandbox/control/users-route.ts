// Control endpoints that play the customer (SPEC §5): create users, send as a user (text, quick-reply
// tap, picture), read what a user received, mark read, block and unblock.

import { type Context, Hono } from 'hono';
import { defaultNumberFor, receiveFromUser, type UserInput } from '../engine/inbound';
import { markReadByUser, setBlocked } from '../engine/outbound';
import { maskPhone } from '../graph/auth';
import { type BusinessNumber, findNumber, findUser, type SimUser, waIdForPhone } from '../state';
import type { World } from '../world';
import {
  BlockSchema,
  CreateUserSchema,
  controlError,
  PrivacySchema,
  parseBody,
  ReadSchema,
  USER_MESSAGE_HINT,
  type UserMessage,
  UserMessageSchema,
} from './schemas';
import { inboxView, userView } from './views';

function userOr404(c: Context, world: World): SimUser | Response {
  const phone = c.req.param('phone') ?? '';
  return findUser(world.state, phone) ?? controlError(c, 404, 'unknown_user', `No sandbox user ${phone}.`);
}

type Resolved = { number: BusinessNumber; input: UserInput } | Response;

/** A tap needs a message this user really has on screen, with a button of that label. */
function tapped(
  c: Context,
  world: World,
  user: SimUser,
  contextId: string,
  label: string,
): BusinessNumber | Response {
  const context = world.state.outbound.find((m) => m.wamid === contextId && m.to === user.phone);
  if (!context)
    return controlError(c, 404, 'unknown_context', `No message ${contextId} was sent to ${user.phone}.`);
  if (context.state !== 'delivered' && context.state !== 'read') {
    return controlError(
      c,
      409,
      'not_delivered',
      'That message never reached the phone, so it cannot be tapped.',
    );
  }
  const labels = [
    ...(context.template?.buttons ?? []).map((b) => b.text),
    ...(context.interactive?.buttons ?? []).map((b) => b.title),
  ];
  if (!labels.includes(label)) {
    return controlError(
      c,
      400,
      'invalid_input',
      `The button must be one of: ${labels.join(', ') || '(no buttons)'}.`,
    );
  }
  const number = findNumber(world.state, context.phoneNumberId);
  return number ?? controlError(c, 404, 'unknown_number', 'The business number is gone.');
}

function resolveMessage(c: Context, world: World, user: SimUser, body: UserMessage): Resolved {
  if ('button' in body) {
    const number = tapped(c, world, user, body.contextId, body.button.text);
    if (number instanceof Response) return number;
    return { number, input: { type: 'button', ...body.button, contextId: body.contextId } };
  }
  if ('interactive' in body) {
    const number = tapped(c, world, user, body.contextId, body.interactive.title);
    if (number instanceof Response) return number;
    return { number, input: { type: 'interactive', ...body.interactive, contextId: body.contextId } };
  }
  const number = body.to ? findNumber(world.state, body.to) : defaultNumberFor(world, user);
  if (!number) return controlError(c, 404, 'unknown_number', `No business number ${body.to ?? ''}.`);
  if ('text' in body) return { number, input: { type: 'text', text: body.text } };
  const bytes = new Uint8Array(Buffer.from(body.image.base64, 'base64'));
  if (bytes.byteLength > 5 * 1024 * 1024)
    return controlError(c, 400, 'invalid_input', 'image is larger than 5 MB.');
  const caption = body.image.caption;
  return {
    number,
    input: { type: 'image', bytes, mimeType: body.image.mimeType, ...(caption ? { caption } : {}) },
  };
}

export function usersRoute(world: World): Hono {
  return (
    new Hono()
      .get('/sandbox/users', (c) => c.json({ users: world.state.users.map(userView) }))
      .post('/sandbox/users', async (c) => {
        const body = await parseBody(c, CreateUserSchema);
        if (body instanceof Response) return body;
        const existing = findUser(world.state, body.phone);
        const user: SimUser = existing ?? {
          phone: body.phone,
          waId: waIdForPhone(body.phone),
          name: body.name,
          onWhatsApp: body.onWhatsApp,
          blocked: [],
        };
        user.name = body.name;
        user.onWhatsApp = body.onWhatsApp;
        if (!existing) world.state.users.push(user);
        world.changed();
        return c.json({ user: userView(user) }, existing ? 200 : 201);
      })
      // 2026 usernames: a user hiding their number shows it again (or hides it): webhooks follow.
      .post('/sandbox/users/:phone/privacy', async (c) => {
        const user = userOr404(c, world);
        if (user instanceof Response) return user;
        const body = await parseBody(c, PrivacySchema);
        if (body instanceof Response) return body;
        if (body.phoneHidden && !user.bsuid) {
          return controlError(c, 409, 'no_username', 'Only a user with a username can hide their number.');
        }
        user.phoneHidden = body.phoneHidden;
        world.changed();
        return c.json({ user: userView(user) });
      })
      .get('/sandbox/users/:phone/messages', (c) => {
        const user = userOr404(c, world);
        if (user instanceof Response) return user;
        return c.json(inboxView(world.state, user));
      })
      .post('/sandbox/users/:phone/messages', async (c) => {
        const user = userOr404(c, world);
        if (user instanceof Response) return user;
        const body = await parseBody(c, UserMessageSchema, USER_MESSAGE_HINT);
        if (body instanceof Response) return body;
        if (!user.onWhatsApp)
          return controlError(c, 409, 'not_on_whatsapp', `${user.phone} is not on WhatsApp.`);
        const resolved = resolveMessage(c, world, user, body);
        if (resolved instanceof Response) return resolved;
        if (user.blocked.includes(resolved.number.phoneNumberId)) {
          return controlError(
            c,
            409,
            'blocked',
            'This user has blocked that business number; unblock first.',
          );
        }
        const message = receiveFromUser(world, user, resolved.number, resolved.input);
        world.log(`user ${maskPhone(user.phone)} sent ${message.type} to ${resolved.number.phoneNumberId}`);
        return c.json({ wamid: message.wamid });
      })
      .post('/sandbox/users/:phone/read', async (c) => {
        const user = userOr404(c, world);
        if (user instanceof Response) return user;
        const body = await parseBody(c, ReadSchema);
        if (body instanceof Response) return body;
        return c.json({ read: markReadByUser(world, user, body) });
      })
      .post('/sandbox/users/:phone/:action{block|unblock}', async (c) => {
        const user = userOr404(c, world);
        if (user instanceof Response) return user;
        const body = await parseBody(c, BlockSchema);
        if (body instanceof Response) return body;
        if (body.phoneNumberId && !findNumber(world.state, body.phoneNumberId)) {
          return controlError(c, 404, 'unknown_number', `No business number ${body.phoneNumberId}.`);
        }
        const ids = body.phoneNumberId
          ? [body.phoneNumberId]
          : world.state.numbers.map((n) => n.phoneNumberId);
        setBlocked(world, user, ids, c.req.param('action') === 'block');
        return c.json({ user: userView(user) });
      })
  );
}
