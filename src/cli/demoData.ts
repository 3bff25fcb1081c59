import type { AgencyId } from '../domain/agencies.js';
import type { Category, PrioritySource } from '../domain/records.js';
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

export type DemoAudit = {
  caseReference: string;
  category: Category;
  theme: number;
  status: 'commissioned' | 'inProgress' | 'moderation' | 'awaitingSignOff' | 'signedOff';
  lead: PersonKey;
  signOff: PersonKey;
  dueInDays: number;
  agencies: Array<{
    agency: AgencyId;
    auditor: PersonKey;
    status: 'notStarted' | 'inProgress' | 'submitted';
  }>;
};

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
      { agency: 'socialCare', auditor: 'auditorCare', status: 'inProgress' },
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
    dueInDays: 28,
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
  },
];

/**
 * Sign-off's demo (issue 10), kept in one place: an audit in moderation for the lead auditor,
 * and the lifecycle's dates on the audits awaiting sign-off (sent 16 days ago, so its 10 working
 * days have run out: "My sign-offs" shows it overdue) and signed off.
 */
export const DEMO_MODERATION_AUDIT: DemoAudit = {
  caseReference: 'NSP-CP-0103',
  category: 'childProtection',
  theme: 0,
  status: 'moderation',
  lead: 'lead',
  signOff: 'signOffHealth',
  dueInDays: 7,
  agencies: [
    { agency: 'socialCare', auditor: 'auditorCare', status: 'submitted' },
    { agency: 'police', auditor: 'auditorPolice', status: 'submitted' },
  ],
};

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
