import { describe, expect, it } from '@jest/globals';
import {
  CASE_FACTS_LABEL,
  EMPTY_ANSWER,
  fieldLabel,
  liveProblems,
  parseAnswers,
  progressOf,
  sameAnswer,
  type SectionAnswer,
  sectionProblems,
  serialiseAnswers,
  submissionProblems,
  upgradeAnswers,
} from './answers.js';
import { MULTI_AGENCY } from './agencies.js';
import { latestTool, sectionsFor, toolVersion } from './tools/index.js';

const tool = latestTool('childInNeed');
const graded = (over: Partial<Extract<SectionAnswer, { kind: 'answered' }>> = {}): SectionAnswer =>
  ({
    ...EMPTY_ANSWER,
    kind: 'answered',
    grade: 'good',
    impact: 'Safer at home.',
    ...over,
  }) as SectionAnswer;

function completeAnswers(contributor: Parameters<typeof sectionsFor>[1]) {
  return Object.fromEntries(
    sectionsFor(tool, contributor).map((s) => [
      s.id,
      s.graded ? graded() : graded({ grade: undefined, evidence: 'Lives with mother.' }),
    ]),
  );
}

describe('completeness', () => {
  it('lets an agency submit only when every applicable section has a grade and an impact statement', () => {
    const answers = completeAnswers('police');
    expect(submissionProblems(tool, 'police', answers)).toEqual([]);
    const missingImpact = { ...answers, planReviews: graded({ impact: '  ' }) };
    expect(submissionProblems(tool, 'police', missingImpact)).toEqual([
      {
        sectionId: 'planReviews',
        field: 'impact',
        message: 'Describe the impact on the child: it is required once a grade is given.',
      },
    ]);
    const missingGrade = { ...answers, planReviews: graded({ grade: undefined }) };
    expect(submissionProblems(tool, 'police', missingGrade).map((p) => p.field)).toEqual(['grade']);
  });

  it('does not ask an agency about sections that are not theirs', () => {
    const answers = completeAnswers('police');
    expect(Object.keys(answers)).not.toContain('assessment');
    expect(submissionProblems(tool, 'police', answers)).toEqual([]);
    expect(submissionProblems(tool, MULTI_AGENCY, answers).map((p) => p.sectionId)).toContain(
      'assessment',
    );
  });

  it('accepts not applicable only with a reason', () => {
    const answers = {
      ...completeAnswers('police'),
      planReviews: { kind: 'notApplicable', reason: '' } as SectionAnswer,
    };
    expect(submissionProblems(tool, 'police', answers)).toEqual([
      {
        sectionId: 'planReviews',
        field: 'reason',
        message: 'Say why this section does not apply.',
      },
    ]);
    const withReason = {
      ...answers,
      planReviews: { kind: 'notApplicable', reason: 'No plan: assessment only.' } as SectionAnswer,
    };
    expect(submissionProblems(tool, 'police', withReason)).toEqual([]);
  });

  it('shows a live problem only once the auditor has graded without an impact', () => {
    const section = tool.sections.find((s) => s.id === 'planReviews')!;
    expect(liveProblems(section, EMPTY_ANSWER)).toEqual([]);
    expect(liveProblems(section, graded({ impact: '' })).map((p) => p.field)).toEqual(['impact']);
  });

  it('counts progress per section and in total', () => {
    const progress = progressOf(tool, 'police', {
      caseProfile: graded({ grade: undefined, evidence: 'Facts' }),
      planReviews: graded({ impact: '' }),
    });
    expect(progress.total).toBe(sectionsFor(tool, 'police').length);
    expect(progress.done).toBe(1);
    expect(progress.sections.find((s) => s.sectionId === 'planReviews')!.state).toBe('started');
    expect(progress.sections.find((s) => s.sectionId === 'oversight')!.state).toBe('notStarted');
  });
});

describe('stored answers', () => {
  it('round-trip through JSON and refuse an unknown grade', () => {
    const answers = completeAnswers('health');
    expect(parseAnswers(serialiseAnswers(answers))).toEqual(answers);
    expect(parseAnswers(undefined)).toEqual({});
    expect(() =>
      parseAnswers(JSON.stringify({ oversight: { kind: 'answered', grade: 'superb' } })),
    ).toThrow(/unknown grade 'superb'/);
  });
});

describe('version upgrade', () => {
  it('carries the combined conference-and-plan answer into both sections of version 2', () => {
    const v1 = toolVersion('childProtection', 1);
    const v2 = toolVersion('childProtection', 2);
    const answer = graded({ grade: 'requiresImprovement', impact: 'Plan unclear to the family.' });
    const upgraded = upgradeAnswers({ conferenceAndPlan: answer, oversight: graded() }, v1, v2);
    expect(upgraded['conference']).toEqual(answer);
    expect(upgraded['planCoreGroups']).toEqual(answer);
    expect(upgraded['oversight']).toEqual(graded());
    expect(upgraded['conferenceAndPlan']).toBeUndefined();
    expect(() => upgradeAnswers({}, v2, v1)).toThrow(/Cannot upgrade/);
  });
});

