import { type ContributorId, isAgencyId, MULTI_AGENCY } from '../domain/agencies.js';
import { FEEDBACK_STAGES, type FeedbackStage } from '../domain/feedback.js';
import {
  ACTION_STATUSES,
  type Action,
  type AgencyContribution,
  type Audit,
  AUDIT_STATUSES,
  CATEGORIES,
  type Category,
  CONTRIBUTION_STATUSES,
  type Feedback,
  type FeedbackStatus,
  type GradesAgreements,
  type Id,
  type OverviewReport,
  type PersonRef,
  PRIORITY_SOURCES,
  type ProgrammeTheme,
  REPORT_STATUSES,
} from '../domain/records.js';
import { eTagOf, type ListItem } from './listItems.js';

/** A stored value that the product cannot read: named, so that the failure says where. */
export class MappingError extends Error {
  constructor(list: string, itemId: string, field: string, reason: string) {
    super(`${list} item ${itemId}: ${field} ${reason}`);
  }
}

type Reader = {
  text(field: string): string;
  optionalText(field: string): string | undefined;
  number(field: string): number;
  optionalNumber(field: string): number | undefined;
  flag(field: string): boolean;
  oneOf<T extends string>(field: string, allowed: readonly T[]): T;
  person(prefix: string): PersonRef | undefined;
  date(field: string): string | undefined;
};

/** Typed access to an item's fields, failing loudly on a value of the wrong kind. */
export function reader(list: string, item: ListItem): Reader {
  const fail = (field: string, reason: string) => new MappingError(list, item.id, field, reason);
  const raw = (field: string) => item.fields[field];
  const optionalText = (field: string): string | undefined => {
    const v = raw(field);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw fail(field, 'is not text');
    return v;
  };
  const optionalNumber = (field: string): number | undefined => {
    const v = raw(field);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number') throw fail(field, 'is not a number');
    return v;
  };
  return {
    text: (field) => optionalText(field) ?? '',
    optionalText,
    number: (field) => {
      const n = optionalNumber(field);
      if (n === undefined) throw fail(field, 'is missing');
      return n;
    },
    optionalNumber,
    flag: (field) => raw(field) === true,
    oneOf: <T extends string>(field: string, allowed: readonly T[]): T => {
      const v = optionalText(field);
      if (v === undefined || !(allowed as readonly string[]).includes(v))
        throw fail(field, `is '${String(v)}', not one of ${allowed.join(', ')}`);
      return v as T;
    },
    person: (prefix) => {
      const id = optionalText(`${prefix}Id`);
      return id ? { id, displayName: optionalText(`${prefix}Name`) ?? '' } : undefined;
    },
    date: (field) => optionalText(field),
  };
}

const idOf = <K extends string>(value: number | string | undefined) =>
  value === undefined ? undefined : (String(value) as Id<K>);

export function toProgrammeTheme(item: ListItem): ProgrammeTheme {
  const r = reader('AuditProgrammes', item);
  const categories = r
    .text('Categories')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const c of categories)
    if (!(CATEGORIES as readonly string[]).includes(c))
      throw new MappingError(
        'AuditProgrammes',
        item.id,
        'Categories',
        `holds unknown category '${c}'`,
      );
  return {
    id: item.id as Id<'programmeTheme'>,
    title: r.text('Title'),
    year: r.text('Year'),
    prioritySource: r.oneOf('PrioritySource', PRIORITY_SOURCES),
    categories: categories as Category[],
    plannedMonth: r.text('PlannedMonth'),
    sampleSize: r.optionalNumber('SampleSize') ?? 0,
    status: r.oneOf('Status', ['draft', 'published'] as const),
    eTag: eTagOf(item),
  };
}

export function toAudit(item: ListItem): Audit {
  const r = reader('Audits', item);
  return {
    id: item.id as Id<'audit'>,
    caseReference: r.text('CaseReference'),
    category: r.oneOf('Category', CATEGORIES),
    status: r.oneOf('Status', AUDIT_STATUSES),
    toolVersion: r.optionalNumber('ToolVersion') ?? 1,
    agencies: r
      .text('Agencies')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((a) => {
        if (!isAgencyId(a))
          throw new MappingError('Audits', item.id, 'Agencies', `holds unknown agency '${a}'`);
        return a;
      }),
    childAtRiskReason: r.optionalText('ChildAtRiskReason'),
    themeId: idOf<'programmeTheme'>(r.optionalNumber('ThemeId')),
    leadAuditor: r.person('LeadAuditor'),
    signOffManager: r.person('SignOffManager'),
    commissionedBy: r.person('CommissionedBy'),
    dueDate: r.date('DueDate'),
    childAtRisk: r.flag('ChildAtRisk'),
    eTag: eTagOf(item),
    startedAt: r.date('StartedAt'),
    moderationStartedAt: r.date('ModerationStartedAt'),
    sentForSignOffAt: r.date('SentForSignOffAt'),
    // Stored as a date-time at midnight UTC; the product works with the day.
    signOffDue: r.date('SignOffDue')?.slice(0, 10),
    signedOffAt: r.date('SignedOffAt'),
    signedOffBy: r.person('SignedOffBy'),
    signOffNote: r.optionalText('SignOffNote'),
    returnedAt: r.date('ReturnedAt'),
    returnComments: r.optionalText('ReturnComments'),
    closedAt: r.date('ClosedAt'),
    withdrawnAt: r.date('WithdrawnAt'),
    withdrawalReason: r.optionalText('WithdrawalReason'),
    commissioningCardKey: r.optionalText('CommissioningCard'),
    permissionsReleasedAt: r.date('PermissionsReleasedAt'),
    gradesAgreed: parseGradesAgreed(r.optionalText('GradesAgreed'), item.id),
  };
}

