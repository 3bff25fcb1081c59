/**
 * Moderation as data. For each graded area the lead auditor sees each agency's grade beside the
 * multi-agency judgement, and agrees each agency's grade or changes it. A changed grade needs a
 * reason; each one is a finding (agency grade, moderated grade, reason) that stays on the record,
 * goes into the moderation summary, and later into the overview report. The pairs (agency grade,
 * moderated grade) are what grading consistency (weighted kappa) is measured on.
 *
 * An agency's grade that the lead auditor has not changed counts as agreed: moderation records
 * the exceptions, not a click per agreed grade.
 */

import { type AgencyId, contributorLabel } from './agencies.js';
import { type Answers, answerOf } from './answers.js';
import {
  DEFAULT_SCALE,
  GRADES,
  type Grade,
  GRADING_SCALES,
  type GradingScaleId,
} from './grading.js';
import type { ModerationReadiness } from './lifecycle.js';
import { type AuditTool, type Section, sectionsFor } from './tools/index.js';

/** The lead auditor's decision on one agency's grade in one area. */
export type ModerationDecision = {
  readonly sectionId: string;
  readonly agency: AgencyId;
  readonly moderatedGrade: Grade;
  /** Why the grade changed; required when it differs from the agency's. */
  readonly reason: string;
};

/** A disagreement between an agency's auditor and moderation, and how it was resolved. */
export type ModerationFinding = {
  readonly sectionId: string;
  readonly areaTitle: string;
  readonly agency: AgencyId;
  readonly agencyGrade: Grade;
  readonly moderatedGrade: Grade;
  /** Raised is towards Outstanding, lowered towards Inadequate. */
  readonly direction: 'raised' | 'lowered';
  readonly reason: string;
};

export type DecisionResult =
  | { readonly kind: 'agreed'; readonly decision: ModerationDecision }
  | {
      readonly kind: 'changed';
      readonly decision: ModerationDecision;
      readonly finding: ModerationFinding;
    }
  | { readonly kind: 'refused'; readonly reason: string };

const label = (grade: Grade, scale: GradingScaleId): string => GRADING_SCALES[scale].labels[grade];

/** Raised when the moderated grade is better (nearer Outstanding) than the agency's. */
const directionOf = (agencyGrade: Grade, moderatedGrade: Grade): 'raised' | 'lowered' =>
  GRADES.indexOf(moderatedGrade) < GRADES.indexOf(agencyGrade) ? 'raised' : 'lowered';

/**
 * Records the lead auditor's decision on an agency's grade: the same grade is agreement (any
 * reason given is kept); a different grade without a reason is refused, saying which.
 */
export function decideGrade(
  area: Pick<Section, 'id' | 'title'>,
  agency: AgencyId,
  agencyGrade: Grade,
  moderatedGrade: Grade,
  reason: string,
  scale: GradingScaleId = DEFAULT_SCALE,
): DecisionResult {
  const decision: ModerationDecision = {
    sectionId: area.id,
    agency,
    moderatedGrade,
    reason: reason.trim(),
  };
  if (moderatedGrade === agencyGrade) return { kind: 'agreed', decision };
  if (decision.reason === '')
    return {
      kind: 'refused',
      reason: `Say why ${contributorLabel(agency)}'s grade for ${area.title} changes from ${label(
        agencyGrade,
        scale,
      )} to ${label(moderatedGrade, scale)}: a changed grade needs a reason.`,
    };
  return {
    kind: 'changed',
    decision,
    finding: {
      sectionId: area.id,
      areaTitle: area.title,
      agency,
      agencyGrade,
      moderatedGrade,
      direction: directionOf(agencyGrade, moderatedGrade),
      reason: decision.reason,
    },
  };
}

/** One agency in one area, as moderation sees it. */
export type AgencyInArea =
  | {
      readonly agency: AgencyId;
      readonly state: 'graded';
      readonly grade: Grade;
      readonly moderatedGrade: Grade;
      readonly changed: boolean;
      /** The reason for a change ('' when agreed, or changed without a reason yet). */
      readonly reason: string;
    }
  | { readonly agency: AgencyId; readonly state: 'notApplicable'; readonly reason: string }
  | { readonly agency: AgencyId; readonly state: 'notGraded' };

export type AreaSummary = {
  readonly sectionId: string;
  readonly title: string;
  readonly agencies: readonly AgencyInArea[];
  /** The lead auditor's multi-agency grade; undefined when not given (or not applicable). */
  readonly multiAgencyGrade: Grade | undefined;
  readonly multiAgencyNotApplicable: boolean;
  /** True when the agencies' own grades are not all the same. */
  readonly agenciesDiffer: boolean;
  readonly findings: readonly ModerationFinding[];
};

