import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../extension/models/options/download';
import { renderPage } from './render';
import { ALICE, adminRoutes, ok, orgOf, refuse, statusOf } from './support';

const NUMBER = {
  id: 'n1',
  phoneNumberId: '1234567890',
  displayPhoneNumber: '+1 555 0100',
  wabaId: '9876543210',
  hasAccessToken: true,
  paused: false,
  pausedReason: null,
  updatedAt: 1_700_000_000_000,
};

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('options page: the number (B21)', () => {
  it('B21: the access token is write-only: never shown back, empty means keep it', async () => {
    const fake = await renderPage(
      adminRoutes({
        'GET /admin/number': ok(NUMBER),
        'PUT /admin/number': ok({ ...NUMBER, updatedAt: NUMBER.updatedAt + 1 }),
      }),
      statusOf(ALICE),
    );
    const token = (await screen.findByLabelText('Access token')) as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(screen.getByText(/A token is stored/)).toBeTruthy();
    expect((screen.getByLabelText('Phone number ID') as HTMLInputElement).value).toBe('1234567890');

    fireEvent.click(screen.getByRole('button', { name: 'Save number settings' }));
    await waitFor(() => expect(fake.api.sent('PUT', '/admin/number')).toHaveLength(1));
    expect(fake.api.sent('PUT', '/admin/number')[0]?.body).toEqual({
      phoneNumberId: '1234567890',
      displayPhoneNumber: '+1 555 0100',
      wabaId: '9876543210',
    });

    fireEvent.input(screen.getByLabelText('Access token'), { target: { value: 'EAAG-new-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save number settings' }));
    await waitFor(() => expect(fake.api.sent('PUT', '/admin/number')).toHaveLength(2));
    expect(fake.api.sent('PUT', '/admin/number')[1]?.body).toMatchObject({ accessToken: 'EAAG-new-token' });
    await waitFor(() => expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe(''));
  });

  it('shows why a number is paused and resumes it', async () => {
    const paused = { ...NUMBER, paused: true, pausedReason: 'The WhatsApp account is restricted.' };
    const fake = await renderPage(
      adminRoutes({ 'GET /admin/number': ok(paused), 'POST /admin/number/resume': ok(NUMBER) }),
      statusOf(ALICE),
    );
    expect(await screen.findByText('The WhatsApp account is restricted.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume sending' }));
    expect(await screen.findByText('Sending is resumed.')).toBeTruthy();
    expect(fake.api.sent('POST', '/admin/number/resume')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Resume sending' })).toBeNull();
  });
});

describe('options page: consent export (B5, B21)', () => {
  it('B21: exporting a range as CSV downloads greenline-consent-<from>-<to>.csv', async () => {
    const csv = 'seq,kind\n1,opt_in_requested\n';
    const fake = await renderPage(
      adminRoutes({ 'GET /admin/consent-records': () => ({ status: 200, text: csv }) }),
      statusOf(ALICE),
    );
    const consent = await screen.findByRole('region', { name: 'Consent ledger' });
    fireEvent.input(within(consent).getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.input(within(consent).getByLabelText('To'), { target: { value: '2026-11-30' } });
    fireEvent.click(within(consent).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(fake.downloads).toHaveLength(1));
    expect(fake.downloads[0]).toEqual({
      fileName: 'greenline-consent-2026-11-01-2026-11-30.csv',
      text: csv,
      contentType: 'text/csv',
    });
    expect(
      await within(consent).findByText('Exported greenline-consent-2026-11-01-2026-11-30.csv.'),
    ).toBeTruthy();
  });

  it('verifies the ledger and shows a problem in words', async () => {
    const problem = { ok: false, where: 'copy', seq: 3, problem: 'missing', message: 'Record 3 is missing.' };
    await renderPage(adminRoutes({ 'GET /admin/consent-records/verify': ok(problem) }), statusOf(ALICE));
    fireEvent.click(await screen.findByRole('button', { name: 'Verify the ledger' }));
    expect(
      await screen.findByText('The ledger has a problem at record 3: Record 3 is missing.'),
    ).toBeTruthy();
  });
});

describe('download through a Blob URL', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clicks an <a download> with the file name and the text as the Blob', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:greenline/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    downloadText(document, 'greenline-consent-start-now.csv', 'seq\n1\n', 'text/csv');
    expect(clicked).toEqual([{ href: 'blob:greenline/1', download: 'greenline-consent-start-now.csv' }]);
    expect(await blobs[0]?.text()).toBe('seq\n1\n');
    expect(blobs[0]?.type).toContain('text/csv');
    expect(document.querySelector('a[download]')).toBeNull();
  });
});

