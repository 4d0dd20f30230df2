// POST /__dev/clock {advanceMs} (I9): moves the development clock forward and wakes every
// conversation whose timer is now due, so window expiry, retries, opt-in availability and queue
// expiry fire with no further request. Exists only when ENVIRONMENT=development: 404 otherwise.
import { Hono } from 'hono';
import { z } from 'zod';
import { advanceClock, isDevelopment } from '../clock';
import type { AppEnv } from '../env';
import { ApiError } from '../services/errors';
import { openDb } from '../storage/db';
import { dueTimers } from '../storage/repos/conversations';

const AdvanceSchema = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3_600_000),
});

export const devClockRoutes = new Hono<AppEnv>().post('/__dev/clock', async (c) => {
  if (!isDevelopment(c.env)) throw new ApiError(404, 'not_found', 'No such route.');
  const parsed = AdvanceSchema.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success)
    throw new ApiError(400, 'invalid_request', 'Send {"advanceMs": <non-negative integer of milliseconds>}.');
  const now = await advanceClock(c.env, parsed.data.advanceMs);
  if (now === null) throw new ApiError(404, 'not_found', 'No such route.');
  const due = await dueTimers(openDb(c.env), now);
  // Each conversation fires its own due timers; one failing does not stop the others.
  const results = await Promise.allSettled(
    due.map((id) => c.env.CONVERSATION.get(c.env.CONVERSATION.idFromName(id)).wake()),
  );
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed > 0)
    console.error(JSON.stringify({ msg: 'dev clock: some conversations failed to wake', failed }));
  return c.json({ now, woke: due.length - failed, failed });
});
