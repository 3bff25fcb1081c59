/**
 * Moderation's agreement of one agency's grades, before the whole audit goes for sign-off. The
 * audit pack asks for swift feedback: an agency's practitioners may hear from their auditor as soon
 * as the lead auditor has agreed that agency's grades, without waiting for the other agencies or
 * for sign-off. Like the lifecycle's moves, agreeing (and undoing it) names who may do it and what
 * must hold, and returns what to store and the trail event, as data; a refusal is a sentence.
 *
 * Once an agency's grades are agreed they stay as agreed: a change to one of its moderated grades,
 * or returning its contribution, is refused until the lead auditor undoes the agreement. Feedback
 * may already be on its way on those grades, so the withdrawal is a deliberate step on the trail
 * rather than a side effect of saving a grade.
 */

import { type AgencyId, contributorLabel } from './agencies.js';
import type { ModerationSummary } from './moderation.js';
import type { AuditStatus, GradesAgreements, PersonRef } from './records.js';
import { toDay } from './workingDays.js';

/** The statuses in which the lead auditor moderates, and so may agree or undo an agreement. */
export const AGREEMENT_STATUSES: readonly AuditStatus[] = ['moderation', 'returned'];

/** The audit as agreeing an agency's grades needs it. */
export type AgreementAuditFacts = {
  readonly status: AuditStatus;
  readonly leadAuditor: PersonRef | undefined;
  /** The agencies on the audit (the lead's multi-agency contribution is not one). */
  readonly agencies: readonly AgencyId[];
  /** The agreements as stored; undefined on an audit moderated before they were kept. */
  readonly gradesAgreed: GradesAgreements | undefined;
  /** When it last went for sign-off: what agreed an older audit's grades (`gradesAgreedAt`). */
  readonly sentForSignOffAt?: string | undefined;
};

/**
 * The agreements as they stand. An audit moderated before agreements were kept, and returned
 * from sign-off, had every agency's grades agreed by its lead auditor when it was sent: those are
 * kept, so agreeing or undoing one agency leaves the others as they were.
 */
export function agreementsOf(audit: AgreementAuditFacts): GradesAgreements {
  if (audit.gradesAgreed !== undefined) return audit.gradesAgreed;
  const at = audit.sentForSignOffAt;
  const by = audit.leadAuditor;
  if (!SENT_FOR_SIGN_OFF.includes(audit.status) || at === undefined || by === undefined) return {};
  return Object.fromEntries(audit.agencies.map((agency) => [agency, { at, by }]));
}

export const AGREEMENT_EVENT_TYPES = {
  agree: 'agencyGradesAgreed',
  undo: 'agencyAgreementUndone',
} as const;
export type AgreementEventType = (typeof AGREEMENT_EVENT_TYPES)[keyof typeof AGREEMENT_EVENT_TYPES];

export type AgreementResult =
  | {
      readonly kind: 'agreed' | 'undone';
      /** Every agreement of the audit after the move: what to store. */
      readonly gradesAgreed: GradesAgreements;
      readonly event: {
        readonly type: AgreementEventType;
        readonly actor: PersonRef;
        readonly at: string;
        readonly details: string;
      };
    }
  | { readonly kind: 'refused'; readonly reason: string };

/** What still stands between moderation and agreeing one agency's grades. */
export type AgencyGaps = {
  /** The areas (by title) the agency graded that have no multi-agency grade yet. */
  readonly areasWithoutGrade: readonly string[];
  /** The areas (by title) where the agency's grade was changed without a reason. */
  readonly changesWithoutReason: readonly string[];
};

