// Time constants shared by the worker, the extension and the sandbox. All durations in milliseconds.
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** WhatsApp's customer-service window: open until 24 h after the customer's last message (B6). */
export const WINDOW_MS = 24 * HOUR;
/** An unanswered opt-in may be re-sent only after this long (B2d, I3). */
export const OPT_IN_RETRY_MS = 24 * HOUR;
/** A message still queued after this long becomes "not sent" (B9). */
export const QUEUE_EXPIRY_MS = 7 * DAY;
/** Webhook events are remembered at least this long for dedupe (I6). */
export const DEDUPE_RETENTION_MS = 7 * DAY;
/** Idempotency keys are kept this long per user (I4). */
export const IDEMPOTENCY_RETENTION_MS = 24 * HOUR;
