// Number health from webhooks (issue 10 item 5): `phone_number_quality_update` names the number by
// its display number within the WABA; its limit tier and event are kept on the number for admins.
import { deliverLive } from '../conversations/live';
import { updateNumber } from '../storage/repos/numbers';
import { forgetRoutes } from './route-cache';
import { setTemplateHealth } from '../storage/repos/templates';
import { listUsers } from '../storage/repos/users';
import type { NumberQualityEvent, TemplateQualityEvent } from '../whatsapp';
import type { IntakeContext } from './webhook-events';

/** Events that lower what the number may send: admins hear of them at once. */
const DOWNGRADES = new Set(['DOWNGRADE', 'FLAGGED']);

/** Number health: the limit tier and the last quality event, kept on the number for admins. */
export async function routeNumberQuality(ctx: IntakeContext, e: NumberQualityEvent): Promise<void> {
  const digits = e.displayPhoneNumber.replace(/\D/g, '');
  const numbers = (await ctx.numbers.ofWaba(e.wabaId)).filter(
    (n) => n.displayPhoneNumber.replace(/\D/g, '') === digits,
  );
  for (const number of numbers) {
    await updateNumber(
      ctx.db,
      number.orgId,
      number.id,
      {
        ...(e.currentLimit ? { messagingLimitTier: e.currentLimit } : {}),
        qualityEvent: e.event,
        qualityUpdatedAt: e.timestamp ?? ctx.now,
      },
      ctx.now,
    );
  }
  await forgetRoutes(
    ctx.env,
    numbers.map((n) => n.phoneNumberId),
  );
  ctx.log('webhook_number_quality', { wabaId: e.wabaId, event: e.event, updated: numbers.length });
  if (!DOWNGRADES.has(e.event)) return;
  for (const number of numbers) {
    const admins = (await listUsers(ctx.db, number.orgId)).filter(
      (u) => u.role === 'admin' && u.removedAt === null,
    );
    const frame = {
      type: 'number_health' as const,
      event: e.event,
      messagingLimitTier: e.currentLimit ?? number.messagingLimitTier,
    };
    await deliverLive(
      ctx.env,
      admins.map((u) => ({ userId: u.id, frame })),
    );
  }
}

/** A template's quality score or category changed: kept on the template of every number of the WABA. */
export async function routeTemplateQuality(ctx: IntakeContext, e: TemplateQualityEvent): Promise<void> {
  const changes = {
    ...(e.newScore ? { qualityScore: e.newScore } : {}),
    ...(e.newCategory ? { category: e.newCategory } : {}),
  };
  let updated = 0;
  for (const number of await ctx.numbers.ofWaba(e.wabaId)) {
    if (await setTemplateHealth(ctx.db, number.id, e, changes)) updated++;
  }
  ctx.log('webhook_template_quality', { wabaId: e.wabaId, updated });
}