describe('options page: keywords (B3, B21)', () => {
  it('B21: keyword text round-trips: shown one per line, saved as lists, shown again from the answer', async () => {
    const saved = { optIn: ['START', 'GO'], optOut: ['STOP', 'PARAR'], yes: ['Yes', 'Sí'], no: ['No'] };
    const fake = await renderPage(
      adminRoutes({ 'PATCH /admin/org': ok(orgOf({ keywords: saved })) }),
      statusOf(ALICE),
    );
    const optIn = (await screen.findByLabelText('Opt-in keywords')) as HTMLTextAreaElement;
    expect(optIn.value).toBe('START');
    expect((screen.getByLabelText('Opt-out keywords') as HTMLTextAreaElement).value).toBe('STOP\nPARAR');
    expect(screen.getByText(/default keywords/)).toBeTruthy();

    fireEvent.input(optIn, { target: { value: 'START\n\n go \nstart' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save keywords' }));
    await waitFor(() => expect(fake.api.sent('PATCH', '/admin/org')).toHaveLength(1));
    expect(fake.api.sent('PATCH', '/admin/org')[0]?.body).toEqual({
      settings: {
        keywords: { optIn: ['START', 'go'], optOut: ['STOP', 'PARAR'], yes: ['Yes', 'Sí'], no: ['No'] },
      },
    });
    await waitFor(() =>
      expect((screen.getByLabelText('Opt-in keywords') as HTMLTextAreaElement).value).toBe('START\nGO'),
    );
    expect(screen.getByText(/its own keywords/)).toBeTruthy();
  });

  it('"Use the defaults" sends keywords: null', async () => {
    const fake = await renderPage(adminRoutes({ 'PATCH /admin/org': ok(orgOf()) }), statusOf(ALICE));
    fireEvent.click(await screen.findByRole('button', { name: 'Use the defaults' }));
    await waitFor(() => expect(fake.api.sent('PATCH', '/admin/org')).toHaveLength(1));
    expect(fake.api.sent('PATCH', '/admin/org')[0]?.body).toEqual({ settings: { keywords: null } });
  });
});

describe('options page: organisation, sub-orgs, templates and dead letters (B21)', () => {
  it('turns WhatsApp off for the organisation', async () => {
    const fake = await renderPage(
      adminRoutes({ 'PATCH /admin/org': ok({ ...orgOf(), whatsappEnabled: false }) }),
      statusOf(ALICE),
    );
    const toggle = (await screen.findByLabelText(
      'WhatsApp enabled for the organisation',
    )) as HTMLInputElement;
    fireEvent.click(toggle);
    expect(await screen.findByText('WhatsApp is off.')).toBeTruthy();
    expect(fake.api.sent('PATCH', '/admin/org')[0]?.body).toEqual({ whatsappEnabled: false });
    expect(toggle.checked).toBe(false);
  });

  it("shows the API's refusal to delete a sub-org that has users, in the sub-orgs section", async () => {
    const message = 'This sub-org still has users; move them first.';
    await renderPage(
      adminRoutes({ 'DELETE /admin/sub-orgs/sales': refuse(409, 'sub_org_not_empty', message) }),
      statusOf(ALICE),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Sales' }));
    expect(await within(section('Sub-orgs')).findByText(message)).toBeTruthy();
  });

  it('offers only approved UTILITY templates as the opt-in and saves the choice', async () => {
    const t = (name: string, category: string, status: string) => ({
      id: name,
      name,
      language: 'en_US',
      category,
      status,
      components: [],
      variables: [],
      syncedAt: 1,
    });
    const templates = [t('greenline_opt_in', 'UTILITY', 'APPROVED'), t('promo', 'MARKETING', 'APPROVED')];
    const chosen = { name: 'greenline_opt_in', language: 'en_US' };
    const fake = await renderPage(
      adminRoutes({
        'GET /admin/templates': ok({ templates }),
        'PATCH /admin/org': ok(orgOf({ optInTemplate: chosen })),
      }),
      statusOf(ALICE),
    );
    const select = (await screen.findByLabelText('Opt-in template')) as HTMLSelectElement;
    await within(select).findByRole('option', { name: 'greenline_opt_in (en_US)' });
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'None chosen',
      'greenline_opt_in (en_US)',
    ]);
    expect(within(section('Templates')).getByRole('rowheader', { name: 'promo' })).toBeTruthy();
    fireEvent.change(select, { target: { value: 'greenline_opt_in|en_US' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save opt-in template' }));
    expect(await screen.findByText('Opt-in template saved.')).toBeTruthy();
    expect(fake.api.sent('PATCH', '/admin/org')[0]?.body).toEqual({ settings: { optInTemplate: chosen } });
  });

  it('B21: shows the opt-in template the org has, also when the templates arrive after the org', async () => {
    const approved = {
      id: 'greenline_opt_in',
      name: 'greenline_opt_in',
      language: 'en_US',
      category: 'UTILITY',
      status: 'APPROVED',
      components: [],
      variables: [],
      syncedAt: 1,
    };
    let release: () => void = () => undefined;
    const later = new Promise<void>((resolve) => {
      release = resolve;
    });
    await renderPage(
      adminRoutes({
        'GET /admin/org': ok(orgOf({ optInTemplate: { name: 'greenline_opt_in', language: 'en_US' } })),
        'GET /admin/templates': async () => {
          await later;
          return { status: 200, value: { templates: [approved] } };
        },
      }),
      statusOf(ALICE),
    );
    const select = (await screen.findByLabelText('Opt-in template')) as HTMLSelectElement;
    // "None chosen" here would be read as the org having none, and saved as such.
    await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('greenline_opt_in (en_US)'));
    release();
    await within(section('Templates')).findByRole('rowheader', { name: 'greenline_opt_in' });
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'None chosen',
      'greenline_opt_in (en_US)',
    ]);
    expect(select.selectedOptions[0]?.textContent).toBe('greenline_opt_in (en_US)');
  });

  it('maps a variable to its source from a select per placeholder', async () => {
    const template = {
      id: 'tpl1',
      name: 'follow_up',
      language: 'en_US',
      category: 'UTILITY',
      status: 'APPROVED',
      components: [],
      variables: [
        { key: 'body.1', component: 'BODY', placeholder: '{{1}}', source: 'typed', example: 'Samuel' },
      ],
      syncedAt: 1,
    };
    const fake = await renderPage(
      adminRoutes({
        'GET /admin/templates': ok({ templates: [template] }),
        'PUT /admin/templates/tpl1/variables': ok(template),
      }),
      statusOf(ALICE),
    );
    const group = await screen.findByRole('group', { name: 'Variables of follow_up (en_US)' });
    fireEvent.change(within(group).getByLabelText('{{1}} in the body (example: Samuel)'), {
      target: { value: 'contact_first_name' },
    });
    fireEvent.click(within(group).getByRole('button', { name: 'Save variables of follow_up (en_US)' }));
    await waitFor(() => expect(fake.api.sent('PUT', '/admin/templates/tpl1/variables')).toHaveLength(1));
    expect(fake.api.sent('PUT', '/admin/templates/tpl1/variables')[0]?.body).toEqual({
      mappings: [{ key: 'body.1', source: 'contact_first_name' }],
    });
  });

  it('syncs templates from Meta and shows the counts', async () => {
    await renderPage(
      adminRoutes({ 'POST /admin/templates/sync': ok({ synced: 4, approved: 2, removed: 1, syncedAt: 1 }) }),
      statusOf(ALICE),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Sync templates from Meta' }));
    expect(await screen.findByText('Synced 4 templates from Meta: 2 approved, 1 removed.')).toBeTruthy();
  });

  it('S3: shows a dead letter payload as preformatted JSON text', async () => {
    const letter = { id: 'd1', receivedAt: 1, reason: 'unknown number', payload: { html: '<b>hi</b>' } };
    await renderPage(
      adminRoutes({ 'GET /admin/dead-letters': ok({ deadLetters: [letter] }) }),
      statusOf(ALICE),
    );
    const pre = await within(section('Dead letters')).findByText(/"html"/);
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent).toBe('{\n  "html": "<b>hi</b>"\n}');
    expect(pre.querySelector('b')).toBeNull();
  });
});

describe('options page: refusals put controls back (B21, A1)', () => {
  it("the organisation toggle shows the server's state again after a refusal", async () => {
    await renderPage(
      adminRoutes({ 'PATCH /admin/org': refuse(422, 'no_number', 'Set up the WhatsApp number first.') }),
      statusOf(ALICE),
    );
    const toggle = (await screen.findByLabelText(
      'WhatsApp enabled for the organisation',
    )) as HTMLInputElement;
    fireEvent.click(toggle);
    expect(
      await within(section('Organisation')).findByText('Set up the WhatsApp number first.'),
    ).toBeTruthy();
    await waitFor(() => expect(toggle.checked).toBe(true));
  });

  it('the any-page action stays off when the browser permission is refused, saying why', async () => {
    const fake = await renderPage({}, undefined);
    fake.permissions.request.mockResolvedValue(false);
    const box = screen.getByLabelText(
      'Show the WhatsApp action on any page with phone numbers',
    ) as HTMLInputElement;
    fireEvent.click(box);
    expect(fake.permissions.request).toHaveBeenCalledWith(['<all_urls>']);
    expect(await screen.findByText(/can show the WhatsApp action only on the supported CRMs/)).toBeTruthy();
    await waitFor(() => expect(box.checked).toBe(false));
  });
});

describe('options page: a refused form keeps what was typed', () => {
  it('keeps the edited keywords in place when the API refuses them, with its message', async () => {
    const message = 'settings.keywords.optIn.0: keywords are at most 40 characters';
    await renderPage(
      adminRoutes({ 'PATCH /admin/org': refuse(400, 'invalid_request', message) }),
      statusOf(ALICE),
    );
    const optIn = (await screen.findByLabelText('Opt-in keywords')) as HTMLTextAreaElement;
    fireEvent.input(optIn, { target: { value: 'x'.repeat(41) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save keywords' }));
    expect(await within(section('Keywords')).findByText(message)).toBeTruthy();
    expect((screen.getByLabelText('Opt-in keywords') as HTMLTextAreaElement).value).toBe('x'.repeat(41));
  });
});
