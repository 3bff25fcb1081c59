import { describe, expect, it } from '@jest/globals';
import { CORPUS_CASE_REFERENCE, corpusTexts } from './identifyingDetail.corpus.js';
import { checkIdentifyingDetail, extendGuardLists } from './identifyingDetail.js';
import { GUARD_LISTS } from './lists.js';

// Each test file has its own modules, so the lists loaded here do not reach the other tests.
const kinds = (text: string) => {
  const result = checkIdentifyingDetail(text, [CORPUS_CASE_REFERENCE]);
  return result.ok ? [] : result.findings.map((f) => f.kind);
};

describe('the guard with its larger lists', () => {
  it('knows nothing of them before they are loaded', () => {
    expect(kinds('spoke to tiffany')).toEqual([]);
    expect(kinds('Persistent Absence')).toEqual(['name']);
  });

  it('holds the common English words and the first names', () => {
    expect(GUARD_LISTS.words.length).toBeGreaterThan(10_000);
    expect(GUARD_LISTS.names.length).toBeGreaterThan(8_000);
  });

  it('stops names only the larger list knows, in any case, and passes ordinary title-case words', () => {
    extendGuardLists(GUARD_LISTS);
    expect(kinds('spoke to tiffany')).toEqual(['name']);
    expect(kinds('TIFFANY')).toEqual(['name']);
    expect(kinds('Persistent Absence')).toEqual([]);
    expect(kinds('Fathers and Male Carers')).toEqual([]);
  });

  it('keeps a name it knew as a name, and makes a name that is an ordinary word need a context', () => {
    extendGuardLists({ words: ['smith', 'harbour'], names: ['Harbour', 'Quillon'] });
    expect(kinds('spoke to smith')).toEqual(['name']);
    expect(kinds('in the harbour')).toEqual([]);
    expect(kinds('Harbour said no')).toEqual(['name']);
    expect(kinds('spoke to quillon')).toEqual(['name']);
  });

  it('leaves a name it knew as needing a context as it was, when a list names it again', () => {
    extendGuardLists({ names: ['Harry'] });
    expect(kinds('harry')).toEqual([]);
    expect(kinds('YP Harry')).toEqual(['name']);
  });

  it('still stops every identifying text of the corpus and passes every professional one', () => {
    extendGuardLists(GUARD_LISTS);
    for (const c of corpusTexts()) {
      const found = kinds(c.text);
      if (c.expected === 'pass') expect([c.text, found]).toEqual([c.text, []]);
      else expect([c.text, found]).toEqual([c.text, expect.arrayContaining([c.expected])]);
    }
  });
});
