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
  type ListItem,
  toAction,
  toAudit,
  toContribution,
  toFeedback,
  toProgrammeTheme,
  toReport,
} from './mappers.js';
import { type Page, readAllPages } from './paging.js';
import type { ListName } from './schema.js';

/** Where the records live: the site and the id of each list, found once at start-up. */
export type SiteLists = {
  readonly siteId: string;
  readonly listIds: Readonly<Record<ListName, string>>;
};

type Query = { filter?: string; orderby?: string; top?: number };

/** Reads a whole list (every page) with its fields, mapping each item. */
async function readList<T>(
  client: Client,
  lists: SiteLists,
  list: ListName,
  map: (item: ListItem) => T,
  query: Query = {},
): Promise<T[]> {
  let request = client
    .api(`/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds[list]}/items`)
    .expand('fields')
    .top(query.top ?? 500);
  if (query.filter) request = request.filter(query.filter);
  if (query.orderby) request = request.orderby(query.orderby);
  const first = (await request.get()) as Page<ListItem>;
  const { items } = await readAllPages(client, first);
  return items.map(map);
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

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
      all: async () => {
        const pairs = await readList(
          client,
          lists,
          'PartnershipSettings',
          (item) => [item.fields['Key'], item.fields['Value']] as const,
        );
        return new Map(
          pairs.filter(
            (p): p is readonly [string, string] =>
              typeof p[0] === 'string' && typeof p[1] === 'string',
          ),
        );
      },
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
      get: async (id) =>
        toAudit(
          (await client
            .api(
              `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds.Audits}/items/${encodeURIComponent(id)}`,
            )
            .expand('fields')
            .get()) as ListItem,
        ),
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

/** Finds the id of every list of the schema on the site, failing with the names of any missing. */
export async function findSiteLists(
  client: Client,
  siteId: string,
  names: readonly ListName[],
  /** Lists SharePoint may hide from this person (a practitioner sees only what is shared); '' when hidden. */
  mayBeHidden: readonly ListName[] = [],
): Promise<SiteLists> {
  const found = (await client
    .api(`/sites/${encodeURIComponent(siteId)}/lists`)
    .select('id,displayName')
    .get()) as Page<{ id: string; displayName: string }>;
  const { items } = await readAllPages(client, found);
  const listIds: Partial<Record<ListName, string>> = {};
  const missing: string[] = [];
  for (const name of names) {
    const list = items.find((l) => l.displayName === name);
    if (list) listIds[name] = list.id;
    else if (mayBeHidden.includes(name)) listIds[name] = '';
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new Error(
      `The partnership site has not been provisioned: the lists ${missing.join(', ')} are missing. Run npm run provision.`,
    );
  }
  return { siteId, listIds: listIds as Record<ListName, string> };
}
