// Bearer-token checks of the Graph endpoints and the helpers that answer in Meta's error envelope.
// A token is valid for its own business number (and that number's WABA and media) only.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type GraphError, graphError } from '../errors';
import type { BusinessNumber } from '../state';
import { fbtrace, type World } from '../world';

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

export function numberForToken(world: World, token: string | undefined): BusinessNumber | undefined {
  return token ? world.state.numbers.find((n) => n.accessToken === token) : undefined;
}

export function sendError(c: Context, error: GraphError): Response {
  return c.json(error.body, error.status as ContentfulStatusCode);
}

export function metaError(
  c: Context,
  world: World,
  code: number,
  details?: string,
  subcode?: number,
): Response {
  return sendError(c, graphError(code, fbtrace(world), details, subcode));
}

export function invalidToken(c: Context, world: World): Response {
  return metaError(c, world, 190, 'Invalid OAuth access token - Cannot parse access token');
}

/** Graph's answer for an id that does not exist or is not visible to this token. */
export function unknownObject(
  c: Context,
  world: World,
  id: string,
  verb: 'get' | 'post' | 'delete',
): Response {
  return metaError(
    c,
    world,
    100,
    `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
  );
}

/**
 * Resolves the business number of `/{phone-number-id}/...` for this request's token: 401/190 when the
 * token is missing or not this number's, 400/100 when the id names no number at all.
 */
export function authorizeNumber(c: Context, world: World, phoneNumberId: string): BusinessNumber | Response {
  const owner = numberForToken(world, bearerToken(c));
  if (owner?.phoneNumberId === phoneNumberId) return owner;
  if (owner && !world.state.numbers.some((n) => n.phoneNumberId === phoneNumberId)) {
    return unknownObject(c, world, phoneNumberId, c.req.method === 'GET' ? 'get' : 'post');
  }
  return invalidToken(c, world);
}

export const maskPhone = (phone: string): string =>
  `${phone.slice(0, -4).replace(/\d/g, '*')}${phone.slice(-4)}`;
