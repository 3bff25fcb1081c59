/**
 * The overview report as a document with a lifecycle: the business manager chooses a set of
 * signed-off audits (a theme, a category, a period, the whole programme), adds the narrative and
 * recommendations to a draft, and publishes it. A published report is fixed: changing it means a
 * new version, never an edit, so that what the board read stays what it read.
 */

import { type AgencyId, AGENCY_IDS, contributorLabel } from '../agencies.js';
import { CATEGORIES, CATEGORY_LABELS, type Category, type PersonRef } from '../records.js';
import { toDay, type IsoDay } from '../workingDays.js';
import { counted } from '../plural.js';
import type { AuditDigest } from './digest.js';

export type ReportScope =
  | { readonly kind: 'theme'; readonly themeId: string; readonly title: string }
  | {
      readonly kind: 'category';
      readonly category: Category;
      readonly from: IsoDay;
      readonly to: IsoDay;
    }
  | { readonly kind: 'period'; readonly from: IsoDay; readonly to: IsoDay }
  /** The programme's year as the partnership writes it, "2026-27": April to March. */
  | { readonly kind: 'programme'; readonly year: string };

/** The London day an audit was signed off, as `toDay` says (which remembers days by the hour). */
export function signedOffDay(signedOffAt: string): IsoDay {
  return toDay(signedOffAt);
}

/** The audits a scope takes: signed off, and within its theme, category or days (London days). */
export function inScope(d: AuditDigest, scope: ReportScope): boolean {
  const day = signedOffDay(d.signedOffAt);
  switch (scope.kind) {
    case 'theme':
      return d.themeId === scope.themeId;
    case 'category':
      return d.category === scope.category && day >= scope.from && day <= scope.to;
    case 'period':
      return day >= scope.from && day <= scope.to;
    case 'programme': {
      // The programme year runs April to March, as the partnership's plan does.
      const start = Number(scope.year.slice(0, 4));
      return day >= `${start}-04-01` && day <= `${start + 1}-03-31`;
    }
  }
}

/** The scope in words, for the report's title page. */
export function describeScope(scope: ReportScope): string {
  switch (scope.kind) {
    case 'theme':
      return `Theme: ${scope.title}`;
    case 'category':
      return `${CATEGORY_LABELS[scope.category]} audits signed off ${scope.from} to ${scope.to}`;
    case 'period':
      return `Audits signed off ${scope.from} to ${scope.to}`;
    case 'programme':
      return `The ${scope.year} programme`;
  }
}

/** The report's method section, from the audits it covers. */
export type Method = {
  readonly sample: number;
  readonly byCategory: ReadonlyArray<{ readonly category: Category; readonly audits: number }>;
  readonly agencies: readonly AgencyId[];
  /** Each tool and version used, with its number of audits. */
  readonly tools: ReadonlyArray<{
    readonly category: Category;
    readonly version: number;
    readonly audits: number;
  }>;
  /** The first and last days audits were signed off. */
  readonly signedOff: { readonly from: IsoDay; readonly to: IsoDay } | undefined;
  /** Who audited, by name (staff, never children), sorted. */
  readonly auditors: readonly string[];
  /** Re-audits in the set, and the originals they look back to. */
  readonly reaudits: number;
};

export function reportMethod(digests: readonly AuditDigest[]): Method {
  // One pass over the set, each instant read once: a year's overview has 10,000 audits.
  const categories = new Map<Category, number>();
  // Category, then version: no key string built for each audit.
  const tools = new Map<Category, Map<number, number>>();
  const agencies = new Set<AgencyId>();
  const names = new Set<string>();
  let reaudits = 0;
  // The London day follows the instant, so only the first and last instants need a day.
  let first: AuditDigest | undefined;
  let last: AuditDigest | undefined;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const d of digests) {
    categories.set(d.category, (categories.get(d.category) ?? 0) + 1);
    let versions = tools.get(d.category);
    if (!versions) tools.set(d.category, (versions = new Map()));
    versions.set(d.toolVersion, (versions.get(d.toolVersion) ?? 0) + 1);
    for (const a of d.agencies) agencies.add(a);
    for (const a of d.auditors) names.add(a.name);
    if (d.reauditOf !== undefined) reaudits += 1;
    const ms = Date.parse(d.signedOffAt);
    if (ms < firstMs) [first, firstMs] = [d, ms];
    if (ms > lastMs) [last, lastMs] = [d, ms];
  }
  return {
    sample: digests.length,
    byCategory: CATEGORIES.filter((c) => categories.has(c)).map((c) => ({
      category: c,
      audits: categories.get(c) as number,
    })),
    agencies: AGENCY_IDS.filter((a) => agencies.has(a)),
    tools: [...tools]
      .flatMap(([category, versions]) =>
        [...versions].map(([version, audits]) => ({ category, version, audits })),
      )
      .sort(
        (a, b) =>
          CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.version - b.version,
      ),
    signedOff:
      first && last
        ? { from: signedOffDay(first.signedOffAt), to: signedOffDay(last.signedOffAt) }
        : undefined,
    auditors: [...names].sort((a, b) => a.localeCompare(b, 'en-GB')),
    reaudits,
  };
}

