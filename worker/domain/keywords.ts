// Consent keywords (B3): which whole-message replies mean opt out, opt in, yes or no. Matching is
// case-, accent-, punctuation- and whitespace-insensitive; lists are per org with these defaults.
// Why each default word is (or is not) in a list: docs/keywords.md.

export type KeywordKind = 'opt_in' | 'opt_out' | 'yes' | 'no';

export interface KeywordLists {
  optIn: string[];
  optOut: string[];
  yes: string[];
  no: string[];
}

type ListName = keyof KeywordLists;

/** Refusals win: a word in several lists means the strongest "leave me alone" it can mean. */
const PRECEDENCE: readonly (readonly [ListName, KeywordKind])[] = [
  ['optOut', 'opt_out'],
  ['no', 'no'],
  ['optIn', 'opt_in'],
  ['yes', 'yes'],
];

const frozen = (words: string[]): string[] => Object.freeze(words) as string[];

/** English, Spanish, Portuguese, French and German. Frozen: copy before customising. */
export const DEFAULT_KEYWORDS: KeywordLists = Object.freeze({
  optOut: frozen([
    // English
    'STOP',
    'STOP ALL',
    'UNSUBSCRIBE',
    'OPT OUT',
    // Spanish
    'BAJA',
    'DARME DE BAJA',
    'DAR DE BAJA',
    'DESUSCRIBIR',
    'DESUSCRIBIRME',
    // Portuguese
    'PARAR',
    'SAIR',
    'DESCADASTRAR',
    'DESCADASTRE',
    'DESCADASTRAR-ME',
    // French
    'ARRÊT',
    'ARRÊTER',
    'DÉSABONNER',
    'ME DÉSABONNER',
    'DÉSINSCRIRE',
    'DÉSINSCRIPTION',
    // German
    'STOPP',
    'ABMELDEN',
    'ABBESTELLEN',
  ]),
  optIn: frozen([
    // English
    'START',
    'SUBSCRIBE',
    'OPT IN',
    'UNSTOP',
    // Spanish
    'ALTA',
    'DARME DE ALTA',
    'SUSCRIBIR',
    'SUSCRIBIRME',
    // Portuguese
    'COMEÇAR',
    'CADASTRAR',
    'INSCREVER',
    // French
    'COMMENCER',
    "M'ABONNER",
    'ABONNER',
    // German
    'ANMELDEN',
    'ABONNIEREN',
  ]),
  yes: frozen([
    // English
    'yes',
    'y',
    'yeah',
    'yep',
    'yup',
    'yes please',
    // Spanish
    'sí',
    'sí por favor',
    // Portuguese
    'sim',
    'sim por favor',
    // French
    'oui',
    'ouais',
    'oui merci',
    // German
    'ja',
    'ja bitte',
    'jawohl',
  ]),
  no: frozen([
    // English
    'no',
    'n',
    'nope',
    'nah',
    'no thanks',
    'no thank you',
    // Spanish
    'no gracias',
    // Portuguese
    'não',
    'não obrigado',
    'não obrigada',
    // French
    'non',
    'non merci',
    // German
    'nein',
    'nein danke',
  ]),
});

const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/**
 * The comparable form of a word or message: compatibility-decomposed (NFKD, so "ﬁ" and full-width
 * letters fold too), accents removed, lower case, letters and digits only. Emoji-only text is ''.
 */
export function normalizeKeyword(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

// The normalised index is built once per distinct lists value. Keyed by content, not identity: the
// org's lists arrive as a new object with every webhook (they cross a Durable Object call), and
// normalising every word again for each message cost more than the rest of matching.
const indexCache = new Map<string, ReadonlyMap<string, KeywordKind>>();
const MAX_CACHED_INDEXES = 64;

function indexOf(lists: KeywordLists): ReadonlyMap<string, KeywordKind> {
  const id = JSON.stringify(PRECEDENCE.map(([list]) => lists[list]));
  const cached = indexCache.get(id);
  if (cached) return cached;
  const index = new Map<string, KeywordKind>();
  for (const [list, kind] of PRECEDENCE) {
    for (const word of lists[list]) {
      const key = normalizeKeyword(word);
      if (key !== '' && !index.has(key)) index.set(key, kind);
    }
  }
  if (indexCache.size >= MAX_CACHED_INDEXES) indexCache.clear();
  indexCache.set(id, index);
  return index;
}

/**
 * What a customer's whole message means, or null. "stop it please" is not "stop": only the whole
 * message counts, so ordinary sentences never change consent.
 */
export function matchKeyword(text: string, lists: KeywordLists): KeywordKind | null {
  const key = normalizeKeyword(text);
  if (key === '') return null;
  return indexOf(lists).get(key) ?? null;
}

/**
 * Problems an admin must fix before saving custom lists: entries with no letters or digits (they
 * could never match), words in more than one list (ambiguous), and an empty opt-out list (the
 * policy requires honouring every opt-out request, so STOP-style words cannot be switched off).
 */
export function validateKeywordLists(lists: KeywordLists): { ok: true } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const owners = new Map<string, { word: string; lists: ListName[] }>();
  for (const [list] of PRECEDENCE) {
    for (const word of lists[list]) {
      const key = normalizeKeyword(word);
      if (key === '') {
        problems.push(`${list}: "${word}" has no letters or digits, so it can never match.`);
        continue;
      }
      const owner = owners.get(key) ?? { word, lists: [] };
      if (!owner.lists.includes(list)) owner.lists.push(list);
      owners.set(key, owner);
    }
  }
  for (const [key, owner] of owners) {
    if (owner.lists.length > 1) {
      problems.push(`"${owner.word}" (${key}) is in more than one list: ${owner.lists.join(', ')}.`);
    }
  }
  if (!lists.optOut.some((word) => normalizeKeyword(word) !== '')) {
    problems.push('optOut: at least one opt-out keyword is required.');
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
