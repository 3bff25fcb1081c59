/**
 * "My sign-offs": the audits waiting for one sign-off manager, soonest due first, each with where
 * its deadline stands in working days. Also what the overdue card needs: the ones past due.
 */

import type { AuditStatus, PersonRef } from './records.js';
import {
  type Deadline,
  ENGLAND_AND_WALES,
  type HolidayCalendar,
  type IsoDay,
  deadline,
} from './workingDays.js';

/** What the list needs of an audit: the sign-off manager, the status and the due day. */
export type SignOffCandidate = {
  readonly id: string;
  readonly caseReference: string;
  readonly status: AuditStatus;
  readonly signOffManager: PersonRef | undefined;
  /** Stored when the audit was sent for sign-off; undefined for audits sent before it was. */
  readonly signOffDue: IsoDay | undefined;
};

export type SignOffItem<A extends SignOffCandidate> = {
  readonly audit: A;
  /** Undefined when no due day is stored: the audit is listed, last, without a deadline. */
  readonly deadline: Deadline | undefined;
};

/**
 * The audits awaiting this person's sign-off, soonest due first (those without a due day last,
 * then by case reference).
 */
export function mySignOffs<A extends SignOffCandidate>(
  audits: readonly A[],
  personId: string,
  now: Date,
  calendar: HolidayCalendar = ENGLAND_AND_WALES,
): SignOffItem<A>[] {
  return audits
    .filter((a) => a.status === 'awaitingSignOff' && a.signOffManager?.id === personId)
    .map((audit) => ({
      audit,
      deadline:
        audit.signOffDue === undefined
          ? undefined
          : deadline(audit.signOffDue, now, undefined, calendar),
    }))
    .sort(
      (x, y) =>
        (x.audit.signOffDue ?? '9999-12-31').localeCompare(y.audit.signOffDue ?? '9999-12-31') ||
        x.audit.caseReference.localeCompare(y.audit.caseReference),
    );
}

/** The sign-offs past due, over every sign-off manager: one overdue card each. */
export function overdueSignOffs<A extends SignOffCandidate>(
  audits: readonly A[],
  now: Date,
  calendar: HolidayCalendar = ENGLAND_AND_WALES,
): Array<SignOffItem<A> & { readonly deadline: Extract<Deadline, { kind: 'overdue' }> }> {
  const out: Array<SignOffItem<A> & { readonly deadline: Extract<Deadline, { kind: 'overdue' }> }> =
    [];
  for (const audit of audits) {
    if (audit.status !== 'awaitingSignOff' || !audit.signOffManager || !audit.signOffDue) continue;
    const d = deadline(audit.signOffDue, now, undefined, calendar);
    if (d.kind === 'overdue') out.push({ audit, deadline: d });
  }
  return out;
}
