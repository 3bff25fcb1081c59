/**
 * Swift feedback to the practitioners whose cases were audited, as a pure state machine: written by
 * the agency's auditor (or the lead auditor), optionally reviewed by the lead auditor, sent once
 * moderation has agreed that agency's grades, read and acknowledged by the practitioner, who may add
 * a reflection and ask for a conversation. Like the audit's lifecycle, each move names who may make
 * it and what must hold, and a move that cannot be made is refused with a sentence saying why; a
 * move that can be made returns what to store, the trail event and the card to queue, as data.
 *
 * The words of feedback stay in SharePoint (readable by the practitioner and the audit team); a card
 * says only that feedback on a case reference is ready. The identifying-detail guard still checks
 * every part before it can be sent, because the practitioner's copy leaves the audit team's hands.
 */

import { type AgencyId, contributorLabel } from './agencies.js';
import { checkIdentifyingDetail, describeFindings } from './guard/identifyingDetail.js';
import type { AuditStatus, PersonRef } from './records.js';
import {
  ENGLAND_AND_WALES,
  type HolidayCalendar,
  addWorkingDays,
  toDay,
  workingDayNumber,
} from './workingDays.js';
import { counted } from './plural.js';

/** The three parts the audit pack asks of feedback: practice, not blame, and the child's outcome. */
export const FEEDBACK_PARTS = ['workedWell', 'doDifferently', 'differenceForChild'] as const;
export type FeedbackPart = (typeof FEEDBACK_PARTS)[number];

export const FEEDBACK_PART_LABELS: Readonly<Record<FeedbackPart, string>> = {
  workedWell: 'What worked well',
  doDifferently: 'What to do differently',
  differenceForChild: 'The difference it made, or could make, to the child',
};

export type FeedbackText = Readonly<Record<FeedbackPart, string>>;

/**
 * Where one practitioner's feedback stands. `awaitingReview` and `ready` are used only when the
 * partnership asks the lead auditor to review feedback before it goes.
 */
export const FEEDBACK_STAGES = [
  'draft',
  'awaitingReview',
  'ready',
  'sent',
  'acknowledged',
] as const;
export type FeedbackStage = (typeof FEEDBACK_STAGES)[number];

export const FEEDBACK_STAGE_LABELS: Readonly<Record<FeedbackStage, string>> = {
  draft: 'Draft',
  awaitingReview: 'Waiting for review',
  ready: 'Ready to send',
  sent: 'Sent',
  acknowledged: 'Acknowledged',
};

/** What the state machine needs to know of one practitioner's feedback. */
export type FeedbackFacts = {
  readonly stage: FeedbackStage;
  readonly agency: AgencyId;
  readonly practitioner: PersonRef;
  readonly text: FeedbackText;
  readonly sentAt?: string;
  readonly readAt?: string;
  readonly acknowledgedAt?: string;
  readonly conversationRequestedAt?: string;
};

/** What it needs to know of the audit the feedback comes from. */
export type FeedbackAuditFacts = {
  readonly id: string;
  readonly caseReference: string;
  readonly status: AuditStatus;
  readonly leadAuditor: PersonRef | undefined;
  readonly contributions: ReadonlyArray<{
    readonly agency: AgencyId;
    readonly auditor: PersonRef | undefined;
    /**
     * When moderation agreed this agency's grades (the lead auditor agreed them, or the whole audit
     * went for sign-off: `gradesAgreedAt` in agencyAgreement.ts); feedback for the agency may go
     * from then, before sign-off.
     */
    readonly gradesAgreedAt: string | undefined;
  }>;
};

export type FeedbackSettings = {
  /** Whether the lead auditor reviews feedback before it can be sent. */
  readonly reviewFirst: boolean;
};

