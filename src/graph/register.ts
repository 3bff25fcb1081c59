import type { Client } from '@microsoft/microsoft-graph-client';
import type { AgencyContribution, Audit, ProgrammeTheme } from '../domain/records.js';
import {
  agencyProgress,
  ENDED_STATUSES,
  FIGURE_FILTERS,
  FIGURE_KEYS,
  matches,
  type Missing,
  missingRecords,
  OPEN_STATUSES,
  type Overview,
  overview,
  type RegisterFilters,
  type SortKey,
  toSecond,
  weekWindow,
} from '../domain/register.js';
import { itemsPath, type ListItem, quote, readItems, type SiteLists } from './listItems.js';
import { toAudit, toContribution } from './mappers.js';
import { type Page, readAllPages, relativeLink } from './paging.js';

/**
 * The audit register read through Graph. Every `$filter` and `$orderby` names only indexed
 * columns of the Audits list (Status, ThemeId, Category, DueDate, ChildAtRisk, CaseReference,
 * CommissionedAt), so the queries hold on a list of any size: SharePoint refuses a filter on an
 * unindexed column once a list passes its view threshold. The one filter that has no indexed
 * form is the agency (an audit has several, kept in one text column): it narrows each page read
 * by an indexed query, and a view reads at most `MAX_PAGES_PER_VIEW` pages to fill itself.
 */

export const PAGE_SIZE = 50;
export const MAX_PAGES_PER_VIEW = 10;

const SORT_COLUMNS: Record<SortKey, string> = {
  due: 'DueDate',
  reference: 'CaseReference',
  status: 'Status',
  category: 'Category',
  commissioned: 'CommissionedAt',
};

const anyOf = (field: string, values: readonly string[]) =>
  `(${values.map((v) => `fields/${field} eq ${quote(v)}`).join(' or ')})`;

/** The filter and order of a register view, on indexed columns only (the agency apart). */
export function registerQuery(f: RegisterFilters, now: Date): { filter?: string; orderby: string } {
  const clauses: string[] = [];
  const at = quote(toSecond(now).toISOString());
  if (f.status) clauses.push(`fields/Status eq ${quote(f.status)}`);
  if (f.themeId) clauses.push(`fields/ThemeId eq ${Number(f.themeId)}`);
  if (f.category) clauses.push(`fields/Category eq ${quote(f.category)}`);
  if (f.overdue) clauses.push(`fields/DueDate lt ${at}`, anyOf('Status', OPEN_STATUSES));
  if (f.dueThisWeek)
    clauses.push(
      `fields/DueDate ge ${at}`,
      `fields/DueDate lt ${quote(weekWindow(now).to.toISOString())}`,
      anyOf('Status', OPEN_STATUSES),
    );
  if (f.childAtRisk)
    clauses.push(
      'fields/ChildAtRisk eq true',
      ...ENDED_STATUSES.map((s) => `fields/Status ne ${quote(s)}`),
    );
  if (f.reference) clauses.push(`startswith(fields/CaseReference, ${quote(f.reference)})`);
  return {
    ...(clauses.length > 0 ? { filter: clauses.join(' and ') } : {}),
    orderby: `fields/${SORT_COLUMNS[f.sort]}${f.descending ? ' desc' : ''}`,
  };
}

/** One audit of the register, with how far it has got and what its commissioning left undone. */
export type RegisterRow = {
  readonly audit: Audit;
  readonly progress: { readonly submitted: number; readonly total: number };
  readonly missing: readonly Missing[];
  /** The audit this one re-audits, if it is a re-audit. */
  readonly reauditOf: string | undefined;
};

export type RegisterPage = {
  readonly rows: readonly RegisterRow[];
  /** Where the next view starts (an `@odata.nextLink`), while more may match. */
  readonly next: string | undefined;
  /**
   * How many audits were read to fill this view (more than its rows when filtering by agency,
   * when a view may also hold a few more than PAGE_SIZE rows: the rest of the last page read).
   */
  readonly scanned: number;
};

