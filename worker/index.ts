// Worker entry point: the Hono app (and, as they arrive, the Durable Object classes).
import { app } from './app';

export { ConsentLedger } from './durable-objects/consent-ledger';
export { ConversationObject } from './durable-objects/conversation';
export { DevClock } from './durable-objects/dev-clock';
export { NumberGate } from './durable-objects/number-gate';
export { UserLive } from './durable-objects/user-live';

export default app;
