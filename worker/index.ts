// Worker entry point: the Hono app (and, as they arrive, the Durable Object classes).
import { app } from './app';

export { ConsentLedger } from './durable-objects/consent-ledger';

export default app;
