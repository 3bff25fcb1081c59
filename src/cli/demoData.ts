import { type AgencyId, type ContributorId, MULTI_AGENCY } from '../domain/agencies.js';
import type { SectionAnswer } from '../domain/answers.js';
import type { Grade } from '../domain/grading.js';
import type { Category, ContributionStatus, PrioritySource } from '../domain/records.js';
import { latestTool, type Section, sectionsFor } from '../domain/tools/index.js';
import { addWorkingDays } from '../domain/workingDays.js';

/**
 * Demonstration records for the fictional Northshire partnership. Every case reference, person
 * and finding here is invented; none describes a real child, family or worker.
 */
export const DEMO_NOTICE =
  'Fictional demonstration data: no real child, family or worker is described.';

const DOMAIN = 'northshire.example';
const upn = (name: string) => `${name}@${DOMAIN}`;

export const PEOPLE = {
  businessManager: upn('morgan.ellis'),
  lead: upn('ruth.adeyemi'),
  signOffCare: upn('helen.brooks'),
  signOffHealth: upn('marcus.reid'),
  auditorCare: upn('priya.shah'),
  auditorHealth: upn('tom.okafor'),
  auditorPolice: upn('dana.whitfield'),
  auditorEducation: upn('sam.carter'),
  auditorEarlyHelp: upn('lee.marsh'),
  socialWorker: upn('jo.fenwick'),
  healthVisitor: upn('alex.kim'),
  leadHealth: upn('grace.lin'),
  leadPolice: upn('owen.price'),
  leadCare: upn('fatima.noor'),
} as const;
export type PersonKey = keyof typeof PEOPLE;

export type DemoTheme = {
  title: string;
  prioritySource: PrioritySource;
  categories: Category[];
  plannedMonth: string;
  sampleSize: number;
  status: 'draft' | 'published';
};

export const DEMO_YEAR = '2026-27';

export const DEMO_THEMES: DemoTheme[] = [
  {
    title: 'Neglect: children on child protection plans for over a year',
    prioritySource: 'practiceReview',
    categories: ['childProtection'],
    plannedMonth: '2026-05',
    sampleSize: 6,
    status: 'published',
  },
  {
    title: 'Child in need plans that drift',
    prioritySource: 'performanceIndicator',
    categories: ['childInNeed'],
    plannedMonth: '2026-07',
    sampleSize: 6,
    status: 'published',
  },
  {
    title: 'Early help: stepping up and stepping down',
    prioritySource: 'drillDown',
    categories: ['earlyIntervention'],
    plannedMonth: '2026-09',
    sampleSize: 5,
    status: 'published',
  },
  {
    title: 'Health assessments for children in care (baseline)',
    prioritySource: 'baseline',
    categories: ['childrenInCare'],
    plannedMonth: '2027-01',
    sampleSize: 8,
    status: 'draft',
  },
];

/**
 * How far a contributor has got. Its answers are made from it (`demoAnswers`), so a status and
 * the answers behind it cannot disagree: not started has none, in progress the sections named,
 * submitted every section of the contributor's.
 */
export type DemoProgress =
  | { readonly status: 'notStarted' }
  | { readonly status: 'inProgress'; readonly sections: readonly string[] }
  | { readonly status: 'submitted' };

export type DemoAudit = {
  caseReference: string;
  category: Category;
  theme: number;
  status: 'commissioned' | 'inProgress' | 'moderation' | 'awaitingSignOff' | 'signedOff';
  lead: PersonKey;
  signOff: PersonKey;
  dueInDays: number;
  agencies: Array<{ agency: AgencyId; auditor: PersonKey } & DemoProgress>;
  /** The lead auditor's multi-agency judgement; not started unless said. */
  multiAgency?: DemoProgress;
  /** A child flagged at risk now, with the (fictional) reason and who raised it. */
  childAtRisk?: { reason: string; raisedBy: PersonKey };
};

/**
 * One audit at each stage of the cycle, each for its role to open: commissioned (auditors to
 * start), in progress (and one overdue, its child flagged at risk), in moderation (the lead
 * auditor), awaiting sign-off (the sign-off manager), signed off (feedback to practitioners).
 */
