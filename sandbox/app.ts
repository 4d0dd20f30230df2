// Builds the simulator in process: the world (state, clock, faults, webhook delivery) and the Hono app
// with control routes, the phone page and the Graph API. `index.ts` puts it on a port.

import { Hono } from 'hono';
import { SandboxClock } from './clock';
import { type ResolvedConfig, resolveConfig, type SandboxOptions } from './config';
import { preferencesRoute } from './control/preferences-route';
import { usersRoute } from './control/users-route';
import { numberRoute } from './control/number-route';
import { worldRoute } from './control/world-route';
import { crmRoute } from './crm/index';
import { RateLimits } from './engine/limits';
import { defaultFaults, FaultsSchema } from './faults';
import { metaError } from './graph/auth';
import { mediaRoute } from './graph/media-route';
import { messagesRoute } from './graph/messages-route';
import { templatesRoute } from './graph/templates-route';
import { loadState, saveState } from './persistence';
import { phoneRoute } from './phone/route';
import { createRandom } from './random';
import { initialState } from './state';
import { DEFAULT_RETRY, WebhookDelivery } from './webhooks/delivery';
import type { World } from './world';

export interface Sandbox {
  app: Hono;
  world: World;
  config: ResolvedConfig;
  /** Stops timers and webhook delivery and writes the state file one last time. */
  close(): void;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const config = resolveConfig(options);
  const log = options.log ?? (() => {});
  const clock = new SandboxClock(options.now ?? Date.now);
  const saved = config.stateFile ? loadState(config.stateFile) : undefined;
  const faults = FaultsSchema.parse({ ...defaultFaults(), ...options.faults });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (config.stateFile) saveState(config.stateFile, { clockOffsetMs: clock.offset, state: world.state });
  };
  const webhooks = new WebhookDelivery({
    url: config.webhookUrl,
    appSecret: config.appSecret,
    clock,
    random: () => world.random,
    faults: () => world.faults,
    retry: { ...DEFAULT_RETRY, ...options.webhookRetry },
    log,
  });
  const world: World = {
    state: saved?.state ?? initialState(),
    clock,
    random: createRandom(config.seed),
    faults,
    limits: new RateLimits(),
    mediaUrls: new Map(),
    baseUrl: `http://${config.host}:${config.port}`,
    workerClockUrl: config.workerClockUrl,
    log,
    changed: () => {
      if (!config.stateFile || saveTimer) return;
      saveTimer = setTimeout(save, 100);
      saveTimer.unref?.();
    },
    webhooks,
  };
  if (saved) clock.setOffset(saved.clockOffsetMs);

  const app = new Hono()
    .route('/', usersRoute(world))
    .route('/', preferencesRoute(world))
    .route('/', worldRoute(world))
    .route('/', numberRoute(world))
    .route('/', phoneRoute(world))
    .route('/', crmRoute())
    .route('/', messagesRoute(world))
    .route('/', mediaRoute(world))
    .route('/', templatesRoute(world));
  app.notFound((c) =>
    c.req.path.startsWith('/sandbox') || c.req.path.startsWith('/phone')
      ? c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404)
      : metaError(c, world, 100, `Unknown path components: ${c.req.path}`),
  );
  app.onError((err, c) => {
    log(`error on ${c.req.method} ${c.req.path}: ${err.message}`);
    return c.json({ error: { code: 'internal', message: 'Internal sandbox error' } }, 500);
  });

  return {
    app,
    world,
    config,
    close: () => {
      clock.stop();
      world.webhooks.close();
      save();
    },
  };
}
