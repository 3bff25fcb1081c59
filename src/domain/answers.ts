import type { ContributorId } from './agencies.js';
import { type Grade, isGrade } from './grading.js';
import { type AuditTool, type Section, sectionsFor } from './tools/index.js';

/**
 * What an auditor writes for one section: a judgement, or "not applicable" with the reason.
 * A discriminated union, so that a section cannot be both.
 */
export type SectionAnswer =
  | {
      readonly kind: 'answered';
      readonly grade: Grade | undefined;
      readonly evidence: string;
      readonly workedWell: string;
      readonly toImprove: string;
      readonly impact: string;
    }
  | { readonly kind: 'notApplicable'; readonly reason: string };

export type Answers = Readonly<Record<string, SectionAnswer>>;

export const TEXT_FIELDS = ['evidence', 'workedWell', 'toImprove', 'impact'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const FIELD_LABELS: Record<TextField | 'grade' | 'reason', string> = {
  grade: 'Grade',
  evidence: 'Evidence from the record',
  workedWell: 'What worked well',
  toImprove: 'What needs to improve',
  impact: 'Impact on the child',
  reason: 'Why this section does not apply',
};

/** The case profile holds facts, not graded evidence: its one text field says so where it is typed. */
export const CASE_FACTS_LABEL = 'Facts of the case (no names, dates of birth or addresses)';

/** A field's label as the form shows it, so that summaries and dialogs name it the same way. */
export function fieldLabel(
  section: { readonly graded: boolean },
  field: TextField | 'grade' | 'reason',
): string {
  return !section.graded && field === 'evidence' ? CASE_FACTS_LABEL : FIELD_LABELS[field];
}

export const EMPTY_ANSWER: SectionAnswer = {
  kind: 'answered',
  grade: undefined,
  evidence: '',
  workedWell: '',
  toImprove: '',
  impact: '',
};

export const answerOf = (answers: Answers, sectionId: string): SectionAnswer =>
  answers[sectionId] ?? EMPTY_ANSWER;

/** A reason the answers cannot be submitted yet: the section and field, and why. */
export type Problem = {
  readonly sectionId: string;
  readonly field: TextField | 'grade' | 'reason';
  readonly message: string;
};

const blank = (s: string) => s.trim().length === 0;

/** What is missing from one section before it can be submitted. */
export function sectionProblems(section: Section, answer: SectionAnswer): Problem[] {
  if (answer.kind === 'notApplicable') {
    return blank(answer.reason)
      ? [
          {
            sectionId: section.id,
            field: 'reason',
            message: 'Say why this section does not apply.',
          },
        ]
      : [];
  }
  if (!section.graded) {
    return blank(answer.evidence)
      ? [
          {
            sectionId: section.id,
            field: 'evidence',
            message: 'Record the facts of the case profile.',
          },
        ]
      : [];
  }
  const problems: Problem[] = [];
  if (!answer.grade)
    problems.push({ sectionId: section.id, field: 'grade', message: 'Choose a grade.' });
  if (blank(answer.impact)) {
    problems.push({
      sectionId: section.id,
      field: 'impact',
      message: answer.grade
        ? 'Describe the impact on the child: it is required once a grade is given.'
        : 'Describe the impact on the child.',
    });
  }
  return problems;
}

/** Problems to show while the auditor writes: only those that follow from what they did. */
export function liveProblems(section: Section, answer: SectionAnswer): Problem[] {
  if (answer.kind === 'notApplicable') return sectionProblems(section, answer);
  // Graded and given a grade, a section can only lack its impact statement.
  if (section.graded && answer.grade && blank(answer.impact))
    return sectionProblems(section, answer);
  return [];
}

export type SectionProgress = {
  readonly sectionId: string;
  readonly state: 'complete' | 'started' | 'notStarted' | 'notApplicable';
};

export function sectionProgress(section: Section, answer: SectionAnswer): SectionProgress['state'] {
  if (answer.kind === 'notApplicable') return blank(answer.reason) ? 'started' : 'notApplicable';
  if (sectionProblems(section, answer).length === 0) return 'complete';
  const touched =
    answer.grade !== undefined ||
    !blank(answer.evidence) ||
    !blank(answer.workedWell) ||
    !blank(answer.toImprove) ||
    !blank(answer.impact);
  return touched ? 'started' : 'notStarted';
}

export type Progress = {
  readonly sections: readonly SectionProgress[];
  readonly done: number;
  readonly total: number;
};

/** How far a contributor is: per section, and done out of applicable. */
export function progressOf(
  tool: AuditTool,
  contributor: ContributorId,
  answers: Answers,
): Progress {
  const sections = sectionsFor(tool, contributor).map((s) => ({
    sectionId: s.id,
    state: sectionProgress(s, answerOf(answers, s.id)),
  }));
  const done = sections.filter((s) => s.state === 'complete' || s.state === 'notApplicable').length;
  return { sections, done, total: sections.length };
}

/** Everything that stops a submission, in the order of the form. Empty means it may be submitted. */
export function submissionProblems(
  tool: AuditTool,
  contributor: ContributorId,
  answers: Answers,
): Problem[] {
  return sectionsFor(tool, contributor).flatMap((s) => sectionProblems(s, answerOf(answers, s.id)));
}

/** Reads answers as stored (JSON text); anything that is not a valid answer is refused by name. */
export function parseAnswers(json: string | undefined): Answers {
  if (!json || json.trim() === '') return {};
  const raw = JSON.parse(json) as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('Stored answers are not an object');
  const out: Record<string, SectionAnswer> = {};
  for (const [sectionId, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = value as Record<string, unknown>;
    if (v['kind'] === 'notApplicable') {
      out[sectionId] = { kind: 'notApplicable', reason: String(v['reason'] ?? '') };
    } else if (v['kind'] === 'answered') {
      const grade = v['grade'];
      if (grade !== undefined && grade !== null && !isGrade(grade))
        throw new Error(`Section ${sectionId} holds an unknown grade '${String(grade)}'`);
      out[sectionId] = {
        kind: 'answered',
        grade: isGrade(grade) ? grade : undefined,
        evidence: String(v['evidence'] ?? ''),
        workedWell: String(v['workedWell'] ?? ''),
        toImprove: String(v['toImprove'] ?? ''),
        impact: String(v['impact'] ?? ''),
      };
    } else {
      throw new Error(`Section ${sectionId} holds an answer of unknown kind`);
    }
  }
  return out;
}

export const serialiseAnswers = (answers: Answers): string => JSON.stringify(answers);

/**
 * Carries answers from one version of a tool to the next: a section of the same id keeps its
 * answer; a new section takes the answer of the first old section it carries from.
 */
export function upgradeAnswers(answers: Answers, from: AuditTool, to: AuditTool): Answers {
  if (from.id !== to.id || to.version <= from.version)
    throw new Error(`Cannot upgrade ${from.id} v${from.version} to ${to.id} v${to.version}`);
  const out: Record<string, SectionAnswer> = {};
  for (const section of to.sections) {
    const same = answers[section.id];
    const carried = section.carriesFrom?.map((id) => answers[id]).find((a) => a !== undefined);
    const answer = same ?? carried;
    if (answer) out[section.id] = answer;
  }
  return out;
}

/** Two answers say the same, field for field. */
export function sameAnswer(a: SectionAnswer, b: SectionAnswer): boolean {
  if (a.kind === 'notApplicable') return b.kind === 'notApplicable' && a.reason === b.reason;
  return b.kind === 'answered' && a.grade === b.grade && TEXT_FIELDS.every((f) => a[f] === b[f]);
}
