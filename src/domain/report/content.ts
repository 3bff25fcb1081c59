/**
 * The overview report's content as one model, in the board paper's order: the page shows it, and
 * the Word, Excel and CSV exports write it, so all three always say the same. Every figure is a
 * table; each chart is drawn from a table and sits beside it, so a screen reader (and a printed
 * copy) has the same figures as the picture.
 */

import { contributorLabel } from '../agencies.js';
import { GRADES, GRADING_SCALES, type GradingScaleId } from '../grading.js';
import { CATEGORY_LABELS } from '../records.js';
import { type AuditDigest, digestConsistency } from './digest.js';
import {
  type AreaComparison,
  type Distribution,
  compareWithPrevious,
  describeComparison,
  gradeDistributions,
  percent,
} from './distribution.js';
import { describeMethod, describeScope, reportMethod, type ReportVersion } from './report.js';

export type Cell = string | number;

export type ReportTable = {
  readonly id: string;
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
};

/** A stacked bar per row of a table: each grade's share, in the scale's order. */
export type ReportChart = {
  readonly id: string;
  readonly title: string;
  /** The table whose figures the chart draws. */
  readonly tableId: string;
  readonly bars: ReadonlyArray<{ readonly label: string; readonly shares: readonly number[] }>;
  readonly legend: readonly string[];
};

export type ReportSection = {
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
  readonly charts: readonly ReportChart[];
};

export type ReportContent = {
  readonly title: string;
  readonly scope: string;
  /** "Draft" or "Published: version 2, 27 Nov 2026, by Morgan Ellis". */
  readonly status: string;
  readonly sections: readonly ReportSection[];
};

/** A practice note taken from an audit's answers, tagged by area. */
export type PracticeNote = {
  readonly sectionId: string;
  readonly caseReference: string;
  readonly text: string;
};

export type ReportInputs = {
  readonly version: ReportVersion;
  readonly digests: readonly AuditDigest[];
  /** The previous audit of the same kind, when there is one. */
  readonly previous?: { readonly label: string; readonly digests: readonly AuditDigest[] };
  readonly areaTitle: (sectionId: string) => string;
  readonly scale: GradingScaleId;
  readonly goodPractice: readonly PracticeNote[];
  readonly toImprove: readonly PracticeNote[];
  readonly impact: readonly PracticeNote[];
  /** Moderation findings in words ("Police, The child's voice: Good to Inadequate, because …"). */
  readonly findings: readonly string[];
  /** Timeliness of sign-off and feedback, in sentences, from their own modules. */
  readonly timeliness: readonly string[];
};

function distributionTable(
  id: string,
  caption: string,
  first: string,
  groups: ReadonlyArray<readonly [string, Distribution]>,
  labels: readonly string[],
): ReportTable {
  return {
    id,
    caption,
    head: [first, ...labels, 'Total'],
    rows: groups.map(([label, d]) => [
      label,
      ...GRADES.map((g) => `${d.counts[g]} (${percent(d.shares[g])})`),
      d.total,
    ]),
  };
}

function chartOf(
  table: ReportTable,
  groups: ReadonlyArray<readonly [string, Distribution]>,
  labels: readonly string[],
): ReportChart {
  return {
    id: `${table.id}-chart`,
    title: table.caption,
    tableId: table.id,
    bars: groups.map(([label, d]) => ({ label, shares: GRADES.map((g) => d.shares[g]) })),
    legend: labels,
  };
}

function notes(
  list: readonly PracticeNote[],
  areaTitle: (id: string) => string,
  none: string,
): string[] {
  if (list.length === 0) return [none];
  return list.map((n) => `${areaTitle(n.sectionId)} (${n.caseReference}): ${n.text}`);
}

function comparisonTable(
  cs: readonly AreaComparison[],
  areaTitle: (id: string) => string,
): ReportTable {
  return {
    id: 'comparison',
    caption: 'Good or better, this time and last time, by area',
    head: [
      'Area',
      'This time',
      'Audits',
      'Last time',
      'Audits',
      'Change (points)',
      '95% interval',
      'Reading',
    ],
    rows: cs.map((c) =>
      c.kind === 'tooSmall'
        ? [areaTitle(c.sectionId), '', c.now, '', c.before, '', '', 'Too few to compare']
        : [
            areaTitle(c.sectionId),
            percent(c.shareNow),
            c.now,
            percent(c.shareBefore),
            c.before,
            Math.round(c.change * 100),
            `${Math.round(c.low * 100)} to ${Math.round(c.high * 100)}`,
            c.kind === 'better' ? 'Better' : c.kind === 'worse' ? 'Worse' : 'No clear change',
          ],
    ),
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
});

