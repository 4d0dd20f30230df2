import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEYWORDS,
  type KeywordKind,
  type KeywordLists,
  matchKeyword,
  normalizeKeyword,
  validateKeywordLists,
} from '../../worker/domain/keywords';

const match = (text: string): KeywordKind | null => matchKeyword(text, DEFAULT_KEYWORDS);

describe('normalizeKeyword', () => {
  it.each([
    ['STOP', 'stop'],
    ['Stop', 'stop'],
    ['stop ', 'stop'],
    ['  S.T.O.P!  ', 'stop'],
    ['opt-out', 'optout'],
    ['opt out', 'optout'],
    ['Opt_Out', 'optout'],
    ['ARRÊT', 'arret'],
    ['Désabonner', 'desabonner'],
    ['não', 'nao'],
    ['Sí', 'si'],
    ['Começar', 'comecar'],
    ['ＳＴＯＰ', 'stop'], // full-width letters fold under NFKD
    ['stop\u00a0\t\n', 'stop'],
    ['abc123', 'abc123'],
    ['👍', ''],
    ['🛑 ✋', ''],
    ['', ''],
    ['...', ''],
  ])('B3: %j normalises to %j', (input, expected) => {
    expect(normalizeKeyword(input)).toBe(expected);
  });

  it('B3: is idempotent and never keeps marks, spaces or punctuation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const once = normalizeKeyword(text);
        expect(normalizeKeyword(once)).toBe(once);
        expect(once).toMatch(/^[\p{L}\p{N}]*$/u);
        expect(once).not.toMatch(/\p{M}/u);
      }),
    );
  });
});

describe('matchKeyword with the default lists', () => {
  it.each<[string, KeywordKind]>([
    // English
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    ['Stop.', 'opt_out'],
    ['S.T.O.P!', 'opt_out'],
    ['  stop  ', 'opt_out'],
    ['Unsubscribe', 'opt_out'],
    ['opt out', 'opt_out'],
    ['Opt-Out', 'opt_out'],
    ['STOP ALL', 'opt_out'],
    ['START', 'opt_in'],
    ['Subscribe!', 'opt_in'],
    ['opt-in', 'opt_in'],
    ['unstop', 'opt_in'],
    ['Yes', 'yes'],
    ['y', 'yes'],
    ['YEAH!!', 'yes'],
    ['yep', 'yes'],
    ['No', 'no'],
    ['N', 'no'],
    ['nope', 'no'],
    ['No, thanks.', 'no'],
    ['no thank you', 'no'],
    // Spanish
    ['baja', 'opt_out'],
    ['BAJA', 'opt_out'],
    ['Darme de baja', 'opt_out'],
    ['alta', 'opt_in'],
    ['Sí', 'yes'],
    ['si', 'yes'],
    ['¡Sí!', 'yes'],
    ['No gracias', 'no'],
    // Portuguese
    ['parar', 'opt_out'],
    ['Sair', 'opt_out'],
    ['descadastrar', 'opt_out'],
    ['Começar', 'opt_in'],
    ['comecar', 'opt_in'],
    ['sim', 'yes'],
    ['Não', 'no'],
    ['nao', 'no'],
    ['Não, obrigado', 'no'],
    // French
    ['Arrêt', 'opt_out'],
    ['ARRET', 'opt_out'],
    ['désabonner', 'opt_out'],
    ['Commencer', 'opt_in'],
    ["m'abonner", 'opt_in'],
    ['Oui', 'yes'],
    ['oui !', 'yes'],
    ['Non', 'no'],
    ['non merci', 'no'],
    // German
    ['Stopp', 'opt_out'],
    ['abmelden', 'opt_out'],
    ['Abbestellen', 'opt_out'],
    ['Anmelden', 'opt_in'],
    ['Ja', 'yes'],
    ['ja bitte', 'yes'],
    ['Nein', 'no'],
    ['Nein, danke!', 'no'],
  ])('B3: %j means %s', (text, kind) => {
    expect(match(text)).toBe(kind);
  });

  it.each([
    'stop it please',
    'please stop',
    'yes but later',
    'no idea',
    'I want to cancel my order',
    'cancel', // customers cancel orders, not consent
    'end',
    'quit',
    'ok',
    'stopstop',
    'stop stop',
    '',
    '   ',
    '👍',
    '🛑',
  ])('B3: %j is not a keyword (whole message only, no order words)', (text) => {
    expect(match(text)).toBeNull();
  });

  it('B3: spaces inside a keyword are ignored like punctuation ("s t o p" is STOP)', () => {
    expect(match('s t o p')).toBe('opt_out');
  });

  it('B3: a keyword plus another word matches nothing (unless that phrase is itself a keyword)', () => {
    const { optOut, optIn, yes, no } = DEFAULT_KEYWORDS;
    const entries = new Set([...optOut, ...optIn, ...yes, ...no].map(normalizeKeyword));
    const keyword = fc.constantFrom(...optOut, ...optIn, ...yes, ...no);
    const extra = fc.constantFrom('please', 'now', 'maybe later', 'thanks a lot', 'xyz', 'bitte', 'merci');
    fc.assert(
      fc.property(keyword, extra, fc.boolean(), (word, more, before) => {
        const text = before ? `${more} ${word}` : `${word} ${more}`;
        fc.pre(!entries.has(normalizeKeyword(text)));
        expect(match(text)).toBeNull();
      }),
    );
    expect(match('yes please')).toBe('yes');
  });

  it('B3: case, accents, surrounding punctuation and spaces never change the match', () => {
    const all = [...DEFAULT_KEYWORDS.optOut, ...DEFAULT_KEYWORDS.optIn, ...DEFAULT_KEYWORDS.yes];
    const noise = fc.constantFrom('', ' ', '!', '.', '?!', '¡', '¿', '"', '…', ' 🙂', '\n');
    fc.assert(
      fc.property(
        fc.constantFrom(...all, ...DEFAULT_KEYWORDS.no),
        noise,
        noise,
        fc.boolean(),
        (w, a, b, up) => {
          const variant = `${a}${up ? w.toUpperCase() : w.toLowerCase()}${b}`;
          expect(match(variant)).toBe(match(w));
          expect(match(w.normalize('NFD'))).toBe(match(w));
        },
      ),
    );
  });

  it('B3: the default lists are valid: no word in two lists, no empty entries', () => {
    expect(validateKeywordLists(DEFAULT_KEYWORDS)).toEqual({ ok: true });
  });

  it('B3: defaults are frozen so one org cannot change another’s lists', () => {
    expect(Object.isFrozen(DEFAULT_KEYWORDS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_KEYWORDS.optOut)).toBe(true);
  });
});

