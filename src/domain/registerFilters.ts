/**
 * The register's filters and how they travel in a link (`#/register?status=moderation&overdue=1`).
 * Apart from the register's rules (register.ts) because the router, in the tab's first view,
 * needs only these.
 */
import { AGENCY_IDS, type AgencyId } from './agencies.js';
import { AUDIT_STATUSES, type AuditStatus, CATEGORIES, type Category } from './records.js';

export const SORT_KEYS = ['due', 'reference', 'status', 'category', 'commissioned'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  due: 'Due date',
  reference: 'Case reference',
  status: 'Status',
  category: 'Category',
  commissioned: 'Date commissioned',
};

export type RegisterFilters = {
  readonly status?: AuditStatus;
  readonly themeId?: string;
  readonly category?: Category;
  readonly agency?: AgencyId;
  /** Past its due date with the audit's own work still open. */
  readonly overdue?: boolean;
  /** Open and due within the next seven days. */
  readonly dueThisWeek?: boolean;
  /** A child flagged at risk now: the flag is up and the audit has not ended. */
  readonly childAtRisk?: boolean;
  /** The start of a case reference, as typed (compared in capitals). */
  readonly reference?: string;
  readonly sort: SortKey;
  readonly descending: boolean;
};

export const DEFAULT_FILTERS: RegisterFilters = { sort: 'due', descending: false };

/** Keeps only what can be searched: letters, digits and dashes, at most 32 (a reference's length). */
export const cleanReference = (typed: string): string =>
  typed
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '')
    .slice(0, 32);

/** Filters as the query of a link (`status=moderation&overdue=1`): only what differs from the default. */
export function filtersToQuery(f: RegisterFilters): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.themeId) q.set('theme', f.themeId);
  if (f.category) q.set('category', f.category);
  if (f.agency) q.set('agency', f.agency);
  if (f.overdue) q.set('overdue', '1');
  if (f.dueThisWeek) q.set('due', 'week');
  if (f.childAtRisk) q.set('atRisk', '1');
  if (f.reference) q.set('ref', f.reference);
  if (f.sort !== DEFAULT_FILTERS.sort) q.set('sort', f.sort);
  if (f.descending) q.set('order', 'desc');
  return q.toString();
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * Filters from a link's query. A value the register does not know is dropped rather than
 * refused: a link written by hand, or by an older version, still opens the register.
 */
export function filtersFromQuery(query: string): RegisterFilters {
  const q = new URLSearchParams(query);
  const status = oneOf(q.get('status'), AUDIT_STATUSES);
  const theme = q.get('theme');
  const category = oneOf(q.get('category'), CATEGORIES);
  const agency = oneOf(q.get('agency'), AGENCY_IDS);
  const reference = cleanReference(q.get('ref') ?? '');
  return {
    ...(status ? { status } : {}),
    ...(theme && /^\d{1,9}$/.test(theme) ? { themeId: theme } : {}),
    ...(category ? { category } : {}),
    ...(agency ? { agency } : {}),
    ...(q.get('overdue') === '1' ? { overdue: true } : {}),
    ...(q.get('due') === 'week' ? { dueThisWeek: true } : {}),
    ...(q.get('atRisk') === '1' ? { childAtRisk: true } : {}),
    ...(reference ? { reference } : {}),
    sort: oneOf(q.get('sort'), SORT_KEYS) ?? DEFAULT_FILTERS.sort,
    descending: q.get('order') === 'desc',
  };
}
