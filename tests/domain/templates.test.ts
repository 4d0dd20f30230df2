import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGS, OPT_IN_TEMPLATE_NAME } from '../../shared/demo';
import {
  isSendable,
  isValidOptInTemplate,
  quickReplyButtons,
  renderTemplate,
  type TemplateDefinition,
  templateVariables,
} from '../../worker/domain/templates';

const demo = (DEMO_ORGS[0]?.number.templates ?? []).map(
  (t): TemplateDefinition => ({ ...t, parameterFormat: t.parameter_format }),
);
const demoTemplate = (name: string) => demo.find((t) => t.name === name) as TemplateDefinition;
const optIn = demoTemplate(OPT_IN_TEMPLATE_NAME);

// Meta's own example (reference §4.1): positional header and body, footer, URL + quick reply.
const coupon: TemplateDefinition = {
  name: 'coupon_expiration_reminder_number_vars',
  language: 'en',
  category: 'MARKETING',
  status: 'APPROVED',
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!' },
    { type: 'BODY', text: 'Your code {{1}} expires in {{2}} days' },
    { type: 'FOOTER', text: 'Lucky Shrub Succulents' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'See deals', url: 'https://example.com' },
        { type: 'QUICK_REPLY', text: 'Unsubscribe' },
      ],
    },
  ],
};

const named: TemplateDefinition = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  status: 'APPROVED',
  parameterFormat: 'NAMED',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Hi {{first_name}}, order {{order_id}} is ready, {{first_name}}.' },
  ],
};

describe('templateVariables', () => {
  it('B7: positional header and body variables, numbered per component', () => {
    expect(templateVariables(coupon)).toEqual([
      { component: 'header', index: 1, name: null, placeholder: '{{1}}' },
      { component: 'body', index: 1, name: null, placeholder: '{{1}}' },
      { component: 'body', index: 2, name: null, placeholder: '{{2}}' },
    ]);
  });

  it('B7: named variables in order of first appearance, each once; media headers have none', () => {
    expect(templateVariables(named)).toEqual([
      { component: 'body', index: 1, name: 'first_name', placeholder: '{{first_name}}' },
      { component: 'body', index: 2, name: 'order_id', placeholder: '{{order_id}}' },
    ]);
  });

  it.each([
    ['greenline_opt_in', 1],
    ['meeting_follow_up', 3],
    ['appointment_reminder', 3],
    ['seasonal_offer', 2],
    ['flash_sale_blast', 0],
  ])('B7: demo template %s has %i variables', (name, count) => {
    expect(templateVariables(demoTemplate(name))).toHaveLength(count);
  });

  it('B7: positional values go by number, whatever order the placeholders appear in', () => {
    const def: TemplateDefinition = {
      ...coupon,
      components: [{ type: 'BODY', text: '{{2}} then {{1}} and {{ 2 }}' }],
    };
    expect(templateVariables(def).map((v) => v.placeholder)).toEqual(['{{1}}', '{{2}}']);
    expect(renderTemplate(def, { body: ['one', 'two'] })).toMatchObject({ body: 'two then one and two' });
  });

  it('B7: without parameter_format the format is inferred from the placeholders', () => {
    const { parameterFormat: _p, ...positional } = coupon;
    const { parameterFormat: _n, ...unnamed } = named;
    expect(templateVariables(positional)).toHaveLength(3);
    expect(templateVariables(unnamed).map((v) => v.name)).toEqual(['first_name', 'order_id']);
  });
});

