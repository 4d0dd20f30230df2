// `POST /sandbox/users/{phone}/marketing` `{value: "stop" | "resume", phoneNumberId?}`: the user's
// "Offers and announcements" setting. Stopped users get MARKETING templates accepted then failed with
// 131050 (reference §5.3), and each change sends a `user_preferences` webhook (§2.9).

import { Hono } from 'hono';
import { z } from 'zod';
import { findNumber, findUser } from '../state';
import { userPreferencesEnvelope } from '../webhooks/envelope';
import type { World } from '../world';
import { controlError, parseBody } from './schemas';
import { userView } from './views';

const MarketingSchema = z.strictObject({
  value: z.enum(['stop', 'resume']),
  phoneNumberId: z.string().regex(/^\d+$/, 'phoneNumberId must be a business phone number id').optional(),
});

export function preferencesRoute(world: World): Hono {
  return new Hono().post('/sandbox/users/:phone/marketing', async (c) => {
    const user = findUser(world.state, c.req.param('phone'));
    if (!user) return controlError(c, 404, 'unknown_user', `No sandbox user ${c.req.param('phone')}.`);
    const body = await parseBody(c, MarketingSchema);
    if (body instanceof Response) return body;
    const numbers = body.phoneNumberId ? [findNumber(world.state, body.phoneNumberId)] : world.state.numbers;
    const changed = [];
    for (const number of numbers) {
      if (!number) return controlError(c, 404, 'unknown_number', `No business number ${body.phoneNumberId}.`);
      const stopped = new Set(user.marketingStopped ?? []);
      const was = stopped.has(number.phoneNumberId);
      if (body.value === 'stop') stopped.add(number.phoneNumberId);
      else stopped.delete(number.phoneNumberId);
      user.marketingStopped = [...stopped];
      if (was === (body.value === 'stop')) continue;
      changed.push(number.phoneNumberId);
      world.webhooks.enqueue(
        userPreferencesEnvelope(number, user, body.value, world.clock.now()),
        `user_preferences ${body.value}`,
      );
    }
    world.changed();
    return c.json({ user: userView(user), changed });
  });
}
