/**
 * The records of the improvement cycle as the product sees them, apart from how they are stored.
 * Only pseudonymised case references identify a case: never a child's name, birth date, address
 * or NHS number.
 */

import type { AgencyId, ContributorId } from './agencies.js';

declare const brand: unique symbol;
/** An id that cannot be mixed up with another kind of id. */
export type Id<K extends string> = string & { readonly [brand]: K };

export type PersonRef = { readonly id: string; readonly displayName: string };

export const CATEGORIES = [
  'childProtection',
  'childInNeed',
  'earlyIntervention',
  'childrenInCare',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  childProtection: 'Child protection',
  childInNeed: 'Child in need',
  earlyIntervention: 'Early intervention (early help)',
  childrenInCare: 'Children in care',
};

export const PRIORITY_SOURCES = [
  'practiceReview',
  'performanceIndicator',
  'drillDown',
  'learningFeedback',
  'baseline',
] as const;
export type PrioritySource = (typeof PRIORITY_SOURCES)[number];

export const PRIORITY_SOURCE_LABELS: Record<PrioritySource, string> = {
  practiceReview: 'Child safeguarding practice review',
  performanceIndicator: 'Performance indicator',
  drillDown: 'Drill-down into a known concern or an earlier audit',
  learningFeedback: 'Learning and development or policy feedback',
  baseline: 'Baseline audit of a category of case',
};

export type ProgrammeThemeStatus = 'draft' | 'published';

export type ProgrammeTheme = {
  readonly id: Id<'programmeTheme'>;
  readonly title: string;
  readonly year: string;
  readonly prioritySource: PrioritySource;
  readonly categories: readonly Category[];
  readonly plannedMonth: string;
  readonly sampleSize: number;
  readonly status: ProgrammeThemeStatus;
  readonly eTag: string;
};

export const AUDIT_STATUSES = [
  'commissioned',
  'inProgress',
  'moderation',
  'awaitingSignOff',
  'returned',
  'signedOff',
  'closed',
  'withdrawn',
] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  commissioned: 'Commissioned',
  inProgress: 'In progress',
  moderation: 'In moderation',
  awaitingSignOff: 'Awaiting sign-off',
  returned: 'Returned for changes',
  signedOff: 'Signed off',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

/** Moderation's agreement of one agency's grades: when, and by whom (docs/lifecycle.md). */
export type GradesAgreement = { readonly at: string; readonly by: PersonRef };
/** The agencies whose grades moderation has agreed, each with its agreement. */
export type GradesAgreements = Readonly<Partial<Record<AgencyId, GradesAgreement>>>;

export type Audit = {
  readonly id: Id<'audit'>;
  readonly caseReference: string;
  readonly category: Category;
  readonly status: AuditStatus;
  /** The tool and its version the audit is made on: kept, so an old audit reads as written. */
  readonly toolVersion: number;
  readonly agencies: readonly AgencyId[];
  readonly childAtRiskReason: string | undefined;
  readonly themeId: Id<'programmeTheme'> | undefined;
  readonly leadAuditor: PersonRef | undefined;
  readonly signOffManager: PersonRef | undefined;
  readonly commissionedBy: PersonRef | undefined;
  readonly dueDate: string | undefined;
  readonly childAtRisk: boolean;
  readonly eTag: string;
  /** The lifecycle's dates and texts (docs/lifecycle.md), as far as the audit has come. */
  readonly startedAt?: string | undefined;
  readonly moderationStartedAt?: string | undefined;
  readonly sentForSignOffAt?: string | undefined;
  /** The day the sign-off is due (yyyy-mm-dd): "My sign-offs" orders by it. */
  readonly signOffDue?: string | undefined;
  readonly signedOffAt?: string | undefined;
  readonly signedOffBy?: PersonRef | undefined;
  readonly signOffNote?: string | undefined;
  readonly returnedAt?: string | undefined;
  readonly returnComments?: string | undefined;
  readonly closedAt?: string | undefined;
  readonly withdrawnAt?: string | undefined;
  readonly withdrawalReason?: string | undefined;
  /** The outbox key of the channel card that commissioned it: sign-off replies in its thread. */
  readonly commissioningCardKey?: string | undefined;
  /** When a finished audit's contributions were given back the list's permissions. */
  readonly permissionsReleasedAt?: string | undefined;
  /**
   * The agencies whose grades moderation has agreed (feedback to their practitioners may go from
   * then). Undefined for an audit moderated before agreements were kept per agency.
   */
  readonly gradesAgreed?: GradesAgreements | undefined;
};

export const CONTRIBUTION_STATUSES = ['notStarted', 'inProgress', 'submitted', 'returned'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export type AgencyContribution = {
  readonly id: Id<'contribution'>;
  readonly auditId: Id<'audit'>;
  readonly contributor: ContributorId;
  readonly auditor: PersonRef | undefined;
  readonly status: ContributionStatus;
  readonly dueDate: string | undefined;
  readonly eTag: string;
  /** Why the lead auditor returned it: what its auditor reads in their form. */
  readonly returnComments?: string | undefined;
};

export const FEEDBACK_STATUSES = ['draft', 'sent', 'acknowledged'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export type Feedback = {
  readonly id: Id<'feedback'>;
  readonly auditId: Id<'audit'>;
  readonly practitioner: PersonRef | undefined;
  readonly agency: string;
  readonly status: FeedbackStatus;
  readonly sentAt: string | undefined;
  readonly acknowledgedAt: string | undefined;
  readonly eTag: string;
};

export const ACTION_STATUSES = ['notStarted', 'inProgress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type Action = {
  readonly id: Id<'action'>;
  readonly title: string;
  readonly agency: string;
  readonly owner: PersonRef | undefined;
  readonly dueDate: string | undefined;
  readonly status: ActionStatus;
  readonly eTag: string;
};

export const REPORT_STATUSES = ['draft', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type OverviewReport = {
  readonly id: Id<'report'>;
  readonly title: string;
  readonly scope: string;
  readonly status: ReportStatus;
  readonly publishedAt: string | undefined;
  readonly eTag: string;
};

/** True when a due date has passed and the work is not finished. */
export function isOverdue(dueDate: string | undefined, finished: boolean, now: Date): boolean {
  if (!dueDate || finished) return false;
  return new Date(dueDate).getTime() < now.getTime();
}
