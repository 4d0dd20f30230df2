// Messages the simulated customer sends (control API and phone page): recorded, the 24 h window of
// (number, user) opened or refreshed by the sandbox clock, and a signed `messages` webhook queued.

import { newWamid } from '../random';
import { type BusinessNumber, type InboundMessage, type SimUser, windowKey } from '../state';
import { inboundValue, messagesEnvelope } from '../webhooks/envelope';
import type { World } from '../world';
import { INBOUND_TTL_MS, issueMediaUrl, storeMedia } from './media';

export type UserInput =
  | { type: 'text'; text: string }
  | { type: 'button'; payload: string; text: string; contextId: string }
  | { type: 'interactive'; id: string; title: string; contextId: string }
  | { type: 'image'; bytes: Uint8Array; mimeType: string; caption?: string };

export function receiveFromUser(
  world: World,
  user: SimUser,
  number: BusinessNumber,
  input: UserInput,
): InboundMessage {
  const now = world.clock.now();
  const message: InboundMessage = {
    wamid: newWamid(world.random, user.waId),
    phoneNumberId: number.phoneNumberId,
    from: user.phone,
    type: input.type,
    time: now,
  };
  let mediaUrl: string | undefined;
  if (input.type === 'text') message.text = input.text;
  if (input.type === 'button') {
    message.button = { payload: input.payload, text: input.text };
    message.contextId = input.contextId;
  }
  if (input.type === 'interactive') {
    message.interactive = { id: input.id, title: input.title };
    message.contextId = input.contextId;
  }
  if (input.type === 'image') {
    const media = storeMedia(world, {
      phoneNumberId: number.phoneNumberId,
      mimeType: input.mimeType,
      bytes: input.bytes,
      ttlMs: INBOUND_TTL_MS,
    });
    message.image = {
      mediaId: media.id,
      mimeType: media.mimeType,
      sha256: media.sha256,
      ...(input.caption === undefined ? {} : { caption: input.caption }),
    };
    mediaUrl = issueMediaUrl(world, media);
  }
  // Throughput counts the number's inbound messages too (reference §7); they are never refused.
  world.limits.takeThroughput(number.phoneNumberId, world.faults.throughputPerSecond, now);
  world.state.inbound.push(message);
  world.state.windows[windowKey(number.phoneNumberId, user.phone)] = now;
  world.webhooks.enqueue(
    messagesEnvelope(number, inboundValue(number, user, message, mediaUrl)),
    `inbound ${message.type}`,
  );
  world.changed();
  return message;
}

/** The business number a user's next message goes to: the last one that wrote to them, else the first. */
export function defaultNumberFor(world: World, user: SimUser): BusinessNumber | undefined {
  const last = [...world.state.outbound].reverse().find((m) => m.to === user.phone);
  const id = last?.phoneNumberId;
  return world.state.numbers.find((n) => n.phoneNumberId === id) ?? world.state.numbers[0];
}