export const DEMO_AUDITS: DemoAudit[] = [
  {
    caseReference: 'NSP-CP-0101',
    category: 'childProtection',
    theme: 0,
    status: 'inProgress',
    lead: 'lead',
    signOff: 'signOffCare',
    dueInDays: 14,
    agencies: [
      {
        agency: 'socialCare',
        auditor: 'auditorCare',
        status: 'inProgress',
        sections: ['referralStrategy', 'reviewStepDown'],
      },
      { agency: 'health', auditor: 'auditorHealth', status: 'notStarted' },
      { agency: 'police', auditor: 'auditorPolice', status: 'submitted' },
    ],
  },
  {
    caseReference: 'NSP-CP-0102',
    category: 'childProtection',
    theme: 0,
    status: 'commissioned',
    lead: 'lead',
    signOff: 'signOffCare',
    dueInDays: 5,
    agencies: [
      { agency: 'socialCare', auditor: 'auditorCare', status: 'notStarted' },
      { agency: 'education', auditor: 'auditorEducation', status: 'notStarted' },
    ],
  },
  {
    caseReference: 'NSP-CIN-0201',
    category: 'childInNeed',
    theme: 1,
    status: 'awaitingSignOff',
    lead: 'lead',
    signOff: 'signOffHealth',
    dueInDays: -3,
    agencies: [
      { agency: 'socialCare', auditor: 'auditorCare', status: 'submitted' },
      { agency: 'health', auditor: 'auditorHealth', status: 'submitted' },
    ],
    multiAgency: { status: 'submitted' },
  },
  {
    caseReference: 'NSP-EH-0301',
    category: 'earlyIntervention',
    theme: 2,
    status: 'signedOff',
    lead: 'lead',
    signOff: 'signOffCare',
    dueInDays: -30,
    agencies: [
      { agency: 'earlyHelp', auditor: 'auditorEarlyHelp', status: 'submitted' },
      { agency: 'education', auditor: 'auditorEducation', status: 'submitted' },
    ],
    multiAgency: { status: 'submitted' },
  },
  {
    caseReference: 'NSP-CIN-0202',
    category: 'childInNeed',
    theme: 1,
    status: 'moderation',
    lead: 'lead',
    signOff: 'signOffHealth',
    dueInDays: 3,
    agencies: [
      { agency: 'socialCare', auditor: 'auditorCare', status: 'submitted' },
      { agency: 'police', auditor: 'auditorPolice', status: 'submitted' },
    ],
    multiAgency: { status: 'inProgress', sections: ['caseProfile', 'assessment'] },
  },
  {
    // In moderation for the lead auditor, with a sign-off manager who audited none of it: the
    // demo's audit to moderate and take through sign-off (the sign-off browser test commissions
    // its own audit, so that its agencies submit in the browser).
    caseReference: 'NSP-CP-0104',
    category: 'childProtection',
    theme: 0,
    status: 'moderation',
    lead: 'lead',
    signOff: 'signOffHealth',
    dueInDays: 12,
    agencies: [
      { agency: 'socialCare', auditor: 'auditorCare', status: 'submitted' },
      { agency: 'police', auditor: 'auditorPolice', status: 'submitted' },
    ],
  },
  {
    caseReference: 'NSP-CP-0103',
    category: 'childProtection',
    theme: 0,
    status: 'inProgress',
    lead: 'lead',
    signOff: 'signOffCare',
    dueInDays: -4,
    agencies: [
      {
        agency: 'health',
        auditor: 'auditorHealth',
        status: 'inProgress',
        sections: ['caseProfile', 'childsVoice'],
      },
      { agency: 'education', auditor: 'auditorEducation', status: 'notStarted' },
    ],
    childAtRisk: {
      reason:
        'Fictional demo: repeated missed health appointments and no contact with the child for six weeks.',
      raisedBy: 'auditorHealth',
    },
  },
];

const DEMO_GRADES: readonly Grade[] = ['good', 'requiresImprovement', 'good', 'outstanding'];