export type FeedbackMove =
  | { readonly kind: 'edit'; readonly text: FeedbackText }
  | { readonly kind: 'submitForReview' }
  | { readonly kind: 'approve' }
  | { readonly kind: 'returnToWriter'; readonly comments: string }
  | { readonly kind: 'send' }
  | { readonly kind: 'read' }
  | { readonly kind: 'acknowledge'; readonly reflection: string }
  | { readonly kind: 'requestConversation' };
export type FeedbackMoveKind = FeedbackMove['kind'];

/** Who may make a feedback move: one who writes it, the lead auditor as reviewer, or its reader. */
export type FeedbackRole = 'writer' | 'reviewer' | 'practitioner';

const FEEDBACK_ROLE_PHRASES: Readonly<Record<FeedbackRole, string>> = {
  writer: "the agency's auditor or the lead auditor",
  reviewer: "the audit's lead auditor",
  practitioner: 'the practitioner it was written for',
};

type FeedbackTransition = {
  readonly from: readonly FeedbackStage[];
  /** Undefined when the move keeps the stage (an edit, a read, a request for a conversation). */
  readonly to: FeedbackStage | undefined;
  readonly roles: readonly FeedbackRole[];
  /** The move in words, after "can": "send the feedback". */
  readonly doing: string;
};

export const FEEDBACK_TRANSITIONS: Readonly<Record<FeedbackMoveKind, FeedbackTransition>> = {
  edit: {
    from: ['draft', 'awaitingReview', 'ready'],
    to: undefined,
    roles: ['writer'],
    doing: 'change the feedback',
  },
  submitForReview: {
    from: ['draft'],
    to: 'awaitingReview',
    roles: ['writer'],
    doing: 'ask for the feedback to be reviewed',
  },
  approve: {
    from: ['awaitingReview'],
    to: 'ready',
    roles: ['reviewer'],
    doing: 'approve the feedback',
  },
  returnToWriter: {
    from: ['awaitingReview', 'ready'],
    to: 'draft',
    roles: ['reviewer'],
    doing: 'return the feedback to its writer',
  },
  send: { from: ['draft', 'ready'], to: 'sent', roles: ['writer'], doing: 'send the feedback' },
  read: {
    from: ['sent', 'acknowledged'],
    to: undefined,
    roles: ['practitioner'],
    doing: 'read it',
  },
  acknowledge: {
    from: ['sent'],
    to: 'acknowledged',
    roles: ['practitioner'],
    doing: 'acknowledge the feedback',
  },
  requestConversation: {
    from: ['sent', 'acknowledged'],
    to: undefined,
    roles: ['practitioner'],
    doing: 'ask for a conversation about the feedback',
  },
};

export const FEEDBACK_MOVE_KINDS = Object.keys(FEEDBACK_TRANSITIONS) as readonly FeedbackMoveKind[];

export const FEEDBACK_EVENT_TYPES = {
  edit: 'feedbackEdited',
  submitForReview: 'feedbackSubmittedForReview',
  approve: 'feedbackApproved',
  returnToWriter: 'feedbackReturnedToWriter',
  send: 'feedbackSent',
  read: 'feedbackRead',
  acknowledge: 'feedbackAcknowledged',
  requestConversation: 'feedbackConversationRequested',
} as const satisfies Record<FeedbackMoveKind, string>;
export type FeedbackEventType = (typeof FEEDBACK_EVENT_TYPES)[FeedbackMoveKind];

/** What to store on the feedback after a move; fields a move does not set are left alone. */
export type FeedbackChanges = {
  readonly stage: FeedbackStage;
  readonly text?: FeedbackText;
  readonly sentAt?: string;
  readonly sentBy?: PersonRef;
  readonly readAt?: string;
  readonly acknowledgedAt?: string;
  readonly reflection?: string;
  readonly reviewComments?: string;
  readonly conversationRequestedAt?: string;
};

/** A card to queue because of the move; its words are built by the cards module at send time. */
export type FeedbackCard =
  | { readonly kind: 'feedbackReady'; readonly to: PersonRef; readonly caseReference: string }
  | {
      readonly kind: 'conversationRequested';
      readonly to: PersonRef;
      readonly caseReference: string;
      readonly agency: AgencyId;
    };

