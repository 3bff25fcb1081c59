import { describe, expect, it } from '@jest/globals';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import { type ReportContent, reportContent } from '../domain/report/content.js';
import type { AuditDigest } from '../domain/report/digest.js';
import type { ReportVersion } from '../domain/report/report.js';
import { chartPng } from './chartPng.js';
import { chartSvg } from './chartSvg.js';
import { reportDocx } from './reportDocx.js';
import { reportCsv, reportXlsx } from './reportXlsx.js';

const digest = (id: string, voice: AuditDigest['areas'][number]['multiAgency']): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId: '1',
  signedOffAt: '2026-10-01T10:00:00Z',
  agencies: ['health', 'police'],
  auditors: [{ agency: 'health', id: 'u-h', name: 'Grace Lin' }],
  areas: [
    {
      sectionId: 'childsVoice',
      multiAgency: voice,
      agencies: [{ agency: 'health', grade: 'good', moderated: voice ?? 'good' }],
    },
  ],
  reauditOf: undefined,
});

const TIMING = {
  commissionedToSignedOff: 30,
  sentToSignedOff: 2,
  bySignOffDue: true,
  byAuditDue: true,
};

const VERSION: ReportVersion = {
  reportId: '3',
  version: 1,
  status: 'published',
  scope: { kind: 'theme', themeId: '1', title: 'Neglect' },
  title: 'Neglect: multi-agency case audit',
  narrative: 'Practice was timely.\n\nThe child’s voice was often missing.',
  recommendations: [
    {
      id: 'R1',
      text: '=HYPERLINK("http://example.invalid","Record the child’s words")',
      differenceForChildren: 'Plans reflect what children say.',
    },
  ],
  publishedAt: '2026-11-27T10:00:00Z',
  publishedBy: { id: 'u-bm', displayName: 'Morgan Ellis' },
};

const CONTENT: ReportContent = reportContent({
  version: VERSION,
  digests: [
    digest('1', 'good'),
    digest('2', 'inadequate'),
    { ...digest('3', 'good'), timing: TIMING },
    // A re-audit of audit 9 (graded inadequate there): better.
    {
      ...digest('4', 'requiresImprovement'),
      reauditOf: '9',
      timing: { ...TIMING, sentToSignedOff: 6, bySignOffDue: false },
    },
  ],
  areaTitle: (id) => (id === 'childsVoice' ? "The child's voice" : id),
  scale: 'current',
  quotes: {
    goodPractice: [
      {
        sectionId: 'childsVoice',
        caseReference: 'NSP-CP-0001',
        agency: undefined,
        grade: 'good',
        text: 'Seen alone at every visit.',
      },
    ],
    toImprove: [
      {
        sectionId: 'childsVoice',
        caseReference: 'NSP-CP-0002',
        agency: 'health',
        grade: 'inadequate',
        text: 'Record what the child says.',
      },
    ],
    impact: [
      {
        sectionId: 'childsVoice',
        caseReference: 'NSP-CP-0003',
        agency: undefined,
        grade: 'good',
        text: 'Attendance rose to 95%.',
      },
    ],
    reasons: [
      {
        sectionId: 'childsVoice',
        caseReference: 'NSP-CP-0002',
        agency: 'health',
        grade: 'inadequate',
        text: 'the record showed no visits.',
        from: 'good',
        to: 'inadequate',
      },
    ],
    auditsRead: 4,
    auditsWithNotes: 3,
    withheld: 0,
  },
  known: [{ ...digest('9', 'inadequate'), caseReference: 'NSP-CP-0004' }],
});

describe('the report content', () => {
  it("puts the sections in the board paper's order", () => {
    expect(CONTENT.sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Method',
      'Grades',
      'Compared with the previous audit',
      'Re-audits compared with their originals',
      'Good practice and areas to improve',
      'The difference practice made to children',
      'Moderation findings and grading consistency',
      'Timeliness of sign-off and feedback',
      'Recommendations',
    ]);
    expect(CONTENT.status).toBe('Published: version 1, 27 Nov 2026, by Morgan Ellis');
  });
});

