// Number health (issue 10 item 5): `phone_number_quality_update` is stored on the number and shown
// to admins in GET /api/v1/admin/number (messaging limit tier, last quality event); account and
// template quality updates are accepted and logged, never dead-lettered.
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetters } from '../../worker/storage/schema';
import { call, db, setupDemo, tokenFor } from './helpers';
import { envelope, postWebhook } from './webhooks-support';

beforeAll(setupDemo);

const deadLetterCount = async () => (await db().select({ n: count() }).from(deadLetters))[0]?.n ?? 0;

describe('number health', () => {
  it('a quality update reaches the admin: limit tier and event', async () => {
    const hook = envelope({
      changes: [
        {
          field: 'phone_number_quality_update',
          value: { display_phone_number: '15550100001', event: 'DOWNGRADE', current_limit: 'TIER_250' },
        },
      ],
    });
    expect((await postWebhook(hook)).status).toBe(200);
    const admin = await tokenFor('admin@acme.test');
    const number = await call<{ messagingLimitTier: string | null; qualityEvent: string | null }>(
      'GET',
      '/api/v1/admin/number',
      { token: admin },
    );
    expect(number.body).toMatchObject({ messagingLimitTier: 'TIER_250', qualityEvent: 'DOWNGRADE' });
  });

  it('account and template quality updates are accepted without a dead letter', async () => {
    const before = await deadLetterCount();
    const hook = envelope({
      changes: [
        {
          field: 'account_update',
          value: { event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'SCAM' } },
        },
        {
          field: 'message_template_quality_update',
          value: {
            previous_quality_score: 'GREEN',
            new_quality_score: 'YELLOW',
            message_template_id: 806312974732579,
            message_template_name: 'meeting_follow_up',
            message_template_language: 'en_US',
          },
        },
      ],
    });
    expect((await postWebhook(hook)).status).toBe(200);
    expect(await deadLetterCount()).toBe(before);
  });
});
