// Number health (issue 10 item 5): `phone_number_quality_update` is stored on the number and shown
// to admins in GET /api/v1/admin/number (messaging limit tier, last quality event); account and
// template quality updates are accepted and logged, never dead-lettered.
import { SELF } from 'cloudflare:test';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LiveFrame, LiveFrameSchema } from '../../shared/api/live';
import { deadLetters } from '../../worker/storage/schema';
import { call, db, setupDemo, tokenFor } from './helpers';
import { envelope, postWebhook } from './webhooks-support';

beforeAll(setupDemo);

/** An admin's live socket, collecting frames (as tests/worker/live.test.ts does). */
async function adminSocket(token: string) {
  const ticket = await call<{ ticket: string }>('POST', '/api/v1/live/ticket', { token });
  const res = await SELF.fetch(
    `http://greenline.test/api/v1/live?ticket=${encodeURIComponent(ticket.body.ticket)}`,
    {
      headers: { upgrade: 'websocket' },
    },
  );
  const ws = res.webSocket;
  if (!ws) throw new Error('no socket');
  ws.accept();
  const frames: LiveFrame[] = [];
  ws.addEventListener('message', (e) => frames.push(LiveFrameSchema.parse(JSON.parse(String(e.data)))));
  return { ws, frames };
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for frames');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deadLetterCount = async () => (await db().select({ n: count() }).from(deadLetters))[0]?.n ?? 0;

describe('number health', () => {
  it('a downgrade raises a live frame for the admins, none for agents', async () => {
    const admin = await adminSocket(await tokenFor('admin@acme.test'));
    const agent = await adminSocket(await tokenFor('alice@acme.test'));
    const hook = envelope({
      changes: [
        {
          field: 'phone_number_quality_update',
          value: { display_phone_number: '15550100001', event: 'FLAGGED', current_limit: 'TIER_1K' },
        },
      ],
    });
    expect((await postWebhook(hook)).status).toBe(200);
    await until(() => admin.frames.some((f) => f.type === 'number_health'));
    expect(admin.frames.find((f) => f.type === 'number_health')).toEqual({
      type: 'number_health',
      event: 'FLAGGED',
      messagingLimitTier: 'TIER_1K',
    });
    expect(agent.frames.some((f) => f.type === 'number_health')).toBe(false);
    admin.ws.close();
    agent.ws.close();
  });

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

  it('template quality and category updates are stored and shown to admins', async () => {
    const template = (name: string) => ({
      message_template_id: 806312974732579,
      message_template_name: name,
      message_template_language: 'en_US',
    });
    const hook = envelope({
      changes: [
        {
          field: 'message_template_quality_update',
          value: {
            previous_quality_score: 'YELLOW',
            new_quality_score: 'RED',
            ...template('meeting_follow_up'),
          },
        },
        {
          field: 'template_category_update',
          value: { new_category: 'MARKETING', ...template('appointment_reminder') },
        },
      ],
    });
    expect((await postWebhook(hook)).status).toBe(200);
    const admin = await tokenFor('admin@acme.test');
    const list = await call<{
      templates: Array<{ name: string; category: string; qualityScore?: string | null }>;
    }>('GET', '/api/v1/admin/templates', { token: admin });
    const byName = new Map(list.body.templates.map((t) => [t.name, t]));
    expect(byName.get('meeting_follow_up')?.qualityScore).toBe('RED');
    expect(byName.get('appointment_reminder')?.category).toBe('MARKETING');
    expect(byName.get('seasonal_offer')?.qualityScore).toBeNull();
  });
});
