// The business number's health as WhatsApp reports it: an operator of the sandbox flags, downgrades
// or upgrades a number, and the sandbox sends the `phone_number_quality_update` webhook Meta sends
// (reference: Cloud API webhooks), and answers `GET /{phone-number-id}` with the quality rating since.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { BusinessNumber } from '../state';
import { numberQualityEnvelope } from '../webhooks/envelope';
import type { World } from '../world';
import { controlError, parseBody } from './schemas';

const QUALITY_EVENTS = [
  'FLAGGED',
  'UNFLAGGED',
  'DOWNGRADE',
  'UPGRADE',
  'ONBOARDING',
  'THROUGHPUT_UPGRADE',
] as const;
const LIMIT_TIERS = [
  'TIER_50',
  'TIER_250',
  'TIER_1K',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_UNLIMITED',
] as const;

export const NumberQualitySchema = z.strictObject({
  event: z.enum(QUALITY_EVENTS),
  currentLimit: z.enum(LIMIT_TIERS).optional(),
});

/** The rating Meta shows beside each event: low quality is red once it cost a tier, yellow before. */
const RATING: Record<(typeof QUALITY_EVENTS)[number], BusinessNumber['qualityRating']> = {
  FLAGGED: 'YELLOW',
  DOWNGRADE: 'RED',
  UNFLAGGED: 'GREEN',
  UPGRADE: 'GREEN',
  ONBOARDING: 'UNKNOWN',
  THROUGHPUT_UPGRADE: undefined,
};

async function reportQuality(c: Context, world: World): Promise<Response> {
  const body = await parseBody(c, NumberQualitySchema);
  if (body instanceof Response) return body;
  const id = c.req.param('phoneNumberId');
  const number = world.state.numbers.find((n) => n.phoneNumberId === id);
  if (!number) return controlError(c, 404, 'unknown_number', `No business number ${id}.`);
  number.qualityRating = RATING[body.event] ?? number.qualityRating;
  if (body.currentLimit) number.messagingLimitTier = body.currentLimit;
  world.webhooks.enqueue(
    numberQualityEnvelope(number, body.event, body.currentLimit ?? null, world.clock.now()),
    `number ${number.displayPhoneNumber} ${body.event}`,
  );
  world.changed();
  return c.json({
    phoneNumberId: number.phoneNumberId,
    qualityRating: number.qualityRating ?? 'GREEN',
    messagingLimitTier: number.messagingLimitTier ?? null,
  });
}

export function numberRoute(world: World): Hono {
  return new Hono().post('/sandbox/numbers/:phoneNumberId/quality', (c) => reportQuality(c, world));
}
