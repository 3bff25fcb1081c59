import type { Client } from '@microsoft/microsoft-graph-client';
import { latestTool } from '../domain/tools/index.js';
import {
  type CardContext,
  auditAssignedCard,
  auditsCommissionedCard,
  programmePublishedCard,
} from '../domain/cards/cards.js';
import { assignmentsByPerson, type CommissionRequest } from '../domain/commissioning.js';
import { type AgencyId, contributorLabel, MULTI_AGENCY } from '../domain/agencies.js';
import type { Category, PersonRef, ProgrammeTheme } from '../domain/records.js';
import { type ListItem, toProgrammeTheme } from './mappers.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { ItemPermissions } from './permissions.js';
import type { SiteLists } from './repositories.js';

/** What a person writes for a theme: the theme less what the system keeps (id, status, eTag). */
export type ThemeInput = Omit<ProgrammeTheme, 'id' | 'status' | 'eTag'>;

export type Channel = { readonly teamId: string; readonly channelId: string };

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The programme and commissioning, written through Graph; every notification goes through the outbox. */
export function createProgrammeService(
  client: Client,
  lists: SiteLists,
  deps: {
    outbox: Outbox;
    cards: CardContext;
    channel: Channel;
    me: PersonRef;
    now: () => Date;
    /** Gives each contribution its own permissions (its auditor and the lead auditor edit it). */
    itemPermissions?: ItemPermissions;
  },
) {
  const items = (list: 'AuditProgrammes' | 'Audits' | 'AgencyContributions' | 'AuditEvents') =>
    `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds[list]}/items`;
  const themeFields = (t: ThemeInput) => ({
    Title: t.title,
    Year: t.year,
    PrioritySource: t.prioritySource,
    Categories: t.categories.join(','),
    PlannedMonth: t.plannedMonth,
    SampleSize: t.sampleSize,
  });
  const event = (auditId: string, type: string, details: string) => ({
    fields: {
      Title: type,
      AuditId: Number(auditId),
      EventType: type,
      ActorId: deps.me.id,
      ActorName: deps.me.displayName,
      At: deps.now().toISOString(),
      Details: details,
    },
  });

  /** Item permissions for each contribution the batch created; a failure names the audit. */
  async function shareContributions(
    responses: ReadonlyArray<{ id: string; status: number; body?: { id?: string } }>,
    req: CommissionRequest,
    caseReference: string,
  ): Promise<void> {
    if (!deps.itemPermissions) return;
    for (const r of responses) {
      if (r.id === 'event' || r.status !== 201 || !r.body?.id) continue;
      const agency = r.id === 'lead' ? MULTI_AGENCY : req.agencies[Number(r.id) - 1];
      const auditor =
        r.id === 'lead' ? req.leadAuditor : agency ? req.auditors[agency as AgencyId] : undefined;
      if (!auditor || !agency) continue;
      try {
        await deps.itemPermissions.contribution(r.body.id, {
          auditor,
          leadAuditor: req.leadAuditor,
        });
      } catch (e) {
        throw new Error(
          `Audit ${caseReference} was created, but its ${contributorLabel(agency)} contribution could not be limited to its auditor and the lead auditor: ${(e as Error).message}`,
        );
      }
    }
  }

  return {
    /** How cards are made here: links and the case reference format, for other senders to share. */
    cardContext: deps.cards,

    async addTheme(t: ThemeInput): Promise<ProgrammeTheme> {
      return toProgrammeTheme(
        (await client
          .api(items('AuditProgrammes'))
          .post({ fields: { ...themeFields(t), Status: 'draft' } })) as ListItem,
      );
    },

    async updateTheme(theme: ProgrammeTheme, t: ThemeInput): Promise<ProgrammeTheme> {
      const fields = (await client
        .api(`${items('AuditProgrammes')}/${theme.id}/fields`)
        .header('If-Match', theme.eTag)
        .patch(themeFields(t))) as Record<string, unknown>;
      return toProgrammeTheme({ id: theme.id, eTag: String(fields['@odata.etag']), fields });
    },

    /** Publishes the year's draft themes and tells the partnership's channel, once. */
    async publish(year: string, themes: readonly ProgrammeTheme[]): Promise<void> {
      const at = deps.now().toISOString();
      for (const theme of themes.filter((t) => t.year === year && t.status === 'draft')) {
        await client
          .api(`${items('AuditProgrammes')}/${theme.id}/fields`)
          .header('If-Match', theme.eTag)
          .patch({ Status: 'published', PublishedAt: at });
      }
      const all = themes.filter((t) => t.year === year);
      const message = programmePublishedCard(deps.cards, {
        year,
        themes: all.map((t) => ({
          title: t.title,
          prioritySource: t.prioritySource,
          categories: t.categories,
          plannedMonth: /^\d{4}-\d{2}$/.test(t.plannedMonth)
            ? MONTH.format(new Date(`${t.plannedMonth}-01T00:00:00Z`))
            : t.plannedMonth,
          sampleSize: t.sampleSize,
        })),
      });
      // One card a publication: publishing again after a change is a new record, so a new card.
      await deps.outbox.enqueue([
        {
          recordId: `programme:${year}:${all
            .map((t) => `${t.id}.${t.eTag.replace(/\D/g, '').slice(-4)}`)
            .join('-')
            .slice(0, 40)}`,
          event: 'programmePublished',
          recipient: { kind: 'channel', ...deps.channel },
          message,
        },
      ]);
    },

    /**
     * Creates the audits, their agencies' contributions and the trail, then queues one channel
     * card for the commission and one card for each person assigned. The caller has validated it.
     */
    async commission(req: CommissionRequest): Promise<string[]> {
      const category = req.category as Category;
      const tool = latestTool(category);
      const created: Array<{ id: string; caseReference: string }> = [];
      for (const ref of req.caseReferences) {
        const audit = (await client.api(items('Audits')).post({
          fields: {
            Title: ref,
            CaseReference: ref,
            Category: category,
            ThemeId: Number(req.themeId),
            Status: 'commissioned',
            ToolId: tool.id,
            ToolVersion: tool.version,
            PeriodStart: new Date(req.periodStart).toISOString(),
            PeriodEnd: new Date(req.periodEnd).toISOString(),
            Agencies: req.agencies.join(','),
            LeadAuditorId: req.leadAuditor?.id,
            LeadAuditorName: req.leadAuditor?.displayName,
            SignOffManagerId: req.signOffManager?.id,
            SignOffManagerName: req.signOffManager?.displayName,
            CommissionedById: deps.me.id,
            CommissionedByName: deps.me.displayName,
            CommissionedAt: deps.now().toISOString(),
            DueDate: new Date(req.dueDate).toISOString(),
            ChildAtRisk: false,
          },
        })) as ListItem;
        created.push({ id: audit.id, caseReference: ref });
        const requests = [
          ...req.agencies.map((agency, i) => {
            const auditor = req.auditors[agency] as PersonRef;
            return {
              id: String(i + 1),
              method: 'POST',
              url: items('AgencyContributions'),
              headers: { 'Content-Type': 'application/json' },
              body: {
                fields: {
                  Title: `${ref} — ${contributorLabel(agency)}`,
                  ContributionKey: `${audit.id}:${agency}`,
                  AuditId: Number(audit.id),
                  Agency: agency,
                  AuditorId: auditor.id,
                  AuditorName: auditor.displayName,
                  Status: 'notStarted',
                  DueDate: new Date(req.dueDate).toISOString(),
                },
              },
            };
          }),
          // The lead auditor's own multi-agency judgement, made now so that it can be shared with
          // the lead alone (the audit team may not add contributions).
          ...(req.leadAuditor
            ? [
                {
                  id: 'lead',
                  method: 'POST',
                  url: items('AgencyContributions'),
                  headers: { 'Content-Type': 'application/json' },
                  body: {
                    fields: {
                      Title: `${ref} — ${contributorLabel(MULTI_AGENCY)}`,
                      ContributionKey: `${audit.id}:${MULTI_AGENCY}`,
                      AuditId: Number(audit.id),
                      Agency: MULTI_AGENCY,
                      AuditorId: req.leadAuditor.id,
                      AuditorName: req.leadAuditor.displayName,
                      Status: 'notStarted',
                      DueDate: new Date(req.dueDate).toISOString(),
                    },
                  },
                },
              ]
            : []),
          {
            id: 'event',
            method: 'POST',
            url: items('AuditEvents'),
            headers: { 'Content-Type': 'application/json' },
            body: event(
              audit.id,
              'commissioned',
              `Commissioned for the theme ${req.themeTitle}: ${req.agencies.map(contributorLabel).join(', ')}`,
            ),
          },
        ];
        const res = (await client.api('/$batch').post({ requests })) as {
          responses: Array<{
            id: string;
            status: number;
            body?: { id?: string; error?: { message?: string } };
          }>;
        };
        await shareContributions(res.responses, req, ref);
        const failed = res.responses.filter((r) => r.status >= 300 && r.status !== 409);
        if (failed.length > 0)
          throw new Error(
            `Audit ${ref} was created, but ${failed.length} of its records were not: ${failed[0]?.body?.error?.message ?? `HTTP ${failed[0]?.status}`}. Open it to finish.`,
          );
      }
      const audits = created.map((a) => ({ ...a, category }));
      const recordId = `commission:${created[0]?.id}`;
      const entries: OutboxEntry[] = [
        {
          recordId,
          event: 'auditsCommissioned',
          recipient: { kind: 'channel', ...deps.channel },
          message: auditsCommissionedCard(deps.cards, {
            themeTitle: req.themeTitle,
            audits,
            due: req.dueDate,
          }),
        },
      ];
      for (const [userId, { roles }] of assignmentsByPerson(req, created)) {
        entries.push({
          recordId,
          event: 'auditAssigned',
          recipient: { kind: 'chat', userId },
          message: auditAssignedCard(deps.cards, {
            audits: roles.map((r) => ({
              id: r.auditId,
              caseReference: r.caseReference,
              category,
              role: r.role,
            })),
            due: req.dueDate,
          }),
        });
      }
      await deps.outbox.enqueue(entries);
      return created.map((a) => a.id);
    },
  };
}

export type ProgrammeService = ReturnType<typeof createProgrammeService>;
