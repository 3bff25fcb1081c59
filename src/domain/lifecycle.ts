/**
 * The audit's lifecycle as a pure state machine: commission, audit, moderate, sign off, feed back,
 * close (or withdraw on the way). Each move names who may make it and what must hold; a move that
 * cannot be made is refused with a sentence that says why and who can. A move that can be made
 * returns what to store on the audit (status, dates, texts) and the trail event to write, as data:
 * the graph layer writes them, this module only decides.
 *
 * Roles come from the audit itself (its lead auditor, its sign-off manager, the auditors of its
 * agency contributions) except the business manager, which is the partnership's and is passed in.
 */

import { type AgencyId, contributorLabel } from './agencies.js';
import { checkIdentifyingDetail, describeFindings } from './guard/identifyingDetail.js';
import {
  AUDIT_STATUS_LABELS,
  type AuditStatus,
  type ContributionStatus,
  type PersonRef,
} from './records.js';
import {
  ENGLAND_AND_WALES,
  type HolidayCalendar,
  type IsoDay,
  addWorkingDays,
  toDay,
} from './workingDays.js';

export const LIFECYCLE_ROLES = [
  'businessManager',
  'agencyAuditor',
  'leadAuditor',
  'signOffManager',
] as const;
export type LifecycleRole = (typeof LIFECYCLE_ROLES)[number];

/** How a role is named in a sentence that says who can make a move. */
export const ROLE_PHRASES: Readonly<Record<LifecycleRole, string>> = {
  businessManager: 'the business manager',
  agencyAuditor: 'an agency auditor on this audit',
  leadAuditor: "the audit's lead auditor",
  signOffManager: "the audit's sign-off manager",
};

/** What the state machine needs to know of an audit. */
export type AuditFacts = {
  readonly id: string;
  readonly status: AuditStatus;
  readonly leadAuditor: PersonRef | undefined;
  readonly signOffManager: PersonRef | undefined;
  readonly contributions: ReadonlyArray<{
    readonly agency: AgencyId;
    readonly auditor: PersonRef | undefined;
    readonly status: ContributionStatus;
  }>;
};

/** Who is acting: the person, and whether they are the partnership's business manager. */
export type Actor = { readonly person: PersonRef; readonly isBusinessManager: boolean };

/** What stands between moderation and sign-off, as the moderation summary finds it. */
export type ModerationReadiness = {
  /** The areas (by title) with no multi-agency grade yet. */
  readonly areasWithoutGrade: readonly string[];
  /** The changed grades (described) that have no reason recorded. */
  readonly changesWithoutReason: readonly string[];
};

/** One practitioner's feedback, as far as closing the audit is concerned. */
export type FeedbackState =
  | { readonly status: 'draft' }
  | { readonly status: 'sent'; readonly sentAt: string }
  | { readonly status: 'acknowledged' };

export type Move =
  | { readonly kind: 'start' }
  | { readonly kind: 'sendToModeration' }
  | { readonly kind: 'returnContribution'; readonly agency: AgencyId; readonly comments: string }
  | {
      readonly kind: 'sendForSignOff';
      readonly readiness: ModerationReadiness;
      /** The partnership's setting: working days from sending to the sign-off being due. */
      readonly signOffWorkingDays: number;
    }
  | { readonly kind: 'signOff'; readonly note: string }
  | { readonly kind: 'returnToModeration'; readonly comments: string }
  | {
      readonly kind: 'close';
      readonly feedback: readonly FeedbackState[];
      /** The partnership's setting: working days a practitioner has to acknowledge feedback. */
      readonly acknowledgementWorkingDays: number;
    }
  | { readonly kind: 'withdraw'; readonly reason: string };

export type MoveKind = Move['kind'];

export const TRAIL_EVENT_TYPES = {
  start: 'auditStarted',
  sendToModeration: 'sentToModeration',
  returnContribution: 'contributionReturned',
  sendForSignOff: 'sentForSignOff',
  signOff: 'signedOff',
  returnToModeration: 'returnedToModeration',
  close: 'auditClosed',
  withdraw: 'auditWithdrawn',
} as const satisfies Record<MoveKind, string>;
export type TrailEventType = (typeof TRAIL_EVENT_TYPES)[MoveKind];