describe('what each section asks for', () => {
  const caseProfile = tool.sections.find((s) => s.id === 'caseProfile')!;
  const planReviews = tool.sections.find((s) => s.id === 'planReviews')!;
  const notApplicable = (reason: string): SectionAnswer => ({ kind: 'notApplicable', reason });

  it('asks the case profile for the facts only, and no grade', () => {
    expect(sectionProblems(caseProfile, EMPTY_ANSWER)).toEqual([
      {
        sectionId: 'caseProfile',
        field: 'evidence',
        message: 'Record the facts of the case profile.',
      },
    ]);
    expect(sectionProblems(caseProfile, graded({ grade: undefined, evidence: ' \n ' }))).toEqual([
      {
        sectionId: 'caseProfile',
        field: 'evidence',
        message: 'Record the facts of the case profile.',
      },
    ]);
    expect(
      sectionProblems(caseProfile, graded({ grade: undefined, evidence: 'Lives with mother.' })),
    ).toEqual([]);
  });

  it('asks an empty graded section for a grade and an impact, in that order', () => {
    expect(sectionProblems(planReviews, EMPTY_ANSWER)).toEqual([
      { sectionId: 'planReviews', field: 'grade', message: 'Choose a grade.' },
      { sectionId: 'planReviews', field: 'impact', message: 'Describe the impact on the child.' },
    ]);
    expect(sectionProblems(planReviews, graded({ impact: 'Safer at home.' }))).toEqual([]);
  });

  it('shows live problems only for what the auditor did', () => {
    // Not applicable without a reason: said at once, since the auditor chose it.
    expect(liveProblems(planReviews, notApplicable(' '))).toEqual([
      {
        sectionId: 'planReviews',
        field: 'reason',
        message: 'Say why this section does not apply.',
      },
    ]);
    expect(liveProblems(planReviews, notApplicable('No plan: assessment only.'))).toEqual([]);
    // A grade with an impact is complete; an impact with no grade yet is not nagged about.
    expect(liveProblems(planReviews, graded())).toEqual([]);
    expect(liveProblems(planReviews, graded({ grade: undefined, impact: '' }))).toEqual([]);
    // The case profile has no grade: nothing to follow from.
    expect(liveProblems(caseProfile, graded({ evidence: '', impact: '' }))).toEqual([]);
  });

  it('names the state of each section as the progress list shows it', () => {
    const stateOf = (answers: Record<string, SectionAnswer>, sectionId: string) =>
      progressOf(tool, 'police', answers).sections.find((s) => s.sectionId === sectionId)!.state;
    expect(stateOf({}, 'planReviews')).toBe('notStarted');
    expect(stateOf({ planReviews: notApplicable('') }, 'planReviews')).toBe('started');
    expect(stateOf({ planReviews: notApplicable('No plan.') }, 'planReviews')).toBe(
      'notApplicable',
    );
    expect(stateOf({ planReviews: graded() }, 'planReviews')).toBe('complete');
    // Any one field written makes a section started; blanks do not.
    for (const field of ['evidence', 'workedWell', 'toImprove', 'impact'] as const)
      expect([
        field,
        stateOf({ planReviews: graded({ grade: undefined, [field]: 'x' }) }, 'planReviews'),
      ]).toEqual([field, 'started']);
    expect(stateOf({ planReviews: graded({ impact: '' }) }, 'planReviews')).toBe('started');
    expect(
      stateOf(
        { planReviews: graded({ grade: undefined, impact: '  ', evidence: '\t' }) },
        'planReviews',
      ),
    ).toBe('notStarted');
  });

  it('counts a section not applicable, with its reason, as done', () => {
    const progress = progressOf(tool, 'police', {
      caseProfile: graded({ grade: undefined, evidence: 'Facts' }),
      planReviews: notApplicable('No plan.'),
      oversight: notApplicable(''),
    });
    expect(progress.done).toBe(2);
  });
});

