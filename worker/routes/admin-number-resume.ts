// POST /api/v1/admin/number/resume (SPEC §6): after an account-level error paused the number, an admin
// who fixed the cause resumes sending; every conversation of the number then drains its queue.
import { createRoute } from '@hono/zod-openapi';
import { NumberSettingsSchema } from '../../shared/api/admin';
import { toNumberDto } from '../services/number-settings';
import { notFound } from '../services/errors';
import { listOrgConversationIds } from '../storage/repos/conversations';
import { getOrgNumber, updateNumber } from '../storage/repos/numbers';
import { ADMIN, AUTHED, errors, json, newRouter } from './openapi';

const resumeRoute = createRoute({
  ...ADMIN,
  method: 'post',
  path: '/admin/number/resume',
  summary: 'Resume sending after the number was paused by an account-level error; queued messages go out',
  responses: { 200: json(NumberSettingsSchema, 'The number, sending again'), ...errors(...AUTHED, 404) },
});

export const adminNumberResumeRoutes = newRouter().openapi(resumeRoute, async (c) => {
  const { db, auth, now } = c.var;
  const number = await getOrgNumber(db, auth.org.id);
  if (!number) throw notFound('Business number');
  const row = await updateNumber(db, auth.org.id, number.id, { paused: false, pausedReason: null }, now);
  if (!row) throw notFound('Business number');
  const ids = await listOrgConversationIds(db, auth.org.id, number.id);
  const woken = await Promise.allSettled(
    ids.map((id) => c.env.CONVERSATION.get(c.env.CONVERSATION.idFromName(id)).wake()),
  );
  const failed = woken.filter((r) => r.status === 'rejected').length;
  if (failed > 0)
    console.error(
      JSON.stringify({
        msg: 'resume: some conversations failed to wake',
        requestId: c.var.requestId,
        failed,
      }),
    );
  return c.json(toNumberDto(row), 200);
});
