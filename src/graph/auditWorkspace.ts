import { PlainError } from '../domain/messages.js';
import type { Client } from '@microsoft/microsoft-graph-client';
import { refusal } from '../domain/access.js';
import { contributorLabel, type ContributorId } from '../domain/agencies.js';
import { type SectionAnswer, sameAnswer } from '../domain/answers.js';
import type {
  AgencyContribution,
  Audit,
  ContributionStatus,
  PersonRef,
} from '../domain/records.js';
import { type AuditTool, toolVersion } from '../domain/tools/index.js';
import {
  batchErrorMessage,
  chunks,
  createItemRequest,
  postBatch,
  retryAfterOf,
  updateFieldsRequest,
} from './batch.js';
import { type AuditEvent, contributionFields, eventFields, stableHash } from './fields.js';
import { createOnce, DEFAULT_WRITE_POLICY, updateIf, type WritePolicy } from './writes.js';
import {
  fieldsPath,
  itemFromFields,
  itemsPath,
  type ListItem,
  quote,
  readItem,
  readItems,
  type SiteLists,
} from './listItems.js';
import { toAudit, toContribution } from './mappers.js';
import {
  answerFields,
  answerKey,
  type StoredSectionAnswer,
  toStoredAnswer,
} from './sectionAnswers.js';

export type Workspace = {
  readonly audit: Audit;
  readonly tool: AuditTool;
  readonly contributions: readonly AgencyContribution[];
  readonly answers: readonly StoredSectionAnswer[];
};

/** What happened to one section's save. */
export type SaveOutcome =
  | { readonly kind: 'saved'; readonly sectionId: string; readonly stored: StoredSectionAnswer }
  /** Someone else changed it since we read it: theirs is `current`. */
  | { readonly kind: 'conflict'; readonly sectionId: string; readonly current: StoredSectionAnswer }
  /** Graph was busy or failed: try again later; nothing was written. */
  | {
      readonly kind: 'retry';
      readonly sectionId: string;
      readonly retryAfterSeconds: number;
      readonly reason: string;
      /** Graph's status for it, so the tab can say what kind of failure it was. */
      readonly status: number;
    };

export type SectionChange = {
  readonly sectionId: string;
  readonly answer: SectionAnswer;
  readonly base: StoredSectionAnswer | undefined;
};

export type { AuditEvent } from './fields.js';

