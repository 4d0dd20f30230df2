// WhatsApp's customer-service window (B6, I2): open until 24 h after the customer's last message, by
// the timestamp WhatsApp reports. Nothing the business sends opens or extends it.
import { WINDOW_MS } from '../../shared/time';

export interface WindowFacts {
  /** WhatsApp's timestamp (ms) of the customer's latest message, or null if they never wrote. */
  lastInboundAt: number | null;
  /**
   * Set when WhatsApp answered 131047 to a send we believed inside the window (clock skew, Meta's
   * "known issue"): the window that `lastInboundAt` opened is void; the next newer message reopens it.
   */
  closedAt: number | null;
}

export const NO_WINDOW: WindowFacts = { lastInboundAt: null, closedAt: null };

export function windowExpiresAt(w: WindowFacts): number | null {
  if (w.lastInboundAt === null) return null;
  if (w.closedAt !== null && w.closedAt >= w.lastInboundAt) return null;
  return w.lastInboundAt + WINDOW_MS;
}

export function isWindowOpen(w: WindowFacts, now: number): boolean {
  const expiresAt = windowExpiresAt(w);
  return expiresAt !== null && now < expiresAt;
}

/** A customer message (a button tap counts) opens or refreshes the window; reordered webhooks never shrink it. */
export function onCustomerMessage(w: WindowFacts, timestamp: number): WindowFacts {
  const lastInboundAt = w.lastInboundAt === null ? timestamp : Math.max(w.lastInboundAt, timestamp);
  return { ...w, lastInboundAt };
}

/** WhatsApp says the window is closed (131047): trust it over our own belief. */
export function onWindowRefused(w: WindowFacts, now: number): WindowFacts {
  return { ...w, closedAt: w.lastInboundAt ?? now };
}
