import { PlainError } from '../domain/messages.js';
import type { Client } from '@microsoft/microsoft-graph-client';
import { latestTool } from '../domain/tools/index.js';
import type { CardContext } from '../domain/cards/cards.js';
import { assignmentsByPerson, type CommissionRequest } from '../domain/commissioning.js';
import { type ContributorId, contributorLabel, MULTI_AGENCY } from '../domain/agencies.js';
import type { AgencyId } from '../domain/agencies.js';
import type { Category, PersonRef, ProgrammeTheme } from '../domain/records.js';
import { blocksRecommissioning, duplicateRefusal, type ExistingAudit } from '../domain/register.js';
import {
  auditFields,
  contributionFields,
  contributionKey,
  eventFields,
  stableHash,
  type ThemeFieldsInput,
  themeFields,
} from './fields.js';
import { type ListItem, quote, readItem, readItems, type SiteLists } from './listItems.js';
import { toAudit, toProgrammeTheme } from './mappers.js';
import { idempotencyKey, type Outbox, type OutboxEntry } from './outbox.js';
import type { ItemPermissions } from './permissions.js';
import {
  createAllOnce,
  createOnce,
  DEFAULT_WRITE_POLICY,
  findByKey,
  updateIf,
  type WritePolicy,
} from './writes.js';

/** What a person writes for a theme: the theme less what the system keeps (id, status, eTag). */
export type ThemeInput = Omit<ProgrammeTheme, 'id' | 'status' | 'eTag'>;

export type Channel = { readonly teamId: string; readonly channelId: string };

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A key chosen once by a form (a UUID): what makes its submission safe to repeat. */
const FORM_KEY = /^[A-Za-z0-9-]{8,40}$/;
function checkFormKey(key: string, what: string): void {
  if (!FORM_KEY.test(key))
    throw new Error(`${what} needs a key of 8 to 40 letters, digits or dashes.`);
}

/**
 * Commissioning refused because a case is already under audit: nothing was written. `existing`
 * names each audit that stands in the way, for the page to link to.
 */
export class DuplicateReferenceError extends PlainError {
  constructor(readonly existing: readonly ExistingAudit[]) {
    super(duplicateRefusal(existing));
  }
}

/** An audit that cannot be finished here, with the sentence that says why. */
export class CannotFinishError extends PlainError {}

/** Every field of a theme as written matches what is stored: a lost answer was a done write. */
const holds = (stored: Readonly<Record<string, unknown>>, fields: Record<string, unknown>) =>
  Object.entries(fields).every(([k, v]) => stored[k] === v);

/**
 * The programme and commissioning, written through Graph; every notification goes through the
 * outbox. Each write is safe to repeat: creates carry keys, updates are conditional, and a
 * commissioning left half done is finished by submitting it again with the same id.
 */
