import type { Client } from '@microsoft/microsoft-graph-client';
import { latestTool } from '../domain/tools/index.js';
import {
  type CardContext,
  auditAssignedCard,
  auditsCommissionedCard,
  programmePublishedCard,
} from '../domain/cards/cards.js';
import { assignmentsByPerson, type CommissionRequest } from '../domain/commissioning.js';
import { contributorLabel } from '../domain/agencies.js';
import type { Category, PersonRef, ProgrammeTheme } from '../domain/records.js';
import { batchErrorMessage, createItemRequest, postBatch } from './batch.js';
import { auditFields, contributionFields, eventFields, themeFields } from './fields.js';
import {
  fieldsPath,
  itemFromFields,
  itemsPath,
  type ListItem,
  type SiteLists,
} from './listItems.js';
import { toProgrammeTheme } from './mappers.js';
import type { Outbox, OutboxEntry } from './outbox.js';

/** What a person writes for a theme: the theme less what the system keeps (id, status, eTag). */
export type ThemeInput = Omit<ProgrammeTheme, 'id' | 'status' | 'eTag'>;

export type Channel = { readonly teamId: string; readonly channelId: string };

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The programme and commissioning, written through Graph; every notification goes through the outbox. */
export function createProgrammeService(
  client: Client,
  lists: SiteLists,
  deps: { outbox: Outbox; cards: CardContext; channel: Channel; me: PersonRef; now: () => Date },
) {
  return {
    /** How cards are made here: links and the case reference format, for other senders to share. */
    cardContext: deps.cards,

    async addTheme(t: ThemeInput): Promise<ProgrammeTheme> {
      return toProgrammeTheme(
        (await client
          .api(itemsPath(lists, 'AuditProgrammes'))
          .post({ fields: { ...themeFields(t), Status: 'draft' } })) as ListItem,
      );
    },

    async updateTheme(theme: ProgrammeTheme, t: ThemeInput): Promise<ProgrammeTheme> {
      const fields = (await client
        .api(fieldsPath(lists, 'AuditProgrammes', theme.id))
        .header('If-Match', theme.eTag)
        .patch(themeFields(t))) as Record<string, unknown>;
      return toProgrammeTheme(itemFromFields(theme.id, fields));
    },

    /** Publishes the year's draft themes and tells the partnership's channel, once. */
    async publish(year: string, themes: readonly ProgrammeTheme[]): Promise<void> {
      const at = deps.now().toISOString();
      for (const theme of themes.filter((t) => t.year === year && t.status === 'draft')) {
        await client
          .api(fieldsPath(lists, 'AuditProgrammes', theme.id))
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
        const audit = (await client.api(itemsPath(lists, 'Audits')).post({
          fields: auditFields({
            caseReference: ref,
            category,
            themeId: req.themeId,
            status: 'commissioned',
            tool,
            periodStart: new Date(req.periodStart).toISOString(),
            periodEnd: new Date(req.periodEnd).toISOString(),
            agencies: req.agencies,
            leadAuditor: req.leadAuditor,
            signOffManager: req.signOffManager,
            commissionedBy: deps.me,
            commissionedAt: deps.now().toISOString(),
            dueDate: new Date(req.dueDate).toISOString(),
          }),
        })) as ListItem;
        created.push({ id: audit.id, caseReference: ref });
        const requests = [
          ...req.agencies.map((agency, i) =>
            createItemRequest(
              String(i + 1),
              itemsPath(lists, 'AgencyContributions'),
              contributionFields({
                auditId: audit.id,
                caseReference: ref,
                contributor: agency,
                auditor: req.auditors[agency] as PersonRef,
                status: 'notStarted',
                dueDate: new Date(req.dueDate).toISOString(),
              }),
            ),
          ),
          createItemRequest(
            'event',
            itemsPath(lists, 'AuditEvents'),
            eventFields(
              {
                auditId: audit.id,
                type: 'commissioned',
                actor: deps.me,
                details: `Commissioned for the theme ${req.themeTitle}: ${req.agencies.map(contributorLabel).join(', ')}`,
              },
              deps.now(),
            ),
          ),
        ];
        const responses = await postBatch(client, requests);
        const failed = responses.filter((r) => r.status >= 300 && r.status !== 409);
        if (failed.length > 0)
          throw new Error(
            `Audit ${ref} was created, but ${failed.length} of its records were not: ${batchErrorMessage(failed[0] as (typeof failed)[number])}. Open it to finish.`,
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
