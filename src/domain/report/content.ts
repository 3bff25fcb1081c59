/**
 * The overview report's content as one model, in the board paper's order: the page shows it, and
 * the Word, Excel and CSV exports write it, so all three always say the same. Every figure is a
 * table; each chart is drawn from a table and sits beside it, so a screen reader (and a printed
 * copy) has the same figures as the picture.
 */

import { contributorLabel } from '../agencies.js';
import type { TimelinessFigures, TimelinessTargets } from '../feedback.js';
import { GRADES, type Grade, GRADING_SCALES, type GradingScaleId } from '../grading.js';
import { CATEGORY_LABELS } from '../records.js';
import { type AuditDigest, digestModeration } from './digest.js';
import {
  type AreaComparison,
  type Distribution,
  compareWithPrevious,
  describeComparison,
  gradeDistributions,
  percent,
} from './distribution.js';
import {
  CHANGE_WORDS,
  compareReaudits,
  describeFeedbackTimeliness,
  describeModerationChanges,
  describeQuote,
  describeQuoteSource,
  describeReaudits,
  describeSignOffTimeliness,
  type QuotedNote,
  type Quotes,
  type ReauditComparison,
  signOffTimeliness,
} from './narrative.js';
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

export type ReportInputs = {
  readonly version: ReportVersion;
  readonly digests: readonly AuditDigest[];
  /** The previous audit of the same kind, when there is one. */
  readonly previous?: { readonly label: string; readonly digests: readonly AuditDigest[] };
  readonly areaTitle: (sectionId: string) => string;
  readonly scale: GradingScaleId;
  /** The words quoted from the audits (notes kept at sign-off); undefined while not read. */
  readonly quotes?: Quotes | undefined;
  /** Feedback's timeliness over the set's audits; undefined when not read. */
  readonly feedback?:
    { readonly figures: TimelinessFigures; readonly targets: TimelinessTargets } | undefined;
  /** Every digest read (the set, the previous set, originals read apart): re-audits' originals. */
  readonly known?: readonly AuditDigest[] | undefined;
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

function quoted(
  list: readonly QuotedNote[] | undefined,
  areaTitle: (id: string) => string,
  label: (g: Grade) => string,
): string[] {
  if (list === undefined) return ["The audits' words are not read yet."];
  if (list.length === 0) return ['None recorded.'];
  return list.map((q) => describeQuote(q, areaTitle, label));
}

function reauditTable(
  cs: readonly ReauditComparison[],
  areaTitle: (id: string) => string,
  label: (g: Grade) => string,
): ReportTable {
  return {
    id: 'reaudits',
    caption: 'Re-audits compared with their originals, by area',
    head: [
      'Case reference',
      'Original audit',
      'Area',
      'Original grade',
      'Re-audit grade',
      'Change',
    ],
    rows: cs.flatMap((c): Cell[][] =>
      c.kind === 'originalMissing'
        ? [
            [
              c.reaudit.caseReference,
              c.reaudit.reauditOf ?? '',
              '',
              '',
              '',
              'Original not in the data',
            ],
          ]
        : c.areas.map((a) => [
            c.reaudit.caseReference,
            c.original.auditId,
            areaTitle(a.sectionId),
            label(a.before),
            label(a.after),
            CHANGE_WORDS[a.change],
          ]),
    ),
  };
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
  const label = (g: Grade) => GRADING_SCALES[input.scale].labels[g];
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
  const reaudits = compareReaudits(digests, input.known ?? digests);
  if (reaudits.length > 0)
    sections.push({
      id: 'reaudits',
      heading: 'Re-audits compared with their originals',
      paragraphs: describeReaudits(reaudits),
      tables: [reauditTable(reaudits, areaTitle, label)],
      charts: [],
    });
  const q = input.quotes;
  const source = q ? describeQuoteSource(q, digests.length) : [];
  sections.push({
    id: 'practice',
    heading: 'Good practice and areas to improve',
    paragraphs: [
      ...source,
      'Good practice:',
      ...quoted(q?.goodPractice, areaTitle, label),
      'Areas to improve:',
      ...quoted(q?.toImprove, areaTitle, label),
    ],
    tables: [],
    charts: [],
  });
  sections.push({
    id: 'impact',
    heading: 'The difference practice made to children',
    paragraphs: quoted(q?.impact, areaTitle, label),
    tables: [],
    charts: [],
  });
  const { consistency, changes } = digestModeration(digests, areaTitle);
  const reasons = q?.reasons ?? [];
  sections.push({
    id: 'moderation',
    heading: 'Moderation findings and grading consistency',
    paragraphs: [
      describeModerationChanges(changes),
      ...(reasons.length > 0
        ? ["Why moderation changed grades, in the lead auditors' words:"]
        : []),
      ...reasons.map(
        (r) =>
          `${contributorLabel(r.agency as NonNullable<typeof r.agency>)}, ${areaTitle(r.sectionId)} (${r.caseReference}): ${label(r.from)} to ${label(r.to)}, because ${r.text}`,
      ),
      `Agreement between agency auditors and moderation: ${consistency.overall.words}.`,
    ],
    tables: [
      {
        id: 'moderation-by-area',
        caption: 'Agency grades moderation changed, by area',
        head: ['Area', 'Agency grades', 'Raised', 'Lowered'],
        rows: changes.byArea.map((c) => [areaTitle(c.sectionId), c.graded, c.raised, c.lowered]),
      },
      {
        id: 'consistency-by-agency',
        caption: 'Grading consistency by agency (weighted kappa)',
        head: ['Agency', 'Agreement', 'Agency grades', 'Raised', 'Lowered'],
        rows: consistency.byAgency.map((g) => {
          const c = changes.byAgency.find((x) => x.agency === g.key);
          return [g.label, g.kappa.words, c?.graded ?? 0, c?.raised ?? 0, c?.lowered ?? 0];
        }),
      },
    ],
    charts: [],
  });
  sections.push({
    id: 'timeliness',
    heading: 'Timeliness of sign-off and feedback',
    paragraphs: [
      'Sign-off:',
      ...describeSignOffTimeliness(signOffTimeliness(digests)),
      'Feedback to practitioners, as sent on these audits (feedback not yet sent is followed on the Programme page):',
      ...(input.feedback
        ? describeFeedbackTimeliness(input.feedback.figures, input.feedback.targets)
        : ['Feedback timeliness is not read for this report.']),
    ],
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