describe('the Word document, read back by an independent reader (mammoth)', () => {
  it('holds the title page, contents, every section in order, the tables and the narrative', async () => {
    const bytes = await reportDocx(CONTENT);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    // Each is looked for after the one before: the body reads in this order.
    let from = 0;
    const at = (s: string) => {
      const i = text.indexOf(s, from);
      expect([s, i >= 0]).toEqual([s, true]);
      from = i + s.length;
      return i;
    };
    const order = [
      'Neglect: multi-agency case audit',
      'Theme: Neglect',
      'Published: version 1, 27 Nov 2026, by Morgan Ellis',
      'Contents',
      'Summary',
      'The child’s voice was often missing.',
      'Method',
      '4 audits: 4 child protection.',
      'Multi-agency grades by area',
      'Re-audits compared with their originals',
      '1 re-audit compared with its original: 1 area better, 0 the same, 0 worse.',
      'Good practice and areas to improve',
      "The child's voice (NSP-CP-0001; graded Good): Seen alone at every visit.",
      "The child's voice (NSP-CP-0002, Health; graded Inadequate): Record what the child says.",
      'The difference practice made to children',
      "The child's voice (NSP-CP-0003; graded Good): Attendance rose to 95%.",
      'Moderation findings and grading consistency',
      "Health, The child's voice (NSP-CP-0002): Good to Inadequate, because the record showed no visits.",
      'Timeliness of sign-off and feedback',
      'From commissioning to sign-off: a median of 30 working days (2 audits).',
      'From moderation sending the audit for sign-off to sign-off: a median of 4 working days (2 audits).',
      "1 of 2 audits signed off within the partnership's target (by the sign-off due day set when it was sent).",
      'Recommendations',
      'Plans reflect what children say.',
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    // The contents list every section heading before the body starts.
    const contents = text.slice(text.indexOf('Contents'), text.indexOf('Practice was timely.'));
    for (const heading of CONTENT.sections.map((s) => s.heading))
      expect(contents).toContain(heading);
    // A table row: the area, its grades with shares, and its total.
    expect(text).toMatch(/The child's voice\s+0 \(0%\)\s+2 \(50%\)\s+1 \(25%\)\s+1 \(25%\)\s+4/);
  });

  it('carries each chart as an SVG with a PNG fallback, with alternative text', async () => {
    const zip = await JSZip.loadAsync(await reportDocx(CONTENT));
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    // Identical fallback pictures are stored once; every picture still has its own fallback.
    expect(media.filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(
      'descr="Multi-agency grades by area. The table below gives the same figures."',
    );
    expect(xml.match(/<a:blip r:embed=/g)).toHaveLength(3);
    expect(xml.match(/<asvg:svgBlip [^>]*r:embed=/g)).toHaveLength(3);
    expect(xml).toContain('w:tblHeader');
  });
});

describe('the charts as pictures', () => {
  const chart = CONTENT.sections.find((s) => s.id === 'grades')!.charts[0]!;
  it('draws an SVG with a title and a description of its figures', () => {
    const svg = chartSvg(chart);
    expect(svg).toContain('<title id="t">Multi-agency grades by area</title>');
    expect(svg).toContain(
      'The child&#39;s voice: Outstanding 0%, Good 50%, Requires improvement to be good 25%, Inadequate 25%'.replace(
        '&#39;',
        "'",
      ),
    );
  });
  it('draws a PNG that an independent decoder reads, with the bars in their colours', () => {
    const png = PNG.sync.read(Buffer.from(chartPng(chart)));
    expect(png.width).toBe(640);
    // The bar's Good half starts at the label column's edge; its colour is the second grade's.
    const pixel = (x: number, y: number) => [
      ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
    ];
    const y = 36 + 16;
    expect(pixel(215, y)).toEqual([0x3b, 0x8a, 0xd9]);
    expect(pixel(5, 5)).toEqual([255, 255, 255]);
  });
});

describe('the Excel workbook and the CSV, read back by an independent reader (SheetJS)', () => {
  it('has the report sheet and a sheet per table with the same figures', async () => {
    const book = XLSX.read(await reportXlsx(CONTENT), { type: 'array' });
    expect(book.SheetNames).toEqual([
      'Report',
      'Multi-agency grades by area',
      "Agencies' grades after moder",
      'Multi-agency grades by categ',
      'Re-audits compared with thei',
      'Agency grades moderation cha',
      'Grading consistency by agenc',
      'Recommendations and the diff',
    ]);
    const reaudits = XLSX.utils.sheet_to_json<unknown[]>(
      book.Sheets['Re-audits compared with thei']!,
      { header: 1 },
    );
    expect(reaudits.slice(1)).toEqual([
      ['Case reference', 'Original audit', 'Area', 'Original grade', 'Re-audit grade', 'Change'],
      [
        'NSP-CP-0004',
        '9',
        "The child's voice",
        'Inadequate',
        'Requires improvement to be good',
        'Better',
      ],
    ]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Multi-agency grades by area']!, {
      header: 1,
    });
    expect(rows[1]).toEqual([
      'Area',
      'Outstanding',
      'Good',
      'Requires improvement to be good',
      'Inadequate',
      'Total',
    ]);
    expect(rows[2]).toEqual(["The child's voice", '0 (0%)', '2 (50%)', '1 (25%)', '1 (25%)', 4]);
    const about = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Report']!, { header: 1 });
    expect(about[0]).toEqual(['Report', 'Neglect: multi-agency case audit']);
  });

  it('makes every cell that could start a formula safe, and writes no formula', async () => {
    const book = XLSX.read(await reportXlsx(CONTENT), { type: 'array', cellFormula: true });
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name]!;
      for (const [ref, cell] of Object.entries(sheet)) {
        if (ref.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f).toBeUndefined();
        if (typeof (cell as XLSX.CellObject).v === 'string')
          expect((cell as XLSX.CellObject).v as string).not.toMatch(/^[=+\-@]/);
      }
    }
    const recs = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Recommendations and the diff']!, {
      header: 1,
    });
    expect(recs[2]).toEqual([
      '1',
      `'=HYPERLINK("http://example.invalid","Record the child’s words")`,
      'Plans reflect what children say.',
    ]);
    const csv = XLSX.read(reportCsv(CONTENT), { type: 'string', cellFormula: true });
    const csvRows = XLSX.utils.sheet_to_json<unknown[]>(csv.Sheets[csv.SheetNames[0]!]!, {
      header: 1,
      raw: false,
    });
    expect(csvRows).toContainEqual([
      'NSP-CP-0004',
      '9',
      "The child's voice",
      'Inadequate',
      'Requires improvement to be good',
      'Better',
    ]);
    expect(csvRows).toContainEqual([
      '1',
      `'=HYPERLINK("http://example.invalid","Record the child’s words")`,
      'Plans reflect what children say.',
    ]);
    expect(
      Object.entries(csv.Sheets[csv.SheetNames[0]!]!).some(
        ([ref, c]) => !ref.startsWith('!') && (c as XLSX.CellObject).f,
      ),
    ).toBe(false);
  });
});
