// Marketing rules (reference §5.3, §2.9): MARKETING templates to US numbers fail with 131049, and a user
// who stopped marketing messages gets them accepted then failed with 131050, with `user_preferences`
// webhooks when the setting changes. Utility templates are not affected.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANA, type Harness, startHarness, template } from './support/harness';

const PreferencesSchema = z.array(
  z.object({
    wa_id: z.string(),
    detail: z.string(),
    category: z.literal('marketing_messages'),
    value: z.enum(['stop', 'resume']),
    timestamp: z.number().int(),
  }),
);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const offer = () => template(ANA, 'seasonal_offer', ['Ana', '20%']);
const preferenceHooks = () =>
  h.receiver.received.flatMap((w) =>
    w.envelope.entry.flatMap((e) =>
      e.changes
        .filter((ch) => ch.field === 'user_preferences')
        .map((ch) => ({ wabaId: e.id, prefs: PreferencesSchema.parse(ch.value.user_preferences) })),
    ),
  );

describe('131050: the user stopped marketing messages', () => {
  it('stop sends user_preferences; marketing then fails with 131050 while utility still goes; resume lifts it', async () => {
    await h.waitStatus(await h.sendOk(offer()), 'delivered');

    const stop = await h.control('POST', `/sandbox/users/${encodeURIComponent(ANA)}/marketing`, {
      value: 'stop',
      phoneNumberId: '100000000000001',
    });
    expect(stop).toMatchObject({
      status: 200,
      json: { changed: ['100000000000001'], user: { marketingStopped: ['100000000000001'] } },
    });
    await h.receiver.waitFor((w) =>
      w.envelope.entry.some((e) => e.changes.some((c) => c.field === 'user_preferences')),
    );
    expect(preferenceHooks()).toEqual([
      {
        wabaId: '200000000000001',
        prefs: [
          {
            wa_id: '551112345678',
            detail: 'User requested to stop marketing messages',
            category: 'marketing_messages',
            value: 'stop',
            timestamp: expect.any(Number),
          },
        ],
      },
    ]);

    const refused = await h.sendOk(offer());
    expect((await h.waitStatus(refused, 'failed')).errors?.[0]).toMatchObject({ code: 131050 });
    await h.waitStatus(
      await h.sendOk(template(ANA, 'appointment_reminder', ['Ana', 'Alice', 'Friday'])),
      'delivered',
    );

    await h.control('POST', `/sandbox/users/${encodeURIComponent(ANA)}/marketing`, { value: 'resume' });
    await h.waitStatus(await h.sendOk(offer()), 'delivered');
    expect(preferenceHooks().map((p) => p.prefs[0]?.value)).toEqual(['stop', 'resume']);
  });

  it('S4: a bad value is 400, an unknown user 404', async () => {
    expect(
      (await h.control('POST', `/sandbox/users/${encodeURIComponent(ANA)}/marketing`, { value: 'maybe' }))
        .status,
    ).toBe(400);
    expect((await h.control('POST', '/sandbox/users/+19990000000/marketing', { value: 'stop' })).status).toBe(
      404,
    );
  });
});
