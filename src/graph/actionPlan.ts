import type { Client } from '@microsoft/microsoft-graph-client';
import { isAgencyId } from '../domain/agencies.js';
import { ACTION_STATUSES, type ActionStatus, type PersonRef } from '../domain/records.js';
import {
  type ActionActor,
  actionCardsDue,
  type ActionDraft,
  actionDraftProblems,
  type ActionSource,
  reportVersionKey,
  type ActionUpdate,
  type PlannedAction,
  updateAction,
} from '../domain/report/actionPlan.js';
import type { Recommendation } from '../domain/report/report.js';
import { eTagOf, type ListItem, quote, readItems, type SiteLists } from './listItems.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { ItemPermissions } from './permissions.js';
import { addWorkingDays, toDay } from '../domain/workingDays.js';
import {
  ConflictError,
  createOnce,
  DEFAULT_WRITE_POLICY,
  updateIf,
  type WritePolicy,
} from './writes.js';

/**
 * The action plan as stored (docs/report.md): each action an item of the Actions list, created
 * once by its key, given its own permissions (its owner, the agency's lead, edits it; the audit
 * team reads it), and changed only from the version it was read at. SharePoint enforces who may
 * change an action; the domain's rules (`updateAction`) say so first in words.
 */

export type StoredAction = PlannedAction & { readonly itemId: string; readonly eTag: string };

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const day = (v: unknown) => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : undefined);

export function toPlannedAction(item: ListItem): StoredAction | undefined {
  const f = item.fields;
  const agency = text(f['Agency']);
  const status = text(f['Status']);
  if (!isAgencyId(agency) || !(ACTION_STATUSES as readonly string[]).includes(status))
    return undefined;
  const ownerId = text(f['OwnerId']);
  const dueSoon = day(f['DueSoonSentOn']);
  const overdue = day(f['OverdueSentOn']);
  const reportKey = text(f['ReportSource']);
  const reportVersion = Number(f['ReportVersion']);
  // Actions added before the source was recorded have none: listed, not filtered by report.
  const report: ActionSource | undefined =
    reportKey !== '' && Number.isInteger(reportVersion) && reportVersion > 0
      ? { key: reportKey, title: text(f['ReportTitle']), version: reportVersion }
      : undefined;
  return {
    itemId: item.id,
    eTag: eTagOf(item),
    id: item.id,
    recommendation: text(f['Recommendation']),
    title: text(f['Title']),
    agency,
    owner: ownerId ? { id: ownerId, displayName: text(f['OwnerName']) } : undefined,
    dueDate: day(f['DueDate']),
    status: status as ActionStatus,
    evidence: text(f['Evidence']),
    ...(dueSoon ? { dueSoonSentOn: dueSoon } : {}),
    ...(overdue ? { overdueSentOn: overdue } : {}),
    ...(report ? { report } : {}),
  };
}

/** A published report's version, as the action records it: where its recommendation came from. */
export type ReportSourceRef = {
  /** The report's own id (every version shares it). */
  readonly reportId: string;
  readonly version: number;
  /** The OverviewReports item that holds that version. */
  readonly itemId: string;
  readonly title: string;
};

/** The column each card marks, once queued. */
const SENT_COLUMN = { actionDueSoon: 'DueSoonSentOn', actionOverdue: 'OverdueSentOn' } as const;

/** The outbox entry of an action's card: keyed by action, event and owner, so queued once. */
export function actionCardEntry(
  a: PlannedAction,
  kind: 'actionDueSoon' | 'actionOverdue',
  to: PersonRef,
): OutboxEntry {
  return {
    recordId: `action:${a.id}`,
    event: kind,
    recipient: { kind: 'chat', userId: to.id },
    card: {
      kind: 'actionDue',
      data: {
        kind: kind === 'actionDueSoon' ? 'dueSoon' : 'overdue',
        action: { id: a.id, title: a.title, recommendation: a.recommendation },
        due: a.dueDate as string,
      },
    },
  };
}

export type ActionOutcome =
  | { readonly kind: 'saved'; readonly action: StoredAction }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'conflict'; readonly reason: string };

