import { describe, expect, it } from 'vitest';
import { createNumberModel, numberPutOf } from '../../../extension/models/options/number';
import {
  canBeOptIn,
  createTemplatesModel,
  mappingsOf,
  optInChoices,
  refOf,
  refValue,
  syncSummary,
} from '../../../extension/models/options/templates';
import type { AdminTemplate } from '../../../shared/api/templates';
import { adminRoutes, fakePorts, ok, refuse } from './support';

const NUMBER = {
  id: 'n1',
  phoneNumberId: '1234567890',
  displayPhoneNumber: '+1 555 0100',
  wabaId: '9876543210',
  hasAccessToken: true,
  paused: true,
  pausedReason: 'Meta flagged the number (quality RED).',
  updatedAt: 1_700_000_000_000,
};

describe('the WhatsApp number (B21): the token is write-only', () => {
  it('sends the token only when one was typed; an empty field keeps the stored one', () => {
    const form = { phoneNumberId: ' 123 ', displayPhoneNumber: '+1 555', wabaId: '456', accessToken: '  ' };
    expect(numberPutOf(form)).toEqual({ phoneNumberId: '123', displayPhoneNumber: '+1 555', wabaId: '456' });
    expect(numberPutOf({ ...form, accessToken: ' EAAG-new ' }).accessToken).toBe('EAAG-new');
  });

  it('reads "no number yet" from a 404, saves with PUT, and resumes a paused number', async () => {
    const fake = fakePorts(
      adminRoutes({
        'GET /admin/number': refuse(404, 'not_found', 'No number yet.'),
        'PUT /admin/number': ok(NUMBER),
        'POST /admin/number/resume': ok({ ...NUMBER, paused: false, pausedReason: null }),
      }),
    );
    const number = createNumberModel(fake.ports);
    await number.load();
    expect(number.settings.value).toBeNull();
    await number.save({
      phoneNumberId: '1234567890',
      displayPhoneNumber: '+1 555 0100',
      wabaId: '9876543210',
      accessToken: 'EAAG-token',
    });
    expect(fake.api.sent('PUT', '/admin/number')[0]?.body).toMatchObject({ accessToken: 'EAAG-token' });
    expect(number.settings.value?.paused).toBe(true);
    await number.resume();
    expect(fake.api.sent('POST', '/admin/number/resume')).toHaveLength(1);
    expect(number.settings.value?.paused).toBe(false);
  });
});

function template(id: string, extra: Partial<AdminTemplate> = {}): AdminTemplate {
  return {
    id,
    name: id,
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    components: [{ type: 'BODY', text: 'Hi {{1}}, this is {{2}}.' }],
    variables: [
      {
        key: 'body.1',
        component: 'BODY',
        placeholder: '{{1}}',
        source: 'contact_first_name',
        example: 'Samuel',
      },
      { key: 'body.2', component: 'BODY', placeholder: '{{2}}', source: 'typed' },
    ],
    syncedAt: 1_700_000_000_000,
    ...extra,
  };
}

describe('templates (B1, B7, B21)', () => {
  it('lets only approved UTILITY templates be the opt-in', () => {
    const list = [
      template('greenline_opt_in'),
      template('promo', { category: 'MARKETING' }),
      template('pending_one', { status: 'PENDING' }),
    ];
    expect(optInChoices(list).map((t) => t.name)).toEqual(['greenline_opt_in']);
    expect(canBeOptIn(list[1] as AdminTemplate)).toBe(false);
    expect(refOf(refValue({ name: 'greenline_opt_in', language: 'pt_BR' }))).toEqual({
      name: 'greenline_opt_in',
      language: 'pt_BR',
    });
    expect(refOf('')).toBeNull();
  });

  it('syncs from Meta and says what changed', async () => {
    const fake = fakePorts(
      adminRoutes({
        'POST /admin/templates/sync': ok({ synced: 5, approved: 3, removed: 1, syncedAt: 1 }),
        'GET /admin/templates': ok({ templates: [template('greenline_opt_in')] }),
      }),
    );
    const templates = createTemplatesModel(fake.ports);
    await templates.sync();
    expect(templates.task.done.value).toBe(syncSummary({ synced: 5, approved: 3, removed: 1 }));
    expect(templates.task.done.value).toBe('Synced 5 templates from Meta: 3 approved, 1 removed.');
    expect(templates.templates.value).toHaveLength(1);
  });

  it('sends every variable of a template with its chosen source', async () => {
    const t = template('follow_up');
    const saved = { ...t, variables: t.variables.map((v) => ({ ...v, source: 'contact_name' as const })) };
    const fake = fakePorts(
      adminRoutes({
        'GET /admin/templates': ok({ templates: [t] }),
        'PUT /admin/templates/follow_up/variables': ok(saved),
      }),
    );
    const templates = createTemplatesModel(fake.ports);
    await templates.load();
    templates.choose(t, 'body.2', 'user_name');
    expect(mappingsOf(t, templates.drafts.value[t.id])).toEqual([
      { key: 'body.1', source: 'contact_first_name' },
      { key: 'body.2', source: 'user_name' },
    ]);
    await templates.saveVariables(t);
    expect(fake.api.sent('PUT', '/admin/templates/follow_up/variables')[0]?.body).toEqual({
      mappings: [
        { key: 'body.1', source: 'contact_first_name' },
        { key: 'body.2', source: 'user_name' },
      ],
    });
    expect(templates.drafts.value).toEqual({});
    expect(templates.templates.value[0]?.variables[1]?.source).toBe('contact_name');
  });
});
