import { describe, expect, it } from '@jest/globals';
import { VOCABULARY, wordsOf } from './vocabulary.js';

describe('the words of a text, as the vocabulary holds them', () => {
  it('keeps hyphens and apostrophes inside a word, in lower case with plain apostrophes', () => {
    expect(wordsOf('Mother-in-law’s visit; O’Brien')).toEqual([
      "mother-in-law's",
      'visit',
      "o'brien",
    ]);
  });

  it('strips every hyphen and apostrophe around a word, however many', () => {
    expect(wordsOf("--Tuesday-- ''seen'' -'both'- ‘quoted’")).toEqual([
      'tuesday',
      'seen',
      'both',
      'quoted',
    ]);
    // Only marks: no word at all.
    expect(wordsOf("-- '' ’")).toEqual([]);
  });

  it('splits at anything that is not a letter, digits included', () => {
    expect(wordsOf('core group 3pm\n\tCP-plan, review.')).toEqual([
      'core',
      'group',
      'pm',
      'cp-plan',
      'review',
    ]);
  });

  it('holds professional words and never a capitalised form', () => {
    for (const word of ['evidence', 'judgement', 'covid', 'non-molestation', 'agency-lead'])
      expect([word, VOCABULARY.has(word)]).toEqual([word, true]);
    expect([...VOCABULARY].filter((w) => w !== w.toLowerCase())).toEqual([]);
  });
});
