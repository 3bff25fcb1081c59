/**
 * Re-audit: an inadequate case is followed up and audited again, to see whether practice changed.
 * A case's grade here is its worst multi-agency area grade: one inadequate area is enough for the
 * pack's follow-up. The partnership sets whether "requires improvement" also leads to a re-audit and
 * how many months after sign-off it falls due.
 */

import { GRADES, type Grade } from '../grading.js';
import { type IsoDay, toDay } from '../workingDays.js';
import type { AuditDigest } from './digest.js';

export type ReauditSettings = {
  /** Whether a case graded "requires improvement" is re-audited as well as an inadequate one. */
  readonly includeRequiresImprovement: boolean;
  /** Months after sign-off that the re-audit falls due. */
  readonly months: number;
};

/** The worst multi-agency grade of the audit's areas; undefined when no area was graded. */
export function caseGrade(d: Pick<AuditDigest, 'areas'>): Grade | undefined {
  let worst = -1;
  for (const a of d.areas)
    if (a.multiAgency !== undefined) worst = Math.max(worst, GRADES.indexOf(a.multiAgency));
  return worst < 0 ? undefined : GRADES[worst];
}

/** The same day `months` calendar months on; the month's last day when that day does not exist. */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The day the case is due for re-audit, or undefined when its grades do not call for one. */
export function reauditDue(
  d: Pick<AuditDigest, 'areas' | 'signedOffAt' | 'reauditOf'>,
  settings: ReauditSettings,
): IsoDay | undefined {
  if (!Number.isInteger(settings.months) || settings.months < 1)
    throw new RangeError(
      `Re-audit months must be a whole number of 1 or more (got ${settings.months}).`,
    );
  const grade = caseGrade(d);
  const needs =
    grade === 'inadequate' ||
    (settings.includeRequiresImprovement && grade === 'requiresImprovement');
  return needs ? addMonths(toDay(d.signedOffAt), settings.months) : undefined;
}

export type ReauditEntry = {
  readonly audit: AuditDigest;
  readonly due: IsoDay;
  readonly overdue: boolean;
};

/**
 * The re-audits the Programme page lists: cases whose re-audit falls due within `withinDays`
 * calendar days or has passed, that have not been re-audited yet (no audit names them as its
 * original), soonest first.
 */
export function reauditsDue(
  digests: readonly AuditDigest[],
  reaudited: ReadonlySet<string>,
  settings: ReauditSettings,
  now: Date,
  withinDays: number,
): ReauditEntry[] {
  const today = toDay(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const entries: ReauditEntry[] = [];
  for (const audit of digests) {
    if (reaudited.has(audit.auditId)) continue;
    const due = reauditDue(audit, settings);
    if (due !== undefined && due <= horizon) entries.push({ audit, due, overdue: due < today });
  }
  return entries.sort(
    (a, b) => a.due.localeCompare(b.due) || a.audit.auditId.localeCompare(b.audit.auditId),
  );
}

/** The original audits that have a re-audit, from the digests that name one. */
export const reauditedOriginals = (digests: readonly AuditDigest[]): Set<string> =>
  new Set(digests.flatMap((d) => (d.reauditOf === undefined ? [] : [d.reauditOf])));
