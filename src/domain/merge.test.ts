import { describe, expect, it } from '@jest/globals';
import { EMPTY_ANSWER, type SectionAnswer } from './answers.js';
import { defaultChoice, mergeSection, resolveMerge } from './merge.js';

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
        combined: {
          chunks: [
            { kind: 'settled', text: 'Seen weekly' },
            { kind: 'conflict', base: '', mine: ', alone twice', theirs: '; missed in May' },
            { kind: 'settled', text: '.' },
          ],
          conflicts: 1,
        },
      },
    ]);
    // Both added words at the same place: nothing is chosen for me, and mine is kept.
    expect(defaultChoice(merge.conflicts[0]!)).toBe('mine');
    expect(resolveMerge(merge, {})).toEqual(mine);
    expect(resolveMerge(merge, { evidence: 'theirs' })).toEqual(theirs);
    // Combined, the shared words appear once; the place both changed keeps both unless chosen.
    expect(resolveMerge(merge, { evidence: 'combine' })).toEqual(
      answer({ grade: 'good', evidence: 'Seen weekly, alone twice; missed in May.' }),
    );
    expect(resolveMerge(merge, { evidence: 'combine' }, { evidence: ['theirs'] })).toEqual(theirs);
    expect(resolveMerge(merge, { evidence: 'combine' }, { evidence: ['mine'] })).toEqual(mine);
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

describe('mergeSection and resolveMerge: the rest of the cases', () => {
  const base = answer({ grade: 'good', evidence: 'Seen weekly.', impact: 'Safer.' });
  const na = (reason: string): SectionAnswer => ({ kind: 'notApplicable', reason });

  it('lists every field they changed, in the order of the form', () => {
    const theirs = answer({
      grade: 'inadequate',
      evidence: 'Seen monthly.',
      workedWell: 'GP letters.',
      toImprove: 'Visits.',
      impact: 'Less safe.',
    });
    const merge = mergeSection('oversight', base, base, theirs);
    expect(merge.theirChanges).toEqual([
      { field: 'grade', base: 'good', theirs: 'inadequate' },
      { field: 'evidence', base: 'Seen weekly.', theirs: 'Seen monthly.' },
      { field: 'workedWell', base: '', theirs: 'GP letters.' },
      { field: 'toImprove', base: '', theirs: 'Visits.' },
      { field: 'impact', base: 'Safer.', theirs: 'Less safe.' },
    ]);
    expect(merge.conflicts).toEqual([]);
    expect(resolveMerge(merge, {})).toEqual(theirs);
  });

  it('keeps the three answers it merged, an empty one standing for no base', () => {
    const mine = answer({ impact: 'Mine.' });
    const theirs = answer({ evidence: 'Theirs.' });
    const merge = mergeSection('oversight', undefined, mine, theirs);
    expect(merge).toMatchObject({ sectionId: 'oversight', base: EMPTY_ANSWER, mine, theirs });
    expect(merge.theirChanges).toEqual([{ field: 'evidence', base: '', theirs: 'Theirs.' }]);
    expect(resolveMerge(merge, {})).toEqual(answer({ evidence: 'Theirs.', impact: 'Mine.' }));
  });

  it('takes their switch to not applicable when I wrote nothing', () => {
    const theirs = na('No plan yet.');
    const merge = mergeSection('planReviews', base, base, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.theirChanges).toEqual([
      { field: 'kind', base: 'answered', theirs: 'notApplicable' },
      { field: 'reason', base: '', theirs: 'No plan yet.' },
    ]);
    expect(resolveMerge(merge, {})).toEqual(theirs);
  });

  it('does not ask about the kind when I switched too: only the reasons differ', () => {
    const merge = mergeSection('planReviews', base, na('Assessment only.'), na('No plan yet.'));
    expect(merge.conflicts).toMatchObject([
      { field: 'reason', base: '', mine: 'Assessment only.', theirs: 'No plan yet.' },
    ]);
    expect(resolveMerge(merge, {})).toEqual(na('Assessment only.'));
    expect(resolveMerge(merge, { reason: 'theirs' })).toEqual(na('No plan yet.'));
    expect(resolveMerge(merge, { reason: 'combine' })).toEqual(na('Assessment only. No plan yet.'));
  });

  it('keeps my switch to not applicable when they only edited the answer, and shows their edit', () => {
    const theirs = answer({
      grade: 'good',
      evidence: 'Seen weekly, and at school.',
      impact: 'Safer.',
    });
    const merge = mergeSection('planReviews', base, na('No plan.'), theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.theirChanges).toEqual([
      { field: 'evidence', base: 'Seen weekly.', theirs: 'Seen weekly, and at school.' },
    ]);
    expect(resolveMerge(merge, {})).toEqual(na('No plan.'));
  });

  it('asks when they switched back to answered while I wrote a reason', () => {
    const was = na('No plan.');
    const merge = mergeSection('planReviews', was, na('No plan: assessment only.'), base);
    expect(merge.theirChanges).toEqual([
      { field: 'kind', base: 'notApplicable', theirs: 'answered' },
      { field: 'grade', base: '', theirs: 'good' },
      { field: 'evidence', base: '', theirs: 'Seen weekly.' },
      { field: 'impact', base: '', theirs: 'Safer.' },
    ]);
    expect(merge.conflicts).toEqual([
      { field: 'kind', base: 'notApplicable', theirs: 'answered', mine: 'notApplicable' },
    ]);
    expect(resolveMerge(merge, {})).toEqual(na('No plan: assessment only.'));
    expect(resolveMerge(merge, { kind: 'theirs' })).toEqual(base);
  });

  it('keeps mine for "combine" on a field that is not text, and drops a blank side', () => {
    const merge = mergeSection(
      'oversight',
      base,
      answer({ grade: 'outstanding', evidence: '', impact: 'Safer.' }),
      answer({ grade: 'inadequate', evidence: 'Seen monthly.', impact: 'Safer.' }),
    );
    expect(merge.conflicts.map((c) => c.field)).toEqual(['grade', 'evidence']);
    expect(merge.conflicts[0]!.combined).toBeUndefined();
    expect(resolveMerge(merge, { grade: 'combine', evidence: 'combine' })).toEqual(
      answer({ grade: 'outstanding', evidence: 'Seen monthly.', impact: 'Safer.' }),
    );
    expect(resolveMerge(merge, { grade: 'theirs', evidence: 'mine' })).toEqual(
      answer({ grade: 'inadequate', evidence: '', impact: 'Safer.' }),
    );
  });

  it('reads a grade cleared on one side as no grade', () => {
    const merge = mergeSection(
      'oversight',
      base,
      base,
      answer({ evidence: 'Seen weekly.', impact: 'Safer.' }),
    );
    expect(merge.theirChanges).toEqual([{ field: 'grade', base: 'good', theirs: '' }]);
    expect(resolveMerge(merge, {})).toEqual(answer({ evidence: 'Seen weekly.', impact: 'Safer.' }));
  });

  it('leaves out a side that is only spaces when keeping both', () => {
    const merge = mergeSection(
      'oversight',
      base,
      answer({ grade: 'good', evidence: '  ', impact: 'Safer.' }),
      answer({ grade: 'good', evidence: 'Seen monthly.', impact: 'Safer.' }),
    );
    expect(resolveMerge(merge, { evidence: 'combine' })).toEqual(
      answer({ grade: 'good', evidence: 'Seen monthly.', impact: 'Safer.' }),
    );
  });
});

