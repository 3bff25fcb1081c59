/**
 * The audit register and the business manager's overview, as pure rules: what each filter means,
 * how filters travel in a link, which records an audit's commissioning should have made, and the
 * figures of "how is this year going?". The graph layer turns the same filters into indexed
 * queries; the figures here are counted with the very predicate a filtered register uses, so a
 * figure and the list it links to always agree.
 */

import { counted } from './plural.js';
import { DEFAULT_FILTERS, type RegisterFilters } from './registerFilters.js';

// The filters and their link live apart, so that the router (in the first view) takes only them.
export {
  cleanReference,
  DEFAULT_FILTERS,
  filtersFromQuery,
  filtersToQuery,
  type RegisterFilters,
  SORT_KEYS,
  SORT_LABELS,
  type SortKey,
} from './registerFilters.js';
import { type ContributorId, MULTI_AGENCY } from './agencies.js';
import {
  type Audit,
  type AuditStatus,
  type ContributionStatus,
  type ProgrammeTheme,
} from './records.js';

/** Work on the audit itself is still to be done: its due date applies. */
export const OPEN_STATUSES: readonly AuditStatus[] = [
  'commissioned',
  'inProgress',
  'moderation',
  'returned',
];

/** The audit's own work has ended (signed off, closed) or it will not be done (withdrawn). */
export const ENDED_STATUSES: readonly AuditStatus[] = ['closed', 'withdrawn'];

/** Every agency has submitted: the audit is in moderation or further on. */
export const SUBMITTED_STATUSES: readonly AuditStatus[] = [
  'moderation',
  'awaitingSignOff',
  'returned',
  'signedOff',
  'closed',
];

export const SIGNED_OFF_STATUSES: readonly AuditStatus[] = ['signedOff', 'closed'];

const DAY = 86_400_000;

/** The start of the day a moment falls on, in UTC, as the lists store due dates. */
const startOfDay = (now: Date) =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** The window "due this week" means: from today to seven days on, today included. */
export function weekWindow(now: Date): { from: Date; to: Date } {
  const from = startOfDay(now);
  return { from: new Date(from), to: new Date(from + 7 * DAY) };
}

/**
 * Now to the whole second: SharePoint keeps dates to the second, so a due date and "now" are
 * compared at that precision both here and in the register's queries.
 */
export const toSecond = (now: Date): Date => new Date(Math.floor(now.getTime() / 1000) * 1000);

export const isOpen = (a: Pick<Audit, 'status'>): boolean => OPEN_STATUSES.includes(a.status);

export function isAuditOverdue(a: Pick<Audit, 'status' | 'dueDate'>, now: Date): boolean {
  return isOpen(a) && a.dueDate !== undefined && Date.parse(a.dueDate) < toSecond(now).getTime();
}

export function isDueThisWeek(a: Pick<Audit, 'status' | 'dueDate'>, now: Date): boolean {
  if (!isOpen(a) || a.dueDate === undefined) return false;
  const due = Date.parse(a.dueDate);
  const { to } = weekWindow(now);
  return due >= toSecond(now).getTime() && due < to.getTime();
}

export const isAtRiskNow = (a: Pick<Audit, 'status' | 'childAtRisk'>): boolean =>
  a.childAtRisk && !ENDED_STATUSES.includes(a.status);

/** Whether an audit is in a register so filtered (the sort aside). */
export function matches(a: Audit, f: RegisterFilters, now: Date): boolean {
  if (f.status && a.status !== f.status) return false;
  if (f.themeId && a.themeId !== f.themeId) return false;
  if (f.category && a.category !== f.category) return false;
  if (f.agency && !a.agencies.includes(f.agency)) return false;
  if (f.overdue && !isAuditOverdue(a, now)) return false;
  if (f.dueThisWeek && !isDueThisWeek(a, now)) return false;
  if (f.childAtRisk && !isAtRiskNow(a)) return false;
  if (f.reference && !a.caseReference.toUpperCase().startsWith(f.reference.trim().toUpperCase()))
    return false;
  return true;
}

/** What commissioning should have made for an audit, and what of it is there. */
export type CommissionedRecords = {
  readonly contributions: ReadonlyArray<{ readonly contributor: ContributorId }>;
  readonly commissionedEvent: boolean;
};

export type Missing =
  | { readonly kind: 'contribution'; readonly contributor: ContributorId }
  | { readonly kind: 'trailEvent' };

/**
 * The records an audit's commissioning made not (yet): a contribution for each agency and for
 * the lead auditor's multi-agency judgement, and the "commissioned" entry of the trail.
 */
