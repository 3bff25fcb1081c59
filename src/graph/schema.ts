import { FEEDBACK_STAGES } from '../domain/feedback.js';
import { GRADES } from '../domain/grading.js';
import {
  ACTION_STATUSES,
  AUDIT_STATUSES,
  CATEGORIES,
  CONTRIBUTION_STATUSES,
  PRIORITY_SOURCES,
  REPORT_STATUSES,
} from '../domain/records.js';

/**
 * The SharePoint lists that hold every record, as Graph column definitions. Every column used in
 * $filter or $orderby is indexed at creation; keys are unique. Provisioning creates what is
 * missing and brings existing columns up to these settings.
 */

export type ColumnDefinition = {
  readonly name: string;
  readonly description?: string;
  readonly indexed?: boolean;
  readonly enforceUniqueValues?: boolean;
  readonly required?: boolean;
} & (
  | { readonly text: { readonly allowMultipleLines?: boolean; readonly maxLength?: number } }
  | {
      readonly number: {
        readonly minimum?: number;
        readonly maximum?: number;
        readonly decimalPlaces?: string;
      };
    }
  | { readonly boolean: Record<string, never> }
  | { readonly dateTime: { readonly format: 'dateOnly' | 'dateTime' } }
  | { readonly choice: { readonly choices: readonly string[]; readonly allowTextEntry?: boolean } }
);

export type ListDefinition = {
  readonly name: ListName;
  readonly description: string;
  readonly columns: readonly ColumnDefinition[];
};

