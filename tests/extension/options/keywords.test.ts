import { describe, expect, it } from 'vitest';
import {
  keywordsToTexts,
  linesToKeywords,
  textsToKeywords,
} from '../../../extension/models/options/keywords';
import { DEFAULT_KEYWORDS } from './support';

describe('keywords as text (B3, B21)', () => {
  it('round-trips the four lists through one-keyword-per-line text', () => {
    const texts = keywordsToTexts(DEFAULT_KEYWORDS);
    expect(texts.optOut).toBe('STOP\nPARAR');
    expect(textsToKeywords(texts)).toEqual(DEFAULT_KEYWORDS);
  });

  it('drops blank lines, surrounding spaces and repeats that differ only in case', () => {
    expect(linesToKeywords('  Stop \r\n\n stop\nUNSUBSCRIBE\n\n')).toEqual(['Stop', 'UNSUBSCRIBE']);
    expect(linesToKeywords('')).toEqual([]);
  });
});