export function createProgrammeService(
  client: Client,
  lists: SiteLists,
  deps: {
    outbox: Outbox;
    cards: CardContext;
    channel: Channel;
    me: PersonRef;
    now: () => Date;
    policy?: WritePolicy;
    /** Gives each contribution its own permissions (its auditor and the lead auditor edit it). */
    itemPermissions?: ItemPermissions;
  },
) {
  const policy = deps.policy ?? DEFAULT_WRITE_POLICY;

  /**
   * The audits of these cases made before, outside this commission (its own audits, from an
   * earlier try, are its own): one indexed read on CaseReference.
   */
  async function earlierAudits(
    refs: readonly string[],
    commissionId: string,
  ): Promise<ExistingAudit[]> {
    if (refs.length === 0) return [];
    const items = await readItems(client, lists, 'Audits', {
      filter: `(${refs.map((r) => `fields/CaseReference eq ${quote(r)}`).join(' or ')})`,
    });
    return items
      .filter(
        (item) => item.fields['AuditKey'] !== `${commissionId}:${item.fields['CaseReference']}`,
      )
      .map((item) => {
        const a = toAudit(item);
        return { auditId: a.id, caseReference: a.caseReference, status: a.status };
      });
  }

  const service = {
    /** How cards are made here: links and the case reference format, for other senders to share. */
    cardContext: deps.cards,

    /** Adds a theme; `key` is chosen once when the form opens, so a repeat finds the first. */
    async addTheme(t: ThemeInput, key: string): Promise<ProgrammeTheme> {
      checkFormKey(key, 'A new theme');
      return toProgrammeTheme(
        await createOnce(
          client,
          lists,
          {
            list: 'AuditProgrammes',
            keyField: 'ThemeKey',
            fields: { ...themeFields(t as ThemeFieldsInput), ThemeKey: key, Status: 'draft' },
          },
          policy,
        ),
      );
    },

    async updateTheme(theme: ProgrammeTheme, t: ThemeInput): Promise<ProgrammeTheme> {
      const fields = themeFields(t as ThemeFieldsInput);
      return toProgrammeTheme(
        await updateIf(
          client,
          lists,
          'AuditProgrammes',
          theme,
          fields,
          (s) => holds(s.fields, fields),
          policy,
        ),
      );
    },

    /** Publishes the year's draft themes and tells the partnership's channel, once. */
    async publish(year: string, themes: readonly ProgrammeTheme[]): Promise<void> {
      const at = deps.now().toISOString();
      for (const theme of themes.filter((t) => t.year === year && t.status === 'draft')) {
        await updateIf(
          client,
          lists,
          'AuditProgrammes',
          theme,
          { Status: 'published', PublishedAt: at },
          (s) => s.fields['Status'] === 'published',
          policy,
        );
      }
      const data = {
        year,
        themes: themes
          .filter((t) => t.year === year)
          .map((t) => ({
            title: t.title,
            prioritySource: t.prioritySource,
            categories: t.categories,
            plannedMonth: /^\d{4}-\d{2}$/.test(t.plannedMonth)
              ? MONTH.format(new Date(`${t.plannedMonth}-01T00:00:00Z`))
              : t.plannedMonth,
            sampleSize: t.sampleSize,
          })),
      };
      // One card a publication of this content: publishing again unchanged (a retry) is the same
      // card; publishing after a change is a new one.
      await deps.outbox.enqueue([
        {
          recordId: `programme:${year}:${stableHash(JSON.stringify(data))}`,
          event: 'programmePublished',
          recipient: { kind: 'channel', ...deps.channel },
          card: { kind: 'programmePublished', data },
        },
      ]);
    },

    /**
     * Creates the audits, their agencies' contributions and the trail, then queues one channel
     * card for the commission and one card for each person assigned. The caller has validated it.
     * `commissionId` is chosen once by the form and kept: every record's key derives from it, so
     * submitting again after a failure part way finishes the same commission (no second audit,
     * no missing card).
     */
    async commission(req: CommissionRequest, commissionId: string): Promise<string[]> {
      checkFormKey(commissionId, 'A commission');
      const earlier = await earlierAudits(req.caseReferences, commissionId);
      if (!req.reaudit) {
        const blocking = earlier.filter((e) => blocksRecommissioning(e.status));
        if (blocking.length > 0) throw new DuplicateReferenceError(blocking);
      }
      // A re-audit links to the original it was opened for, else the latest earlier audit of its case.
      const original = (ref: string) =>
        req.originals?.[ref] ??
        earlier
          .filter((e) => e.caseReference === ref)
          .sort((a, b) => Number(b.auditId) - Number(a.auditId))[0]?.auditId;
      const category = req.category as Category;
      const tool = latestTool(category);
      const dueDate = new Date(req.dueDate).toISOString();
      const created: Array<{ id: string; caseReference: string }> = [];
      for (const ref of req.caseReferences) {
        const audit = await createOnce(
          client,
          lists,
          {
            list: 'Audits',
            keyField: 'AuditKey',
            fields: {
              ...auditFields({
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
                dueDate,
                auditors: req.auditors,
                ...(req.reaudit && original(ref) ? { reauditOf: original(ref) as string } : {}),
              }),
              AuditKey: `${commissionId}:${ref}`,
              // The channel card queued below: the audit's sign-off is posted in its thread.
              CommissioningCard: idempotencyKey({
                recordId: `commission:${commissionId}`,
                event: 'auditsCommissioned',
                recipient: { kind: 'channel', ...deps.channel },
              }),
            },
          },
          policy,
        );
        created.push({ id: audit.id, caseReference: ref });
      }
      await createAllOnce(
        client,
        lists,
        created.flatMap((audit) => [
          ...contributorsOf(req).map(({ contributor, auditor }) => ({
            list: 'AgencyContributions' as const,
            keyField: 'ContributionKey',
            fields: contributionFields({
              auditId: audit.id,
              caseReference: audit.caseReference,
              contributor,
              auditor,
              status: 'notStarted',
              dueDate,
            }),
          })),
          {
            list: 'AuditEvents' as const,
            keyField: 'EventKey',
            fields: eventFields(
              {
                key: `commissioned|audit:${audit.id}`,
                auditId: audit.id,
                type: 'commissioned',
                actor: deps.me,
                details: `Commissioned for the theme ${req.themeTitle}: ${req.agencies.map(contributorLabel).join(', ')}`,
              },
              deps.now(),
            ),
          },
        ]),
        policy,
      );
      if (deps.itemPermissions) {
        // Each contribution editable by its auditor and the lead auditor alone. Sharing again is
        // harmless (the same unique permissions), so a commission finished later shares them all.
        for (const audit of created)
          for (const { contributor, auditor } of contributorsOf(req)) {
            const item = await findByKey(
              client,
              lists,
              'AgencyContributions',
              'ContributionKey',
              contributionKey(audit.id, contributor),
            );
            if (!item) throw new Error(`Audit ${audit.caseReference}: a contribution is missing.`);
            try {
              await deps.itemPermissions.contribution(item.id, {
                auditor,
                leadAuditor: req.leadAuditor,
              });
            } catch (e) {
              // The product's sentence for the person; what SharePoint said goes to the details.
              throw new PlainError(
                `Audit ${audit.caseReference} was created, but its ${contributorLabel(contributor)} contribution could not be limited to its auditor and the lead auditor.`,
                { cause: e },
              );
            }
          }
      }
      const audits = created.map((a) => ({ ...a, category }));
      const recordId = `commission:${commissionId}`;
      const entries: OutboxEntry[] = [
        {
          recordId,
          event: 'auditsCommissioned',
          recipient: { kind: 'channel', ...deps.channel },
          card: {
            kind: 'auditsCommissioned',
            data: { themeTitle: req.themeTitle, audits, due: req.dueDate },
          },
        },
      ];
      for (const [userId, { roles }] of assignmentsByPerson(req, created)) {
        entries.push({
          recordId,
          event: 'auditAssigned',
          recipient: { kind: 'chat', userId },
          card: {
            kind: 'auditAssigned',
            data: {
              audits: roles.map((r) => ({
                id: r.auditId,
                caseReference: r.caseReference,
                category,
                role: r.role,
              })),
              due: req.dueDate,
            },
          },
        });
      }
      await deps.outbox.enqueue(entries);
      return created.map((a) => a.id);
    },

    /**
     * Finishes the commissioning an audit was made by, when a failure left it part done: the
     * same commission again, with the same id, rebuilt from what its audits keep (the other
     * audits of the commission, their agencies and auditors, lead, sign-off manager, dates and
     * theme). Only what is missing is made; the rest is found by its key.
     */
    async finish(auditId: string): Promise<string[]> {
      const item = await readItem(client, lists, 'Audits', auditId);
      const audit = toAudit(item);
      const key = String(item.fields['AuditKey'] ?? '');
      const suffix = `:${audit.caseReference}`;
      const commissionId = key.endsWith(suffix) ? key.slice(0, -suffix.length) : '';
      if (!FORM_KEY.test(commissionId) || !audit.themeId)
        throw new CannotFinishError(
          `Audit ${audit.caseReference} was not commissioned from the tab, so the tab cannot finish it. Ask the partnership's administrator to add what is missing.`,
        );
      const siblings: ListItem[] = await readItems(client, lists, 'Audits', {
        filter: `startswith(fields/AuditKey, ${quote(`${commissionId}:`)})`,
      });
      const auditors = JSON.parse(String(item.fields['Auditors'] ?? '{}')) as Partial<
        Record<AgencyId, PersonRef>
      >;
      const unknown = audit.agencies.filter((a) => !auditors[a]);
      if (unknown.length > 0)
        throw new CannotFinishError(
          `Audit ${audit.caseReference} does not record who audits for ${unknown.map(contributorLabel).join(', ')}, so the tab cannot finish it. Withdraw it and commission the case again.`,
        );
      const theme = toProgrammeTheme(
        await readItem(client, lists, 'AuditProgrammes', audit.themeId),
      );
      const text = (field: string) => String(item.fields[field] ?? '');
      return service.commission(
        {
          themeId: theme.id,
          themeTitle: theme.title,
          caseReferences: siblings.map((s) => String(s.fields['CaseReference'])),
          category: audit.category,
          periodStart: text('PeriodStart'),
          periodEnd: text('PeriodEnd'),
          agencies: audit.agencies,
          auditors,
          leadAuditor: audit.leadAuditor,
          signOffManager: audit.signOffManager,
          // The form's day, as the cards show it; stored as that day's midnight UTC.
          dueDate: (audit.dueDate ?? '').slice(0, 10),
          // Every audit of the commission exists already: none is new, so none is a duplicate.
          reaudit: true,
        },
        commissionId,
      );
    },
  };
  return service;
}

export type ProgrammeService = ReturnType<typeof createProgrammeService>;

/**
 * Who contributes to each audit of a commission: every agency's auditor and, where one is named,
 * the lead auditor's own multi-agency judgement, made now so that it can be shared with the lead
 * alone (the audit team may not add contributions).
 */
function contributorsOf(
  req: CommissionRequest,
): Array<{ contributor: ContributorId; auditor: PersonRef }> {
  return [
    ...req.agencies.map((agency) => ({
      contributor: agency as ContributorId,
      auditor: req.auditors[agency] as PersonRef,
    })),
    ...(req.leadAuditor ? [{ contributor: MULTI_AGENCY, auditor: req.leadAuditor }] : []),
  ];
}
