// Bindings and per-request variables of the Worker. Secrets and vars are documented in
// docs/configuration.md; wrangler.toml declares the non-secret ones.
import type { ConsentLedger } from './durable-objects/consent-ledger';
import type { ConversationObject } from './durable-objects/conversation';
import type { DevClock } from './durable-objects/dev-clock';
import type { NumberGate } from './durable-objects/number-gate';
import type { ListWriter } from './durable-objects/list-writer';
import type { NumberRoutes } from './durable-objects/number-routes';
import type { UserLive } from './durable-objects/user-live';
import type { Db } from './storage/db';
import type { SessionContext } from './storage/repos/sessions';

export interface Env {
  /** The directory database (D1). Unused when LIBSQL_URL is set. */
  DB: D1Database;
  /** "development" enables local-only helpers; anything else is production behaviour. */
  ENVIRONMENT?: string;
  /** Secret: 32 bytes, base64. Encrypts the business numbers' Cloud API tokens at rest. */
  TOKEN_ENCRYPTION_KEY?: string;
  /** Secret: keys the pseudonyms of erased customers (issue 12; docs/data-retention.md). */
  PRIVACY_HASH_KEY?: string;
  /** Optional: libSQL / Turso URL; when set the directory lives there instead of D1. */
  LIBSQL_URL?: string;
  /** Secret: auth token for LIBSQL_URL. */
  LIBSQL_AUTH_TOKEN?: string;
  /** Graph API base URL; in development the local sandbox. */
  WHATSAPP_API_BASE?: string;
  /** Graph API version, e.g. "v24.0". */
  WHATSAPP_API_VERSION?: string;
  /** The number's throughput limit in messages per second (1–1000; default 80, SPEC P3). */
  WHATSAPP_THROUGHPUT_MPS?: string;
  /** Secret: the Meta app secret; signs webhooks (X-Hub-Signature-256). */
  WHATSAPP_APP_SECRET?: string;
  /** Secret: the token Meta echoes in the webhook verification handshake. */
  WHATSAPP_VERIFY_TOKEN?: string;
  /** One Durable Object per conversation (docs/conversations-design.md). */
  CONVERSATION: DurableObjectNamespace<ConversationObject>;
  /** One throughput limiter per business number, shared by its conversations (P3). */
  NUMBER_GATE: DurableObjectNamespace<NumberGate>;
  /** Webhook routes kept in memory, a few objects per business number (docs/webhook-routing.md). */
  NUMBER_ROUTES: DurableObjectNamespace<NumberRoutes>;
  /** One writer of the history and Unassigned lists per org (`idFromName(orgId)`). */
  LIST_WRITER: DurableObjectNamespace<ListWriter>;
  /** One object per user holding their live WebSockets (B8, B20). */
  USER_LIVE: DurableObjectNamespace<UserLive>;
  /** The development clock (I9); consulted only when ENVIRONMENT=development. */
  DEV_CLOCK: DurableObjectNamespace<DevClock>;
  /** One consent ledger per org (`idFromName(orgId)`), its only writer (B5). */
  LEDGER: DurableObjectNamespace<ConsentLedger>;
  /** Pictures sent and received (B10); keys `<orgId>/<mediaId>`. */
  MEDIA: R2Bucket;
}

export interface AppVariables {
  requestId: string;
  db: Db;
  /** The request's clock reading (epoch ms); one value per request. */
  now: number;
  /** Set by `requireAuth`. */
  auth: SessionContext;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
