// The running simulator's context shared by every route: state, clock, seeded randomness, faults,
// rate limits, webhook delivery, issued media URLs and a change hook for the state file.

import type { SandboxClock } from './clock';
import type { RateLimits } from './engine/limits';
import type { Faults } from './faults';
import { newFbtraceId, type Random } from './random';
import type { SandboxState } from './state';
import type { WebhookDelivery } from './webhooks/delivery';

export interface IssuedUrl {
  mediaId: string;
  expiresAt: number;
}

export interface World {
  state: SandboxState;
  clock: SandboxClock;
  random: Random;
  faults: Faults;
  limits: RateLimits;
  webhooks: WebhookDelivery;
  /** URL hash -> media it downloads and when it stops working. */
  mediaUrls: Map<string, IssuedUrl>;
  /** Where this sandbox is reachable (for media URLs and paging links); set once listening. */
  baseUrl: string;
  workerClockUrl: string | null;
  log: (line: string) => void;
  /** Called after every change, for the optional state file. */
  changed: () => void;
}

export const fbtrace = (world: World): string => newFbtraceId(world.random);
