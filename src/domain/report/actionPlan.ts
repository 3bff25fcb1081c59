/**
 * The action plan that follows an overview report: each recommendation becomes actions with an
 * owning agency, an owner, a due date, a status and, once done, the evidence of completion. Pure:
 * it decides what may change and what a list shows, and which cards an action falling due or
 * overdue needs; the graph layer stores and sends.
 */

import { type AgencyId, contributorLabel, isAgencyId } from '../agencies.js';
import type { ActionStatus, PersonRef } from '../records.js';
import {
  ENGLAND_AND_WALES,
  type IsoDay,
  addWorkingDays,
  toDay,
  workingDaysBetween,
} from '../workingDays.js';

/** What a person sees: the stored status, or overdue when an open action is past its due day. */
export type ActionState = ActionStatus | 'overdue';

export const ACTION_STATE_LABELS: Readonly<Record<ActionState, string>> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  done: 'Done',
  overdue: 'Overdue',
};

export type PlannedAction = {
  readonly id: string;
  readonly recommendation: string;
  readonly title: string;
  readonly agency: AgencyId;
  readonly owner: PersonRef | undefined;
  readonly dueDate: IsoDay | undefined;
  readonly status: ActionStatus;
  readonly evidence: string;
  /** The day a "due soon" card went to the owner, and the day an "overdue" one did. */
  readonly dueSoonSentOn?: IsoDay;
  readonly overdueSentOn?: IsoDay;
  /** The published report (and its version) whose recommendation the action answers. */
  readonly report?: ActionSource;
};

/** Where an action came from: a version of a report, named by its key "<report id>:v<version>". */
export type ActionSource = {
  readonly key: string;
  readonly title: string;
  readonly version: number;
};

/** The key of a report's version, as the reports list keeps it: "<report id>:v<version>". */
export const reportVersionKey = (reportId: string, version: number): string =>
  `${reportId}:v${version}`;

/** How a person reads where an action came from: "Annual overview, version 2". */
export const describeSource = (s: ActionSource): string => `${s.title}, version ${s.version}`;

export function actionState(a: Pick<PlannedAction, 'status' | 'dueDate'>, now: Date): ActionState {
  if (a.status === 'done' || a.dueDate === undefined) return a.status;
  return toDay(a.dueDate) < toDay(now) ? 'overdue' : a.status;
}

/** A real day written YYYY-MM-DD: 2026-02-30 is not one, though Date.parse may accept it. */
function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** A new action, as the business manager words it from a recommendation. */
export type ActionDraft = {
  readonly recommendation: string;
  readonly title: string;
  readonly agency: string;
  readonly owner: PersonRef | undefined;
  readonly dueDate: string;
};

/** Each problem of a draft action, as a sentence; empty when it can be saved. */
export function actionDraftProblems(d: ActionDraft, now: Date): string[] {
  const problems: string[] = [];
  if (d.recommendation.trim() === '')
    problems.push('Choose the recommendation this action answers.');
  if (d.title.trim() === '') problems.push('Say what will be done.');
  if (!isAgencyId(d.agency)) problems.push('Choose the agency that owns the action.');
  if (!d.owner) problems.push('Choose the person who owns the action.');
  if (!isCalendarDay(d.dueDate)) problems.push('Give the day the action is due.');
  else if (d.dueDate < toDay(now))
    problems.push('The due day has passed: choose a day from today on.');
  return problems;
}

/** Who is updating an action: the business manager, or the lead of the agencies they lead. */
export type ActionActor = {
  readonly person: PersonRef;
  readonly isBusinessManager: boolean;
  readonly leadsAgencies: readonly AgencyId[];
};

export type ActionUpdate = { readonly status: ActionStatus; readonly evidence: string };