export type Transition = {
  readonly from: readonly AuditStatus[];
  readonly to: AuditStatus;
  readonly roles: readonly LifecycleRole[];
  /** The move in words, after "can": "send the audit for sign-off". */
  readonly doing: string;
};

/**
 * Every move: the statuses it starts from, where it leads, and who may make it. Returning a
 * contribution puts the audit back in progress, since that agency has to submit again; a return
 * from sign-off lands in "returned", which is moderation again, with the comments to answer.
 */
export const TRANSITIONS: Readonly<Record<MoveKind, Transition>> = {
  start: {
    from: ['commissioned'],
    to: 'inProgress',
    roles: ['agencyAuditor', 'leadAuditor'],
    doing: 'start the audit',
  },
  sendToModeration: {
    from: ['commissioned', 'inProgress'],
    to: 'moderation',
    roles: ['agencyAuditor', 'leadAuditor'],
    doing: 'send the audit to moderation',
  },
  returnContribution: {
    from: ['inProgress', 'moderation', 'returned'],
    to: 'inProgress',
    roles: ['leadAuditor'],
    doing: "return an agency's contribution",
  },
  sendForSignOff: {
    from: ['moderation', 'returned'],
    to: 'awaitingSignOff',
    roles: ['leadAuditor'],
    doing: 'send the audit for sign-off',
  },
  signOff: {
    from: ['awaitingSignOff'],
    to: 'signedOff',
    roles: ['signOffManager'],
    doing: 'sign the audit off',
  },
  returnToModeration: {
    from: ['awaitingSignOff'],
    to: 'returned',
    roles: ['signOffManager'],
    doing: 'return the audit to moderation',
  },
  close: {
    from: ['signedOff'],
    to: 'closed',
    roles: ['businessManager'],
    doing: 'close the audit',
  },
  withdraw: {
    from: ['commissioned', 'inProgress', 'moderation', 'awaitingSignOff', 'returned'],
    to: 'withdrawn',
    roles: ['businessManager'],
    doing: 'withdraw the audit',
  },
};

export const MOVE_KINDS = Object.keys(TRANSITIONS) as readonly MoveKind[];

/** What to store on the audit after a move; fields a move does not set are left as they are. */
export type AuditChanges = {
  readonly status: AuditStatus;
  readonly startedAt?: string;
  readonly moderationStartedAt?: string;
  readonly sentForSignOffAt?: string;
  readonly signOffDue?: IsoDay;
  readonly signedOffAt?: string;
  readonly signedOffBy?: PersonRef;
  readonly signOffNote?: string;
  readonly returnedAt?: string;
  readonly returnComments?: string;
  readonly closedAt?: string;
  readonly withdrawnAt?: string;
  readonly withdrawalReason?: string;
};

/** One entry of the audit's append-only trail: who did what, and when. */
export type TrailEvent = {
  readonly auditId: string;
  readonly type: TrailEventType;
  readonly actor: PersonRef;
  readonly at: string;
  readonly details: string;
};

export type MoveResult =
  | {
      readonly kind: 'moved';
      readonly from: AuditStatus;
      readonly to: AuditStatus;
      readonly changes: AuditChanges;
      readonly event: TrailEvent;
      /** Set when the move sends a contribution back to its agency's auditor. */
      readonly contribution?: {
        readonly agency: AgencyId;
        readonly status: 'returned';
        readonly comments: string;
      };
    }
  | { readonly kind: 'refused'; readonly reason: string };

export type MoveContext = {
  readonly now: Date;
  readonly calendar?: HolidayCalendar;
  /** Patterns the identifying-detail guard lets through: the partnership's case references. */
  readonly allowed?: readonly RegExp[];
};

const same = (a: PersonRef | undefined, b: PersonRef): boolean => a !== undefined && a.id === b.id;
const blank = (s: string): boolean => s.trim().length === 0;

