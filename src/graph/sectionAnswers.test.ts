import { describe, expect, it } from '@jest/globals';
import type { SectionAnswer } from '../domain/answers.js';
import { answerFields, answerKey, toStoredAnswer } from './sectionAnswers.js';

const answered: SectionAnswer = {
  kind: 'answered',
  grade: 'good',
  evidence: 'E',
  workedWell: 'W',
  toImprove: 'T',
  impact: 'I',
};

describe('section answers as stored', () => {
  it('keys an answer by audit, contributor and section', () => {
    expect(answerKey('7', 'police', 'oversight')).toBe('7:police:oversight');
  });

  it('writes every field, so a switch to "not applicable" clears the rest', () => {
    expect(answerFields(answered)).toEqual({
      Kind: 'answered',
      Grade: 'good',
      Evidence: 'E',
      WorkedWell: 'W',
      ToImprove: 'T',
      Impact: 'I',
      Reason: '',
    });
    expect(answerFields({ ...answered, grade: undefined })).toMatchObject({ Grade: null });
    expect(answerFields({ kind: 'notApplicable', reason: 'No plan.' })).toEqual({
      Kind: 'notApplicable',
      Grade: null,
      Evidence: '',
      WorkedWell: '',
      ToImprove: '',
      Impact: '',
      Reason: 'No plan.',
    });
  });

  it('reads back what it wrote, with the item id and eTag', () => {
    const item = (answer: SectionAnswer, eTag?: string) => ({
      id: '40',
      eTag,
      fields: {
        AuditId: 7,
        Contributor: 'police',
        SectionId: 'oversight',
        '@odata.etag': '"f,2"',
        ...answerFields(answer),
      },
    });
    expect(toStoredAnswer(item(answered, '"e,1"'))).toEqual({
      itemId: '40',
      eTag: '"e,1"',
      auditId: '7',
      contributor: 'police',
      sectionId: 'oversight',
      answer: answered,
    });
    const na: SectionAnswer = { kind: 'notApplicable', reason: 'No plan.' };
    expect(toStoredAnswer(item(na))).toMatchObject({ eTag: '"f,2"', answer: na });
    expect(toStoredAnswer(item({ ...answered, grade: undefined })).answer).toEqual({
      ...answered,
      grade: undefined,
    });
  });

  it('refuses an unknown contributor, kind or grade by name', () => {
    const stored = (fields: Record<string, unknown>) => () =>
      toStoredAnswer({
        id: '40',
        fields: { AuditId: 7, Contributor: 'multiAgency', Kind: 'answered', ...fields },
      });
    expect(stored({})).not.toThrow();
    expect(stored({ Contributor: 'coastguard' })).toThrow(
      "SectionAnswers item 40: Contributor holds unknown contributor 'coastguard'",
    );
    expect(stored({ Kind: 'skipped' })).toThrow(
      "SectionAnswers item 40: Kind is 'skipped', not one of answered, notApplicable",
    );
    expect(stored({ Grade: 'superb' })).toThrow(
      "SectionAnswers item 40: Grade holds unknown grade 'superb'",
    );
  });
});
