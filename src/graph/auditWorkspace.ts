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
import { type ListItem, toAudit, toContribution } from './mappers.js';
import { type Page, readAllPages } from './paging.js';
import type { SiteLists } from './repositories.js';
import {
  answerFields,
  answerKey,
  type StoredSectionAnswer,
  toStoredAnswer,
} from './sectionAnswers.js';
import type { ListName } from './schema.js';

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
    };

export type SectionChange = {
  readonly sectionId: string;
  readonly answer: SectionAnswer;
  readonly base: StoredSectionAnswer | undefined;
};

export type AuditEvent = {
  readonly auditId: string;
  readonly type: string;
  readonly actor: PersonRef;
  readonly details: string;
};

type BatchResponse = {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
};

const MAX_BATCH = 20;

export function createAuditWorkspace(client: Client, lists: SiteLists) {
  const site = `/sites/${encodeURIComponent(lists.siteId)}`;
  const items = (list: ListName) => `${site}/lists/${lists.listIds[list]}/items`;

  async function readAll(list: ListName, filter: string): Promise<ListItem[]> {
    const first = (await client
      .api(items(list))
      .expand('fields')
      .filter(filter)
      .top(500)
      .get()) as Page<ListItem>;
    return (await readAllPages(client, first)).items;
  }

  async function currentAnswer(
    auditId: string,
    contributor: ContributorId,
    sectionId: string,
  ): Promise<StoredSectionAnswer | undefined> {
    const found = await readAll(
      'SectionAnswers',
      `fields/AnswerKey eq '${answerKey(auditId, contributor, sectionId).replace(/'/g, "''")}'`,
    );
    return found[0] ? toStoredAnswer(found[0]) : undefined;
  }

  return {
    async load(auditId: string): Promise<Workspace> {
      const [auditItem, contributionItems, answerItems] = await Promise.all([
        client
          .api(`${items('Audits')}/${encodeURIComponent(auditId)}`)
          .expand('fields')
          .get() as Promise<ListItem>,
        readAll('AgencyContributions', `fields/AuditId eq ${Number(auditId)}`),
        readAll('SectionAnswers', `fields/AuditId eq ${Number(auditId)}`),
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
      for (let start = 0; start < changes.length; start += MAX_BATCH) {
        const chunk = changes.slice(start, start + MAX_BATCH);
        const requests = chunk.map((change, i) =>
          change.base
            ? {
                id: String(i),
                method: 'PATCH',
                url: `${items('SectionAnswers')}/${change.base.itemId}/fields`,
                headers: { 'Content-Type': 'application/json', 'If-Match': change.base.eTag },
                body: answerFields(change.answer),
              }
            : {
                id: String(i),
                method: 'POST',
                url: items('SectionAnswers'),
                headers: { 'Content-Type': 'application/json' },
                body: {
                  fields: {
                    Title: `${auditId} ${contributorLabel(contributor)} ${change.sectionId}`,
                    AnswerKey: answerKey(auditId, contributor, change.sectionId),
                    AuditId: Number(auditId),
                    Contributor: contributor,
                    SectionId: change.sectionId,
                    ...answerFields(change.answer),
                  },
                },
              },
        );
        const res = (await client.api('/$batch').post({ requests })) as {
          responses: BatchResponse[];
        };
        for (const r of res.responses) {
          const change = chunk[Number(r.id)] as SectionChange;
          const sectionId = change.sectionId;
          if (r.status === 200 || r.status === 201) {
            const body = r.body as Record<string, unknown>;
            const item: ListItem =
              r.status === 201
                ? (body as ListItem)
                : {
                    id: (change.base as StoredSectionAnswer).itemId,
                    eTag: String(body['@odata.etag']),
                    fields: body,
                  };
            outcomes.push({ kind: 'saved', sectionId, stored: toStoredAnswer(item) });
          } else if (r.status === 412 || r.status === 409) {
            const current = await currentAnswer(auditId, contributor, sectionId);
            if (!current)
              outcomes.push({
                kind: 'retry',
                sectionId,
                retryAfterSeconds: 1,
                reason: 'The section changed while saving.',
              });
            else if (sameAnswer(current.answer, change.answer))
              outcomes.push({ kind: 'saved', sectionId, stored: current });
            else outcomes.push({ kind: 'conflict', sectionId, current });
          } else if (r.status === 429 || r.status >= 500) {
            const after = Number(r.headers?.['Retry-After'] ?? r.headers?.['retry-after'] ?? 2);
            outcomes.push({
              kind: 'retry',
              sectionId,
              retryAfterSeconds: Number.isFinite(after) ? after : 2,
              reason: `Graph answered ${r.status}.`,
            });
          } else if (r.status === 403) {
            // SharePoint refused: the person is not this contribution's auditor or lead.
            throw new Error(refusal({ kind: 'editContribution' }));
          } else {
            const message =
              (r.body as { error?: { message?: string } } | undefined)?.error?.message ??
              `HTTP ${r.status}`;
            throw new Error(`Saving section ${sectionId} was refused: ${message}`);
          }
        }
      }
      return outcomes;
    },

    /** Moves a contribution to a new status, with If-Match: a stale view cannot move it. */
    async setStatus(
      contribution: AgencyContribution,
      status: ContributionStatus,
      now: Date,
    ): Promise<AgencyContribution> {
      const fields = (await client
        .api(`${items('AgencyContributions')}/${contribution.id}/fields`)
        .header('If-Match', contribution.eTag)
        .patch({
          Status: status,
          ...(status === 'submitted' ? { SubmittedAt: now.toISOString() } : {}),
        })) as Record<string, unknown>;
      return toContribution({ id: contribution.id, eTag: String(fields['@odata.etag']), fields });
    },

    /** The lead auditor's own contribution, made the first time it is needed; a second maker finds the first. */
    async ensureContribution(
      audit: Audit,
      contributor: ContributorId,
      person: PersonRef,
    ): Promise<AgencyContribution> {
      const key = `${audit.id}:${contributor}`;
      const existing = await readAll('AgencyContributions', `fields/ContributionKey eq '${key}'`);
      if (existing[0]) return toContribution(existing[0]);
      try {
        const created = (await client.api(items('AgencyContributions')).post({
          fields: {
            Title: `${audit.caseReference} — ${contributorLabel(contributor)}`,
            ContributionKey: key,
            AuditId: Number(audit.id),
            Agency: contributor,
            AuditorId: person.id,
            AuditorName: person.displayName,
            Status: 'notStarted',
            ...(audit.dueDate ? { DueDate: audit.dueDate } : {}),
          },
        })) as ListItem;
        return toContribution(created);
      } catch (e) {
        const again = await readAll('AgencyContributions', `fields/ContributionKey eq '${key}'`);
        if (again[0]) return toContribution(again[0]);
        throw e;
      }
    },

    async raiseChildAtRisk(audit: Audit, reason: string): Promise<Audit> {
      const fields = (await client
        .api(`${items('Audits')}/${audit.id}/fields`)
        .header('If-Match', audit.eTag)
        .patch({ ChildAtRisk: true, ChildAtRiskReason: reason })) as Record<string, unknown>;
      return toAudit({ id: audit.id, eTag: String(fields['@odata.etag']), fields });
    },

    async appendEvent(event: AuditEvent, now: Date): Promise<void> {
      await client.api(items('AuditEvents')).post({
        fields: {
          Title: event.type,
          AuditId: Number(event.auditId),
          EventType: event.type,
          ActorId: event.actor.id,
          ActorName: event.actor.displayName,
          At: now.toISOString(),
          Details: event.details,
        },
      });
    },
  };
}

export type AuditWorkspaceRepository = ReturnType<typeof createAuditWorkspace>;
