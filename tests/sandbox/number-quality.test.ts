// The number's health as WhatsApp reports it (issue 10 item 5): the sandbox's operator flags or
// downgrades the business number; the sandbox sends the `phone_number_quality_update` webhook Meta
// sends, which the worker's own parser reads, and the number's Graph answer carries the new rating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhook } from '../../worker/whatsapp';
import { ACME, GLOBEX, type Harness, startHarness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const quality = (body: unknown, numberId = ACME.phoneNumberId) =>
  h.control('POST', `/sandbox/numbers/${numberId}/quality`, body);

describe('number quality (issue 10)', () => {
  it('a downgrade sends phone_number_quality_update with the new tier; the worker parses it; Graph says RED', async () => {
    const change = await quality({ event: 'DOWNGRADE', currentLimit: 'TIER_250' });
    expect(change.status).toBe(200);
    const hook = await h.receiver.waitFor(
      (w) => w.envelope.entry[0]?.changes[0]?.field === 'phone_number_quality_update',
    );
    const { events, problems } = parseWebhook(hook.envelope);
    expect(problems).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'number_quality',
        wabaId: ACME.wabaId,
        displayPhoneNumber: ACME.displayPhoneNumber.replace(/\D/g, ''),
        event: 'DOWNGRADE',
        currentLimit: 'TIER_250',
      }),
    ]);
    const info = await h.graph(`/${ACME.phoneNumberId}`);
    expect(info.json).toMatchObject({ quality_rating: 'RED' });
    const other = await h.graph(`/${GLOBEX.phoneNumberId}`, { token: GLOBEX.accessToken });
    expect(other.json).toMatchObject({ quality_rating: 'GREEN' });
  });

  it('bad input changes nothing: unknown event or tier 400, unknown number 404', async () => {
    expect((await quality({ event: 'WORSE' })).status).toBe(400);
    expect((await quality({ event: 'FLAGGED', currentLimit: 'TIER_7' })).status).toBe(400);
    expect((await quality({ event: 'FLAGGED' }, '999')).status).toBe(404);
    const info = await h.graph(`/${ACME.phoneNumberId}`);
    expect(info.json).toMatchObject({ quality_rating: 'RED' });
  });
});