export const LIST_NAMES = [
  'AuditProgrammes',
  'Audits',
  'AgencyContributions',
  'SectionAnswers',
  'Feedback',
  'Actions',
  'OverviewReports',
  'AuditEvents',
  'NotificationOutbox',
  'PartnershipSettings',
  'Findings',
  'FeedbackWords',
  'Digests',
  'FeedbackReplies',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

const text = (
  name: string,
  extra: Partial<{ indexed: boolean; unique: boolean; maxLength: number; required: boolean }> = {},
): ColumnDefinition => ({
  name,
  text: { maxLength: extra.maxLength ?? 255 },
  ...(extra.indexed ? { indexed: true } : {}),
  ...(extra.unique ? { indexed: true, enforceUniqueValues: true } : {}),
  ...(extra.required ? { required: true } : {}),
});
const note = (name: string): ColumnDefinition => ({ name, text: { allowMultipleLines: true } });
const num = (name: string, indexed = false): ColumnDefinition => ({
  name,
  number: {},
  ...(indexed ? { indexed: true } : {}),
});
const date = (name: string, indexed = false): ColumnDefinition => ({
  name,
  dateTime: { format: 'dateTime' },
  ...(indexed ? { indexed: true } : {}),
});
const choice = (name: string, choices: readonly string[], indexed = true): ColumnDefinition => ({
  name,
  choice: { choices },
  ...(indexed ? { indexed: true } : {}),
});
const flag = (name: string, indexed = false): ColumnDefinition => ({
  name,
  boolean: {},
  ...(indexed ? { indexed: true } : {}),
});
/** A person is kept as Entra object id (indexed, to find "mine") and display name. */
const person = (prefix: string): ColumnDefinition[] => [
  text(`${prefix}Id`, { indexed: true, maxLength: 64 }),
  text(`${prefix}Name`),
];

export const SCHEMA: readonly ListDefinition[] = [
  {
    name: 'AuditProgrammes',
    description: "The year's audit programme: one item per theme.",
    columns: [
      text('ThemeKey', { unique: true, maxLength: 64 }),
      text('Year', { indexed: true, maxLength: 9 }),
      choice('PrioritySource', PRIORITY_SOURCES),
      text('Categories'),
      text('PlannedMonth', { indexed: true, maxLength: 7 }),
      num('SampleSize'),
      choice('Status', ['draft', 'published']),
      date('PublishedAt'),
      note('Notes'),
    ],
  },
  {
    name: 'Audits',
    description: 'One item per commissioned audit of a case: header, status and summary.',
    columns: [
      text('AuditKey', { unique: true, maxLength: 128 }),
      text('CaseReference', { indexed: true, maxLength: 32 }),
      choice('Category', CATEGORIES),
      num('ThemeId', true),
      choice('Status', AUDIT_STATUSES),
      text('ToolId', { maxLength: 64 }),
      num('ToolVersion'),
      date('PeriodStart'),
      date('PeriodEnd'),
      text('Agencies'),
      ...person('LeadAuditor'),
      ...person('SignOffManager'),
      ...person('CommissionedBy'),
      date('CommissionedAt', true),
      date('DueDate', true),
      text('SummaryGrade', { maxLength: 32 }),
      flag('ChildAtRisk', true),
      note('ChildAtRiskReason'),
      // Who raised it, and when its trail event and cards were all queued: a raise left half
      // done (a crash, a lost answer) is finished by the raiser's next opening of the tab.
      text('ChildAtRiskRaisedById', { indexed: true, maxLength: 64 }),
      date('ChildAtRiskRaisedAt'),
      date('ChildAtRiskNotifiedAt'),
      // Who audits for each agency, as commissioned: what finishing a commissioning left half
      // done needs to make the contributions that are missing.
      note('Auditors'),
      // The audit of the same case that this one re-audits (indexed: re-audits due read it).
      num('ReauditOfId', true),
      // The lifecycle (docs/lifecycle.md): each move stores its date, and its text where it has one.
      date('StartedAt'),
      date('ModerationStartedAt'),
      date('SentForSignOffAt'),
      // "My sign-offs" filters and orders by it.
      date('SignOffDue', true),
      date('SignedOffAt'),
      ...person('SignedOffBy'),
      note('SignOffNote'),
      date('ReturnedAt'),
      note('ReturnComments'),
      date('ClosedAt'),
      date('WithdrawnAt'),
      note('WithdrawalReason'),
      // The last move's trail event (key, type, who, when, details), stored with the move itself:
      // a tab that fails between the move and its trail event leaves what `resume` needs to finish.
      note('LastMove'),
      // The outbox key of its commissioning channel card: the sign-off card replies in that thread.
      text('CommissioningCard'),
      // When a finished audit's contributions were given back the list's permissions.
      date('PermissionsReleasedAt'),
      // The agencies whose grades moderation agreed (JSON: agency, when, by whom): feedback to
      // an agency's practitioners may go from then (docs/lifecycle.md).
      note('GradesAgreed'),
      // The last agreement's (or undoing's) trail event, stored with it as LastMove is with a move.
      note('LastAgreement'),
    ],
  },
  {
    name: 'AgencyContributions',
    description:
      "One item per audit and agency, so that agencies' auditors never overwrite each other.",
    columns: [
      text('ContributionKey', { unique: true, maxLength: 64 }),
      num('AuditId', true),
      text('Agency', { indexed: true, maxLength: 64 }),
      ...person('Auditor'),
      choice('Status', CONTRIBUTION_STATUSES),
      date('DueDate', true),
      date('SubmittedAt'),
      // Why the lead auditor returned it: its auditor reads this in the form.
      note('ReturnComments'),
      // The lead auditor's moderation decisions, as JSON, on the multi-agency contribution that
      // only the lead auditor may edit.
      note('ModerationDecisions'),
    ],
  },
  {
    name: 'SectionAnswers',
    description:
      'One item per audit, contributor and section: each section saves, and conflicts, on its own.',
    columns: [
      text('AnswerKey', { unique: true, maxLength: 128 }),
      num('AuditId', true),
      text('Contributor', { indexed: true, maxLength: 64 }),
      text('SectionId', { maxLength: 64 }),
      choice('Kind', ['answered', 'notApplicable'], false),
      choice('Grade', GRADES),
      note('Evidence'),
      note('WorkedWell'),
      note('ToImprove'),
      note('Impact'),
      note('Reason'),
    ],
  },
  {
    name: 'Feedback',
    description:
      'Swift feedback to each practitioner whose case was audited: who, where it stands and when. Its words are in FeedbackWords, which the agency lead cannot read.',
    columns: [
      // audit:agency:practitioner, one feedback per practitioner per agency of an audit.
      text('FeedbackKey', { unique: true, maxLength: 160 }),
      num('AuditId', true),
      // The practitioner reads no audit: their list shows the case reference from here.
      text('CaseReference', { maxLength: 32 }),
      ...person('Practitioner'),
      text('Agency', { indexed: true, maxLength: 64 }),
      choice('Status', FEEDBACK_STAGES),
      date('SentAt', true),
      ...person('SentBy'),
      date('ReadAt'),
      date('AcknowledgedAt'),
      date('ConversationRequestedAt'),
    ],
  },
  {
    name: 'Actions',
    description: 'The action plan: what each agency will do, by when, and how it is going.',
    columns: [
      num('ReportId', true),
      text('Agency', { indexed: true, maxLength: 64 }),
      ...person('Owner'),
      date('DueDate', true),
      choice('Status', ACTION_STATUSES),
      note('Recommendation'),
      note('DifferenceForChildren'),
      note('Progress'),
      // The action plan (docs/report.md): each action created once, by its key
      // "<report id>:<recommendation id>:<n>", with the evidence of completion and the days its
      // due-soon and overdue cards went.
      text('ActionKey', { unique: true, maxLength: 96 }),
      text('RecommendationId', { maxLength: 32 }),
      note('Evidence'),
      text('DueSoonSentOn', { maxLength: 10 }),
      text('OverdueSentOn', { maxLength: 10 }),
      // Where the action came from: ReportId above holds the OverviewReports item of the
      // published version; ReportSource its key "<report id>:v<version>", with version and title.
      text('ReportSource', { maxLength: 96 }),
      num('ReportVersion'),
      text('ReportTitle'),
    ],
  },
  {
    name: 'OverviewReports',
    description: 'Overview reports drawn from a set of audits.',
    columns: [
      text('Scope'),
      choice('Status', REPORT_STATUSES),
      date('PublishedAt', true),
      date('ReauditDue'),
      note('Body'),
      // Each version is an item of its own (docs/report.md): "<report id>:v<version>", created once.
      text('ReportKey', { unique: true, maxLength: 64 }),
      text('ReportId', { indexed: true, maxLength: 32 }),
      num('Version'),
    ],
  },
  {
    name: 'AuditEvents',
    description: 'Append-only trail: who did what to an audit, and when.',
    columns: [
      text('EventKey', { unique: true }),
      num('AuditId', true),
      text('EventType', { indexed: true, maxLength: 64 }),
      ...person('Actor'),
      date('At', true),
      note('Details'),
    ],
  },
  {
    name: 'NotificationOutbox',
    description: 'Every notification before it is sent; the key makes each one unique.',
    columns: [
      text('IdempotencyKey', { unique: true }),
      text('RecordId', { indexed: true, maxLength: 64 }),
      text('EventType', { maxLength: 64 }),
      choice('RecipientKind', ['channel', 'chat', 'activity', 'reply'], false),
      text('RecipientId'),
      // Only the person who queued an item sends it (also checked against the item's createdBy).
      text('QueuedById', { indexed: true, maxLength: 64 }),
      // The card's kind and data, not the card: the sender rebuilds it with the product's builders.
      text('CardKind', { maxLength: 64 }),
      note('CardData'),
      text('ClaimToken', { maxLength: 64 }),
      choice('Status', ['pending', 'sending', 'sent', 'failed']),
      date('LeaseUntil', true),
      num('Attempts'),
      note('LastError'),
      date('NextAttemptAt', true),
      date('SentAt'),
      // The sent message's id: a reply in its thread (the sign-off card) is posted to it.
      text('MessageId', { maxLength: 64 }),
    ],
  },
  {
    name: 'PartnershipSettings',
    description: "The partnership's settings: terminology, grading scale, case reference format.",
    columns: [text('Key', { unique: true, maxLength: 64 }), note('Value')],
  },
  {
    name: 'Findings',
    description:
      "Moderation's findings: each agency grade the lead auditor changed, with the reason, kept at sign-off.",
    columns: [
      text('FindingKey', { unique: true }),
      num('AuditId', true),
      text('Agency', { indexed: true, maxLength: 64 }),
      text('SectionId', { maxLength: 64 }),
      text('Area'),
      choice('AgencyGrade', GRADES, false),
      choice('ModeratedGrade', GRADES, false),
      choice('Direction', ['raised', 'lowered'], false),
      note('Reason'),
      ...person('Auditor'),
      date('SignedOffAt', true),
    ],
  },
  {
    name: 'FeedbackWords',
    description:
      "The words of each practitioner's feedback, apart from its state: each item readable only by its writers (the agency's auditor and the lead auditor), its practitioner once sent, and the owners.",
    columns: [
      text('FeedbackKey', { unique: true, maxLength: 160 }),
      num('AuditId', true),
      note('WorkedWell'),
      note('DoDifferently'),
      note('DifferenceForChild'),
      note('Reflection'),
      note('ReviewComments'),
    ],
  },
  {
    name: 'Digests',
    description:
      "What the overview report needs of each signed-off audit (docs/report.md), kept once at sign-off so a year's overview reads few items.",
    columns: [
      // The audit's id: one digest an audit, however often sign-off's follow-ups are tried.
      text('DigestKey', { unique: true, maxLength: 32 }),
      num('AuditId', true),
      // A year's overview filters on it.
      date('SignedOffAt', true),
      choice('Category', CATEGORIES),
      text('ThemeId', { indexed: true, maxLength: 32 }),
      num('ReauditOfId', true),
      // The digest itself: compact, versioned JSON (src/domain/report/digest.ts).
      note('Digest'),
      // The words a report may quote, guarded and capped at sign-off (src/domain/report/notes.ts).
      note('Notes'),
    ],
  },
  {
    name: 'FeedbackReplies',
    description:
      "Each practitioner's reply to their feedback, in two items of their own that only they change: its dates (read, acknowledged, conversation asked for), which the audit team reads, and its reflection, which only the feedback's writers (and, if the partnership allows, the agency's lead) read.",
    columns: [
      // "<FeedbackKey>|dates" and "<FeedbackKey>|reflection" (the feedback's own key and the
      // part): each created once, by whoever sends the feedback.
      text('ReplyKey', { unique: true, maxLength: 180 }),
      choice('Part', ['dates', 'reflection']),
      num('AuditId', true),
      text('Agency', { indexed: true, maxLength: 64 }),
      ...person('Practitioner'),
      date('ReadAt'),
      date('AcknowledgedAt'),
      date('ConversationRequestedAt'),
      note('Reflection'),
      // On the dates item, written by the sender at send: when moderation agreed the agency's
      // grades and when the feedback went. The overview report reads a year's feedback timeliness
      // from these items alone, by the indexed SentAt (docs/report.md).
      date('SentAt', true),
      date('AgreedAt'),
    ],
  },
];