describe('combining the two sets of changes to a text', () => {
  const base = answer({ grade: 'good', evidence: 'Supervision monthly. Chronology out of date.' });

  it('merges changes to different words without asking, the shared words once', () => {
    const mine = answer({
      grade: 'good',
      evidence: 'Since March: supervision monthly. Chronology out of date.',
    });
    const theirs = answer({
      grade: 'good',
      evidence: 'Supervision monthly. Chronology brought up to date in May.',
    });
    const merge = mergeSection('oversight', base, mine, theirs);
    expect(merge.conflicts).toHaveLength(1);
    expect(merge.conflicts[0]!.combined?.conflicts).toBe(0);
    expect(defaultChoice(merge.conflicts[0]!)).toBe('combine');
    const combined = answer({
      grade: 'good',
      evidence: 'Since March: supervision monthly. Chronology brought up to date in May.',
    });
    expect(resolveMerge(merge, {})).toEqual(combined);
    expect(resolveMerge(merge, { evidence: 'combine' })).toEqual(combined);
    // Still mine or theirs whole, when chosen.
    expect(resolveMerge(merge, { evidence: 'mine' })).toEqual(mine);
    expect(resolveMerge(merge, { evidence: 'theirs' })).toEqual(theirs);
  });

  it('resolves each place both changed by its own choice, fields apart', () => {
    const mine = answer({
      grade: 'good',
      evidence: 'Supervision weekly. Chronology out of date.',
      impact: 'Safer at home.',
    });
    const theirs = answer({
      grade: 'good',
      evidence: 'Supervision fortnightly. Chronology current.',
      impact: 'Safer at school.',
    });
    const was = answer({
      grade: 'good',
      evidence: 'Supervision monthly. Chronology out of date.',
      impact: 'Safer.',
    });
    const merge = mergeSection('oversight', was, mine, theirs);
    expect(merge.conflicts.map((c) => [c.field, c.combined?.conflicts])).toEqual([
      ['evidence', 1],
      ['impact', 1],
    ]);
    expect(
      resolveMerge(
        merge,
        { evidence: 'combine', impact: 'combine' },
        { evidence: ['theirs'], impact: ['both'] },
      ),
    ).toEqual(
      answer({
        grade: 'good',
        evidence: 'Supervision fortnightly. Chronology current.',
        impact: 'Safer at home at school.',
      }),
    );
  });
});
