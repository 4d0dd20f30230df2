// Issue 10: number health for admins — the messaging limit tier and the last quality event WhatsApp
// reported, in words; a flagged or downgraded number is a warning; a live frame shows it at once.
import { screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { limitLabel, numberHealth } from '../../../extension/models/options/number-health';
import type { NumberSettings } from '../../../shared/api/admin';
import { renderPage } from './render';
import { ALICE, adminRoutes, type Route, statusOf } from './support';

const NUMBER: NumberSettings = {
  id: 'n1',
  phoneNumberId: '1234567890',
  displayPhoneNumber: '+1 555 0100',
  wabaId: '9876543210',
  hasAccessToken: true,
  paused: false,
  pausedReason: null,
  updatedAt: 1_700_000_000_000,
};

describe('issue 10: number health in words', () => {
  it('tiers read as customers a day; an unknown tier is shown as WhatsApp wrote it', () => {
    expect(limitLabel('TIER_1K')).toBe('1,000 customers a day');
    expect(limitLabel('TIER_UNLIMITED')).toBe('Unlimited');
    expect(limitLabel('TIER_5M')).toBe('TIER_5M');
  });

  it('nothing reported: nothing to show; flagged and downgraded are warnings, upgraded is not', () => {
    expect(numberHealth(NUMBER)).toEqual({ limit: null, quality: null });
    const at = 1_700_000_500_000;
    const flagged = numberHealth({ ...NUMBER, qualityEvent: 'FLAGGED', qualityUpdatedAt: at });
    expect(flagged.quality).toMatchObject({ tone: 'warning', at });
    expect(flagged.quality?.label).toMatch(/^Flagged for low quality/);
    expect(numberHealth({ ...NUMBER, qualityEvent: 'DOWNGRADE' }).quality?.tone).toBe('warning');
    expect(numberHealth({ ...NUMBER, qualityEvent: 'UPGRADE' }).quality?.tone).toBe('ok');
  });
});

describe('issue 10: the options page shows number health to admins', () => {
  it('shows the limit and the quality event; a number_health frame shows the downgrade without a reload', async () => {
    let current: NumberSettings = { ...NUMBER, messagingLimitTier: 'TIER_10K', qualityEvent: 'UPGRADE' };
    const number: Route = () => ({ status: 200, value: current });
    const fake = await renderPage(adminRoutes({ 'GET /admin/number': number }), statusOf(ALICE));
    const health = await screen.findByRole('region', { name: 'Number health' });
    expect(health.textContent).toContain('Messaging limit10,000 customers a day');
    expect(health.textContent).toContain('Limit raised.');
    expect(health.className).not.toContain('card--warning');

    current = {
      ...current,
      messagingLimitTier: 'TIER_1K',
      qualityEvent: 'DOWNGRADE',
      qualityUpdatedAt: Date.now(),
    };
    for (const send of fake.session.frameListeners)
      send({ type: 'number_health', event: 'DOWNGRADE', messagingLimitTier: 'TIER_1K' });
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Number health' }).textContent).toContain(
        '1,000 customers a day',
      ),
    );
    const after = screen.getByRole('region', { name: 'Number health' });
    expect(after.textContent).toContain('Limit lowered because of low quality.');
    expect(after.className).toContain('card--warning');
  });
});
