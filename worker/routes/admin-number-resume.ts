// POST /api/v1/admin/number/resume (SPEC §6): after an account-level error paused the number, an admin
// who fixed the cause resumes sending; every conversation of the number then drains its queue. The
// request only marks the number resumed and sets each conversation's own alarm to now (P3): the
// conversations drain in parallel, each through its alarm, not one after another inside this request
// (workerd runs few of a request's subrequests at once). Idempotent: resuming again wakes them again,
// which sends nothing twice.
import { createRoute, z } from '@hono/zod-openapi';
import { NumberSettingsSchema } from '../../shared/api/admin';
import { factsOf, type OfferedFacts } from '../conversations/context';
import type { Env } from '../env';
import { notFound } from '../services/errors';
import { toNumberDto } from '../services/number-settings';
import { forgetRoutes } from '../services/route-cache';
import { listOrgConversationIds } from '../storage/repos/conversations';
import { getOrgNumber, getOrgWithNumber, updateNumber } from '../storage/repos/numbers';
import { ADMIN, AUTHED, errors, json, newRouter } from './openapi';

const NumberResumedSchema = NumberSettingsSchema.extend({
  /** Conversations whose alarm was set to drain their queue now (each drains on its own). */
  conversationsWoken: z.number().int().min(0),
}).meta({ id: 'NumberResumed' });

const resumeRoute = createRoute({
  ...ADMIN,
  method: 'post',
  path: '/admin/number/resume',
  summary: 'Resume sending after the number was paused by an account-level error; queued messages go out',
  responses: {
    200: json(NumberResumedSchema, 'The number, sending again; its conversations drain on their own'),
    ...errors(...AUTHED, 404),
  },
});

/** Setting an alarm is one short call per conversation; this many are in flight at once. */
const WAKE_BATCH = 25;

/**
 * Sets each conversation's alarm to now, in batches, without waiting for any drain. Each is handed
 * the instant of the resume (their credentials must be read after it: one object reads them and the
 * others wait for that read) and the org and number as read after it (no object reads them again).
 */
async function wakeAll(
  env: Env,
  ids: readonly string[],
  resumedAt: number,
  facts: OfferedFacts | undefined,
): Promise<{ woken: number; failed: number }> {
  let woken = 0;
  let failed = 0;
  for (let i = 0; i < ids.length; i += WAKE_BATCH) {
    const batch = ids.slice(i, i + WAKE_BATCH);
    const results = await Promise.allSettled(
      batch.map((id) => env.CONVERSATION.get(env.CONVERSATION.idFromName(id)).wakeSoon(resumedAt, facts)),
    );
    for (const r of results) {
      if (r.status === 'rejected') failed += 1;
      else if (r.value) woken += 1;
    }
  }
  return { woken, failed };
}

export const adminNumberResumeRoutes = newRouter().openapi(resumeRoute, async (c) => {
  const { db, auth, now } = c.var;
  const number = await getOrgNumber(db, auth.org.id);
  if (!number) throw notFound('Business number');
  const row = await updateNumber(db, auth.org.id, number.id, { paused: false, pausedReason: null }, now);
  if (!row) throw notFound('Business number');
  await forgetRoutes(c.env, [row.phoneNumberId]);
  const resumedAt = Date.now();
  const found = await getOrgWithNumber(db, auth.org.id);
  const facts = found && { orgId: auth.org.id, facts: factsOf(found.org, found.number), readAt: resumedAt };
  const ids = await listOrgConversationIds(db, auth.org.id, number.id);
  const { woken, failed } = await wakeAll(c.env, ids, resumedAt, facts);
  if (failed > 0)
    console.error(
      JSON.stringify({
        msg: 'resume: some conversations failed to wake',
        requestId: c.var.requestId,
        failed,
      }),
    );
  return c.json({ ...toNumberDto(row), conversationsWoken: woken }, 200);
});