export function missingRecords(
  a: Pick<Audit, 'agencies' | 'leadAuditor'>,
  found: CommissionedRecords,
): Missing[] {
  const expected: ContributorId[] = [...a.agencies, ...(a.leadAuditor ? [MULTI_AGENCY] : [])];
  const have = new Set(found.contributions.map((c) => c.contributor));
  return [
    ...expected
      .filter((c) => !have.has(c))
      .map((contributor) => ({ kind: 'contribution', contributor }) as const),
    ...(found.commissionedEvent ? [] : [{ kind: 'trailEvent' } as const]),
  ];
}

/** How far the agencies have got: submitted contributions of the agencies' own (the lead's apart). */
export function agencyProgress(
  a: Pick<Audit, 'agencies'>,
  contributions: ReadonlyArray<{
    readonly contributor: ContributorId;
    readonly status: ContributionStatus;
  }>,
): { submitted: number; total: number } {
  const submitted = contributions.filter(
    (c) => c.contributor !== MULTI_AGENCY && c.status === 'submitted',
  ).length;
  return { submitted, total: a.agencies.length };
}

export type ThemeProgress = {
  readonly theme: ProgrammeTheme;
  readonly planned: number;
  readonly commissioned: number;
  readonly submitted: number;
  readonly signedOff: number;
};

export const FIGURE_KEYS = ['dueThisWeek', 'overdue', 'childAtRisk', 'awaitingSignOff'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** The register each overview figure opens. */
export const FIGURE_FILTERS: Readonly<Record<FigureKey, RegisterFilters>> = {
  dueThisWeek: { ...DEFAULT_FILTERS, dueThisWeek: true },
  overdue: { ...DEFAULT_FILTERS, overdue: true },
  childAtRisk: { ...DEFAULT_FILTERS, childAtRisk: true },
  awaitingSignOff: { ...DEFAULT_FILTERS, status: 'awaitingSignOff' },
};

export type Overview = {
  readonly themes: readonly ThemeProgress[];
  readonly figures: Readonly<Record<FigureKey, number>>;
};

/**
 * "How is this year going?": per theme of the year, how many of its planned sample are
 * commissioned, submitted and signed off (withdrawn audits do not count), and the counts the
 * business manager acts on. `audits` must hold every audit of the year's themes and every audit
 * any figure could count (the graph layer reads exactly those, with indexed queries).
 */
export function overview(
  themes: readonly ProgrammeTheme[],
  audits: readonly Audit[],
  now: Date,
): Overview {
  const unique = [...new Map(audits.map((a) => [a.id, a])).values()];
  const counted = (status: AuditStatus, among: readonly AuditStatus[]) => among.includes(status);
  return {
    themes: themes.map((theme) => {
      const mine = unique.filter((a) => a.themeId === theme.id && a.status !== 'withdrawn');
      return {
        theme,
        planned: theme.sampleSize,
        commissioned: mine.length,
        submitted: mine.filter((a) => counted(a.status, SUBMITTED_STATUSES)).length,
        signedOff: mine.filter((a) => counted(a.status, SIGNED_OFF_STATUSES)).length,
      };
    }),
    figures: Object.fromEntries(
      FIGURE_KEYS.map((k) => [k, unique.filter((a) => matches(a, FIGURE_FILTERS[k], now)).length]),
    ) as Record<FigureKey, number>,
  };
}

/** "1 audit", "3 audits": the product's one plural helper (plural.ts), under the register's name. */
export const countOf = (n: number, one: string, other: string): string => counted(n, one, other);

/** An audit of a case that is still under way: commissioning the case again is refused. */
export type ExistingAudit = {
  readonly auditId: string;
  readonly caseReference: string;
  readonly status: AuditStatus;
};

/** A commissioned case is a duplicate while its audit has not ended (closed or withdrawn). */
export const blocksRecommissioning = (status: AuditStatus): boolean =>
  !ENDED_STATUSES.includes(status);

/** The sentence that refuses a commission of cases already under audit; nothing was written. */
export function duplicateRefusal(existing: readonly ExistingAudit[]): string {
  const refs = [...new Set(existing.map((e) => e.caseReference))];
  const which =
    refs.length === 1
      ? `${refs[0]} is already being audited`
      : `${countOf(refs.length, 'case reference', 'case references')} (${refs.join(', ')}) are already being audited`;
  return `Nothing was commissioned: ${which}, and an audit that is not closed cannot be commissioned again. Open the existing audit, or tick "This is a re-audit" to audit the case again.`;
}

/** The programme year that holds a date: April to March, as partnerships plan ("2026-27"). */
export function programmeYear(now: Date): string {
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