/** Joins phrases as a sentence would: "a", "a or b", "a, b or c". */
function either(items: readonly string[], word: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The roles a person holds on this audit. */
export function rolesOf(actor: Actor, audit: AuditFacts): LifecycleRole[] {
  const roles: LifecycleRole[] = [];
  if (actor.isBusinessManager) roles.push('businessManager');
  if (audit.contributions.some((c) => same(c.auditor, actor.person))) roles.push('agencyAuditor');
  if (same(audit.leadAuditor, actor.person)) roles.push('leadAuditor');
  if (same(audit.signOffManager, actor.person)) roles.push('signOffManager');
  return roles;
}

/** How a person took part in auditing the case, if they did: "the Health auditor". */
function auditedAs(actor: Actor, audit: AuditFacts): string | undefined {
  const own = audit.contributions.find((c) => same(c.auditor, actor.person));
  if (own) return `the ${contributorLabel(own.agency)} auditor`;
  if (same(audit.leadAuditor, actor.person)) return 'the lead auditor';
  return undefined;
}

/** The moves this person could make now, judged by status and role (the details come later). */
export function availableMoves(audit: AuditFacts, actor: Actor): MoveKind[] {
  const roles = rolesOf(actor, audit);
  return MOVE_KINDS.filter((kind) => {
    const t = TRANSITIONS[kind];
    return t.from.includes(audit.status) && t.roles.some((r) => roles.includes(r));
  });
}

const refuse = (reason: string): MoveResult => ({ kind: 'refused', reason });

/** Comments or a note that will travel in a notification: refused if they hold identifying detail. */
function guardText(what: string, text: string, ctx: MoveContext): string | undefined {
  const result = checkIdentifyingDetail(text, ctx.allowed ?? []);
  // The refused text is not repeated: it may be the very detail that must not travel.
  return result.ok ? undefined : `The ${what} cannot be sent: ${describeFindings(result.findings)}`;
}

type Moved = Omit<Extract<MoveResult, { kind: 'moved' }>, 'kind' | 'from' | 'to' | 'event'> & {
  readonly details: string;
};

/** What the move stores and says, once status and role allow it; or why it is refused. */
function decide(audit: AuditFacts, actor: Actor, move: Move, ctx: MoveContext): Moved | string {
  const at = ctx.now.toISOString();
  const to = TRANSITIONS[move.kind].to;
  switch (move.kind) {
    case 'start':
      return { changes: { status: to, startedAt: at }, details: 'Audit started' };

    case 'sendToModeration': {
      if (audit.contributions.length === 0)
        return 'The audit has no agency contributions, so there is nothing to moderate.';
      const waiting = audit.contributions.filter((c) => c.status !== 'submitted');
      if (waiting.length > 0)
        return `Every agency must submit before moderation: ${either(
          waiting.map((c) => contributorLabel(c.agency)),
          'and',
        )} ${waiting.length === 1 ? 'has' : 'have'} still to submit.`;
      return {
        changes: { status: to, moderationStartedAt: at },
        details: 'Every agency has submitted: sent to moderation',
      };
    }

    case 'returnContribution': {
      const label = contributorLabel(move.agency);
      const contribution = audit.contributions.find((c) => c.agency === move.agency);
      if (!contribution) return `${label} is not one of the agencies on this audit.`;
      if (contribution.status !== 'submitted')
        return `${label} has not submitted its contribution, so there is nothing to return.`;
      if (blank(move.comments))
        return `Say what ${label} needs to change: its auditor sees these comments.`;
      const comments = move.comments.trim();
      return {
        changes: { status: to },
        contribution: { agency: move.agency, status: 'returned', comments },
        details: `${label}: returned for changes. ${comments}`,
      };
    }

    case 'sendForSignOff': {
      if (!audit.signOffManager)
        return 'No sign-off manager is named for this audit: the business manager names one first.';
      const waiting = audit.contributions.filter((c) => c.status !== 'submitted');
      if (waiting.length > 0)
        return `${either(
          waiting.map((c) => contributorLabel(c.agency)),
          'and',
        )} must submit again before the audit can go for sign-off.`;
      const { areasWithoutGrade, changesWithoutReason } = move.readiness;
      if (areasWithoutGrade.length > 0)
        return `Give the multi-agency grade for ${either(areasWithoutGrade, 'and')} before sending for sign-off.`;
      if (changesWithoutReason.length > 0)
        return `Give the reason for each changed grade before sending for sign-off: ${either(
          changesWithoutReason,
          'and',
        )}.`;
      const due = addWorkingDays(
        ctx.now,
        move.signOffWorkingDays,
        ctx.calendar ?? ENGLAND_AND_WALES,
      );
      return {
        changes: { status: to, sentForSignOffAt: at, signOffDue: due },
        details: `Sent for sign-off to ${audit.signOffManager.displayName}, due ${due}`,
      };
    }

    case 'signOff': {
      const role = auditedAs(actor, audit);
      if (role)
        return `You audited this case (as ${role}), so you cannot sign it off: the business manager can name another sign-off manager.`;
      const note = move.note.trim();
      const refused = note ? guardText('sign-off note', note, ctx) : undefined;
      if (refused) return refused;
      return {
        changes: {
          status: to,
          signedOffAt: at,
          signedOffBy: actor.person,
          ...(note ? { signOffNote: note } : {}),
        },
        details: `Signed off by ${actor.person.displayName}${note ? `: ${note}` : ''}`,
      };
    }

    case 'returnToModeration': {
      if (blank(move.comments))
        return 'Say what needs to change: an audit is returned to moderation with comments.';
      const comments = move.comments.trim();
      const refused = guardText('comments', comments, ctx);
      if (refused) return refused;
      return {
        changes: { status: to, returnedAt: at, returnComments: comments },
        details: `Returned to moderation by ${actor.person.displayName}: ${comments}`,
      };
    }

    case 'close': {
      const { feedback, acknowledgementWorkingDays: days } = move;
      if (feedback.length === 0)
        return 'No feedback to practitioners is recorded yet: an audit closes once its feedback has been sent.';
      const unsent = feedback.filter((f) => f.status === 'draft');
      if (unsent.length > 0)
        return `Feedback to ${plural(unsent.length, 'practitioner', 'practitioners')} has not been sent yet.`;
      const today = toDay(ctx.now);
      const calendar = ctx.calendar ?? ENGLAND_AND_WALES;
      // Unacknowledged feedback times out once the days to acknowledge it have passed.
      const waitingUntil = feedback
        .flatMap((f) => (f.status === 'sent' ? [addWorkingDays(f.sentAt, days, calendar)] : []))
        .filter((due) => due >= today)
        .sort();
      if (waitingUntil.length > 0)
        return `${plural(waitingUntil.length, 'practitioner', 'practitioners')} may still acknowledge their feedback (they have ${plural(days, 'working day', 'working days')}): the audit can close after ${waitingUntil[waitingUntil.length - 1]}.`;
      const acknowledged = feedback.filter((f) => f.status === 'acknowledged').length;
      const timedOut = feedback.length - acknowledged;
      return {
        changes: { status: to, closedAt: at },
        details: `Closed: feedback sent to ${plural(feedback.length, 'practitioner', 'practitioners')}, ${acknowledged} acknowledged, ${timedOut} not acknowledged in time`,
      };
    }

    case 'withdraw': {
      if (blank(move.reason)) return 'Give the reason for withdrawing the audit.';
      const reason = move.reason.trim();
      return {
        changes: { status: to, withdrawnAt: at, withdrawalReason: reason },
        details: `Withdrawn: ${reason}`,
      };
    }
  }
}

/**
 * Makes a move, or says why it cannot be made. The checks run in the order a person would want
 * them answered: whether the audit is at a stage where the move exists, whether this person may
 * make it, then whether what it needs is there.
 */
export function move(audit: AuditFacts, actor: Actor, m: Move, ctx: MoveContext): MoveResult {
  const t = TRANSITIONS[m.kind];
  if (!t.from.includes(audit.status))
    return refuse(
      `The audit is ${AUDIT_STATUS_LABELS[audit.status].toLowerCase()}, so no one can ${t.doing} now: that can be done only when it is ${either(
        t.from.map((s) => AUDIT_STATUS_LABELS[s].toLowerCase()),
        'or',
      )}.`,
    );
  const roles = rolesOf(actor, audit);
  if (!t.roles.some((r) => roles.includes(r)))
    return refuse(
      `Only ${either(
        t.roles.map((r) => ROLE_PHRASES[r]),
        'or',
      )} can ${t.doing}.`,
    );
  const decided = decide(audit, actor, m, ctx);
  if (typeof decided === 'string') return refuse(decided);
  const { details, ...rest } = decided;
  return {
    kind: 'moved',
    from: audit.status,
    to: t.to,
    ...rest,
    event: {
      auditId: audit.id,
      type: TRAIL_EVENT_TYPES[m.kind],
      actor: actor.person,
      at: ctx.now.toISOString(),
      details,
    },
  };
}