describe('matchKeyword with custom lists', () => {
  const custom: KeywordLists = { optOut: ['basta'], optIn: ['vamos'], yes: ['certo'], no: ['negativo'] };

  it.each<[string, KeywordKind | null]>([
    ['BASTA!', 'opt_out'],
    ['vamos', 'opt_in'],
    ['Certo.', 'yes'],
    ['negativo', 'no'],
    ['stop', null], // custom lists replace the defaults
    ['yes', null],
  ])('B3: per-org list: %j → %s', (text, kind) => {
    expect(matchKeyword(text, custom)).toBe(kind);
  });

  it('B3: a word in several lists resolves opt_out > no > opt_in > yes (refusals win)', () => {
    const lists: KeywordLists = {
      optOut: ['halt', 'both'],
      optIn: ['go', 'both', 'maybe', 'sure'],
      yes: ['sure', 'both', 'maybe', 'halt'],
      no: ['maybe', 'both', 'halt'],
    };
    expect(matchKeyword('both', lists)).toBe('opt_out');
    expect(matchKeyword('halt', lists)).toBe('opt_out');
    expect(matchKeyword('maybe', lists)).toBe('no');
    expect(matchKeyword('sure', lists)).toBe('opt_in');
    expect(matchKeyword('go', lists)).toBe('opt_in');
  });

  it('B3: precedence holds for any word placed in any set of lists', () => {
    const order: [keyof KeywordLists, KeywordKind][] = [
      ['optOut', 'opt_out'],
      ['no', 'no'],
      ['optIn', 'opt_in'],
      ['yes', 'yes'],
    ];
    fc.assert(
      fc.property(fc.subarray(order, { minLength: 1 }), fc.stringMatching(/^[a-z]{1,8}$/), (placed, word) => {
        const lists: KeywordLists = { optOut: ['zzstop'], optIn: [], yes: [], no: [] };
        for (const [name] of placed) lists[name].push(word);
        const expected = word === 'zzstop' ? 'opt_out' : placed[0]?.[1];
        expect(matchKeyword(word, lists)).toBe(expected);
      }),
    );
  });

  it('B3: an emoji-only entry never matches emoji-only messages', () => {
    expect(matchKeyword('🛑', { optOut: ['🛑', 'stop'], optIn: [], yes: [], no: [] })).toBeNull();
  });
});

describe('validateKeywordLists', () => {
  it('B3: reports entries that normalise to nothing', () => {
    const result = validateKeywordLists({ optOut: ['stop', '🛑'], optIn: ['...'], yes: [], no: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toContain('optOut');
    expect(result.problems[1]).toContain('optIn');
  });

  it('B3: reports words shared between kinds, after normalisation', () => {
    const result = validateKeywordLists({ optOut: ['STOP'], optIn: ['start'], yes: ['Sí'], no: ['si!'] });
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/\(si\) .* no, yes/u)] });
  });

  it('B3: duplicates inside one list are harmless', () => {
    expect(validateKeywordLists({ optOut: ['stop', 'STOP', 's.t.o.p'], optIn: [], yes: [], no: [] })).toEqual(
      {
        ok: true,
      },
    );
  });

  it("B3: an admin's changed lists apply to the next message, whether they arrive as the same object or a copy", () => {
    const before: KeywordLists = { optOut: ['stop'], optIn: ['start'], yes: ['yes'], no: ['no'] };
    expect(matchKeyword('ARRÊT', before)).toBeNull();
    const after: KeywordLists = { ...before, optOut: ['stop', 'arret'] };
    expect(matchKeyword('ARRÊT', after)).toBe('opt_out');
    expect(matchKeyword('ARRÊT', structuredClone(after))).toBe('opt_out');
    expect(matchKeyword('ARRÊT', structuredClone(before))).toBeNull();
  });

  it('B3: opt-out keywords cannot be switched off', () => {
    const result = validateKeywordLists({ optOut: [], optIn: ['start'], yes: ['yes'], no: ['no'] });
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining('opt-out')] });
  });

  it('B3: valid lists match every entry to its own kind', () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    const lists = fc.record({
      optOut: fc.array(word, { minLength: 1, maxLength: 5 }),
      optIn: fc.array(word, { maxLength: 5 }),
      yes: fc.array(word, { maxLength: 5 }),
      no: fc.array(word, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(lists, (l) => {
        fc.pre(validateKeywordLists(l).ok);
        for (const w of l.optOut) expect(matchKeyword(w, l)).toBe('opt_out');
        for (const w of l.optIn) expect(matchKeyword(w, l)).toBe('opt_in');
        for (const w of l.yes) expect(matchKeyword(w, l)).toBe('yes');
        for (const w of l.no) expect(matchKeyword(w, l)).toBe('no');
      }),
    );
  });
});
