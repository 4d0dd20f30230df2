// S4: whatever JSON arrives, the simulator answers with Meta's error envelope (Graph) or a 400/404/409
// (control), never a 500, and stays usable afterwards.

import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, optIn, SAMUEL, startHarness } from './support/harness';
import { GraphErrorSchema } from './support/schemas';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ webhookUrl: null });
});
afterAll(() => h.close());

const bodyArb = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      messaging_product: fc.oneof(fc.constant('whatsapp'), fc.string()),
      to: fc.oneof(fc.constant(SAMUEL), fc.string(), fc.integer()),
      type: fc.constantFrom('text', 'image', 'template', 'interactive', 'audio', 'x'),
      text: fc.jsonValue(),
      image: fc.jsonValue(),
      template: fc.oneof(
        fc.jsonValue(),
        fc.record({
          name: fc.constantFrom('greenline_opt_in', 'meeting_follow_up', 'nope'),
          language: fc.oneof(fc.constant({ code: 'en_US' }), fc.jsonValue()),
          components: fc.jsonValue(),
        }),
      ),
      interactive: fc.jsonValue(),
      status: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

it('S4: arbitrary send bodies get 200 or a Meta error envelope with a 4xx, never a 500', async () => {
  await fc.assert(
    fc.asyncProperty(bodyArb, async (body) => {
      const reply = await h.graph('/100000000000001/messages', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      if (reply.status === 200) return;
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      GraphErrorSchema.parse(reply.json);
    }),
    { numRuns: 150, seed: 20261124 },
  );
  await h.control('DELETE', '/sandbox/faults');
  expect((await h.send(optIn(SAMUEL))).status).toBe(200);
});

it('S4: arbitrary control bodies get 2xx or 4xx with {error:{code,message}}, never a 500', async () => {
  const paths = [
    '/sandbox/users',
    `/sandbox/users/${SAMUEL}/messages`,
    `/sandbox/users/${SAMUEL}/read`,
    `/sandbox/users/${SAMUEL}/block`,
    '/sandbox/faults',
    '/sandbox/clock',
    '/sandbox/templates/greenline_opt_in/status',
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, body) => {
      const reply = await h.control('POST', path, JSON.stringify(body));
      expect(reply.status).toBeLessThan(500);
    }),
    { numRuns: 150, seed: 7 },
  );
});