describe('renderTemplate', () => {
  it('B7: renders the exact text the customer sees: header, body, footer joined by blank lines', () => {
    expect(renderTemplate(coupon, { header: ['Pablo'], body: ['SUMMER20', '10'] })).toEqual({
      ok: true,
      text: 'Act fast, Pablo!\n\nYour code SUMMER20 expires in 10 days\n\nLucky Shrub Succulents',
      header: 'Act fast, Pablo!',
      body: 'Your code SUMMER20 expires in 10 days',
      footer: 'Lucky Shrub Succulents',
      buttons: ['See deals', 'Unsubscribe'],
    });
  });

  it('B5: the opt-in renders with the business name and its Yes / No buttons', () => {
    const result = renderTemplate(optIn, { body: ['Samuel'] });
    expect(result).toMatchObject({
      ok: true,
      header: null,
      footer: 'Acme via Greenline',
      buttons: ['Yes', 'No'],
    });
    expect(result.ok && result.text).toBe(
      'Hi Samuel, Acme would like to send you messages on WhatsApp about your enquiry. Reply Yes to agree or No to decline. You can opt out at any time by replying STOP.\n\nAcme via Greenline',
    );
  });

  it('B7: named values fill every occurrence of their name', () => {
    expect(renderTemplate(named, { body: ['Ana', 'A-17'] })).toMatchObject({
      ok: true,
      text: 'Hi Ana, order A-17 is ready, Ana.',
      header: null,
    });
  });

  it.each<[string, { header?: string[]; body: string[] }, string]>([
    ['too few body values', { header: ['Pablo'], body: ['SUMMER20'] }, 'param_count_mismatch'],
    ['too many body values', { header: ['Pablo'], body: ['a', 'b', 'c'] }, 'param_count_mismatch'],
    ['a missing header value', { body: ['a', 'b'] }, 'param_count_mismatch'],
    ['an empty value', { header: ['Pablo'], body: ['', '10'] }, 'empty_param'],
    ['a blank value', { header: ['   '], body: ['a', '10'] }, 'empty_param'],
    ['a line break', { header: ['Pablo'], body: ['a\nb', '10'] }, 'invalid_param'],
    ['a carriage return', { header: ['Pablo'], body: ['a\rb', '10'] }, 'invalid_param'],
    ['a tab', { header: ['Pablo'], body: ['a\tb', '10'] }, 'invalid_param'],
    ['five spaces in a row', { header: ['Pablo'], body: ['a     b', '10'] }, 'invalid_param'],
    ['1025 characters', { header: ['Pablo'], body: ['x'.repeat(1025), '10'] }, 'invalid_param'],
  ])('B7: refuses %s', (_name, params, reason) => {
    expect(renderTemplate(coupon, params)).toMatchObject({ ok: false, reason, message: expect.any(String) });
  });

  it.each([
    ['four spaces', 'a    b'],
    ['1024 characters', 'x'.repeat(1024)],
    ['placeholder-looking text', '{{2}}'],
    ['replacement patterns', "$& $1 $$ $'"],
  ])('B7: accepts %s verbatim', (_name, value) => {
    expect(renderTemplate(coupon, { header: ['P'], body: [value, '10'] })).toMatchObject({
      ok: true,
      body: `Your code ${value} expires in 10 days`,
    });
  });

  it('B7: header values for a media header are a count mismatch', () => {
    expect(renderTemplate(named, { header: ['x'], body: ['Ana', 'A-17'] })).toMatchObject({
      ok: false,
      reason: 'param_count_mismatch',
    });
  });

  it('B7: any valid values render, each appearing in the text and no placeholder left (property)', () => {
    const value = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((v) => v.trim() !== '' && !/[\n\r\t]| {5}/.test(v));
    fc.assert(
      fc.property(value, value, value, (h, b1, b2) => {
        const result = renderTemplate(coupon, { header: [h], body: [b1, b2] });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.text).toBe(
          `Act fast, ${h}!\n\nYour code ${b1} expires in ${b2} days\n\nLucky Shrub Succulents`,
        );
      }),
    );
  });

  it('B7: the value count must equal the variable count (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constant('v'), { maxLength: 5 }), (body) => {
        const result = renderTemplate(coupon, { header: ['h'], body });
        expect(result.ok).toBe(body.length === 2);
      }),
    );
  });
});

describe('sendable and opt-in templates', () => {
  it('B7: quick-reply labels in order, other buttons left out', () => {
    expect(quickReplyButtons(optIn)).toEqual(['Yes', 'No']);
    expect(quickReplyButtons(coupon)).toEqual(['Unsubscribe']);
    expect(quickReplyButtons(named)).toEqual([]);
  });

  it.each(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'approved'])(
    'B7: only APPROVED is sendable (%s)',
    (status) => {
      expect(isSendable({ ...coupon, status })).toBe(status === 'APPROVED');
    },
  );

  it('B7: the demo offers exactly the approved templates', () => {
    expect(demo.filter(isSendable).map((t) => t.name)).toEqual([
      'greenline_opt_in',
      'meeting_follow_up',
      'appointment_reminder',
      'seasonal_offer',
      'product_brochure',
    ]);
  });

  it('B1: the demo opt-in templates qualify for their own org, not for another', () => {
    for (const org of DEMO_ORGS) {
      const def = org.number.templates.find((t) => t.name === OPT_IN_TEMPLATE_NAME);
      expect(def && isValidOptInTemplate(def, org.name)).toEqual({ ok: true });
      expect(def && isValidOptInTemplate(def, org.name.toUpperCase())).toEqual({ ok: true });
    }
    expect(isValidOptInTemplate(optIn, 'Globex')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Globex'),
    });
  });

  const withReplies = (...labels: string[]): TemplateDefinition => ({
    ...optIn,
    components: [
      ...optIn.components.filter((c) => c.type !== 'BUTTONS'),
      { type: 'BUTTONS', buttons: labels.map((text) => ({ type: 'QUICK_REPLY', text })) },
    ],
  });

  it.each<[string, TemplateDefinition, RegExp]>([
    ['a MARKETING template', { ...optIn, category: 'MARKETING' }, /UTILITY/],
    ['a PENDING template', { ...optIn, status: 'PENDING' }, /APPROVED/],
    ['one quick reply', withReplies('Yes'), /two quick-reply/],
    ['three quick replies', withReplies('Yes', 'No', 'Maybe'), /two quick-reply/],
    ['a third reply that also means yes', withReplies('Yes', 'No', 'Y'), /two quick-reply/],
    ['two yeses', withReplies('Yes', 'Sure, yes'), /Yes and one No|one Yes/],
    ['labels that are not yes / no', withReplies('Accept', 'Decline'), /one Yes/],
    ['the name only in the footer', { ...optIn, components: [{ type: 'BODY', text: 'Hi {{1}}' }] }, /name/],
  ])('B1: refuses %s as the opt-in', (_name, def, reason) => {
    expect(isValidOptInTemplate(def, 'Acme')).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it.each([
    ['Sí', 'No'],
    ['Não', 'Sim'],
    ['Oui', 'Non'],
    ['Ja', 'Nein'],
  ])('B1: opt-in buttons may be in another language (%s / %s)', (a, b) => {
    expect(isValidOptInTemplate(withReplies(a, b), 'acme')).toEqual({ ok: true });
  });
});
