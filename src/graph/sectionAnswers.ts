import type { SectionAnswer } from '../domain/answers.js';
import { type Grade, isGrade } from '../domain/grading.js';
import { type ContributorId, isAgencyId, MULTI_AGENCY } from '../domain/agencies.js';
import { eTagOf, type ListItem } from './listItems.js';
import { MappingError, reader } from './mappers.js';

/** One section's answer as stored: an item of SectionAnswers, keyed by audit, contributor and section. */
export type StoredSectionAnswer = {
  readonly itemId: string;
  readonly eTag: string;
  readonly auditId: string;
  readonly contributor: ContributorId;
  readonly sectionId: string;
  readonly answer: SectionAnswer;
};

export const answerKey = (auditId: string, contributor: ContributorId, sectionId: string): string =>
  `${auditId}:${contributor}:${sectionId}`;

export function toStoredAnswer(item: ListItem): StoredSectionAnswer {
  const r = reader('SectionAnswers', item);
  const contributor = r.text('Contributor');
  if (contributor !== MULTI_AGENCY && !isAgencyId(contributor))
    throw new MappingError(
      'SectionAnswers',
      item.id,
      'Contributor',
      `holds unknown contributor '${contributor}'`,
    );
  const kind = r.oneOf('Kind', ['answered', 'notApplicable'] as const);
  const grade = r.optionalText('Grade');
  if (grade !== undefined && !isGrade(grade))
    throw new MappingError('SectionAnswers', item.id, 'Grade', `holds unknown grade '${grade}'`);
  const answer: SectionAnswer =
    kind === 'notApplicable'
      ? { kind, reason: r.text('Reason') }
      : {
          kind,
          grade: grade as Grade | undefined,
          evidence: r.text('Evidence'),
          workedWell: r.text('WorkedWell'),
          toImprove: r.text('ToImprove'),
          impact: r.text('Impact'),
        };
  return {
    itemId: item.id,
    eTag: eTagOf(item),
    auditId: String(r.number('AuditId')),
    contributor,
    sectionId: r.text('SectionId'),
    answer,
  };
}

/** The fields to write for an answer. Every field is written, so a switch to "not applicable" clears the rest. */
export function answerFields(answer: SectionAnswer): Record<string, string | null> {
  if (answer.kind === 'notApplicable') {
    return {
      Kind: 'notApplicable',
      Grade: null,
      Evidence: '',
      WorkedWell: '',
      ToImprove: '',
      Impact: '',
      Reason: answer.reason,
    };
  }
  return {
    Kind: 'answered',
    Grade: answer.grade ?? null,
    Evidence: answer.evidence,
    WorkedWell: answer.workedWell,
    ToImprove: answer.toImprove,
    Impact: answer.impact,
    Reason: '',
  };
}
