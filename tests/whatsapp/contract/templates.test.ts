// Contract: template listing with paging (reference §4.1) and the template status webhook (§2.8).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateStatusEvent } from '../../../worker/whatsapp';
import { ACME, GLOBEX, rejectionOf, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('contract: templates', () => {
  it('B21 listAllTemplates follows the cursors page by page and shows every status', async () => {
    const before = world.calls.length;
    const all = await world.client().listAllTemplates(ACME.wabaId, { limit: 2 });
    expect(all.map((t) => [t.name, t.status, t.category])).toEqual(
      ACME.templates.map((t) => [t.name, t.status, t.category]),
    );
    expect(world.calls.length - before).toBe(4);
    const optIn = all.find((t) => t.name === 'greenline_opt_in');
    expect(optIn).toMatchObject({ language: 'en_US', parameterFormat: 'POSITIONAL' });
    expect(optIn?.components.map((c) => c.type)).toEqual(['BODY', 'FOOTER', 'BUTTONS']);
    expect(optIn?.components[2]?.buttons).toEqual([
      { type: 'QUICK_REPLY', text: 'Yes' },
      { type: 'QUICK_REPLY', text: 'No' },
    ]);
  });

  it('§4.1 one page: `after` while more remain, none on the last page', async () => {
    const client = world.client();
    const first = await client.listTemplates(ACME.wabaId, { limit: 4 });
    expect(first.templates).toHaveLength(4);
    expect(first.after).toEqual(expect.any(String));
    const last = await client.listTemplates(ACME.wabaId, { limit: 4, after: first.after });
    expect(last.templates.map((t) => t.name)).toEqual([
      'product_brochure',
      'order_shipped',
      'flash_sale_blast',
    ]);
    expect(last.after).toBeUndefined();
  });

  it('131059: a cursor that is not the server’s is refused', async () => {
    const error = await rejectionOf(world.client().listTemplates(ACME.wabaId, { after: 'bm90LWEtY3Vyc29y' }));
    expect(error).toMatchObject({ code: 131059 });
  });

  it("190: a token cannot list another WABA's templates", async () => {
    const error = await rejectionOf(world.client(GLOBEX).listTemplates(ACME.wabaId));
    expect(error).toMatchObject({ code: 190 });
  });

  it('§2.8 a status change emits message_template_status_update, parsed into a template_status event', async () => {
    await world.control('POST', '/sandbox/templates/order_shipped/status', {
      status: 'APPROVED',
      wabaId: ACME.wabaId,
    });
    const { events, problems } = await world.waitForEvents((all) =>
      all.some((e) => e.type === 'template_status'),
    );
    expect(problems).toEqual([]);
    const event = events.find((e): e is TemplateStatusEvent => e.type === 'template_status');
    const template = ACME.templates.find((t) => t.name === 'order_shipped');
    expect(event).toMatchObject({
      wabaId: ACME.wabaId,
      templateId: template?.id,
      name: 'order_shipped',
      language: 'en_US',
      event: 'APPROVED',
      reason: 'NONE',
      category: 'UTILITY',
    });
    expect(event?.timestamp).toBeGreaterThan(0);
    const listed = await world.client().listAllTemplates(ACME.wabaId);
    expect(listed.find((t) => t.name === 'order_shipped')?.status).toBe('APPROVED');
  });
});