export function createActionPlan(
  client: Client,
  lists: SiteLists,
  deps: {
    readonly actor: ActionActor;
    readonly now: () => Date;
    readonly itemPermissions?: ItemPermissions;
    readonly policy?: WritePolicy;
  },
) {
  const policy = deps.policy ?? DEFAULT_WRITE_POLICY;
  return {
    /** The whole plan (what this person can read), soonest due first. */
    async list(): Promise<StoredAction[]> {
      const items = await readItems(client, lists, 'Actions', { orderby: 'fields/DueDate' });
      return items.flatMap((i) => toPlannedAction(i) ?? []);
    },

    /**
     * A recommendation's n-th action, created once (a repeat after a lost answer finds it by its
     * key), then given to its owner to update.
     */
    async add(
      report: ReportSourceRef,
      recommendation: Recommendation,
      n: number,
      draft: ActionDraft,
    ): Promise<ActionOutcome> {
      if (!deps.actor.isBusinessManager)
        return { kind: 'refused', reason: 'Only the business manager adds actions to the plan.' };
      const problems = actionDraftProblems(draft, deps.now());
      if (problems.length > 0) return { kind: 'refused', reason: problems.join(' ') };
      const owner = draft.owner as PersonRef;
      const item = await createOnce(
        client,
        lists,
        {
          list: 'Actions',
          keyField: 'ActionKey',
          fields: {
            Title: draft.title.trim().slice(0, 255),
            ActionKey: `${report.reportId}:${recommendation.id}:${n}`,
            // The version's own item (a number, indexed), and its key, title and version, so the
            // plan says where each action came from without reading the reports.
            ReportId: Number(report.itemId),
            ReportSource: reportVersionKey(report.reportId, report.version),
            ReportVersion: report.version,
            ReportTitle: report.title.slice(0, 255),
            RecommendationId: recommendation.id,
            Recommendation: recommendation.text,
            DifferenceForChildren: recommendation.differenceForChildren,
            Agency: draft.agency,
            OwnerId: owner.id,
            OwnerName: owner.displayName,
            DueDate: `${draft.dueDate}T00:00:00Z`,
            Status: 'notStarted',
          },
        },
        policy,
      );
      await deps.itemPermissions?.action(item.id, owner);
      const action = toPlannedAction(item);
      if (!action) throw new Error('The action was stored but cannot be read back.');
      return { kind: 'saved', action };
    },

    /**
     * Queues today's "due soon" and "overdue" cards to the actions' owners (run by the business
     * manager's tab as it opens, as reminders are), then marks each action's sent-on day with
     * If-Match. Queued first, marked second: a tab closed between the two queues the card again
     * at its next opening, which the outbox's key makes harmless; marked first, a card could be
     * lost. Two tabs at once queue one item (the key) and mark once (the loser's 412 reads the
     * day there). Returns how many cards this run found due.
     */
    async queueCards(outbox: Outbox, dueSoonWorkingDays: number): Promise<number> {
      if (!deps.actor.isBusinessManager) return 0;
      const now = deps.now();
      // Only what falls due within the window or before it, on the indexed due date: a plan's
      // later actions are most of it, and nothing in them is due a card today.
      const until = addWorkingDays(toDay(now), dueSoonWorkingDays);
      const items = await readItems(client, lists, 'Actions', {
        filter: `fields/DueDate le ${quote(`${until}T00:00:00Z`)}`,
        orderby: 'fields/DueDate',
      });
      const actions = items.flatMap((i) => toPlannedAction(i) ?? []);
      const due = actionCardsDue(actions, now, dueSoonWorkingDays);
      if (due.length === 0) return 0;
      await outbox.enqueue(due.map((d) => actionCardEntry(d.action, d.kind, d.to)));
      const today = toDay(now);
      for (const d of due) {
        const column = SENT_COLUMN[d.kind];
        let current = d.action as StoredAction;
        // Someone may change the action between reading and marking (its owner updating it): read
        // it again and mark that version; a day already there (another tab's) is left as it is.
        for (let attempt = 1; ; attempt++) {
          try {
            await updateIf(
              client,
              lists,
              'Actions',
              { id: current.itemId, eTag: current.eTag },
              { [column]: today },
              (s) => day(s.fields[column]) !== undefined,
              policy,
            );
            break;
          } catch (e) {
            if (!(e instanceof ConflictError) || attempt >= 3) throw e;
            const stored = toPlannedAction(e.current);
            if (!stored) throw e;
            current = stored;
          }
        }
      }
      return due.length;
    },

    /** Whether this person may update the action (its owner, its agency's lead, the business manager). */
    canUpdate(a: PlannedAction): boolean {
      return (
        deps.actor.isBusinessManager ||
        a.owner?.id === deps.actor.person.id ||
        deps.actor.leadsAgencies.includes(a.agency)
      );
    },

    /** The owner's (or the business manager's) update, from the version they read. */
    async update(a: StoredAction, update: ActionUpdate): Promise<ActionOutcome> {
      // An action's owner is its agency's lead for it (SharePoint lets the owner edit the item).
      const actor =
        a.owner?.id === deps.actor.person.id && !deps.actor.leadsAgencies.includes(a.agency)
          ? { ...deps.actor, leadsAgencies: [...deps.actor.leadsAgencies, a.agency] }
          : deps.actor;
      const decided = updateAction(a, actor, update);
      if (decided.kind === 'refused') return decided;
      const { status, evidence } = decided.changes;
      try {
        const item = await updateIf(
          client,
          lists,
          'Actions',
          { id: a.itemId, eTag: a.eTag },
          { Status: status, Evidence: evidence },
          (s) => s.fields['Status'] === status && text(s.fields['Evidence']) === evidence,
          policy,
        );
        const action = toPlannedAction(item);
        if (!action) throw new Error('The action was saved but cannot be read back.');
        return { kind: 'saved', action };
      } catch (e) {
        if (e instanceof ConflictError)
          return {
            kind: 'conflict',
            reason:
              'Someone changed this action since you opened it: nothing was saved. Look at it again, then try once more.',
          };
        throw e;
      }
    },
  };
}

export type ActionPlan = ReturnType<typeof createActionPlan>;
