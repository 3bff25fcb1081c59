import { describe, expect, it } from '@jest/globals';
import { bothTexts, matchTokens, mergeText, resolveText, tokenize } from './diff3.js';

describe('tokenize', () => {
  it('splits words, spaces and punctuation, and joins back to the same text', () => {
    const text = "Seen weekly, at school; the child's view: ‘safer’.\n\nGP letters  (2024).";
    const tokens = tokenize(text);
    expect(tokens.slice(0, 5)).toEqual(['Seen', ' ', 'weekly', ',', ' ']);
    expect(tokens).toContain("child's");
    expect(tokens).toContain('\n\n');
    expect(tokens).toContain('  ');
    expect(tokens.join('')).toBe(text);
  });

  it('gives nothing for an empty text', () => {
    expect(tokenize('')).toEqual([]);
  });
});

describe('matchTokens', () => {
  it('matches a longest common subsequence, moving only forward', () => {
    const a = ['a', 'b', 'c', 'd', 'e'];
    const b = ['x', 'b', 'd', 'c', 'e'];
    const match = [...matchTokens(a, b)];
    expect(match[0]).toBe(-1);
    expect(match[1]).toBe(1);
    expect(match[4]).toBe(4);
    // Three in common (b, one of c/d, e): never both c and d, which would cross.
    expect(match.filter((m) => m >= 0)).toHaveLength(3);
    const kept = match.filter((m) => m >= 0);
    expect([...kept].sort((x, y) => x - y)).toEqual(kept);
  });

  it('matches a common start and end without a table, and nothing when nothing is shared', () => {
    expect([...matchTokens(['a', 'b', 'c'], ['a', 'x', 'c'])]).toEqual([0, -1, 2]);
    expect([...matchTokens(['a'], ['b'])]).toEqual([-1]);
    expect([...matchTokens([], ['b'])]).toEqual([]);
  });

  it('treats a very long rewritten middle as one block rather than building a huge table', () => {
    const a = ['start', ...Array.from({ length: 3000 }, (_, i) => `a${i}`), 'end'];
    const b = ['start', ...Array.from({ length: 3000 }, (_, i) => `b${i}`), 'end'];
    b[1500] = 'a1500';
    const match = matchTokens(a, b);
    expect(match[0]).toBe(0);
    expect(match[3001]).toBe(3001);
    expect(match[1501]).toBe(-1);
  });
});

