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

  it('never matches one token twice when the shared start and end overlap', () => {
    // The shared start takes the only "x" of the shorter side; the end must not take it again.
    expect([...matchTokens(['x', 'x'], ['x'])]).toEqual([0, -1]);
    // The middle is matched only against the other side's middle, never its shared end.
    expect([...matchTokens(['s', 'c', 'x', 'c'], ['s', 'y', 'c'])]).toEqual([0, -1, -1, 2]);
  });

  it('on two equally long matches, takes the base word first as the one removed', () => {
    // "c" or "d" can be kept, not both: the later one ("d") is kept, so merges are repeatable.
    expect([...matchTokens(['a', 'b', 'c', 'd', 'e'], ['x', 'b', 'd', 'c', 'e'])]).toEqual([
      -1, 1, -1, 2, 4,
    ]);
  });

  it('finds a longest common subsequence for any pair of texts (checked against a plain one)', () => {
    // A seeded generator, so every run checks the same 300 pairs.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // The high bits: the low bits of this generator repeat every few draws.
      return Math.floor(seed / 65536) % n;
    };
    const tokens = (length: number) =>
      Array.from({ length }, () => ['a', 'b', 'c', 'd'][next(4)] as string);
    const lcsLength = (a: readonly string[], b: readonly string[]): number => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          t[i]![j] =
            a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      return t[a.length]![b.length]!;
    };
    for (let k = 0; k < 300; k++) {
      const a = tokens(next(9));
      const b = tokens(next(9));
      const match = [...matchTokens(a, b)];
      const kept = match.flatMap((m, i) => (m >= 0 ? [[i, m] as const] : []));
      // Each kept pair is the same token, the pairs only move forward, and there are as many as
      // the longest common subsequence has.
      for (const [i, m] of kept) expect(b[m]).toBe(a[i]);
      for (let p = 1; p < kept.length; p++) expect(kept[p]![1]).toBeGreaterThan(kept[p - 1]![1]);
      expect(kept).toHaveLength(lcsLength(a, b));
    }
  });

  it('builds the table up to 4,000,000 cells, and no further', () => {
    // A rewritten middle of 1,999 tokens a side (2,000 x 2,000 cells): its one shared word is found.
    const middle = (side: string, length: number) =>
      Array.from({ length }, (_, i) => (i === 1000 ? 'shared' : `${side}${i}`));
    const a = ['start', ...middle('a', 1999), 'end'];
    const b = ['start', ...middle('b', 1999), 'end'];
    expect(matchTokens(a, b)[1001]).toBe(1001);
    // One more token a side (2,001 x 2,001 cells): one replaced block.
    const a2 = ['start', ...middle('a', 2000), 'end'];
    const b2 = ['start', ...middle('b', 2000), 'end'];
    expect(matchTokens(a2, b2)[1001]).toBe(-1);
    expect(matchTokens(a2, b2)[2001]).toBe(2001);
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

  it('takes a deletion right after the first word, from either side', () => {
    expect(resolveText(mergeText('Seen weekly', 'Seen', 'Seen weekly'))).toBe('Seen');
    expect(resolveText(mergeText('Seen weekly', 'Seen weekly', 'Seen'))).toBe('Seen');
  });

  it('leaves nothing, and no conflict, when both sides cleared the text', () => {
    expect(mergeText('Seen weekly.', '', '')).toEqual({ chunks: [], conflicts: 0 });
  });

  it('keeps the conflict to the first word when one side removed it and the other replaced it', () => {
    expect(mergeText('Weekly visits', 'visits', 'Daily visits').chunks).toEqual([
      { kind: 'conflict', base: 'Weekly ', mine: '', theirs: 'Daily ' },
      { kind: 'settled', text: 'visits' },
    ]);
    expect(mergeText('Weekly visits', 'Daily visits', 'visits').chunks).toEqual([
      { kind: 'conflict', base: 'Weekly ', mine: 'Daily ', theirs: '' },
      { kind: 'settled', text: 'visits' },
    ]);
  });

  it('handles a text that starts with a space before a conflict', () => {
    expect(mergeText(' weekly', ' daily', ' monthly').chunks).toEqual([
      { kind: 'settled', text: ' ' },
      { kind: 'conflict', base: 'weekly', mine: 'daily', theirs: 'monthly' },
    ]);
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
    expect(bothTexts('daily', '  ')).toBe('daily');
  });
});