/**
 * The agencies whose grades moderation agreed, as the Audits list keeps them (GradesAgreed, JSON:
 * `{"police":{"at":"…","byId":"…","byName":"…"}}`). Empty means none kept: an audit moderated
 * before agreements were kept per agency. Anything the product did not write is refused by name.
 */
export function parseGradesAgreed(
  json: string | undefined,
  itemId: string,
): GradesAgreements | undefined {
  if (json === undefined || json.trim() === '') return undefined;
  const fail = (reason: string) => new MappingError('Audits', itemId, 'GradesAgreed', reason);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw fail('is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw fail('is not a set of agreements by agency');
  const out: Record<string, { at: string; by: PersonRef }> = {};
  for (const [agency, value] of Object.entries(raw)) {
    const v = (value ?? {}) as Record<string, unknown>;
    if (!isAgencyId(agency)) throw fail(`holds unknown agency '${agency}'`);
    const { at, byId, byName } = v;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof byId !== 'string')
      throw fail(`holds an unreadable agreement for '${agency}'`);
    out[agency] = { at, by: { id: byId, displayName: typeof byName === 'string' ? byName : '' } };
  }
  return out;
}

/** The agreements as the Audits list keeps them (GradesAgreed). */
export function gradesAgreedField(agreements: GradesAgreements): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(agreements).map(([agency, a]) => [
        agency,
        { at: a.at, byId: a.by.id, byName: a.by.displayName },
      ]),
    ),
  );
}

export function toContribution(item: ListItem): AgencyContribution {
  const r = reader('AgencyContributions', item);
  return {
    id: item.id as Id<'contribution'>,
    auditId: String(r.number('AuditId')) as Id<'audit'>,
    contributor: contributorOf(r.text('Agency'), item.id),
    auditor: r.person('Auditor'),
    status: r.oneOf('Status', CONTRIBUTION_STATUSES),
    dueDate: r.date('DueDate'),
    eTag: eTagOf(item),
    returnComments: r.optionalText('ReturnComments'),
  };
}

function contributorOf(value: string, itemId: string): ContributorId {
  if (value === MULTI_AGENCY || isAgencyId(value)) return value;
  throw new MappingError(
    'AgencyContributions',
    itemId,
    'Agency',
    `holds unknown agency '${value}'`,
  );
}

const toFeedbackStatus = (stage: FeedbackStage): FeedbackStatus =>
  stage === 'sent' || stage === 'acknowledged' ? stage : 'draft';

export function toFeedback(item: ListItem): Feedback {
  const r = reader('Feedback', item);
  return {
    id: item.id as Id<'feedback'>,
    auditId: String(r.number('AuditId')) as Id<'audit'>,
    practitioner: r.person('Practitioner'),
    agency: r.text('Agency'),
    // The lifecycle's close asks only whether feedback is still being written, sent or acknowledged.
    status: toFeedbackStatus(r.oneOf('Status', FEEDBACK_STAGES)),
    sentAt: r.date('SentAt'),
    acknowledgedAt: r.date('AcknowledgedAt'),
    eTag: eTagOf(item),
  };
}

export function toAction(item: ListItem): Action {
  const r = reader('Actions', item);
  return {
    id: item.id as Id<'action'>,
    title: r.text('Title'),
    agency: r.text('Agency'),
    owner: r.person('Owner'),
    dueDate: r.date('DueDate'),
    status: r.oneOf('Status', ACTION_STATUSES),
    eTag: eTagOf(item),
  };
}

export function toReport(item: ListItem): OverviewReport {
  const r = reader('OverviewReports', item);
  return {
    id: item.id as Id<'report'>,
    title: r.text('Title'),
    scope: r.text('Scope'),
    status: r.oneOf('Status', REPORT_STATUSES),
    publishedAt: r.date('PublishedAt'),
    eTag: eTagOf(item),
  };
}