export function createAuditWorkspace(
  client: Client,
  lists: SiteLists,
  policy: WritePolicy = DEFAULT_WRITE_POLICY,
) {
  async function currentAnswer(
    auditId: string,
    contributor: ContributorId,
    sectionId: string,
  ): Promise<StoredSectionAnswer | undefined> {
    const found = await readItems(client, lists, 'SectionAnswers', {
      filter: `fields/AnswerKey eq ${quote(answerKey(auditId, contributor, sectionId))}`,
    });
    return found[0] ? toStoredAnswer(found[0]) : undefined;
  }

  /** Appends to the trail once: the event's key is unique, and a lost answer is read back. */
  async function appendEvent(event: AuditEvent, now: Date): Promise<void> {
    await createOnce(
      client,
      lists,
      { list: 'AuditEvents', keyField: 'EventKey', fields: eventFields(event, now) },
      policy,
    );
  }

  return {
    async load(auditId: string): Promise<Workspace> {
      const [auditItem, contributionItems, answerItems] = await Promise.all([
        readItem(client, lists, 'Audits', auditId),
        readItems(client, lists, 'AgencyContributions', {
          filter: `fields/AuditId eq ${Number(auditId)}`,
        }),
        readItems(client, lists, 'SectionAnswers', {
          filter: `fields/AuditId eq ${Number(auditId)}`,
        }),
      ]);
      const audit = toAudit(auditItem);
      return {
        audit,
        tool: toolVersion(audit.category, audit.toolVersion),
        contributions: contributionItems.map(toContribution),
        answers: answerItems.map(toStoredAnswer),
      };
    },

    /**
     * Saves changed sections in $batch requests, each with If-Match on the version it was edited
     * from. A section whose answer was lost and retried, and now holds exactly what we sent, counts
     * as saved: a retry never turns into a false conflict.
     */
    async saveSections(
      auditId: string,
      contributor: ContributorId,
      changes: readonly SectionChange[],
    ): Promise<SaveOutcome[]> {
      const outcomes: SaveOutcome[] = [];
      for (const chunk of chunks(changes)) {
        const requests = chunk.map((change, i) =>
          change.base
            ? updateFieldsRequest(
                String(i),
                fieldsPath(lists, 'SectionAnswers', change.base.itemId),
                answerFields(change.answer),
                change.base.eTag,
              )
            : createItemRequest(String(i), itemsPath(lists, 'SectionAnswers'), {
                Title: `${auditId} ${contributorLabel(contributor)} ${change.sectionId}`,
                AnswerKey: answerKey(auditId, contributor, change.sectionId),
                AuditId: Number(auditId),
                Contributor: contributor,
                SectionId: change.sectionId,
                ...answerFields(change.answer),
              }),
        );
        const responses = await postBatch(client, requests);
        for (const r of responses) {
          const change = chunk[Number(r.id)] as SectionChange;
          const sectionId = change.sectionId;
          if (r.status === 200 || r.status === 201) {
            const body = r.body as Record<string, unknown>;
            const item: ListItem =
              r.status === 201
                ? (body as ListItem)
                : itemFromFields((change.base as StoredSectionAnswer).itemId, body);
            outcomes.push({ kind: 'saved', sectionId, stored: toStoredAnswer(item) });
          } else if (r.status === 412 || r.status === 409) {
            const current = await currentAnswer(auditId, contributor, sectionId);
            if (!current)
              outcomes.push({
                kind: 'retry',
                sectionId,
                retryAfterSeconds: 1,
                reason: 'The section changed while saving.',
                status: r.status,
              });
            else if (sameAnswer(current.answer, change.answer))
              outcomes.push({ kind: 'saved', sectionId, stored: current });
            else outcomes.push({ kind: 'conflict', sectionId, current });
          } else if (r.status === 429 || r.status >= 500) {
            outcomes.push({
              kind: 'retry',
              sectionId,
              retryAfterSeconds: retryAfterOf(r, 2),
              reason: `Graph answered ${r.status}.`,
              status: r.status,
            });
          } else if (r.status === 403) {
            // SharePoint refused: the person is not this contribution's auditor or lead.
            throw new PlainError(refusal({ kind: 'editContribution' }));
          } else {
            throw new Error(`Saving section ${sectionId} was refused: ${batchErrorMessage(r)}`);
          }
        }
      }
      return outcomes;
    },

    /**
     * Moves a contribution to a new status, with If-Match (a stale view cannot move it), and
     * records it on the trail. The event's key is made from the version moved from, so the same
     * move is recorded once however often it is tried; a lost answer is resolved by reading back.
     */
    async setStatus(
      contribution: AgencyContribution,
      status: ContributionStatus,
      actor: PersonRef,
      now: Date,
    ): Promise<AgencyContribution> {
      const fields = {
        Status: status,
        ...(status === 'submitted' ? { SubmittedAt: now.toISOString() } : {}),
      };
      const moved = await updateIf(
        client,
        lists,
        'AgencyContributions',
        contribution,
        fields,
        (s) => s.fields['Status'] === status,
        policy,
      );
      const label = contributorLabel(contribution.contributor);
      await appendEvent(
        {
          key: `${status}|contribution:${contribution.id}|${stableHash(contribution.eTag)}`,
          auditId: contribution.auditId,
          type: STATUS_EVENTS[status].type,
          actor,
          details: `${label}: ${STATUS_EVENTS[status].details}`,
        },
        now,
      );
      return toContribution(moved);
    },

    /** The lead auditor's own contribution, made the first time it is needed; a second maker finds the first. */
    async ensureContribution(
      audit: Audit,
      contributor: ContributorId,
      person: PersonRef,
    ): Promise<AgencyContribution> {
      return toContribution(
        await createOnce(
          client,
          lists,
          {
            list: 'AgencyContributions',
            keyField: 'ContributionKey',
            fields: contributionFields({
              auditId: audit.id,
              caseReference: audit.caseReference,
              contributor,
              auditor: person,
              status: 'notStarted',
              dueDate: audit.dueDate,
            }),
          },
          policy,
        ),
      );
    },

    appendEvent,
  };
}

/** The trail event of each move of a contribution. */
const STATUS_EVENTS: Record<ContributionStatus, { type: string; details: string }> = {
  notStarted: { type: 'contributionReset', details: 'back to not started' },
  inProgress: { type: 'contributionStarted', details: 'not started → in progress' },
  submitted: { type: 'contributionSubmitted', details: 'submitted' },
  returned: { type: 'contributionReturned', details: 'returned for changes' },
};

/** The trail event of a save: keyed by the versions saved, so a save is recorded once. */
export function answersSavedEvent(
  auditId: string,
  contributor: ContributorId,
  actor: PersonRef,
  saved: readonly StoredSectionAnswer[],
  titleOf: (sectionId: string) => string,
): AuditEvent {
  return {
    key: `answersSaved|${auditId}|${contributor}|${stableHash(saved.map((s) => `${s.itemId}@${s.eTag}`).join(','))}`,
    auditId,
    type: 'answersSaved',
    actor,
    details: `${contributorLabel(contributor)}: saved ${saved.map((s) => titleOf(s.sectionId)).join('; ')}`,
  };
}

export type AuditWorkspaceRepository = ReturnType<typeof createAuditWorkspace>;
