// Issue 12 in the options page: an admin sets the retention period (30 days to 7 years, or forever),
// finds a customer by phone, exports their data (JSON or a readable page) and erases them only after
// a confirmation that names them. happy-dom; the API is a fake (support.ts).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { customerLabel, parseRetention } from '../../../extension/models/options/privacy';
import { renderPage } from './render';
import { ALICE, adminRoutes, ok, refuse, statusOf } from './support';

const RETENTION = { retentionDays: 365, defaultDays: 365, minDays: 30, maxDays: 2555 };
const SAMUEL = { id: 'c-sam', name: 'Samuel Johnson', phone: '+14155550101', bsuid: null, username: null };
const RECEIPT = {
  id: 'r-1',
  contactId: 'c-sam',
  erasedAt: 1,
  requestedBy: 'alice',
  standingOptOut: true,
  removed: { conversations: 1, threads: 1, media: 0, aliases: 1, crmLinks: 1, deadLetters: 0 },
  ledger: { pseudonymised: 3, resealedFrom: 1, headBefore: null, headAfter: null },
};

async function privacyPage(extra: Parameters<typeof adminRoutes>[0] = {}) {
  const fake = await renderPage(
    adminRoutes({
      'GET /admin/privacy/retention': ok(RETENTION),
      'GET /admin/privacy/contacts': ok({ contact: SAMUEL }),
      ...extra,
    }),
    statusOf(ALICE),
  );
  const region = await screen.findByRole('region', { name: "Customers' data" });
  await waitFor(() =>
    expect((within(region).getByLabelText('Keep messages for (days)') as HTMLInputElement).value).toBe('365'),
  );
  return { fake, region };
}

async function findSamuel(region: HTMLElement) {
  fireEvent.input(within(region).getByLabelText("Customer's phone"), {
    target: { value: '+1 415 555 0101' },
  });
  fireEvent.click(within(region).getByRole('button', { name: 'Find' }));
  await within(region).findByText('Samuel Johnson (+14155550101)');
}

describe("options page: customers' data (issue 12)", () => {
  it('issue 12: retention takes 30 days to 7 years or forever, checked before sending', async () => {
    expect(parseRetention('29', false)).toMatchObject({ ok: false });
    expect(parseRetention('2556', false)).toMatchObject({ ok: false });
    expect(parseRetention('90.5', false)).toMatchObject({ ok: false });
    expect(parseRetention('', true)).toEqual({ ok: true, days: null });
    const { fake, region } = await privacyPage({
      'PUT /admin/privacy/retention': (req) => ({
        status: 200,
        value: { ...RETENTION, retentionDays: (req.body as { retentionDays: number | null }).retentionDays },
      }),
    });
    const days = within(region).getByLabelText('Keep messages for (days)');
    fireEvent.input(days, { target: { value: '10' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save retention' }));
    // Refused before sending (by the field's range, or the model's check with its message).
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.api.sent('PUT', '/admin/privacy/retention')).toHaveLength(0);
    fireEvent.input(within(region).getByLabelText('Keep messages for (days)'), { target: { value: '90' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(fake.api.sent('PUT', '/admin/privacy/retention')).toHaveLength(1));
    expect(fake.api.sent('PUT', '/admin/privacy/retention')[0]?.body).toEqual({ retentionDays: 90 });
    fireEvent.click(within(region).getByLabelText('Keep forever'));
    fireEvent.click(within(region).getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(fake.api.sent('PUT', '/admin/privacy/retention')).toHaveLength(2));
    expect(fake.api.sent('PUT', '/admin/privacy/retention')[1]?.body).toEqual({ retentionDays: null });
  });

  it('issue 12: "Export data" downloads the customer\'s JSON and readable page', async () => {
    const { fake, region } = await privacyPage({
      'GET /admin/privacy/contacts/c-sam/export': (req) => ({
        status: 200,
        text: req.query?.format === 'html' ? '<!doctype html><h1>Samuel</h1>' : '{"contact":{}}',
      }),
    });
    await findSamuel(region);
    expect(fake.api.sent('GET', '/admin/privacy/contacts')[0]?.query).toEqual({ phone: '+1 415 555 0101' });
    fireEvent.click(within(region).getByRole('button', { name: 'Export data (JSON)' }));
    await waitFor(() => expect(fake.downloads).toHaveLength(1));
    expect(fake.downloads[0]).toMatchObject({
      fileName: 'greenline-customer-c-sam.json',
      text: '{"contact":{}}',
    });
    fireEvent.click(within(region).getByRole('button', { name: 'Export data (readable page)' }));
    await waitFor(() => expect(fake.downloads).toHaveLength(2));
    expect(fake.downloads[1]).toMatchObject({
      fileName: 'greenline-customer-c-sam.html',
      contentType: 'text/html',
    });
  });

  it('issue 12: "Erase customer" asks first, naming the customer; Cancel erases nothing; confirming erases', async () => {
    const { fake, region } = await privacyPage({ 'POST /admin/privacy/erasures': ok(RECEIPT) });
    await findSamuel(region);
    fireEvent.click(within(region).getByRole('button', { name: 'Erase customer' }));
    const dialog = within(region).getByRole('alertdialog');
    expect(dialog.textContent).toContain('Erase Samuel Johnson (+14155550101)?');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(region).queryByRole('alertdialog')).toBeNull();
    expect(fake.api.sent('POST', '/admin/privacy/erasures')).toHaveLength(0);

    fireEvent.click(within(region).getByRole('button', { name: 'Erase customer' }));
    fireEvent.click(within(region).getByRole('button', { name: 'Erase Samuel Johnson' }));
    await waitFor(() => expect(fake.api.sent('POST', '/admin/privacy/erasures')).toHaveLength(1));
    expect(fake.api.sent('POST', '/admin/privacy/erasures')[0]?.body).toEqual({ contactId: 'c-sam' });
    expect(
      await within(region).findByText(/Samuel Johnson \(\+14155550101\) was erased \(receipt r-1\)/),
    ).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Erase customer' })).toBeNull();
  });

  it('issue 12 / S2: a refusal is shown where it happened and the customer stays', async () => {
    const { region } = await privacyPage({
      'POST /admin/privacy/erasures': refuse(403, 'forbidden', 'Only admins can do this.'),
    });
    await findSamuel(region);
    fireEvent.click(within(region).getByRole('button', { name: 'Erase customer' }));
    fireEvent.click(within(region).getByRole('button', { name: 'Erase Samuel Johnson' }));
    expect((await within(region).findByText('Only admins can do this.')).getAttribute('role')).toBe('alert');
    expect(within(region).getByText('Samuel Johnson (+14155550101)')).toBeTruthy();
  });

  it("issue 12 / S3: a customer's name is shown as text, never markup", async () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(customerLabel({ ...SAMUEL, name })).toBe(`${name} (+14155550101)`);
    const { region } = await privacyPage({
      'GET /admin/privacy/contacts': ok({ contact: { ...SAMUEL, name } }),
    });
    fireEvent.input(within(region).getByLabelText("Customer's phone"), { target: { value: '+14155550101' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Find' }));
    expect(await within(region).findByText(`${name} (+14155550101)`)).toBeTruthy();
    expect(region.querySelector('img')).toBeNull();
  });

  it('issue 12: a number Greenline does not hold says so', async () => {
    const { region } = await privacyPage({ 'GET /admin/privacy/contacts': ok({ contact: null }) });
    fireEvent.input(within(region).getByLabelText("Customer's phone"), { target: { value: '+14155550177' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Find' }));
    expect(await within(region).findByText('Greenline holds no customer with this number.')).toBeTruthy();
  });
});