/** The method in sentences, for the report and its Word export. */
export function describeMethod(m: Method): string[] {
  if (m.sample === 0) return ['No signed-off audits fall within this report yet.'];
  const audits = (n: number) => counted(n, 'audit');
  const lines = [
    `${audits(m.sample)}: ${m.byCategory.map((c) => `${c.audits} ${CATEGORY_LABELS[c.category].toLowerCase()}`).join(', ')}.`,
    `Agencies: ${m.agencies.map(contributorLabel).join(', ')}.`,
    `Tools: ${m.tools.map((t) => `${CATEGORY_LABELS[t.category]} version ${t.version} (${audits(t.audits)})`).join('; ')}.`,
  ];
  if (m.signedOff) lines.push(`Signed off between ${m.signedOff.from} and ${m.signedOff.to}.`);
  if (m.auditors.length > 0) lines.push(`Audited by ${m.auditors.join(', ')}.`);
  if (m.reaudits > 0)
    lines.push(
      `${audits(m.reaudits)} ${m.reaudits === 1 ? 'is a re-audit' : 'are re-audits'} of earlier cases.`,
    );
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Draft, published, new version

export type Recommendation = {
  readonly id: string;
  readonly text: string;
  /** The pack frames recommendations as the difference for children. */
  readonly differenceForChildren: string;
};

export type ReportVersion = {
  readonly reportId: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  readonly scope: ReportScope;
  readonly title: string;
  readonly narrative: string;
  readonly recommendations: readonly Recommendation[];
  readonly publishedAt?: string;
  readonly publishedBy?: PersonRef;
};

export type ReportEdit = Partial<Pick<ReportVersion, 'title' | 'narrative' | 'recommendations'>>;

export type ReportResult =
  | { readonly kind: 'ok'; readonly report: ReportVersion }
  | { readonly kind: 'refused'; readonly reason: string };

const FIXED =
  'This version is published and fixed: what the board read stays as it was. Make a new version to change it.';

export function editReport(r: ReportVersion, edit: ReportEdit): ReportResult {
  if (r.status === 'published') return { kind: 'refused', reason: FIXED };
  return { kind: 'ok', report: { ...r, ...edit } };
}

/** Each thing still missing before a draft can be published, as a sentence. */
export function publishProblems(r: ReportVersion, audits: number): string[] {
  const problems: string[] = [];
  if (audits === 0)
    problems.push('No signed-off audits fall within the report: choose another set.');
  if (r.title.trim() === '') problems.push('Give the report a title.');
  if (r.narrative.trim() === '')
    problems.push('Write the narrative: what the audits found, in your words.');
  if (r.recommendations.length === 0) problems.push('Add at least one recommendation.');
  r.recommendations.forEach((rec, i) => {
    if (rec.text.trim() === '') problems.push(`Recommendation ${i + 1} has no text.`);
    if (rec.differenceForChildren.trim() === '')
      problems.push(
        `Recommendation ${i + 1} does not say the difference it should make for children.`,
      );
  });
  return problems;
}

export function publishReport(
  r: ReportVersion,
  audits: number,
  by: PersonRef,
  now: Date,
): ReportResult {
  if (r.status === 'published')
    return { kind: 'refused', reason: 'This version is already published.' };
  const problems = publishProblems(r, audits);
  if (problems.length > 0)
    return { kind: 'refused', reason: `The report cannot be published yet. ${problems.join(' ')}` };
  return {
    kind: 'ok',
    report: { ...r, status: 'published', publishedAt: now.toISOString(), publishedBy: by },
  };
}

/** A new draft from a published version: the same content, the next version number. */
export function newVersion(r: ReportVersion): ReportResult {
  if (r.status !== 'published')
    return { kind: 'refused', reason: 'This version is still a draft: change it as it is.' };
  const { publishedAt: _at, publishedBy: _by, ...content } = r;
  return { kind: 'ok', report: { ...content, status: 'draft', version: r.version + 1 } };
}
