// Worker entry point: the Hono app (and, as they arrive, the Durable Object classes).
import { app } from './app';
import type { Env } from './env';
import { runDailyRetention } from './services/privacy-retention';

export { ConsentLedger } from './durable-objects/consent-ledger';
export { ConversationObject } from './durable-objects/conversation';
export { DevClock } from './durable-objects/dev-clock';
export { NumberGate } from './durable-objects/number-gate';
export { ListWriter } from './durable-objects/list-writer';
export { NumberRoutes } from './durable-objects/number-routes';
export { UserLive } from './durable-objects/user-live';

export default {
  fetch: app.fetch,
  // The daily retention job (issue 12): the Cron Trigger in wrangler.toml.
  scheduled: (_controller, env, ctx) => ctx.waitUntil(runDailyRetention(env)),
} satisfies ExportedHandler<Env>;
