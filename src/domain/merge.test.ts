import { describe, expect, it } from '@jest/globals';
import { EMPTY_ANSWER, type SectionAnswer } from './answers.js';
import { mergeSection, resolveMerge } from './merge.js';

const answer = (over: Partial<Extract<SectionAnswer, { kind: 'answered' }>>): SectionAnswer => ({
  ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
  ...over,
});

describe('mergeSection', () => {
  const base = answer({ grade: 'good', evidence: 'Seen weekly.' });

  it('takes their change to a field I did not touch, and shows it', () => {
    const mine = answer({ grade: 'good', evidence: 'Seen weekly.', impact: 'Safer.' });
    const theirs = answer({ grade: 'requiresImprovement', evidence: 'Seen weekly.' });
    const merge = mergeSection('oversight', base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.theirChanges).toEqual([
      { field: 'grade', base: 'good', theirs: 'requiresImprovement' },
    ]);
    expect(resolveMerge(merge, {})).toEqual(
      answer({ grade: 'requiresImprovement', evidence: 'Seen weekly.', impact: 'Safer.' }),
    );
  });

  it('asks about a field both changed, and honours each choice', () => {
    const mine = answer({ grade: 'good', evidence: 'Seen weekly, alone twice.' });
    const theirs = answer({ grade: 'good', evidence: 'Seen weekly; missed in May.' });
    const merge = mergeSection('childsVoice', base, mine, theirs);
    expect(merge.conflicts).toEqual([
      {
        field: 'evidence',
        base: 'Seen weekly.',
        mine: 'Seen weekly, alone twice.',
        theirs: 'Seen weekly; missed in May.',
      },
    ]);
    expect(resolveMerge(merge, {})).toEqual(mine);
    expect(resolveMerge(merge, { evidence: 'theirs' })).toEqual(theirs);
    expect(resolveMerge(merge, { evidence: 'both' })).toEqual(
      answer({
        grade: 'good',
        evidence: 'Seen weekly, alone twice.\n\nSeen weekly; missed in May.',
      }),
    );
  });

  it('treats the same change on both sides as no conflict', () => {
    const same = answer({ grade: 'inadequate', evidence: 'Seen weekly.' });
    expect(mergeSection('x', base, same, same).conflicts).toEqual([]);
  });

  it('merges a switch to not applicable as a conflict on the kind', () => {
    const mine = answer({ grade: 'good', evidence: 'Seen weekly.', impact: 'Better.' });
    const theirs: SectionAnswer = { kind: 'notApplicable', reason: 'No plan yet.' };
    const merge = mergeSection('planReviews', base, mine, theirs);
    // My impact statement would vanish under "not applicable": I am asked, and mine is the default.
    expect(merge.conflicts.map((c) => c.field)).toEqual(['kind']);
    expect(resolveMerge(merge, {})).toEqual(
      answer({ grade: 'good', evidence: 'Seen weekly.', impact: 'Better.' }),
    );
    expect(resolveMerge(merge, { kind: 'theirs' })).toEqual(theirs);
  });
});
