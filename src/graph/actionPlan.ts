import type { Client } from '@microsoft/microsoft-graph-client';
import { isAgencyId } from '../domain/agencies.js';
import { ACTION_STATUSES, type ActionStatus, type PersonRef } from '../domain/records.js';
import {
  type ActionActor,
  type ActionDraft,
  actionDraftProblems,
  type ActionUpdate,
  type PlannedAction,
  updateAction,
} from '../domain/report/actionPlan.js';
import type { Recommendation } from '../domain/report/report.js';
import { eTagOf, type ListItem, readItems, type SiteLists } from './listItems.js';
import type { ItemPermissions } from './permissions.js';
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
      report: { readonly reportId: string },
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
            ReportId: Number.isFinite(Number(report.reportId))
              ? Number(report.reportId)
              : undefined,
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
