import type { Client } from '@microsoft/microsoft-graph-client';
import type { Audit, PersonRef } from '../domain/records.js';
import { type BatchRequest, createItemRequest, postBatch, updateFieldsRequest } from './batch.js';
import { eventFields } from './fields.js';
import {
  eTagOf,
  fieldsPath,
  itemsPath,
  type ListItem,
  quote,
  readItem,
  readItems,
  type SiteLists,
} from './listItems.js';
import { toAudit } from './mappers.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import {
  ConflictError,
  createAllOnce,
  DEFAULT_WRITE_POLICY,
  isTransient,
  type KeyedCreate,
  retryAfterSecondsOf,
  TryAgainError,
  updateIf,
  waitMs,
  type WritePolicy,
} from './writes.js';

/**
 * "Child at risk now": once raised, the flag, the trail event and the cards are sure to follow.
 * The flag (If-Match), the event and the outbox items (both keyed by the raise) go in one
 * `$batch`, the latter depending on the flag. Whatever part is missing afterwards (a lost answer,
 * a throttled request in the batch, a tab closed mid-way) is finished from what is stored: the
 * raise's time and raiser are on the audit, every key derives from them, and the audit records
 * when all was queued. The raiser's tab finishes any raise of theirs left half done when it opens.
 */
export function createChildAtRisk(
  client: Client,
  lists: SiteLists,
  deps: {
    outbox: Outbox;
    /** Agency id to the person who owns its actions (the partnership's settings). */
    agencyLeads: Readonly<Record<string, PersonRef>>;
    me: PersonRef;
    now: () => Date;
    policy?: WritePolicy;
  },
) {
  const policy = deps.policy ?? DEFAULT_WRITE_POLICY;

  /** The business manager who commissioned the audit and the leads of its agencies. */
  function recipients(audit: Audit): string[] {
    const ids = new Set<string>();
    if (audit.commissionedBy) ids.add(audit.commissionedBy.id);
    for (const agency of audit.agencies) {
      const lead = deps.agencyLeads[agency];
      if (lead) ids.add(lead.id);
    }
    return [...ids];
  }

  /** The trail event and the cards of one raise, each keyed by the audit and the raise's time. */
  function followUps(audit: Audit, raisedAt: string): KeyedCreate[] {
    // The card carries the case reference only; the reason stays on the audit.
    const entries: OutboxEntry[] = recipients(audit).map((userId) => ({
      recordId: `risk:${audit.id}:${raisedAt}`,
      event: 'childAtRiskNow',
      recipient: { kind: 'chat', userId },
      card: {
        kind: 'childAtRisk',
        data: {
          audit: { id: audit.id, caseReference: audit.caseReference, category: audit.category },
        },
      },
    }));
    return [
      {
        list: 'AuditEvents',
        keyField: 'EventKey',
        fields: eventFields(
          {
            key: `childAtRisk|audit:${audit.id}|${raisedAt}`,
            auditId: audit.id,
            type: 'childAtRiskRaised',
            actor: deps.me,
            details: 'Child at risk now raised',
          },
          raisedAt,
        ),
      },
      ...deps.outbox.createsFor(entries),
    ];
  }

  /** Queues whatever of a raise is missing, then records that all of it is queued. */
  async function finish(item: ListItem): Promise<Audit> {
    const audit = toAudit(item);
    const raisedAt = String(item.fields['ChildAtRiskRaisedAt'] ?? '');
    await createAllOnce(client, lists, followUps(audit, raisedAt), policy);
    const mark = (target: ListItem) =>
      updateIf(
        client,
        lists,
        'Audits',
        { id: target.id, eTag: eTagOf(target) },
        { ChildAtRiskNotifiedAt: deps.now().toISOString() },
        (s) => typeof s.fields['ChildAtRiskNotifiedAt'] === 'string',
        policy,
      );
    // Someone may change the audit meanwhile: the follow-ups are queued all the same, so the mark
    // goes on the version there now.
    const done = await mark(item).catch((e: unknown) => {
      if (e instanceof ConflictError) return mark(e.current);
      throw e;
    });
    return toAudit({ ...done, fields: { ...item.fields, ...done.fields } });
  }

  const raisedByMe = (item: ListItem, raisedAt: string) =>
    item.fields['ChildAtRisk'] === true &&
    item.fields['ChildAtRiskRaisedById'] === deps.me.id &&
    Date.parse(String(item.fields['ChildAtRiskRaisedAt'])) === Date.parse(raisedAt);

  return {
    recipients,

    /** Raises it: returns the audit as stored once the flag, the event and the cards are queued. */
    async raise(audit: Audit, reason: string): Promise<Audit> {
      // To the second, as SharePoint keeps a date and time: read back, it compares equal.
      const raisedAt = deps
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      let eTag = audit.eTag;
      for (let attempt = 1; ; attempt++) {
        const requests: BatchRequest[] = [
          updateFieldsRequest(
            'flag',
            fieldsPath(lists, 'Audits', audit.id),
            {
              ChildAtRisk: true,
              ChildAtRiskReason: reason,
              ChildAtRiskRaisedById: deps.me.id,
              ChildAtRiskRaisedAt: raisedAt,
            },
            eTag,
          ),
          ...followUps(audit, raisedAt).map((c, i) => ({
            ...createItemRequest(String(i), itemsPath(lists, c.list), { ...c.fields }),
            dependsOn: ['flag'],
          })),
        ];
        let failure: unknown;
        try {
          await postBatch(client, requests);
        } catch (e) {
          if (!isTransient(e) || attempt >= policy.attempts) throw e;
          failure = e;
        }
        // Whatever the batch answered (or if its answer was lost), what is stored decides.
        let stored: ListItem;
        try {
          stored = await readItem(client, lists, 'Audits', audit.id);
        } catch (e) {
          if (!isTransient(e) || attempt >= policy.attempts) throw e;
          await policy.sleep(waitMs(retryAfterSecondsOf(e), attempt));
          continue;
        }
        if (raisedByMe(stored, raisedAt)) return finish(stored);
        // Raised already, by someone else or earlier: that raise's own raiser finishes it.
        if (stored.fields['ChildAtRisk'] === true) return toAudit(stored);
        if (attempt >= policy.attempts)
          throw new TryAgainError('Child at risk now could not be raised yet; try again.');
        // Not raised: the flag's write was throttled or met a newer version. Raise on the
        // version there now; a raise only ever adds the flag.
        eTag = stored.eTag ?? eTag;
        await policy.sleep(waitMs(failure ? retryAfterSecondsOf(failure) : undefined, attempt));
      }
    },

    /** Finishes any raise of mine left half done (a crash, a lost answer): run as the tab opens. */
    async finishPending(): Promise<number> {
      const mine = await readItems(client, lists, 'Audits', {
        filter: `fields/ChildAtRiskRaisedById eq ${quote(deps.me.id)}`,
      });
      const open = mine.filter(
        (i) => i.fields['ChildAtRisk'] === true && !i.fields['ChildAtRiskNotifiedAt'],
      );
      for (const item of open) await finish(item);
      return open.length;
    },
  };
}

export type ChildAtRiskService = ReturnType<typeof createChildAtRisk>;