describe('stored answers that cannot be read', () => {
  it('reads nothing stored as no answers', () => {
    expect(parseAnswers('')).toEqual({});
    expect(parseAnswers('  \n')).toEqual({});
  });

  it('refuses stored text that is not an object of answers', () => {
    for (const json of ['null', '[]', '3', '"answers"'])
      expect(() => parseAnswers(json)).toThrow('Stored answers are not an object');
    expect(() => parseAnswers('{"oversight":{"kind":"graded"}}')).toThrow(
      'Section oversight holds an answer of unknown kind',
    );
    expect(() => parseAnswers('{"oversight":{"kind":"answered","grade":7}}')).toThrow(
      "Section oversight holds an unknown grade '7'",
    );
  });

  it('reads every field of a stored answer', () => {
    const stored = {
      oversight: {
        kind: 'answered',
        grade: 'requiresImprovement',
        evidence: 'E',
        workedWell: 'W',
        toImprove: 'T',
        impact: 'I',
      },
      planReviews: { kind: 'notApplicable', reason: 'No plan.' },
    };
    expect(parseAnswers(JSON.stringify(stored))).toEqual(stored);
  });

  it('fills fields missing from a stored answer with blanks', () => {
    expect(
      parseAnswers(
        JSON.stringify({
          oversight: { kind: 'answered', grade: null },
          planReviews: { kind: 'notApplicable' },
          caseProfile: { kind: 'answered', evidence: 'Lives with mother.' },
        }),
      ),
    ).toEqual({
      oversight: EMPTY_ANSWER,
      planReviews: { kind: 'notApplicable', reason: '' },
      caseProfile: { ...EMPTY_ANSWER, evidence: 'Lives with mother.' },
    });
  });
});

describe('version upgrade refusals', () => {
  it('refuses the same version, and another tool, by name', () => {
    const cp1 = toolVersion('childProtection', 1);
    const cp2 = toolVersion('childProtection', 2);
    expect(() => upgradeAnswers({}, cp2, cp2)).toThrow(
      'Cannot upgrade childProtection v2 to childProtection v2',
    );
    expect(() => upgradeAnswers({}, toolVersion('childInNeed', 1), cp2)).toThrow(
      'Cannot upgrade childInNeed v1 to childProtection v2',
    );
    expect(upgradeAnswers({}, cp1, cp2)).toEqual({});
  });

  it('carries from the first old section that has an answer, and leaves the rest unanswered', () => {
    const section = (id: string, carriesFrom?: string[]) =>
      ({ ...tool.sections.find((s) => s.id === 'planReviews')!, id, carriesFrom }) as const;
    const from = { ...tool, version: 1, sections: [section('a'), section('b')] };
    const to = { ...tool, version: 2, sections: [section('c', ['a', 'b']), section('d', ['a'])] };
    const fromB = graded({ impact: 'From b.' });
    expect(upgradeAnswers({ b: fromB }, from, to)).toStrictEqual({ c: fromB });
  });

  it('keeps an answer of the new section over the one it would carry from', () => {
    const own = graded({ impact: 'Written in v2 already.' });
    const upgraded = upgradeAnswers(
      { conference: own, conferenceAndPlan: graded() },
      toolVersion('childProtection', 1),
      toolVersion('childProtection', 2),
    );
    expect(upgraded['conference']).toEqual(own);
    expect(upgraded['planCoreGroups']).toEqual(graded());
  });
});

describe('sameAnswer (after a 412: saved already, or a conflict)', () => {
  const base = graded({ evidence: 'E', workedWell: 'W', toImprove: 'T', impact: 'I' });

  it('is true for answers equal field for field', () => {
    expect(sameAnswer(base, { ...base })).toBe(true);
    expect(
      sameAnswer(
        { kind: 'notApplicable', reason: 'No plan.' },
        { kind: 'notApplicable', reason: 'No plan.' },
      ),
    ).toBe(true);
  });

  it('is false when any one field differs', () => {
    expect(sameAnswer(base, { ...base, grade: 'inadequate' } as SectionAnswer)).toBe(false);
    for (const field of ['evidence', 'workedWell', 'toImprove', 'impact'] as const)
      expect([field, sameAnswer(base, { ...base, [field]: 'other' } as SectionAnswer)]).toEqual([
        field,
        false,
      ]);
    expect(
      sameAnswer(
        { kind: 'notApplicable', reason: 'No plan.' },
        { kind: 'notApplicable', reason: 'None.' },
      ),
    ).toBe(false);
  });

  it('is false between an answer and "not applicable"', () => {
    const na: SectionAnswer = { kind: 'notApplicable', reason: '' };
    expect(sameAnswer(EMPTY_ANSWER, na)).toBe(false);
    expect(sameAnswer(na, EMPTY_ANSWER)).toBe(false);
  });
});

describe('fieldLabel', () => {
  it("names an ungraded section's evidence as the case's facts, every other field by its label", () => {
    expect(fieldLabel({ graded: false }, 'evidence')).toBe(CASE_FACTS_LABEL);
    expect(CASE_FACTS_LABEL).toMatch(/no names, dates of birth or addresses/);
    expect(fieldLabel({ graded: true }, 'evidence')).toBe('Evidence from the record');
    expect(fieldLabel({ graded: false }, 'workedWell')).toBe('What worked well');
    expect(fieldLabel({ graded: true }, 'reason')).toBe('Why this section does not apply');
  });
});
