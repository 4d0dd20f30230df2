// Keywords (B3) as people edit them: one keyword per line in four text boxes, turned into the API's
// four lists and back. Blank lines and repeats (ignoring case) are dropped; the API checks lengths.
import type { KeywordListsDto } from '../../../shared/api/common';

export type KeywordListName = keyof KeywordListsDto;
export type KeywordTexts = Record<KeywordListName, string>;

export const KEYWORD_LISTS: { name: KeywordListName; label: string; hint: string }[] = [
  { name: 'optIn', label: 'Opt-in keywords', hint: 'Any time: the customer agrees to messages.' },
  { name: 'optOut', label: 'Opt-out keywords', hint: 'Any time: the customer stops all messages.' },
  { name: 'yes', label: 'Yes answers', hint: 'Accept a pending opt-in request.' },
  { name: 'no', label: 'No answers', hint: 'Decline a pending opt-in request.' },
];

export function linesToKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const keyword = line.trim();
    const folded = keyword.toLocaleLowerCase();
    if (keyword && !seen.has(folded)) {
      seen.add(folded);
      keywords.push(keyword);
    }
  }
  return keywords;
}

export function keywordsToTexts(lists: KeywordListsDto): KeywordTexts {
  return {
    optIn: lists.optIn.join('\n'),
    optOut: lists.optOut.join('\n'),
    yes: lists.yes.join('\n'),
    no: lists.no.join('\n'),
  };
}

export function textsToKeywords(texts: KeywordTexts): KeywordListsDto {
  return {
    optIn: linesToKeywords(texts.optIn),
    optOut: linesToKeywords(texts.optOut),
    yes: linesToKeywords(texts.yes),
    no: linesToKeywords(texts.no),
  };
}