/** `fields/AuditId eq 1 or ...` for a page of audits: AuditId is indexed. */
const auditIdsFilter = (ids: readonly string[]) =>
  `(${ids.map((id) => `fields/AuditId eq ${Number(id)}`).join(' or ')})`;

export function createRegister(client: Client, lists: SiteLists) {
  /** Contributions and "commissioned" trail entries of a page of audits: two indexed reads. */
  async function rowsOf(items: readonly ListItem[]): Promise<RegisterRow[]> {
    if (items.length === 0) return [];
    const audits = items.map(toAudit);
    const ids = audits.map((a) => a.id);
    const [contributions, events] = await Promise.all([
      readItems(client, lists, 'AgencyContributions', { filter: auditIdsFilter(ids) }),
      readItems(client, lists, 'AuditEvents', {
        filter: `fields/EventType eq 'commissioned' and ${auditIdsFilter(ids)}`,
      }),
    ]);
    const byAudit = new Map<string, AgencyContribution[]>();
    for (const c of contributions.map(toContribution))
      byAudit.set(c.auditId, [...(byAudit.get(c.auditId) ?? []), c]);
    const logged = new Set(events.map((e) => String(e.fields['AuditId'])));
    return audits.map((audit, i) => {
      const mine = byAudit.get(audit.id) ?? [];
      const reaudit = (items[i] as ListItem).fields['ReauditOfId'];
      return {
        audit,
        progress: agencyProgress(audit, mine),
        missing: missingRecords(audit, {
          contributions: mine,
          commissionedEvent: logged.has(audit.id),
        }),
        reauditOf: typeof reaudit === 'number' ? String(reaudit) : undefined,
      };
    });
  }

  return {
    /**
     * One view of the register: the first (or, given `next`, the following) audits that match,
     * at most PAGE_SIZE, in the order asked for.
     */
    async page(f: RegisterFilters, now: Date, next?: string): Promise<RegisterPage> {
      const { filter, orderby } = registerQuery(f, now);
      let link = next;
      const found: ListItem[] = [];
      let scanned = 0;
      for (let pages = 0; pages < MAX_PAGES_PER_VIEW && found.length < PAGE_SIZE; pages++) {
        let request = link
          ? client.api(relativeLink(link))
          : client.api(itemsPath(lists, 'Audits')).expand('fields').top(PAGE_SIZE).orderby(orderby);
        if (!link && filter) request = request.filter(filter);
        const page = (await request.get()) as Page<ListItem>;
        scanned += page.value.length;
        // Only the agency is left to check here; the query has applied the rest.
        found.push(...page.value.filter((item) => !f.agency || matches(toAudit(item), f, now)));
        link = page['@odata.nextLink'];
        if (!link) break;
      }
      return { rows: await rowsOf(found), next: link, scanned };
    },

    /**
     * What the overview counts: the year's themes' audits and the audits each figure could
     * count, read with the figures' own register queries (indexed), so that a figure and the
     * register it opens agree. A request for the themes' audits and one for each figure, each
     * followed to its last page.
     */
    async overview(themes: readonly ProgrammeTheme[], now: Date): Promise<Overview> {
      const read = async (filter: string) => {
        const first = (await client
          .api(itemsPath(lists, 'Audits'))
          .expand('fields')
          .top(1000)
          .filter(filter)
          .get()) as Page<ListItem>;
        return (await readAllPages(client, first)).items.map(toAudit);
      };
      const byTheme =
        themes.length > 0
          ? `(${themes.map((t) => `fields/ThemeId eq ${Number(t.id)}`).join(' or ')})`
          : undefined;
      const reads = await Promise.all([
        ...(byTheme ? [read(byTheme)] : []),
        ...FIGURE_KEYS.map((k) => read(registerQuery(FIGURE_FILTERS[k], now).filter as string)),
      ]);
      return overview(themes, reads.flat(), now);
    },
  };
}

export type Register = ReturnType<typeof createRegister>;
