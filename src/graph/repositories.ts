import type { Client } from '@microsoft/microsoft-graph-client';
import type { ContributorId } from '../domain/agencies.js';
import { type StoredSectionAnswer, toStoredAnswer } from './sectionAnswers.js';
import type {
  Action,
  AgencyContribution,
  Audit,
  Feedback,
  OverviewReport,
  ProgrammeTheme,
} from '../domain/records.js';
import {
  toAction,
  toAudit,
  toContribution,
  toFeedback,
  toProgrammeTheme,
  toReport,
} from './mappers.js';
import {
  type ItemQuery,
  type ListItem,
  quote,
  readItem,
  readItems,
  type SiteLists,
  readSettings,
} from './listItems.js';
import type { ListName } from './schema.js';

/** Reads a whole list (every page) with its fields, mapping each item. */
async function readList<T>(
  client: Client,
  lists: SiteLists,
  list: ListName,
  map: (item: ListItem) => T,
  query: ItemQuery = {},
): Promise<T[]> {
  return (await readItems(client, lists, list, query)).map(map);
}

export type Repositories = {
  answers: { forContributor(contributor: ContributorId): Promise<StoredSectionAnswer[]> };
  settings: {
    /** Every setting in one read: what start-up needs. */
    all(): Promise<ReadonlyMap<string, string>>;
  };
  programme: { list(year?: string): Promise<ProgrammeTheme[]> };
  audits: {
    list(): Promise<Audit[]>;
    ledBy(userId: string): Promise<Audit[]>;
    get(id: string): Promise<Audit>;
  };
  contributions: {
    assignedTo(userId: string): Promise<AgencyContribution[]>;
    dueBy(when: Date): Promise<AgencyContribution[]>;
  };
  feedback: { list(): Promise<Feedback[]>; forPractitioner(userId: string): Promise<Feedback[]> };
  actions: { list(): Promise<Action[]> };
  reports: { list(): Promise<OverviewReport[]> };
};

export function createRepositories(client: Client, lists: SiteLists): Repositories {
  return {
    answers: {
      forContributor: (contributor) =>
        readList(client, lists, 'SectionAnswers', toStoredAnswer, {
          filter: `fields/Contributor eq ${quote(contributor)}`,
        }),
    },
    settings: {
      all: () => readSettings(client, lists),
    },
    programme: {
      list: (year) =>
        readList(client, lists, 'AuditProgrammes', toProgrammeTheme, {
          ...(year ? { filter: `fields/Year eq ${quote(year)}` } : {}),
          orderby: 'fields/PlannedMonth',
        }),
    },
    audits: {
      list: () => readList(client, lists, 'Audits', toAudit, { orderby: 'fields/DueDate' }),
      ledBy: (userId) =>
        readList(client, lists, 'Audits', toAudit, {
          filter: `fields/LeadAuditorId eq ${quote(userId)}`,
          orderby: 'fields/DueDate',
        }),
      get: async (id) => toAudit(await readItem(client, lists, 'Audits', id)),
    },
    contributions: {
      assignedTo: (userId) =>
        readList(client, lists, 'AgencyContributions', toContribution, {
          filter: `fields/AuditorId eq ${quote(userId)}`,
          orderby: 'fields/DueDate',
        }),
      dueBy: (when) =>
        readList(client, lists, 'AgencyContributions', toContribution, {
          filter: `fields/DueDate le ${quote(when.toISOString())}`,
        }),
    },
    feedback: {
      list: () =>
        readList(client, lists, 'Feedback', toFeedback, { orderby: 'fields/SentAt desc' }),
      forPractitioner: (userId) =>
        readList(client, lists, 'Feedback', toFeedback, {
          filter: `fields/PractitionerId eq ${quote(userId)}`,
        }),
    },
    actions: {
      list: () => readList(client, lists, 'Actions', toAction, { orderby: 'fields/DueDate' }),
    },
    reports: {
      list: () =>
        readList(client, lists, 'OverviewReports', toReport, {
          orderby: 'fields/PublishedAt desc',
        }),
    },
  };
}
