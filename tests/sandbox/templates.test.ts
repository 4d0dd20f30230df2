// `GET /{waba-id}/message_templates` with limit and cursor paging (reference §4.1), APPROVED-only
// sending, and template status changes with their `message_template_status_update` webhook (§2.8).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACME, GLOBEX, type Harness, SAMUEL, startHarness, template } from './support/harness';

const PageSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), name: z.string(), status: z.string(), category: z.string() }).loose(),
  ),
  paging: z
    .object({
      cursors: z.object({ before: z.string(), after: z.string() }),
      next: z.string().optional(),
      previous: z.string().optional(),
    })
    .optional(),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const list = async (query: string, token: string | null = ACME.accessToken, waba = ACME.wabaId) => {
  const reply = await h.graph(`/${waba}/message_templates${query}`, { token });
  return reply;
};

describe('listing templates', () => {
  it('pages with limit and after/before cursors; paging.next walks every template once', async () => {
    const first = PageSchema.parse((await list('?limit=2')).json);
    expect(first.data.map((t) => t.name)).toEqual(['greenline_opt_in', 'meeting_follow_up']);
    expect(first.paging?.previous).toBeUndefined();
    const names: string[] = first.data.map((t) => t.name);
    let next = first.paging?.next;
    while (next) {
      const res = await fetch(next, { headers: { authorization: `Bearer ${ACME.accessToken}` } });
      const page = PageSchema.parse(await res.json());
      names.push(...page.data.map((t) => t.name));
      next = page.paging?.next;
    }
    expect(names).toEqual([
      'greenline_opt_in',
      'meeting_follow_up',
      'appointment_reminder',
      'seasonal_offer',
      'product_brochure',
      'order_shipped',
      'flash_sale_blast',
    ]);
    const second = PageSchema.parse((await list(`?limit=2&after=${first.paging?.cursors.after}`)).json);
    const back = PageSchema.parse((await list(`?limit=2&before=${second.paging?.cursors.before}`)).json);
    expect(back.data.map((t) => t.name)).toEqual(['greenline_opt_in', 'meeting_follow_up']);
    expect(second.paging?.previous).toContain('before=');
  });

  it('templates come with status, category and uppercase components; status filter works', async () => {
    const approved = PageSchema.parse((await list('?status=APPROVED')).json);
    expect(approved.data.map((t) => t.status)).toEqual(Array(5).fill('APPROVED'));
    const all = PageSchema.parse((await list('')).json);
    expect(all.data.find((t) => t.name === 'greenline_opt_in')).toMatchObject({
      category: 'UTILITY',
      language: 'en_US',
      components: expect.arrayContaining([expect.objectContaining({ type: 'BODY' })]),
    });
  });

  it('131059: a cursor that is not ours; 100: a bad limit; 190: another WABA’s token', async () => {
    h.expectError(await list('?after=bm9wZQ'), 131059, 400);
    h.expectError(await list('?limit=0'), 100, 400);
    h.expectError(await list('', GLOBEX.accessToken), 190, 401);
    h.expectError(await list('', null), 190, 401);
    const globex = PageSchema.parse((await list('', GLOBEX.accessToken, GLOBEX.wabaId)).json);
    expect(globex.data).toHaveLength(7);
  });
});

describe('template status changes', () => {
  it('132001 -> sendable: approving the PENDING template emits message_template_status_update and allows sending', async () => {
    h.expectError(await h.send(template(SAMUEL, 'order_shipped', ['A-1'])), 132001, 404);
    const change = await h.control('POST', '/sandbox/templates/order_shipped/status', {
      status: 'APPROVED',
      wabaId: ACME.wabaId,
    });
    expect(change.status).toBe(200);
    const hook = await h.receiver.waitFor(
      (w) => w.envelope.entry[0]?.changes[0]?.field === 'message_template_status_update',
    );
    const entry = hook.envelope.entry[0];
    expect(entry?.id).toBe(ACME.wabaId);
    expect(typeof entry?.time).toBe('number');
    expect(entry?.changes[0]?.value).toEqual({
      event: 'APPROVED',
      message_template_id: 300000000000105,
      message_template_name: 'order_shipped',
      message_template_language: 'en_US',
      reason: 'NONE',
      message_template_category: 'UTILITY',
    });
    await h.sendOk(template(SAMUEL, 'order_shipped', ['A-1']));
    // Globex's template of the same name was not touched.
    h.expectError(
      await h.send(template(SAMUEL, 'order_shipped', ['A-1']), {
        token: GLOBEX.accessToken,
        numberId: GLOBEX.phoneNumberId,
      }),
      132001,
      404,
    );
  });

  it('132015 / 132016: paused and disabled templates cannot be sent; rejection carries a reason', async () => {
    await h.control('POST', '/sandbox/templates/appointment_reminder/status', {
      status: 'PAUSED',
      wabaId: ACME.wabaId,
    });
    h.expectError(await h.send(template(SAMUEL, 'appointment_reminder', ['a', 'b', 'c'])), 132015, 400);
    await h.control('POST', '/sandbox/templates/appointment_reminder/status', {
      status: 'DISABLED',
      wabaId: ACME.wabaId,
    });
    h.expectError(await h.send(template(SAMUEL, 'appointment_reminder', ['a', 'b', 'c'])), 132016, 400);
    await h.control('POST', '/sandbox/templates/meeting_follow_up/status', {
      status: 'REJECTED',
      wabaId: ACME.wabaId,
      reason: 'PROMOTIONAL',
    });
    const hook = await h.receiver.waitFor((w) => w.envelope.entry[0]?.changes[0]?.value.event === 'REJECTED');
    expect(hook.envelope.entry[0]?.changes[0]?.value.reason).toBe('PROMOTIONAL');
    h.expectError(await h.send(template(SAMUEL, 'meeting_follow_up', ['a', 'b', 'c'])), 132001, 404);
  });

  it('control input: unknown template 404, unknown status 400', async () => {
    expect((await h.control('POST', '/sandbox/templates/nope/status', { status: 'APPROVED' })).status).toBe(
      404,
    );
    expect(
      (await h.control('POST', '/sandbox/templates/order_shipped/status', { status: 'GREAT' })).status,
    ).toBe(400);
  });
});
