import { describe, expect, it } from 'vitest';
import { deepQueryAll, isPhoneLike, isVisible, readValue, tidyPhones } from '../../../extension/crm/dom';
import { loadPage } from './support';

describe('CRM DOM helpers', () => {
  it.each([
    '+55 11 91234-5678',
    '(415) 555-0199',
    '+1 415.555.0101',
    '020 7946 0958',
    '+1 415 555 0101 ext. 12',
  ])('reads %s as a phone number', (raw) => expect(isPhoneLike(raw)).toBe(true));

  it.each(['*******1234', '+55 11 9****-5678', '+1 ••• ••• 0101', 'XXX-XXX-1234', '0101', '—', '', 'n/a'])(
    'never offers a masked or partial value: %s',
    (raw) => expect(isPhoneLike(raw)).toBe(false),
  );

  it('B19: keeps one of each number, labelled mobile numbers first, the rest in page order', () => {
    expect(
      tidyPhones([
        { raw: '+55 11 3333-4444', label: 'Work' },
        { raw: ' +55  11 3333-4444 ', label: 'Phone' },
        { raw: '+55 11 5555-0000', label: null },
        { raw: '+55 11 91234-5678', label: 'Celular' },
        { raw: '+55 11 9****-5678', label: 'Mobile' },
      ]),
    ).toEqual([
      { raw: '+55 11 91234-5678', label: 'Celular' },
      { raw: '+55 11 3333-4444', label: 'Work' },
      { raw: '+55 11 5555-0000', label: null },
    ]);
  });

  it('sees hidden attributes, display:none and hidden shadow hosts as not visible', () => {
    loadPage(`<div id="a">x</div><div hidden><p id="b">x</p></div><div style="display:none"><p id="c">x</p></div>
      <section style="visibility:hidden"><p id="d">x</p></section><div id="host" style="display:none"></div>`);
    const inShadow = document.createElement('p');
    document.getElementById('host')?.attachShadow({ mode: 'open' }).append(inShadow);
    const byId = (id: string) => document.getElementById(id) as Element;
    expect(isVisible(byId('a'))).toBe(true);
    expect(['b', 'c', 'd'].map((id) => isVisible(byId(id)))).toEqual([false, false, false]);
    expect(isVisible(inShadow)).toBe(false);
    expect(isVisible(document.createElement('p'))).toBe(false);
  });

  it('finds elements inside nested open shadow roots', () => {
    loadPage('<x-outer></x-outer><a class="t">light</a>');
    const outer = document.querySelector('x-outer')?.attachShadow({ mode: 'open' });
    const inner = document.createElement('x-inner');
    outer?.append(inner);
    inner.attachShadow({ mode: 'open' }).innerHTML = '<a class="t">deep</a>';
    expect(deepQueryAll(document, 'a.t').map((a) => a.textContent)).toEqual(['light', 'deep']);
  });

  it('reads an input or textarea by its value and any other element by its text', () => {
    loadPage(
      '<textarea readonly>  +1 415\n555 0101 </textarea><input value="+1 415 555 0102"><span> +1 415 <b>555</b> 0103</span>',
    );
    const [textarea, input, span] = ['textarea', 'input', 'span'].map((s) => document.querySelector(s));
    expect([readValue(textarea ?? null), readValue(input ?? null), readValue(span ?? null)]).toEqual([
      '+1 415 555 0101',
      '+1 415 555 0102',
      '+1 415 555 0103',
    ]);
  });
});