function and(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The areas of one agency that moderation has not finished. An area the agency marked not
 * applicable holds no grade of theirs to agree, so it does not wait for the multi-agency grade.
 */
export function agencyGaps(summary: ModerationSummary, agency: AgencyId): AgencyGaps {
  const areasWithoutGrade: string[] = [];
  const changesWithoutReason: string[] = [];
  for (const area of summary.areas) {
    const entry = area.agencies.find((a) => a.agency === agency);
    if (!entry || entry.state === 'notApplicable') continue;
    if (area.multiAgencyGrade === undefined && !area.multiAgencyNotApplicable)
      areasWithoutGrade.push(area.title);
    if (entry.state === 'graded' && entry.changed && entry.reason === '')
      changesWithoutReason.push(area.title);
  }
  return { areasWithoutGrade, changesWithoutReason };
}

/** The stage and the role, as the lifecycle checks them: a sentence when either does not hold. */
function stageAndRole(
  audit: AgreementAuditFacts,
  actor: PersonRef,
  agency: AgencyId,
  doing: string,
): string | undefined {
  if (!AGREEMENT_STATUSES.includes(audit.status))
    return `The audit is not in moderation, so no one can ${doing} now: that can be done only while the lead auditor moderates it.`;
  if (audit.leadAuditor?.id !== actor.id) return `Only the audit's lead auditor can ${doing}.`;
  if (!audit.agencies.includes(agency))
    return `${contributorLabel(agency)} is not one of the agencies on this audit.`;
  return undefined;
}

/**
 * The lead auditor agrees one agency's grades: refused unless the audit is in moderation, the
 * person is its lead auditor, the agency is on it and not agreed yet, every area the agency graded
 * has its multi-agency grade (the refusal names those missing) and every changed grade its reason.
 */
export function agreeAgencyGrades(
  audit: AgreementAuditFacts,
  actor: PersonRef,
  agency: AgencyId,
  summary: ModerationSummary,
  now: Date,
): AgreementResult {
  const label = contributorLabel(agency);
  const refused = stageAndRole(audit, actor, agency, `agree ${label}'s grades`);
  if (refused) return { kind: 'refused', reason: refused };
  const current = agreementsOf(audit);
  const already = current[agency];
  if (already)
    return {
      kind: 'refused',
      reason: `${label}'s grades were agreed on ${toDay(already.at)}: there is nothing more to agree.`,
    };
  const gaps = agencyGaps(summary, agency);
  if (gaps.areasWithoutGrade.length > 0)
    return {
      kind: 'refused',
      reason: `Give the multi-agency grade for ${and(gaps.areasWithoutGrade)} before agreeing ${label}'s grades.`,
    };
  if (gaps.changesWithoutReason.length > 0)
    return {
      kind: 'refused',
      reason: `Give the reason for changing ${label}'s grade in ${and(gaps.changesWithoutReason)} before agreeing its grades.`,
    };
  const at = now.toISOString();
  return {
    kind: 'agreed',
    gradesAgreed: { ...current, [agency]: { at, by: actor } },
    event: {
      type: AGREEMENT_EVENT_TYPES.agree,
      actor,
      at,
      details: `${label}'s grades agreed in moderation: feedback to its practitioners may go`,
    },
  };
}

/** The lead auditor undoes an agency's agreement while the audit is still in moderation. */
export function undoAgencyAgreement(
  audit: AgreementAuditFacts,
  actor: PersonRef,
  agency: AgencyId,
  now: Date,
): AgreementResult {
  const label = contributorLabel(agency);
  const refused = stageAndRole(audit, actor, agency, `undo the agreement of ${label}'s grades`);
  if (refused) return { kind: 'refused', reason: refused };
  const current = agreementsOf(audit);
  if (!current[agency])
    return {
      kind: 'refused',
      reason: `${label}'s grades are not agreed, so there is no agreement to undo.`,
    };
  const rest = Object.fromEntries(
    Object.entries(current).filter(([k]) => k !== agency),
  ) as GradesAgreements;
  return {
    kind: 'undone',
    gradesAgreed: rest,
    event: {
      type: AGREEMENT_EVENT_TYPES.undo,
      actor,
      at: now.toISOString(),
      details: `${label}'s agreed grades reopened in moderation`,
    },
  };
}

/**
 * Why one agency's grades may not change now, or undefined when they may: agreed grades stay as
 * agreed until the lead auditor undoes the agreement.
 */
export function agreedGradesLocked(
  audit: Parameters<typeof gradesAgreedAt>[0],
  agency: AgencyId,
  doing: string,
): string | undefined {
  if (gradesAgreedAt(audit, agency) === undefined) return undefined;
  const label = contributorLabel(agency);
  return `${label}'s grades are agreed, so you cannot ${doing} now: undo the agreement of ${label}'s grades first.`;
}

/**
 * Sending for sign-off agrees every agency's grades that are not agreed yet, at that moment and
 * by the person sending: the audit's moderation is then finished for every agency.
 */
export function agreedAtSignOff(
  gradesAgreed: GradesAgreements | undefined,
  agencies: readonly AgencyId[],
  at: string,
  by: PersonRef,
): GradesAgreements {
  const all: Partial<Record<AgencyId, { at: string; by: PersonRef }>> = { ...gradesAgreed };
  for (const agency of agencies) all[agency] ??= { at, by };
  return all;
}

/** The statuses in which an audit has been sent for sign-off at least once. */
const SENT_FOR_SIGN_OFF: readonly AuditStatus[] = [
  'awaitingSignOff',
  'returned',
  'signedOff',
  'closed',
];

/**
 * When moderation agreed one agency's grades: its agreement where agreements are kept; for an
 * audit moderated before they were (no agreements stored at all), when it went for sign-off.
 */
export function gradesAgreedAt(
  audit: {
    readonly status: AuditStatus;
    readonly sentForSignOffAt?: string | undefined;
    readonly gradesAgreed?: GradesAgreements | undefined;
  },
  agency: AgencyId,
): string | undefined {
  if (audit.gradesAgreed !== undefined) return audit.gradesAgreed[agency]?.at;
  return SENT_FOR_SIGN_OFF.includes(audit.status) ? audit.sentForSignOffAt : undefined;
}
