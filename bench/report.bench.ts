import { AGENCY_IDS } from '../src/domain/agencies.js';
import { GRADES } from '../src/domain/grading.js';
import { CATEGORIES } from '../src/domain/records.js';
import { reportContent } from '../src/domain/report/content.js';
import { type AuditDigest, decodeDigest, encodeDigest } from '../src/domain/report/digest.js';
import { latestTool } from '../src/domain/tools/index.js';
import { reportDocx } from '../src/export/reportDocx.js';
import { reportXlsx } from '../src/export/reportXlsx.js';
import type { Figure } from './emulator.bench.js';

/**
 * The overview report's own work, apart from Graph: 10,000 signed-off audits' digests (fictional,
 * from a seeded generator) read back from their stored JSON, the figures computed from them
 * (distributions, comparison with the year before, grading consistency), and the Word and Excel
 * files written. The Graph requests of a cold and a warm opening are measured once the report's
 * graph service is built (docs/report.md).
 */
export async function benchReport(): Promise<Figure[]> {
  const digests = fictional(10_000);
  const stored = digests.map(encodeDigest);
  const bytes = stored.reduce((n, s) => n + s.length, 0);

  let t = performance.now();
  const read = stored.map(decodeDigest);
  const decodeMs = performance.now() - t;

  const titles = new Map(
    CATEGORIES.flatMap((c) => latestTool(c).sections.map((s) => [s.id, s.title] as const)),
  );
  const year = read.filter((d) => d.signedOffAt >= '2026-04-01');
  const before = read.filter((d) => d.signedOffAt < '2026-04-01');
  t = performance.now();
  const content = reportContent({
    version: {
      reportId: '1',
      version: 1,
      status: 'draft',
      scope: { kind: 'programme', year: '2026-27' },
      title: 'Annual overview (fictional data)',
      narrative: 'Fictional figures for a benchmark.',
      recommendations: [
        {
          id: 'R1',
          text: 'Fictional recommendation.',
          differenceForChildren: 'Fictional difference.',
        },
      ],
    },
    digests: year,
    previous: { label: 'the 2025-26 programme', digests: before },
    areaTitle: (id) => titles.get(id) ?? id,
    scale: 'current',
    goodPractice: [],
    toImprove: [],
    impact: [],
    findings: [],
    timeliness: [],
  });
  const computeMs = performance.now() - t;

  t = performance.now();
  const docx = await reportDocx(content);
  const docxMs = performance.now() - t;
  t = performance.now();
  const xlsx = await reportXlsx(content);
  const xlsxMs = performance.now() - t;

  return [
    {
      name: 'report: digests stored for 10,000 audits',
      value: Math.round(bytes / 1024),
      unit: 'KiB',
    },
    { name: 'report: reading 10,000 stored digests', value: Math.round(decodeMs), unit: 'ms' },
    {
      name: `report: computing a year's overview (${year.length.toLocaleString('en-GB')} audits, compared with ${before.length.toLocaleString('en-GB')})`,
      value: Math.round(computeMs),
      unit: 'ms',
    },
    { name: 'report: writing the Word document', value: Math.round(docxMs), unit: 'ms' },
    { name: 'report: Word document size', value: Math.round(docx.length / 1024), unit: 'KiB' },
    { name: 'report: writing the Excel workbook', value: Math.round(xlsxMs), unit: 'ms' },
    { name: 'report: Excel workbook size', value: Math.round(xlsx.length / 1024), unit: 'KiB' },
  ];
}

/** Deterministic fictional digests: a linear congruential generator, so every run measures the same. */
export function fictional(n: number): AuditDigest[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const category = pick(CATEGORIES);
    const agencies = AGENCY_IDS.filter(() => next() < 0.6);
    const day = new Date(Date.UTC(2024, 3, 1) + Math.floor(next() * 3 * 365) * 86_400_000);
    return {
      auditId: String(i + 1),
      caseReference: `NSP-CP-${String(i + 1).padStart(5, '0')}`,
      category,
      toolVersion: latestTool(category).version,
      themeId: String(1 + (i % 40)),
      signedOffAt: day.toISOString(),
      agencies,
      auditors: agencies.map((agency, k) => ({
        agency,
        id: `u-${agency}-${k}`,
        name: `Fictional Auditor ${agency}`,
      })),
      areas: latestTool(category)
        .sections.filter((s) => s.graded)
        .map((s) => ({
          sectionId: s.id,
          multiAgency: pick(GRADES),
          agencies: agencies.map((agency) => ({
            agency,
            grade: pick(GRADES),
            moderated: pick(GRADES),
          })),
        })),
      reauditOf: undefined,
    };
  });
}
