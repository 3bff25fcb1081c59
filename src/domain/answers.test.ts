import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_ANSWER,
  liveProblems,
  parseAnswers,
  progressOf,
  type SectionAnswer,
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
