import { describe, expect, it } from 'vitest';
import {
  GENERIC_LIMITS,
  genericAdapter,
  OWN_NODE_ATTRIBUTE,
  phonesInText,
} from '../../../extension/crm/generic';
import { expectFixture, fixture, fixtures, loadPage, summary } from './support';

const find = (url = 'https://example.com/') => genericAdapter.find(document, new URL(url));

describe('generic adapter (any page)', () => {
  it.each(fixtures('generic').map((f) => [f.name, f] as const))('B18: %s', (_name, f) => {
    expectFixture(genericAdapter, f);
  });

  it.each([
    ['Call +55 11 3333-4444 today', ['+55 11 3333-4444']],
    ['(212) 555-0187, ext. 12', ['(212) 555-0187']],
    ['+14155550101 or +1 (415) 555-0102', ['+14155550101', '+1 (415) 555-0102']],
    ['Tel. 020 7946 0958 / 415.555.0199', ['020 7946 0958', '415.555.0199']],
    ['fax: +44 20 7946 0958', []],
    ['Order #2024-555-0123 shipped', []],
    ['2024-555-0123', []],
    ['on 2024-05-12 and 12.05.2024', []],
    ['v10.2.3.4 at 192.168.100.200', []],
    ['8 000 000 000 people', []],
    ['ref 1Z-999-AA1-0123', []],
    // Europe writes groups of one digit (France) and of six to eight (UK mobiles, Germany).
    ['Mobile: +44 7700 900123 or 07700 900123', ['+44 7700 900123', '07700 900123']],
    ['Tél. +33 6 12 34 56 78', ['+33 6 12 34 56 78']],
    [
      '+49 151 23456789 / 030 12345678 / +49 (0)30 1234567',
      ['+49 151 23456789', '030 12345678', '+49 (0)30 1234567'],
    ],
    ['Mobiel +31 6 12345678', ['+31 6 12345678']],
    ['IBAN DE89 3704 0044 0532 0130 00', []],
    ['Rechnung 2024 0001 2345 vom 05 11 2024', []],
  ])('phone-shaped text in %j', (text, phones) => {
    expect(phonesInText(text)).toEqual(phones);
  });

  it('B18: one action per distinct number, after its link or inside its table cell', () => {
    loadPage(fixture('generic', 'team-directory').html);
    const found = find();
    const link = found.find((f) => f.record.name === 'Samuel Johnson');
    expect(link?.placement).toMatchObject({ position: 'after' });
    expect(link?.placement.anchor.tagName).toBe('A');
    const cell = found.find((f) => f.record.phones[0]?.raw === '020 7946 0958');
    expect(cell?.placement).toMatchObject({ position: 'last' });
    expect(cell?.placement.anchor.tagName).toBe('TD');
    expect(
      found.every((f) => f.record.objectType === 'page' && f.record.url === 'https://example.com/'),
    ).toBe(true);
  });

  it('never reads its own nodes and never changes the page text', () => {
    loadPage(
      '<p>Call +1 415 555 0101</p><span data-greenline><a href="tel:+14155550102">x</a> +1 415 555 0103</span>',
    );
    expect(OWN_NODE_ATTRIBUTE).toBe('data-greenline');
    const before = document.body.innerHTML;
    expect(summary(find()).map((r) => r.phones[0])).toEqual(['+1 415 555 0101']);
    expect(document.body.innerHTML).toBe(before);
  });

  it('P4: returns a capped number of records', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `<p>+1 415 555 ${String(i).padStart(4, '0')}</p>`);
    loadPage(rows.join(''));
    expect(find()).toHaveLength(GENERIC_LIMITS.results);
  });

  it('P4: stops reading text after a capped number of text nodes', () => {
    const filler = Array.from({ length: GENERIC_LIMITS.textNodes }, (_, i) => `<p>item ${i}0</p>`).join('');
    loadPage(`<p>+1 415 555 0101</p>${filler}<p>+1 415 555 0102</p>`);
    expect(summary(find()).map((r) => r.phones[0])).toEqual(['+1 415 555 0101']);
  });

  it('a malformed escape in a tel: link is read as written', () => {
    loadPage('<a href="tel:+1%E0%A4%A 415 555 0101">call</a>');
    expect(() => find()).not.toThrow();
  });
});
