// Control endpoints for the simulated world: the clock (forwarded to the worker's dev clock when
// configured), fault knobs, the webhook delivery log, template status changes (with their
// `message_template_status_update` webhook) and raw media for the phone page.

import { type Context, Hono } from 'hono';
import { findMedia, mediaBytes } from '../engine/media';
import { defaultFaults, FaultsPatchSchema } from '../faults';
import { createRandom } from '../random';
import { initialState } from '../state';
import { templateStatusEnvelope } from '../webhooks/envelope';
import type { World } from '../world';
import { ClockSchema, controlError, parseBody, TemplateStatusSchema } from './schemas';

async function forwardClock(world: World, advanceMs: number) {
  if (!world.workerClockUrl) return { forwarded: false as const };
  try {
    const res = await fetch(world.workerClockUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { forwarded: res.ok, status: res.status };
  } catch (err) {
    return { forwarded: false as const, error: err instanceof Error ? err.message : String(err) };
  }
}

const clockView = (world: World) => ({
  now: new Date(world.clock.now()).toISOString(),
  nowMs: world.clock.now(),
  offsetMs: world.clock.offset,
});

async function changeTemplateStatus(c: Context, world: World): Promise<Response> {
  const body = await parseBody(c, TemplateStatusSchema);
  if (body instanceof Response) return body;
  const name = c.req.param('name') ?? '';
  const changed = [];
  for (const number of world.state.numbers) {
    if (body.wabaId && number.wabaId !== body.wabaId) continue;
    for (const t of number.templates) {
      if (t.name !== name || (body.language && t.language !== body.language)) continue;
      const before = t.status;
      t.status = body.status;
      if (before !== body.status) {
        const reason =
          body.reason === undefined ? (body.status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE') : body.reason;
        world.webhooks.enqueue(
          templateStatusEnvelope(number, t, body.status, reason, world.clock.now()),
          `template ${name} ${body.status}`,
        );
      }
      changed.push({
        wabaId: number.wabaId,
        id: t.id,
        name: t.name,
        language: t.language,
        status: t.status,
        previous: before,
      });
    }
  }
  if (!changed.length) return controlError(c, 404, 'unknown_template', `No template named ${name} matches.`);
  world.changed();
  return c.json({ templates: changed });
}

export function worldRoute(world: World): Hono {
  return new Hono()
    .get('/sandbox/clock', (c) => c.json(clockView(world)))
    .post('/sandbox/clock', async (c) => {
      const body = await parseBody(c, ClockSchema);
      if (body instanceof Response) return body;
      world.clock.advance(body.advanceMs);
      world.changed();
      // The worker moves first, so whatever it does at its new time meets a sandbox already there;
      // then every sandbox timer now due (webhook retries) fires.
      const worker = await forwardClock(world, body.advanceMs);
      const fired = world.clock.runDue();
      world.log(`clock +${body.advanceMs} ms (worker ${worker.forwarded ? 'moved' : 'not moved'})`);
      return c.json({ ...clockView(world), advancedMs: body.advanceMs, timersFired: fired, worker });
    })
    .get('/sandbox/faults', (c) => c.json(world.faults))
    .post('/sandbox/faults', async (c) => {
      const body = await parseBody(c, FaultsPatchSchema);
      if (body instanceof Response) return body;
      const { seed, ...patch } = body;
      if (seed !== undefined) world.random = createRandom(seed);
      Object.assign(world.faults, patch);
      world.log(`faults set: ${Object.keys(body).join(', ') || 'nothing'}`);
      return c.json(world.faults);
    })
    .delete('/sandbox/faults', (c) => {
      world.faults = defaultFaults();
      world.limits.reset();
      return c.json(world.faults);
    })
    .post('/sandbox/reset', (c) => {
      // Back to the demo world (users, templates, no messages or media); the clock and the webhook log stay.
      world.state = initialState();
      world.faults = defaultFaults();
      world.limits.reset();
      world.mediaUrls.clear();
      world.changed();
      world.log('state reset to the demo data');
      return c.json({ reset: true, ...clockView(world) });
    })
    .get('/sandbox/webhooks', (c) =>
      c.json({ pending: world.webhooks.pendingCount(), deliveries: world.webhooks.records }),
    )
    .post('/sandbox/templates/:name/status', (c) => changeTemplateStatus(c, world))
    .get('/sandbox/media/:id', (c) => {
      const media = findMedia(world, c.req.param('id'));
      if (!media) return controlError(c, 404, 'unknown_media', 'No such media.');
      return new Response(new Uint8Array(mediaBytes(media)), {
        headers: { 'content-type': media.mimeType, 'x-content-type-options': 'nosniff' },
      });
    });
}
