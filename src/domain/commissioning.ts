import { type AgencyId, contributorLabel } from './agencies.js';
import { checkIdentifyingDetail, describeFindings } from './guard/identifyingDetail.js';
import type { Category, PersonRef } from './records.js';

/** The partnership's case reference format, unless its settings say otherwise: NSP-CP-0101. */
export const DEFAULT_CASE_REFERENCE_FORMAT = '^[A-Z]{2,5}-[A-Z]{2,4}-\\d{3,6}$';

export type CommissionRequest = {
  readonly themeId: string;
  readonly themeTitle: string;
  readonly caseReferences: readonly string[];
  readonly category: Category | undefined;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly agencies: readonly AgencyId[];
  readonly auditors: Readonly<Partial<Record<AgencyId, PersonRef>>>;
  readonly leadAuditor: PersonRef | undefined;
  readonly signOffManager: PersonRef | undefined;
  readonly dueDate: string;
  /**
   * A re-audit of cases audited before: commissioned even while an earlier audit of the case is
   * not closed, and linked to the latest earlier audit of each case.
   */
  readonly reaudit?: boolean;
  /**
   * For a re-audit opened from "Re-audits due": the original audit of a case, by its reference,
   * linked instead of the latest earlier audit (the one the panel named is the one compared).
   */
  readonly originals?: Readonly<Record<string, string>>;
};

export type CommissionField =
  | 'caseReferences'
  | 'category'
  | 'period'
  | 'agencies'
  | `auditor.${AgencyId}`
  | 'leadAuditor'
  | 'signOffManager'
  | 'dueDate';
export type CommissionProblem = { readonly field: CommissionField; readonly message: string };

/** Splits what was typed into references: one a line, or separated by commas. */
export const splitReferences = (text: string): string[] =>
  text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Everything wrong with a commission, each named by field. A case reference must be in the
 * partnership's format and must not look like a name, a date of birth, an NHS number, a postcode
 * or a phone number: the reference is a pseudonym, and it travels in notifications.
 */
export function commissionProblems(
  req: CommissionRequest,
  format: RegExp,
  today: Date,
): CommissionProblem[] {
  const problems: CommissionProblem[] = [];
  if (req.caseReferences.length === 0)
    problems.push({ field: 'caseReferences', message: 'Give at least one case reference.' });
  const seen = new Set<string>();
  for (const ref of req.caseReferences) {
    const guard = checkIdentifyingDetail(ref);
    // The refused text is not repeated: it may be the very detail that must not travel.
    if (!guard.ok)
      problems.push({
        field: 'caseReferences',
        message: `A case reference was refused: ${describeFindings(guard.findings)}`,
      });
    else if (!format.test(ref))
      problems.push({
        field: 'caseReferences',
        message: `“${ref}” is not in the partnership's case reference format (for example NSP-CP-0101).`,
      });
    if (seen.has(ref.toUpperCase()))
      problems.push({ field: 'caseReferences', message: `“${ref}” is given twice.` });
    seen.add(ref.toUpperCase());
  }
  if (!req.category)
    problems.push({
      field: 'category',
      message: 'Choose the category of case: it decides the audit tool.',
    });
  const start = Date.parse(req.periodStart);
  const end = Date.parse(req.periodEnd);
  if (Number.isNaN(start) || Number.isNaN(end))
    problems.push({
      field: 'period',
      message: 'Give the start and end of the period under review.',
    });
  else if (start >= end)
    problems.push({
      field: 'period',
      message: 'The period under review must start before it ends.',
    });
  else if (end > today.getTime())
    problems.push({
      field: 'period',
      message: 'The period under review cannot end in the future.',
    });
  if (req.agencies.length === 0)
    problems.push({
      field: 'agencies',
      message: 'Choose the agencies whose records will be audited.',
    });
  for (const agency of req.agencies) {
    if (!req.auditors[agency])
      problems.push({
        field: `auditor.${agency}`,
        message: `Choose the auditor for ${contributorLabel(agency)}.`,
      });
  }
  if (!req.leadAuditor)
    problems.push({ field: 'leadAuditor', message: 'Choose the lead auditor.' });
  if (!req.signOffManager)
    problems.push({ field: 'signOffManager', message: 'Choose the sign-off manager.' });
  const due = Date.parse(req.dueDate);
  if (Number.isNaN(due)) problems.push({ field: 'dueDate', message: 'Give the due date.' });
  else if (due <= today.getTime())
    problems.push({ field: 'dueDate', message: 'The due date must be in the future.' });
  return problems;
}

/** Who is told what: one assignment a person, listing every audit and role they have in it. */
export function assignmentsByPerson(
  req: CommissionRequest,
  audits: ReadonlyArray<{ id: string; caseReference: string }>,
): Map<
  string,
  { person: PersonRef; roles: Array<{ auditId: string; caseReference: string; role: string }> }
> {
  const out = new Map<
    string,
    { person: PersonRef; roles: Array<{ auditId: string; caseReference: string; role: string }> }
  >();
  const add = (person: PersonRef, role: string) => {
    const entry = out.get(person.id) ?? { person, roles: [] };
    for (const a of audits)
      entry.roles.push({ auditId: a.id, caseReference: a.caseReference, role });
    out.set(person.id, entry);
  };
  for (const agency of req.agencies) {
    const auditor = req.auditors[agency];
    if (auditor) add(auditor, contributorLabel(agency));
  }
  if (req.leadAuditor) add(req.leadAuditor, 'Lead auditor');
  return out;
}