/** A complete, fictional answer to one section: graded (with the impact), or the case's facts. */
function demoAnswer(section: Section, index: number): SectionAnswer {
  return section.graded
    ? {
        kind: 'answered',
        grade: DEMO_GRADES[index % DEMO_GRADES.length],
        evidence: `Fictional demo: the record for ${section.title.toLowerCase()} was read for the last twelve months.`,
        workedWell: 'Fictional demo: visits were regular and the plan was reviewed on time.',
        toImprove: 'Fictional demo: record the reasons for decisions more fully.',
        impact: 'Fictional demo: the child is safer at home and attends school more often.',
      }
    : {
        kind: 'answered',
        grade: undefined,
        evidence: 'Fictional demo: on a plan for fourteen months; four agencies involved.',
        workedWell: '',
        toImprove: '',
        impact: '',
      };
}

/** The answers behind a contributor's progress on an audit, section by section. */
export function demoAnswers(
  audit: Pick<DemoAudit, 'category'>,
  contributor: ContributorId,
  progress: DemoProgress,
): Array<{ sectionId: string; answer: SectionAnswer }> {
  const sections = sectionsFor(latestTool(audit.category), contributor);
  const answered =
    progress.status === 'submitted'
      ? sections
      : progress.status === 'inProgress'
        ? sections.filter((s) => progress.sections.includes(s.id))
        : [];
  return answered.map((s, i) => ({ sectionId: s.id, answer: demoAnswer(s, i) }));
}

/** Every contributor of a demo audit with its progress: the agencies, then the lead's judgement. */
export function demoContributors(
  audit: DemoAudit,
): Array<{ contributor: ContributorId; auditor: PersonKey; progress: DemoProgress }> {
  return [
    ...audit.agencies.map(({ agency, auditor, ...progress }) => ({
      contributor: agency,
      auditor,
      progress: progress as DemoProgress,
    })),
    {
      contributor: MULTI_AGENCY,
      auditor: audit.lead,
      progress: audit.multiAgency ?? { status: 'notStarted' },
    },
  ];
}

export const contributionStatusOf = (p: DemoProgress): ContributionStatus => p.status;

/**
 * The lifecycle's dates (issue 10) for a demo audit's status: the audit awaiting sign-off was sent
 * 16 days ago, so its 10 working days have run out and "My sign-offs" shows it overdue.
 */
export function demoLifecycleFields(
  a: DemoAudit,
  now: number,
  signOffManager: { id: string; displayName: string },
): Record<string, unknown> {
  const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString();
  const sent = daysAgo(16);
  switch (a.status) {
    case 'moderation':
      return { StartedAt: daysAgo(30), ModerationStartedAt: daysAgo(2) };
    case 'awaitingSignOff':
      return {
        StartedAt: daysAgo(40),
        ModerationStartedAt: daysAgo(20),
        SentForSignOffAt: sent,
        SignOffDue: `${addWorkingDays(sent, 10)}T00:00:00Z`,
      };
    case 'signedOff':
      return {
        StartedAt: daysAgo(60),
        ModerationStartedAt: daysAgo(40),
        SentForSignOffAt: daysAgo(35),
        SignedOffAt: daysAgo(30),
        SignedOffById: signOffManager.id,
        SignedOffByName: signOffManager.displayName,
      };
    default:
      return {};
  }
}

export const DEMO_REPORT = {
  title: 'Early help: stepping up and stepping down — overview report (fictional demo)',
  scope: `Theme "Early help: stepping up and stepping down", ${DEMO_YEAR}`,
};

export const DEMO_ACTIONS: Array<{
  title: string;
  agency: AgencyId;
  owner: PersonKey;
  dueInDays: number;
  status: 'notStarted' | 'inProgress' | 'done';
}> = [
  {
    title: 'Agree one step-down plan template across agencies',
    agency: 'socialCare',
    owner: 'leadCare',
    dueInDays: 45,
    status: 'inProgress',
  },
  {
    title: 'Health visitors attend every step-down meeting',
    agency: 'health',
    owner: 'leadHealth',
    dueInDays: 60,
    status: 'notStarted',
  },
  {
    title: 'Share police notifications with the lead professional within 24 hours',
    agency: 'police',
    owner: 'leadPolice',
    dueInDays: -5,
    status: 'notStarted',
  },
];

export const DEMO_FEEDBACK: Array<{
  audit: number;
  practitioner: PersonKey;
  agency: AgencyId;
  status: 'sent' | 'acknowledged';
}> = [
  { audit: 3, practitioner: 'socialWorker', agency: 'socialCare', status: 'sent' },
  { audit: 3, practitioner: 'healthVisitor', agency: 'health', status: 'acknowledged' },
];