export type FeedbackMoveResult =
  | {
      readonly kind: 'moved';
      readonly changes: FeedbackChanges;
      readonly event: {
        readonly type: FeedbackEventType;
        readonly actor: PersonRef;
        readonly at: string;
        readonly details: string;
      };
      readonly cards: readonly FeedbackCard[];
    }
  | { readonly kind: 'refused'; readonly reason: string };

export type FeedbackContext = {
  readonly now: Date;
  readonly settings: FeedbackSettings;
  /** Patterns the identifying-detail guard lets through: the partnership's case references. */
  readonly allowed?: readonly RegExp[];
};

const same = (a: PersonRef | undefined, b: PersonRef): boolean => a !== undefined && a.id === b.id;
const blank = (s: string): boolean => s.trim().length === 0;

function either(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The roles a person holds on one practitioner's feedback. */
export function feedbackRolesOf(
  person: PersonRef,
  feedback: Pick<FeedbackFacts, 'agency' | 'practitioner'>,
  audit: FeedbackAuditFacts,
): FeedbackRole[] {
  const roles: FeedbackRole[] = [];
  const agencyAuditor = audit.contributions.find((c) => c.agency === feedback.agency)?.auditor;
  const lead = same(audit.leadAuditor, person);
  if (lead || same(agencyAuditor, person)) roles.push('writer');
  if (lead) roles.push('reviewer');
  if (same(feedback.practitioner, person)) roles.push('practitioner');
  return roles;
}

/**
 * Each part of the text that holds identifying detail, as a sentence naming the part, the kinds of
 * detail and the words where they are, never the detail itself. Empty when the text may go.
 */
export function feedbackTextProblems(
  text: FeedbackText,
  allowed: readonly RegExp[] = [],
): string[] {
  const problems: string[] = [];
  for (const part of FEEDBACK_PARTS) {
    const result = checkIdentifyingDetail(text[part], allowed);
    if (!result.ok)
      problems.push(`${FEEDBACK_PART_LABELS[part]}: ${describeFindings(result.findings)}`);
  }
  return problems;
}

/** The parts still empty, by label. */
export function missingParts(text: FeedbackText): string[] {
  return FEEDBACK_PARTS.filter((p) => blank(text[p])).map((p) => FEEDBACK_PART_LABELS[p]);
}

/** Whether feedback to this agency's practitioners may go now, and if not, why not. */
export function mayFeedBack(
  audit: FeedbackAuditFacts,
  agency: AgencyId,
):
  | { readonly ok: true; readonly agreedAt: string }
  | { readonly ok: false; readonly reason: string } {
  const label = contributorLabel(agency);
  if (audit.status === 'withdrawn')
    return { ok: false, reason: 'The audit was withdrawn, so no feedback can be sent from it.' };
  const contribution = audit.contributions.find((c) => c.agency === agency);
  if (!contribution)
    return { ok: false, reason: `${label} is not one of the agencies on this audit.` };
  if (contribution.gradesAgreedAt === undefined)
    return {
      ok: false,
      reason: `Moderation has not yet agreed ${label}'s grades: feedback can be sent once the lead auditor agrees them in moderation.`,
    };
  return { ok: true, agreedAt: contribution.gradesAgreedAt };
}

/** Checks the text for sending or review: every part written, and no identifying detail. */
function textReady(text: FeedbackText, ctx: FeedbackContext, doing: string): string | undefined {
  const missing = missingParts(text);
  if (missing.length > 0)
    return `Write every part before you ${doing}: ${missing.join('; ')} ${missing.length === 1 ? 'is' : 'are'} still empty.`;
  const problems = feedbackTextProblems(text, ctx.allowed ?? []);
  // The refused text is not repeated: it may be the very detail that must not travel.
  if (problems.length > 0) return `The feedback cannot go yet. ${problems.join(' ')}`;
  return undefined;
}

type Decided = {
  readonly changes: FeedbackChanges;
  readonly details: string;
  readonly cards: readonly FeedbackCard[];
};

function decide(
  feedback: FeedbackFacts,
  audit: FeedbackAuditFacts,
  actor: PersonRef,
  m: FeedbackMove,
  ctx: FeedbackContext,
): Decided | string {
  const at = ctx.now.toISOString();
  const agency = contributorLabel(feedback.agency);
  const keep = feedback.stage;
  switch (m.kind) {
    case 'edit':
      // An edit after review needs the review again: what was approved is no longer what goes.
      return {
        changes: { stage: keep === 'ready' ? 'awaitingReview' : keep, text: m.text },
        details: `${agency} feedback changed`,
        cards: [],
      };
    case 'submitForReview': {
      if (!ctx.settings.reviewFirst)
        return 'The partnership does not ask for feedback to be reviewed first: send it when it is ready.';
      const problem = textReady(feedback.text, ctx, 'ask for a review');
      if (problem) return problem;
      return {
        changes: { stage: 'awaitingReview' },
        details: `${agency} feedback sent for review`,
        cards: [],
      };
    }
    case 'approve': {
      const problem = textReady(feedback.text, ctx, 'approve it');
      if (problem) return problem;
      return { changes: { stage: 'ready' }, details: `${agency} feedback approved`, cards: [] };
    }
    case 'returnToWriter': {
      if (blank(m.comments)) return 'Say what should change: returning feedback needs comments.';
      return {
        changes: { stage: 'draft', reviewComments: m.comments.trim() },
        details: `${agency} feedback returned to its writer`,
        cards: [],
      };
    }
    case 'send': {
      if (ctx.settings.reviewFirst && feedback.stage === 'draft')
        return 'The partnership asks the lead auditor to review feedback before it is sent: ask for a review first.';
      const agreed = mayFeedBack(audit, feedback.agency);
      if (!agreed.ok) return agreed.reason;
      const problem = textReady(feedback.text, ctx, 'send it');
      if (problem) return problem;
      return {
        changes: { stage: 'sent', sentAt: at, sentBy: actor },
        details: `${agency} feedback sent`,
        cards: [
          { kind: 'feedbackReady', to: feedback.practitioner, caseReference: audit.caseReference },
        ],
      };
    }
    case 'read':
      // The first opening is the one that counts; opening again changes nothing.
      return {
        changes: { stage: keep, readAt: feedback.readAt ?? at },
        details: `${agency} feedback read`,
        cards: [],
      };
    case 'acknowledge': {
      const reflection = m.reflection.trim();
      if (reflection.length > 0) {
        const result = checkIdentifyingDetail(reflection, ctx.allowed ?? []);
        if (!result.ok)
          return `Your reflection cannot be saved: ${describeFindings(result.findings)}`;
      }
      return {
        changes: {
          stage: 'acknowledged',
          acknowledgedAt: at,
          readAt: feedback.readAt ?? at,
          ...(reflection.length > 0 ? { reflection } : {}),
        },
        details:
          reflection.length > 0
            ? `${agency} feedback acknowledged, with a reflection`
            : `${agency} feedback acknowledged`,
        cards: [],
      };
    }
    case 'requestConversation': {
      if (feedback.conversationRequestedAt !== undefined)
        return `You asked for a conversation on ${toDay(feedback.conversationRequestedAt)}; the auditor has been told.`;
      const auditor =
        audit.contributions.find((c) => c.agency === feedback.agency)?.auditor ?? audit.leadAuditor;
      if (!auditor)
        return `No auditor is named for ${agency} on this audit, so there is nobody to tell yet.`;
      return {
        changes: { stage: keep, conversationRequestedAt: at },
        details: `A conversation about the ${agency} feedback was asked for`,
        cards: [
          {
            kind: 'conversationRequested',
            to: auditor,
            caseReference: audit.caseReference,
            agency: feedback.agency,
          },
        ],
      };
    }
  }
}

/**
 * Makes a move on one practitioner's feedback, or says why it cannot be made: first the stage,
 * then who is asking, then what must hold.
 */
export function moveFeedback(
  feedback: FeedbackFacts,
  audit: FeedbackAuditFacts,
  actor: PersonRef,
  m: FeedbackMove,
  ctx: FeedbackContext,
): FeedbackMoveResult {
  const t = FEEDBACK_TRANSITIONS[m.kind];
  if (!t.from.includes(feedback.stage))
    return {
      kind: 'refused',
      reason: `The feedback is ${FEEDBACK_STAGE_LABELS[feedback.stage].toLowerCase()}, so no one can ${t.doing} now.`,
    };
  const roles = feedbackRolesOf(actor, feedback, audit);
  if (!t.roles.some((r) => roles.includes(r)))
    return {
      kind: 'refused',
      reason: `Only ${either(t.roles.map((r) => FEEDBACK_ROLE_PHRASES[r]))} can ${t.doing}.`,
    };
  const decided = decide(feedback, audit, actor, m, ctx);
  if (typeof decided === 'string') return { kind: 'refused', reason: decided };
  return {
    kind: 'moved',
    changes: decided.changes,
    event: {
      type: FEEDBACK_EVENT_TYPES[m.kind],
      actor,
      at: ctx.now.toISOString(),
      details: decided.details,
    },
    cards: decided.cards,
  };
}

/** The moves a person could try now, for buttons; the details are checked when they try. */
export function availableFeedbackMoves(
  feedback: FeedbackFacts,
  audit: FeedbackAuditFacts,
  person: PersonRef,
  settings: FeedbackSettings,
): FeedbackMoveKind[] {
  const roles = feedbackRolesOf(person, feedback, audit);
  return FEEDBACK_MOVE_KINDS.filter((kind) => {
    const t = FEEDBACK_TRANSITIONS[kind];
    if (!t.from.includes(feedback.stage) || !t.roles.some((r) => roles.includes(r))) return false;
    if (!settings.reviewFirst && (kind === 'submitForReview' || kind === 'approve')) return false;
    if (settings.reviewFirst && kind === 'send' && feedback.stage === 'draft') return false;
    if (kind === 'requestConversation' && feedback.conversationRequestedAt !== undefined)
      return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Who reads and changes which of a feedback's items

/**
 * A practitioner's feedback lives in four items, because SharePoint gives permissions per item and
 * cannot hide a column: the state (stage and the team's dates), the words (the writers' three
 * parts and review comments), and the practitioner's reply in two items of their own: its dates
 * (read, acknowledged, conversation asked for), which the whole audit team reads so an agency lead
 * sees where their agency's feedback stands, and its reflection, which holds the practitioner's
 * words and is read only by those who read the feedback's words.
 */
export type FeedbackItemKind = 'state' | 'words' | 'replyDates' | 'reflection';

/**
 * What a person may do with one item: `share` (change it and set who else may: its writers),
 * `readAndShare` (read it and set who may, never change it: the writers on the practitioner's
 * reply, so that a send tried again can share it again), `edit` (the practitioner on their reply)
 * and `read`.
 */
export type FeedbackGrantLevel = 'share' | 'readAndShare' | 'edit' | 'read';

export type FeedbackGrant = { readonly person: PersonRef; readonly level: FeedbackGrantLevel };

export type FeedbackPeople = {
  /** The agency's auditor and the lead auditor. */
  readonly writers: readonly PersonRef[];
  /** Who sent it; absent before it is sent. */
  readonly sender?: PersonRef | undefined;
  /** Its practitioner, given once it is sent: until then they see nothing of it. */
  readonly practitioner?: PersonRef | undefined;
  /** The leads of the feedback's agency (the partnership's agencyLeads setting). */
  readonly agencyLeads: readonly PersonRef[];
  /** The partnership's setting: the agency's leads read its sent feedback's words. */
  readonly agencyLeadsReadWords: boolean;
};

/**
 * Who gets what on one item of a feedback, besides the site's owners (who hold Full Control
 * everywhere), and whether the whole audit team reads it too. The practitioner never changes the
 * writers' words or the state's stage; nobody but the practitioner changes their reply. An
 * agency's lead reads the words and the reflection only of sent feedback, and only when the
 * partnership allows it. A person is named once, with the first grant that applies to them.
 */
export function feedbackGrants(
  kind: FeedbackItemKind,
  people: FeedbackPeople,
): { readonly grants: readonly FeedbackGrant[]; readonly auditTeamReads: boolean } {
  const grants: FeedbackGrant[] = [];
  const add = (person: PersonRef | undefined, level: FeedbackGrantLevel) => {
    if (person && !grants.some((g) => g.person.id === person.id)) grants.push({ person, level });
  };
  const sent = people.practitioner !== undefined;
  const leadsRead = sent && people.agencyLeadsReadWords;
  switch (kind) {
    case 'state':
      add(people.sender, 'share');
      add(people.practitioner, 'read');
      return { grants, auditTeamReads: true };
    case 'words':
      for (const w of people.writers) add(w, 'share');
      add(people.practitioner, 'read');
      if (leadsRead) for (const l of people.agencyLeads) add(l, 'read');
      return { grants, auditTeamReads: false };
    case 'replyDates':
    case 'reflection':
      for (const w of [...people.writers, ...(people.sender ? [people.sender] : [])])
        add(w, 'readAndShare');
      add(people.practitioner, 'edit');
      if (kind === 'reflection' && leadsRead) for (const l of people.agencyLeads) add(l, 'read');
      return { grants, auditTeamReads: kind === 'replyDates' };
  }
}

/** The practitioner's own dates, as their reply keeps them. */
export type FeedbackReplyDates = {
  readonly readAt?: string | undefined;
  readonly acknowledgedAt?: string | undefined;
  readonly conversationRequestedAt?: string | undefined;
};

/**
 * The feedback as its readers see it: the state, with the practitioner's dates from their reply
 * (feedback acknowledged in its reply is acknowledged). A date the reply does not hold is taken
 * from the state, where feedback sent before replies had items of their own kept it.
 */
export function withReply<S extends { readonly stage: FeedbackStage } & FeedbackReplyDates>(
  state: S,
  reply: FeedbackReplyDates | undefined,
): S {
  if (!reply) return state;
  const acknowledgedAt = reply.acknowledgedAt ?? state.acknowledgedAt;
  return {
    ...state,
    stage: state.stage === 'sent' && acknowledgedAt !== undefined ? 'acknowledged' : state.stage,
    readAt: reply.readAt ?? state.readAt,
    acknowledgedAt,
    conversationRequestedAt: reply.conversationRequestedAt ?? state.conversationRequestedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Reminders

/** Sent feedback whose time to acknowledge has passed and which has not been reminded yet. */
export function acknowledgementRemindersDue<
  F extends {
    readonly stage: FeedbackStage;
    readonly sentAt?: string;
    readonly remindedAt?: string;
  },
>(feedback: readonly F[], now: Date, workingDays: number, calendar = ENGLAND_AND_WALES): F[] {
  const today = toDay(now);
  return feedback.filter((f) => {
    if (f.stage !== 'sent' || f.sentAt === undefined || f.remindedAt !== undefined) return false;
    return addWorkingDays(f.sentAt, workingDays, calendar) < today;
  });
}

// ---------------------------------------------------------------------------------------------
// Timeliness

/** One practitioner's feedback, as far as timeliness is concerned. */
export type FeedbackTiming = {
  readonly auditId: string;
  readonly agency: AgencyId;
  /** When moderation agreed the agency's grades: the clock for sending starts then. */
  readonly agreedAt: string | undefined;
  readonly sentAt: string | undefined;
  readonly acknowledgedAt: string | undefined;
};

/** One interval (agreed to sent, or sent to acknowledged) over a set of feedback. */
export type IntervalFigures = {
  /** Done, with the working days each took. */
  readonly done: number;
  readonly withinTarget: number;
  readonly late: number;
  /** Started but not done: still within the target, or already past it. */
  readonly waiting: number;
  readonly waitingPastTarget: number;
  /** The median working days of those done; undefined when none is done. */
  readonly medianWorkingDays: number | undefined;
  /** Share of those done that were within the target (0..1); undefined when none is done. */
  readonly shareWithinTarget: number | undefined;
};

export type TimelinessTargets = {
  /** Working days from moderation agreeing an agency's grades to its feedback being sent. */
  readonly sendWorkingDays: number;
  /** Working days a practitioner has to acknowledge feedback. */
  readonly acknowledgeWorkingDays: number;
};

export type TimelinessFigures = {
  readonly toSend: IntervalFigures;
  readonly toAcknowledge: IntervalFigures;
};

export type Timeliness = {
  readonly overall: TimelinessFigures;
  readonly byAgency: ReadonlyMap<AgencyId, TimelinessFigures>;
  readonly byAudit: ReadonlyMap<string, TimelinessFigures>;
};

/** The middle of some numbers, sorted in place; undefined when there are none. */
function median(sorted: Float64Array): number | undefined {
  if (sorted.length === 0) return undefined;
  // A typed array sorts numbers natively, without a comparator: a year has tens of thousands.
  sorted.sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * A set of feedback's three instants as working-day numbers (workingDayNumber), each read once, in
 * columns (NaN where it has not happened): a year's overview measures tens of thousands of feedback,
 * and counting over columns of numbers builds no object per feedback.
 */
type Numbered = {
  readonly agreed: Float64Array;
  readonly sent: Float64Array;
  readonly acknowledged: Float64Array;
};

function interval(
  from: Float64Array,
  to: Float64Array,
  target: number,
  today: () => number,
): IntervalFigures {
  const taken = new Float64Array(from.length);
  let done = 0;
  let withinTarget = 0;
  let waiting = 0;
  let waitingPastTarget = 0;
  for (let i = 0; i < from.length; i++) {
    const start = from[i] as number;
    if (Number.isNaN(start)) continue;
    const end = to[i] as number;
    if (Number.isNaN(end)) {
      waiting += 1;
      if (today() - start > target) waitingPastTarget += 1;
      continue;
    }
    const days = Math.max(0, end - start);
    taken[done] = days;
    done += 1;
    if (days <= target) withinTarget += 1;
  }
  return {
    done,
    withinTarget,
    late: done - withinTarget,
    waiting,
    waitingPastTarget,
    medianWorkingDays: median(taken.subarray(0, done)),
    shareWithinTarget: done === 0 ? undefined : withinTarget / done,
  };
}

function numbered(items: readonly FeedbackTiming[], calendar: HolidayCalendar): Numbered {
  const column = (instant: (i: FeedbackTiming) => string | undefined) => {
    const numbers = new Float64Array(items.length);
    items.forEach((item, k) => {
      const at = instant(item);
      numbers[k] = at === undefined ? NaN : workingDayNumber(at, calendar);
    });
    return numbers;
  };
  return {
    agreed: column((i) => i.agreedAt),
    sent: column((i) => i.sentAt),
    acknowledged: column((i) => i.acknowledgedAt),
  };
}

function figures(
  items: Numbered,
  targets: TimelinessTargets,
  today: () => number,
): TimelinessFigures {
  return {
    toSend: interval(items.agreed, items.sent, targets.sendWorkingDays, today),
    toAcknowledge: interval(items.sent, items.acknowledged, targets.acknowledgeWorkingDays, today),
  };
}

/** Each group's places (indexes) in the set of feedback, in the set's order. */
function groupBy<K>(
  items: readonly FeedbackTiming[],
  key: (i: FeedbackTiming) => K,
): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  items.forEach((item, k) => {
    const places = groups.get(key(item));
    if (places) places.push(k);
    else groups.set(key(item), [k]);
  });
  return groups;
}

/**
 * The figures over a whole set of feedback, and nothing per agency or audit: what the overview
 * report shows, for a year's tens of thousands of feedback.
 */
export function overallTimeliness(
  items: readonly FeedbackTiming[],
  targets: TimelinessTargets,
  now: Date,
  calendar = ENGLAND_AND_WALES,
): TimelinessFigures {
  return figures(numbered(items, calendar), targets, todayNumber(now, calendar));
}

/** Today's working-day number, worked out only if some feedback is waiting. */
function todayNumber(now: Date, calendar: HolidayCalendar): () => number {
  let today: number | undefined;
  return () => (today ??= workingDayNumber(now, calendar));
}

/**
 * Working days from moderation agreeing an agency's grades to feedback sent, and from sent to
 * acknowledged, against the partnership's targets: overall, per agency and per audit. Feedback
 * still waiting counts as waiting (and past its target once the days have run out), never as done.
 */
export function feedbackTimeliness(
  items: readonly FeedbackTiming[],
  targets: TimelinessTargets,
  now: Date,
  calendar = ENGLAND_AND_WALES,
): Timeliness {
  const today = todayNumber(now, calendar);
  const all = numbered(items, calendar);
  const of = (places: readonly number[]) => {
    const pick = (column: Float64Array) => Float64Array.from(places, (k) => column[k] as number);
    return figures(
      { agreed: pick(all.agreed), sent: pick(all.sent), acknowledged: pick(all.acknowledged) },
      targets,
      today,
    );
  };
  return {
    overall: figures(all, targets, today),
    byAgency: new Map([...groupBy(items, (i) => i.agency)].map(([k, v]) => [k, of(v)])),
    byAudit: new Map([...groupBy(items, (i) => i.auditId)].map(([k, v]) => [k, of(v)])),
  };
}

/** One interval in words: "8 of 10 sent within 10 working days (median 6); 2 waiting, 1 past it". */
export function describeInterval(f: IntervalFigures, target: number, verb: string): string {
  const days = counted(target, 'working day');
  const parts: string[] = [];
  if (f.done === 0) parts.push(`None ${verb} yet`);
  else
    parts.push(
      `${f.withinTarget} of ${f.done} ${verb} within ${days} (median ${counted(f.medianWorkingDays ?? 0, 'working day')})`,
    );
  if (f.waiting > 0)
    parts.push(
      f.waitingPastTarget > 0
        ? `${f.waiting} waiting, ${f.waitingPastTarget} past the target`
        : `${f.waiting} waiting`,
    );
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// Volume: Teams' published limits

/**
 * Microsoft Graph's published Teams service limits that bound sending feedback cards, per app per
 * tenant (https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits):
 * posting a 1:1 or group chat message 20 requests a second; other Teams calls (creating or finding
 * the 1:1 chat) 30 a second.
 */
export const TEAMS_LIMITS = { chatMessagesPerSecond: 20, otherCallsPerSecond: 30 } as const;

/**
 * The fastest that `cards` feedback cards can go within the limits, in seconds: each needs its
 * 1:1 chat (created or found, `chatsToOpen` of them not known yet) and one message. The two kinds
 * of request have separate limits, so the slower of the two sets the pace.
 */
export function fastestSendSeconds(
  cards: number,
  chatsToOpen: number,
  limits: {
    readonly chatMessagesPerSecond: number;
    readonly otherCallsPerSecond: number;
  } = TEAMS_LIMITS,
): number {
  return Math.max(cards / limits.chatMessagesPerSecond, chatsToOpen / limits.otherCallsPerSecond);
}