describe('mergeText', () => {
  it('takes a change made on one side only, from either side', () => {
    const base = 'Seen weekly by the social worker.';
    expect(mergeText(base, 'Seen daily by the social worker.', base)).toEqual({
      chunks: [{ kind: 'settled', text: 'Seen daily by the social worker.' }],
      conflicts: 0,
    });
    expect(resolveText(mergeText(base, base, 'Seen weekly by the nurse.'))).toBe(
      'Seen weekly by the nurse.',
    );
  });

  it('combines changes to different words: each side keeps its own, the shared text once', () => {
    const base = 'Supervision monthly. Chronology out of date.';
    const mine = 'Since March: supervision monthly. Chronology out of date.';
    const theirs = 'Supervision monthly. Chronology brought up to date in May.';
    const merge = mergeText(base, mine, theirs);
    expect(merge.conflicts).toBe(0);
    expect(resolveText(merge)).toBe(
      'Since March: supervision monthly. Chronology brought up to date in May.',
    );
  });

  it('takes an identical change made on both sides once', () => {
    const merge = mergeText('Seen weekly.', 'Seen weekly, alone.', 'Seen weekly, alone.');
    expect(merge).toEqual({
      chunks: [{ kind: 'settled', text: 'Seen weekly, alone.' }],
      conflicts: 0,
    });
  });

  it('keeps a place where the same words were changed both ways, with all three versions', () => {
    const merge = mergeText(
      'Seen weekly by the social worker.',
      'Seen daily by the social worker.',
      'Seen monthly by the social worker.',
    );
    expect(merge).toEqual({
      chunks: [
        { kind: 'settled', text: 'Seen ' },
        { kind: 'conflict', base: 'weekly', mine: 'daily', theirs: 'monthly' },
        { kind: 'settled', text: ' by the social worker.' },
      ],
      conflicts: 1,
    });
    expect(resolveText(merge, ['mine'])).toBe('Seen daily by the social worker.');
    expect(resolveText(merge, ['theirs'])).toBe('Seen monthly by the social worker.');
    expect(resolveText(merge, ['both'])).toBe('Seen daily monthly by the social worker.');
    // A place not chosen keeps both: nothing is lost.
    expect(resolveText(merge)).toBe('Seen daily monthly by the social worker.');
  });

  it('treats two additions at the same place as a conflict', () => {
    const merge = mergeText(
      'Seen weekly.',
      'Seen weekly, alone twice.',
      'Seen weekly; missed in May.',
    );
    expect(merge.chunks).toEqual([
      { kind: 'settled', text: 'Seen weekly' },
      { kind: 'conflict', base: '', mine: ', alone twice', theirs: '; missed in May' },
      { kind: 'settled', text: '.' },
    ]);
    expect(resolveText(merge, ['both'])).toBe('Seen weekly, alone twice; missed in May.');
  });

  it('resolves several places each by its own choice, in order, beside a clean change', () => {
    const merge = mergeText(
      'Visits weekly. Plan reviewed in May. School attendance good.',
      'Visits daily. Plan reviewed in May. School attendance good, improving.',
      'Visits fortnightly. Plan reviewed in June. School attendance poor.',
    );
    expect(merge.conflicts).toBe(2);
    expect(resolveText(merge, ['theirs', 'mine'])).toBe(
      'Visits fortnightly. Plan reviewed in June. School attendance good, improving.',
    );
    expect(resolveText(merge, ['mine', 'theirs'])).toBe(
      'Visits daily. Plan reviewed in June. School attendance poor.',
    );
  });

  it('takes additions made at different places, however the shared words align', () => {
    const merge = mergeText(
      'Supervision monthly.',
      'Since March: Supervision monthly. Plan reviewed in May.',
      'Supervision monthly. Chronology out of date.',
    );
    expect(merge.conflicts).toBe(0);
    expect(resolveText(merge)).toBe(
      'Since March: Supervision monthly. Plan reviewed in May. Chronology out of date.',
    );
    const replaced = mergeText(
      'Supervision monthly.',
      'Since March: Supervision fortnightly.',
      'Supervision weekly.',
    );
    expect(replaced.chunks).toEqual([
      { kind: 'settled', text: 'Since March: Supervision ' },
      { kind: 'conflict', base: 'monthly', mine: 'fortnightly', theirs: 'weekly' },
      { kind: 'settled', text: '.' },
    ]);
  });

  it('makes a sentence rewritten on both sides one place, not one per word', () => {
    const merge = mergeText(
      'The plan was reviewed on time.',
      'The core group met late twice.',
      'The conference chair noted drift.',
    );
    expect(merge.conflicts).toBe(1);
    expect(merge.chunks[1]).toEqual({
      kind: 'conflict',
      base: 'plan was reviewed on time',
      mine: 'core group met late twice',
      theirs: 'conference chair noted drift',
    });
  });

  it('handles empty texts on any side', () => {
    expect(resolveText(mergeText('', '', ''))).toBe('');
    expect(mergeText('', 'Mine.', '')).toEqual({
      chunks: [{ kind: 'settled', text: 'Mine.' }],
      conflicts: 0,
    });
    const both = mergeText('', 'Chronology out of date.', 'Supervision monthly.');
    expect(both.conflicts).toBe(1);
    expect(resolveText(both)).toBe('Chronology out of date. Supervision monthly.');
    // One side emptied the text, the other edited it: a conflict, not a silent deletion.
    const emptied = mergeText('Seen weekly.', '', 'Seen monthly.');
    expect(emptied.conflicts).toBe(1);
    expect(resolveText(emptied, ['mine'])).toBe('');
    expect(resolveText(emptied, ['both'])).toBe('Seen monthly.');
  });

  it('keeps line breaks and paragraphs as they were written', () => {
    const base = 'First paragraph.\n\nSecond paragraph.';
    const merge = mergeText(
      base,
      'First paragraph, edited.\n\nSecond paragraph.',
      `${base}\n\nThird.`,
    );
    expect(resolveText(merge)).toBe('First paragraph, edited.\n\nSecond paragraph.\n\nThird.');
  });
});

describe('bothTexts', () => {
  it('puts a space only between two words that would run together', () => {
    expect(bothTexts('daily', 'monthly')).toBe('daily monthly');
    expect(bothTexts('daily ', 'monthly')).toBe('daily monthly');
    expect(bothTexts('daily', ' monthly')).toBe('daily monthly');
    expect(bothTexts(', alone', '; missed')).toBe(', alone; missed');
    expect(bothTexts('  ', 'monthly')).toBe('monthly');
    expect(bothTexts('daily', '')).toBe('daily');
  });
});
