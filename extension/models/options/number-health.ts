// Number health for admins (issue 10): what WhatsApp last said about the number — how many customers
// it may start conversations with a day (the messaging limit tier) and its latest quality event — in
// words an admin acts on. A flagged or downgraded number is a warning: templates customers block or
// report are what lower it.
import type { NumberSettings } from '../../../shared/api/admin';

export type HealthTone = 'ok' | 'warning';

export interface NumberHealth {
  /** "1,000 customers a day", or null when WhatsApp has not reported a tier yet. */
  limit: string | null;
  quality: { label: string; tone: HealthTone; at: number | null } | null;
}

const TIERS: Record<string, string> = {
  TIER_50: '50 customers a day',
  TIER_250: '250 customers a day',
  TIER_1K: '1,000 customers a day',
  TIER_2K: '2,000 customers a day',
  TIER_10K: '10,000 customers a day',
  TIER_100K: '100,000 customers a day',
  TIER_UNLIMITED: 'Unlimited',
};

const EVENTS: Record<string, { label: string; tone: HealthTone }> = {
  FLAGGED: {
    label:
      'Flagged for low quality: customers block or report its messages. If it stays low, the limit goes down.',
    tone: 'warning',
  },
  UNFLAGGED: { label: 'Quality is back to normal.', tone: 'ok' },
  DOWNGRADE: { label: 'Limit lowered because of low quality.', tone: 'warning' },
  UPGRADE: { label: 'Limit raised.', tone: 'ok' },
  ONBOARDING: { label: 'New number: WhatsApp is still rating its quality.', tone: 'ok' },
};

/** "TIER_1K" → "1,000 customers a day"; an unknown tier is shown as WhatsApp wrote it. */
export function limitLabel(tier: string): string {
  return TIERS[tier.toUpperCase()] ?? tier;
}

export function numberHealth(settings: NumberSettings): NumberHealth {
  const tier = settings.messagingLimitTier ?? null;
  const event = settings.qualityEvent ?? null;
  const known = event ? EVENTS[event.toUpperCase()] : undefined;
  return {
    limit: tier ? limitLabel(tier) : null,
    quality: event
      ? {
          ...(known ?? { label: `WhatsApp reported: ${event}.`, tone: 'ok' }),
          at: settings.qualityUpdatedAt ?? null,
        }
      : null,
  };
}