export type ModerationSummary = {
  readonly areas: readonly AreaSummary[];
  /** Every changed grade with its reason, area by area, in the order of the tool. */
  readonly findings: readonly ModerationFinding[];
  /** What still stands between moderation and sign-off (the lifecycle reads this). */
  readonly readiness: ModerationReadiness;
};

export type ContributionAnswers = { readonly agency: AgencyId; readonly answers: Answers };

/**
 * The moderation summary of an audit, computed from the agencies' answers, the lead auditor's
 * multi-agency answers and the decisions on agencies' grades. Pure: the same inputs give the same
 * summary, so the sign-off view and the report show what moderation saw.
 */
export function moderationSummary(
  tool: AuditTool,
  contributions: readonly ContributionAnswers[],
  multiAgency: Answers,
  decisions: readonly ModerationDecision[],
  scale: GradingScaleId = DEFAULT_SCALE,
): ModerationSummary {
  const areas: AreaSummary[] = [];
  const areasWithoutGrade: string[] = [];
  const changesWithoutReason: string[] = [];
  for (const section of tool.sections) {
    if (!section.graded) continue;
    const agencies: AgencyInArea[] = [];
    const findings: ModerationFinding[] = [];
    for (const c of contributions) {
      if (!sectionsFor(tool, c.agency).some((s) => s.id === section.id)) continue;
      const answer = answerOf(c.answers, section.id);
      if (answer.kind === 'notApplicable') {
        agencies.push({ agency: c.agency, state: 'notApplicable', reason: answer.reason });
        continue;
      }
      if (!answer.grade) {
        agencies.push({ agency: c.agency, state: 'notGraded' });
        continue;
      }
      // The latest decision for this agency and area stands.
      const decision = decisions.findLast(
        (d) => d.sectionId === section.id && d.agency === c.agency,
      );
      const moderatedGrade = decision?.moderatedGrade ?? answer.grade;
      const reason = decision?.reason.trim() ?? '';
      const changed = moderatedGrade !== answer.grade;
      agencies.push({
        agency: c.agency,
        state: 'graded',
        grade: answer.grade,
        moderatedGrade,
        changed,
        reason: changed ? reason : '',
      });
      if (!changed) continue;
      if (reason === '')
        changesWithoutReason.push(
          `${contributorLabel(c.agency)}, ${section.title}: ${label(answer.grade, scale)} to ${label(
            moderatedGrade,
            scale,
          )}`,
        );
      else
        findings.push({
          sectionId: section.id,
          areaTitle: section.title,
          agency: c.agency,
          agencyGrade: answer.grade,
          moderatedGrade,
          direction: directionOf(answer.grade, moderatedGrade),
          reason,
        });
    }
    const multi = answerOf(multiAgency, section.id);
    const multiAgencyNotApplicable = multi.kind === 'notApplicable';
    const multiAgencyGrade = multi.kind === 'answered' ? multi.grade : undefined;
    if (!multiAgencyNotApplicable && !multiAgencyGrade) areasWithoutGrade.push(section.title);
    const own = new Set(agencies.flatMap((a) => (a.state === 'graded' ? [a.grade] : [])));
    areas.push({
      sectionId: section.id,
      title: section.title,
      agencies,
      multiAgencyGrade,
      multiAgencyNotApplicable,
      agenciesDiffer: own.size > 1,
      findings,
    });
  }
  return {
    areas,
    findings: areas.flatMap((a) => a.findings),
    readiness: { areasWithoutGrade, changesWithoutReason },
  };
}

/** One agency auditor's grade beside its moderated grade: a pair for grading consistency. */
export type GradePair = {
  readonly auditId: string;
  readonly sectionId: string;
  readonly areaTitle: string;
  readonly agency: AgencyId;
  /** The agency auditor's id (Entra object id); undefined when the audit names none. */
  readonly auditorId: string | undefined;
  readonly auditorName: string | undefined;
  readonly agencyGrade: Grade;
  readonly moderatedGrade: Grade;
};

/** The grade pairs of one audit's moderation: one per agency and graded area. */
export function gradePairs(
  auditId: string,
  summary: ModerationSummary,
  auditors: Readonly<
    Partial<Record<AgencyId, { readonly id: string; readonly displayName: string }>>
  >,
): GradePair[] {
  return summary.areas.flatMap((area) =>
    area.agencies.flatMap((a) =>
      a.state === 'graded'
        ? [
            {
              auditId,
              sectionId: area.sectionId,
              areaTitle: area.title,
              agency: a.agency,
              auditorId: auditors[a.agency]?.id,
              auditorName: auditors[a.agency]?.displayName,
              agencyGrade: a.grade,
              moderatedGrade: a.moderatedGrade,
            },
          ]
        : [],
    ),
  );
}