export function reportContent(input: ReportInputs): ReportContent {
  const { version, digests, areaTitle } = input;
  const labels = GRADES.map((g) => GRADING_SCALES[input.scale].labels[g]);
  const dist = gradeDistributions(digests);

  const byArea = [...dist.byArea].map(([id, d]) => [areaTitle(id), d] as const);
  const byAgency = [...dist.byAgency].map(([id, d]) => [contributorLabel(id), d] as const);
  const byCategory = [...dist.byCategory].map(([c, d]) => [CATEGORY_LABELS[c], d] as const);
  const areaTable = distributionTable(
    'grades-by-area',
    'Multi-agency grades by area',
    'Area',
    byArea,
    labels,
  );
  const agencyTable = distributionTable(
    'grades-by-agency',
    "Agencies' grades after moderation",
    'Agency',
    byAgency,
    labels,
  );
  const categoryTable = distributionTable(
    'grades-by-category',
    'Multi-agency grades by category',
    'Category',
    byCategory,
    labels,
  );

  const sections: ReportSection[] = [];
  sections.push({
    id: 'summary',
    heading: 'Summary',
    paragraphs:
      version.narrative.trim() === ''
        ? ['The narrative is still to be written.']
        : version.narrative.split(/\n{2,}/),
    tables: [],
    charts: [],
  });
  sections.push({
    id: 'method',
    heading: 'Method',
    paragraphs: describeMethod(reportMethod(digests)),
    tables: [],
    charts: [],
  });
  sections.push({
    id: 'grades',
    heading: 'Grades',
    paragraphs: [
      dist.overall.total === 0
        ? 'No graded areas yet.'
        : `${dist.overall.total} graded areas across ${dist.audits} audits: ${percent(dist.overall.shares.outstanding + dist.overall.shares.good)} good or better.`,
    ],
    tables: [areaTable, agencyTable, categoryTable],
    charts: [
      chartOf(areaTable, byArea, labels),
      chartOf(agencyTable, byAgency, labels),
      chartOf(categoryTable, byCategory, labels),
    ],
  });
  if (input.previous) {
    const cs = compareWithPrevious(dist, gradeDistributions(input.previous.digests));
    sections.push({
      id: 'comparison',
      heading: `Compared with ${input.previous.label}`,
      paragraphs: cs.map((c) => describeComparison(c, areaTitle(c.sectionId))),
      tables: [comparisonTable(cs, areaTitle)],
      charts: [],
    });
  } else {
    sections.push({
      id: 'comparison',
      heading: 'Compared with the previous audit',
      paragraphs: ['There is no earlier audit of the same kind to compare with.'],
      tables: [],
      charts: [],
    });
  }
  sections.push({
    id: 'practice',
    heading: 'Good practice and areas to improve',
    paragraphs: [
      'Good practice:',
      ...notes(input.goodPractice, areaTitle, 'None recorded.'),
      'Areas to improve:',
      ...notes(input.toImprove, areaTitle, 'None recorded.'),
    ],
    tables: [],
    charts: [],
  });
  sections.push({
    id: 'impact',
    heading: 'The difference practice made to children',
    paragraphs: notes(input.impact, areaTitle, 'None recorded.'),
    tables: [],
    charts: [],
  });
  const consistency = digestConsistency(digests, areaTitle);
  sections.push({
    id: 'moderation',
    heading: 'Moderation findings and grading consistency',
    paragraphs: [
      input.findings.length === 0
        ? 'Moderation changed no agency grade.'
        : `Moderation changed ${input.findings.length} agency ${input.findings.length === 1 ? 'grade' : 'grades'}:`,
      ...input.findings,
      `Agreement between agency auditors and moderation: ${consistency.overall.words}.`,
    ],
    tables: [
      {
        id: 'consistency-by-agency',
        caption: 'Grading consistency by agency (weighted kappa)',
        head: ['Agency', 'Agreement'],
        rows: consistency.byAgency.map((g) => [g.label, g.kappa.words]),
      },
    ],
    charts: [],
  });
  sections.push({
    id: 'timeliness',
    heading: 'Timeliness of sign-off and feedback',
    paragraphs: input.timeliness.length === 0 ? ['No timeliness figures yet.'] : input.timeliness,
    tables: [],
    charts: [],
  });
  sections.push({
    id: 'recommendations',
    heading: 'Recommendations',
    paragraphs: [],
    tables: [
      {
        id: 'recommendations',
        caption: 'Recommendations and the difference each should make for children',
        head: ['', 'Recommendation', 'The difference for children'],
        rows: version.recommendations.map((r, i) => [
          String(i + 1),
          r.text,
          r.differenceForChildren,
        ]),
      },
    ],
    charts: [],
  });

  return {
    title: version.title,
    scope: describeScope(version.scope),
    status:
      version.status === 'draft'
        ? `Draft, version ${version.version}`
        : `Published: version ${version.version}, ${DATE.format(new Date(version.publishedAt ?? 0))}, by ${version.publishedBy?.displayName ?? 'unknown'}`,
    sections,
  };
}
