// B7: a template filled from its mapped sources and the typed fields, previewed as the customer sees it.
import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  sourceValue,
  templateRequest,
  templateTitle,
  typedVariables,
  variableLabel,
} from '../../../extension/models/panel/template-fill';
import { template } from './fixtures';

const sources = { contactName: 'Samuel Johnson', userName: 'Alice Martin', orgName: 'Acme' };

describe('B7: template fill', () => {
  it('pre-fills mapped variables and previews the text as the customer will see it', () => {
    const filled = fillTemplate(template(), sources, { 'body.4': 'A-123' });
    expect(filled.header).toBe('Hello Samuel');
    expect(filled.body).toBe('Hi Samuel, this is Alice Martin from Acme. Your order A-123 is ready.');
    expect(filled.footer).toBe('Reply STOP to opt out');
    expect(filled.buttons).toEqual(['Thanks']);
    expect(filled.text).toBe(
      'Hello Samuel\n\nHi Samuel, this is Alice Martin from Acme. Your order A-123 is ready.\n\nReply STOP to opt out',
    );
    expect(filled.problems).toEqual([]);
  });

  it('sends only the typed values, keyed as the API expects (the server fills mapped ones)', () => {
    const t = template();
    const filled = fillTemplate(t, sources, { 'body.4': 'A-123' });
    expect(templateRequest(t, filled)).toEqual({
      type: 'template',
      name: 'order_update',
      language: 'en_US',
      params: { 'body.4': 'A-123' },
    });
  });

  it('shows an empty typed field as its placeholder and reports it', () => {
    const filled = fillTemplate(template(), sources, {});
    expect(filled.body).toContain('Your order [4] is ready.');
    expect(filled.problems).toEqual([
      { key: 'body.4', label: 'Field 4 of the message', message: 'Fill in this field.' },
    ]);
  });

  it.each`
    value               | message
    ${'two\nlines'}     | ${'WhatsApp does not allow line breaks, tabs or more than 4 spaces in a row here.'}
    ${'a     b'}        | ${'WhatsApp does not allow line breaks, tabs or more than 4 spaces in a row here.'}
    ${'x'.repeat(1025)} | ${'At most 1024 characters.'}
    ${'   '}            | ${'Fill in this field.'}
  `('refuses a typed value WhatsApp would refuse ($message)', ({ value, message }) => {
    expect(fillTemplate(template(), sources, { 'body.4': value }).problems[0]?.message).toBe(message);
  });

  it('named placeholders and typed ones in the header', () => {
    const t = template({
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Visit on {{day}}' },
        { type: 'BODY', text: 'Dear {{first_name}}, see you {{day}}.' },
      ],
      variables: [
        { key: 'header.day', component: 'HEADER', placeholder: 'day', source: 'typed' },
        {
          key: 'body.first_name',
          component: 'BODY',
          placeholder: 'first_name',
          source: 'contact_first_name',
        },
        { key: 'body.day', component: 'BODY', placeholder: 'day', source: 'typed' },
      ],
    });
    const filled = fillTemplate(t, sources, { 'header.day': 'Monday', 'body.day': 'Monday' });
    expect(filled.text).toBe('Visit on Monday\n\nDear Samuel, see you Monday.');
    expect(typedVariables(t).map(variableLabel)).toEqual(['day (title)', 'day (message)']);
  });

  it('a media header is not shown as text', () => {
    const t = template({
      components: [
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'Hi' },
      ],
      variables: [],
    });
    expect(fillTemplate(t, sources, {})).toMatchObject({ header: null, text: 'Hi' });
  });

  it.each`
    source                  | value
    ${'contact_first_name'} | ${'Samuel'}
    ${'contact_name'}       | ${'Samuel Johnson'}
    ${'user_name'}          | ${'Alice Martin'}
    ${'org_name'}           | ${'Acme'}
    ${'typed'}              | ${null}
  `('source $source is "$value"', ({ source, value }) => {
    expect(sourceValue(source, sources)).toBe(value);
  });

  it('names templates readably', () => {
    expect(templateTitle({ name: 'order_update', language: 'en_US' })).toBe('Order update (en_US)');
  });
});