export type ActionUpdateResult =
  | { readonly kind: 'updated'; readonly changes: ActionUpdate; readonly details: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * An agency lead updates their own agency's actions; the business manager any. Done needs the
 * evidence of completion; done stays done unless the business manager reopens it.
 */
export function updateAction(
  a: PlannedAction,
  actor: ActionActor,
  update: ActionUpdate,
): ActionUpdateResult {
  const agency = contributorLabel(a.agency);
  if (!actor.isBusinessManager && !actor.leadsAgencies.includes(a.agency))
    return {
      kind: 'refused',
      reason: `Only ${agency}'s agency lead or the business manager can update this action.`,
    };
  const evidence = update.evidence.trim();
  if (update.status === 'done' && evidence === '')
    return {
      kind: 'refused',
      reason:
        'Say what shows the action is done: marking it done needs the evidence of completion.',
    };
  if (a.status === 'done' && update.status !== 'done' && !actor.isBusinessManager)
    return {
      kind: 'refused',
      reason: 'The action is done. Only the business manager can reopen it.',
    };
  const words =
    update.status === a.status
      ? 'progress noted'
      : `${ACTION_STATE_LABELS[a.status].toLowerCase()} to ${ACTION_STATE_LABELS[update.status].toLowerCase()}`;
  return {
    kind: 'updated',
    changes: { status: update.status, evidence },
    details: `${agency} action ${words}`,
  };
}

/**
 * Working days before its due day that an open action's owner gets a "due soon" card, unless the
 * partnership's setting `actionDueSoonWorkingDays` says otherwise: a working week, time enough to
 * finish or to say why not.
 */
export const ACTION_DUE_SOON_WORKING_DAYS = 5;
export const ACTION_DUE_SOON_SETTING = 'actionDueSoonWorkingDays';

/** The due-soon days from the stored setting; a bad value is refused by name, as the lifecycle's are. */
export function actionDueSoonDays(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return ACTION_DUE_SOON_WORKING_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 60)
    throw new Error(
      `The partnership setting ${ACTION_DUE_SOON_SETTING} is '${raw}': it must be a whole number of working days from 1 to 60.`,
    );
  return n;
}

/** A card an action needs now: to its owner, once for falling due and once for being overdue. */
export type ActionCardDue = {
  readonly kind: 'actionDueSoon' | 'actionOverdue';
  readonly action: PlannedAction;
  readonly to: PersonRef;
};

/**
 * The cards to send today: "due soon" when an open action is due within `dueSoonWorkingDays`
 * working days (today included), "overdue" once it is past due; each once, never both on a day.
 */
export function actionCardsDue(
  actions: readonly PlannedAction[],
  now: Date,
  dueSoonWorkingDays: number,
  calendar = ENGLAND_AND_WALES,
): ActionCardDue[] {
  const today = toDay(now);
  const soonUntil = addWorkingDays(today, dueSoonWorkingDays, calendar);
  const due: ActionCardDue[] = [];
  for (const a of actions) {
    if (a.status === 'done' || a.dueDate === undefined || a.owner === undefined) continue;
    const day = toDay(a.dueDate);
    if (day < today) {
      if (a.overdueSentOn === undefined)
        due.push({ kind: 'actionOverdue', action: a, to: a.owner });
    } else if (day <= soonUntil && a.dueSoonSentOn === undefined)
      due.push({ kind: 'actionDueSoon', action: a, to: a.owner });
  }
  return due;
}

export type ActionFilter = {
  readonly agency?: AgencyId;
  readonly state?: ActionState;
  readonly ownerId?: string;
  readonly recommendation?: string;
  /** A report's version, by its key (`reportVersionKey`). */
  readonly report?: string;
};

/**
 * The business manager's filters over the whole plan, soonest due first (no date last). The
 * recommendation is matched by its words, as the page offers them.
 */
export function filterActions(
  actions: readonly PlannedAction[],
  filter: ActionFilter,
  now: Date,
): PlannedAction[] {
  return actions
    .filter(
      (a) =>
        (filter.agency === undefined || a.agency === filter.agency) &&
        (filter.state === undefined || actionState(a, now) === filter.state) &&
        (filter.ownerId === undefined || a.owner?.id === filter.ownerId) &&
        (filter.recommendation === undefined || a.recommendation === filter.recommendation) &&
        (filter.report === undefined || a.report?.key === filter.report),
    )
    .sort(
      (a, b) =>
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id),
    );
}

/** The owners of a plan, each once, ordered by name: what the owner filter offers. */
export function actionOwners(actions: readonly PlannedAction[]): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  for (const a of actions) if (a.owner && !byId.has(a.owner.id)) byId.set(a.owner.id, a.owner);
  return [...byId.values()].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id),
  );
}

/** The recommendations a plan answers, each once, in the order first met. */
export const actionRecommendations = (actions: readonly PlannedAction[]): string[] => [
  ...new Set(actions.map((a) => a.recommendation).filter((r) => r !== '')),
];

/** The reports' versions a plan came from, each once, ordered as a reader would. */
export function actionSources(actions: readonly PlannedAction[]): ActionSource[] {
  const byKey = new Map<string, ActionSource>();
  for (const a of actions)
    if (a.report && !byKey.has(a.report.key)) byKey.set(a.report.key, a.report);
  return [...byKey.values()].sort(
    (a, b) => a.title.localeCompare(b.title) || a.version - b.version,
  );
}

/** How late an overdue action is, in working days, for the list and the card. */
export const workingDaysOverdue = (a: Pick<PlannedAction, 'dueDate'>, now: Date): number =>
  a.dueDate === undefined ? 0 : Math.max(0, workingDaysBetween(a.dueDate, now));
