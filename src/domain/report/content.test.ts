import { describe, expect, it } from '@jest/globals';
import type { Grade } from '../grading.js';
import { type ReportInputs, reportContent } from './content.js';
import type { AuditDigest } from './digest.js';
import type { ReportVersion } from './report.js';

const digest = (
  id: string,
  voice: Grade,
  health: [Grade, Grade] = ['good', 'good'],
): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 1,
  themeId: '1',
  signedOffAt: '2026-10-01T10:00:00Z',
  agencies: ['health'],
  auditors: [{ agency: 'health', id: 'u-h', name: 'Grace Lin' }],
  areas: [
    {
      sectionId: 'voice',
      multiAgency: voice,
      agencies: [{ agency: 'health', grade: health[0], moderated: health[1] }],
    },
  ],
  reauditOf: undefined,
});

const DRAFT: ReportVersion = {
  reportId: '3',
  version: 2,
  status: 'draft',
  scope: { kind: 'programme', year: '2026-27' },
  title: 'Annual overview',
  narrative: '',
  recommendations: [],
};

const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  version: DRAFT,
  digests: [digest('1', 'good'), digest('2', 'inadequate', ['good', 'inadequate'])],
  areaTitle: (id) => (id === 'voice' ? "The child's voice" : id),
  scale: 'ofsted2009',
  ...over,
});

const section = (c: ReturnType<typeof reportContent>, id: string) =>
  c.sections.find((s) => s.id === id)!;

describe('the report content', () => {
  it('shows a draft as a draft, with its version and scope', () => {
    const c = reportContent(inputs());
    expect(c.status).toBe('Draft, version 2');
    expect(c.scope).toBe('The 2026-27 programme');
    expect(c.title).toBe('Annual overview');
  });

  it('says what is still to come rather than leaving sections empty', () => {
    const c = reportContent(inputs({ digests: [] }));
    expect(section(c, 'summary').paragraphs).toEqual(['The narrative is still to be written.']);
    // Without an earlier audit the comparison is one sentence: no empty table, no chart.
    expect(section(c, 'comparison')).toEqual({
      id: 'comparison',
      heading: 'Compared with the previous audit',
      paragraphs: ['There is no earlier audit of the same kind to compare with.'],
      tables: [],
      charts: [],
    });
    expect(section(c, 'impact').paragraphs).toEqual(["The audits' words are not read yet."]);
    expect(section(c, 'timeliness').paragraphs).toEqual([
      'Sign-off:',
      'No audit signed off in this set yet.',
      'Feedback to practitioners, as sent on these audits (feedback not yet sent is followed on the Programme page):',
      'Feedback timeliness is not read for this report.',
    ]);
    expect(section(c, 'moderation').paragraphs[0]).toBe(
      'No agency grades to moderate in this set.',
    );
    // The recommendations are their numbered table alone, even while there are none.
    expect(section(c, 'recommendations')).toEqual({
      id: 'recommendations',
      heading: 'Recommendations',
      paragraphs: [],
      tables: [
        {
          id: 'recommendations',
          caption: 'Recommendations and the difference each should make for children',
          head: ['', 'Recommendation', 'The difference for children'],
          rows: [],
        },
      ],
      charts: [],
    });
    expect(c.sections.some((x) => x.id === 'reaudits')).toBe(false);
  });

  it("splits the narrative into paragraphs and uses the partnership's grade words", () => {
    const c = reportContent(inputs({ version: { ...DRAFT, narrative: 'One.\n\nTwo.' } }));
    expect(section(c, 'summary').paragraphs).toEqual(['One.', 'Two.']);
    const grades = section(c, 'grades');
    expect(grades.tables[0]!.head).toEqual([
      'Area',
      'Outstanding',
      'Good',
      'Adequate',
      'Inadequate',
      'Total',
    ]);
    expect(grades.tables[0]!.rows).toEqual([
      ["The child's voice", '0 (0%)', '1 (50%)', '0 (0%)', '1 (50%)', 2],
    ]);
    expect(grades.tables[1]!.rows).toEqual([
      ['Health', '0 (0%)', '1 (50%)', '0 (0%)', '1 (50%)', 2],
    ]);
    expect(grades.tables[2]!.rows).toEqual([
      ['Child protection', '0 (0%)', '1 (50%)', '0 (0%)', '1 (50%)', 2],
    ]);
    expect(grades.paragraphs).toEqual(['2 graded areas across 2 audits: 50% good or better.']);
    expect(grades.charts.map((ch) => [ch.tableId, ch.bars])).toEqual([
      ['grades-by-area', [{ label: "The child's voice", shares: [0, 0.5, 0, 0.5] }]],
      ['grades-by-agency', [{ label: 'Health', shares: [0, 0.5, 0, 0.5] }]],
      ['grades-by-category', [{ label: 'Child protection', shares: [0, 0.5, 0, 0.5] }]],
    ]);
    expect(grades.charts[0]!.legend).toEqual(['Outstanding', 'Good', 'Adequate', 'Inadequate']);
  });

  it('says when there are no graded areas', () => {
    expect(section(reportContent(inputs({ digests: [] })), 'grades').paragraphs).toEqual([
      'No graded areas yet.',
    ]);
  });

  it('compares with the previous audit area by area, in words and in a table', () => {
    const before = Array.from({ length: 10 }, (_, i) =>
      digest(String(100 + i), i < 3 ? 'good' : 'inadequate'),
    );
    const now = Array.from({ length: 10 }, (_, i) =>
      digest(String(200 + i), i < 9 ? 'good' : 'inadequate'),
    );
    const c = reportContent(
      inputs({
        digests: now,
        previous: { label: 'the 2025-26 audit of neglect', digests: before },
      }),
    );
    const s = section(c, 'comparison');
    expect(s.heading).toBe('Compared with the 2025-26 audit of neglect');
    expect(s.paragraphs[0]).toMatch(
      /^The child's voice: better\. 90% good or better this time \(10 audits\), 30% last time \(10 audits\)/,
    );
    expect(s.tables[0]!.rows[0]).toEqual([
      "The child's voice",
      '90%',
      10,
      '30%',
      10,
      60,
      expect.stringMatching(/^\d+ to \d+$/),
      'Better',
    ]);
    const small = reportContent(inputs({ previous: { label: 'last year', digests: before } }));
    expect(section(small, 'comparison').tables[0]!.rows[0]).toEqual([
      "The child's voice",
      '',
      2,
      '',
      10,
      '',
      '',
      'Too few to compare',
    ]);
  });

  it('quotes practice by area and case, and says moderation and timeliness in words', () => {
    const quote = (text: string, grade: Grade, agency?: 'health') => ({
      sectionId: 'voice',
      caseReference: 'NSP-CP-0001',
      agency,
      grade,
      text,
    });
    const c = reportContent(
      inputs({
        quotes: {
          goodPractice: [quote('Seen alone.', 'good')],
          toImprove: [quote('Record views.', 'inadequate', 'health')],
          impact: [quote('Safer at home.', 'good')],
          reasons: [
            {
              ...quote('no visits recorded.', 'inadequate', 'health'),
              from: 'good',
              to: 'inadequate',
            },
          ],
          auditsRead: 2,
          auditsWithNotes: 2,
          withheld: 1,
        },
        feedback: {
          figures: {
            toSend: {
              done: 2,
              withinTarget: 1,
              late: 1,
              waiting: 0,
              waitingPastTarget: 0,
              medianWorkingDays: 7,
              shareWithinTarget: 0.5,
            },
            toAcknowledge: {
              done: 0,
              withinTarget: 0,
              late: 0,
              waiting: 1,
              waitingPastTarget: 0,
              medianWorkingDays: undefined,
              shareWithinTarget: undefined,
            },
          },
          targets: { sendWorkingDays: 5, acknowledgeWorkingDays: 10 },
        },
        version: {
          ...DRAFT,
          recommendations: [{ id: 'R1', text: 'Do A.', differenceForChildren: 'B.' }],
        },
      }),
    );
    expect(section(c, 'practice').paragraphs).toEqual([
      "Quoted from the audits' own words (2 audits of 2 with words kept at sign-off).",
      '1 text left out because the identifying-detail check found something that could identify a person.',
      'Good practice:',
      "The child's voice (NSP-CP-0001; graded Good): Seen alone.",
      'Areas to improve:',
      "The child's voice (NSP-CP-0001, Health; graded Inadequate): Record views.",
    ]);
    expect(section(c, 'impact').paragraphs).toEqual([
      "The child's voice (NSP-CP-0001; graded Good): Safer at home.",
    ]);
    const moderation = section(c, 'moderation');
    expect(moderation.paragraphs[0]).toBe(
      'Moderation changed 1 of 2 agency grades: 0 raised, 1 lowered.',
    );
    expect(moderation.paragraphs[1]).toBe(
      "Why moderation changed grades, in the lead auditors' words:",
    );
    expect(moderation.paragraphs[2]).toBe(
      "Health, The child's voice (NSP-CP-0001): Good to Inadequate, because no visits recorded.",
    );
    expect(moderation.paragraphs[3]).toMatch(
      /^Agreement between agency auditors and moderation: .+\.$/,
    );
    expect(moderation.tables[0]!.rows).toEqual([["The child's voice", 2, 0, 1]]);
    expect(moderation.tables[1]!.rows[0]).toEqual(['Health', expect.any(String), 2, 0, 1]);
    expect(section(c, 'timeliness').paragraphs).toEqual([
      'Sign-off:',
      '2 audits were signed off before these times were kept.',
      'Feedback to practitioners, as sent on these audits (feedback not yet sent is followed on the Programme page):',
      "From moderation agreeing an agency's grades to feedback sent: 1 of 2 sent within 5 working days (median 7 working days).",
      'From sent to acknowledged by the practitioner: None acknowledged yet; 1 waiting.',
    ]);
    expect(section(c, 'recommendations').tables[0]!.rows).toEqual([['1', 'Do A.', 'B.']]);
  });

  it('shows a published version with its date and publisher, or says the publisher is unknown', () => {
    const published: ReportVersion = {
      ...DRAFT,
      status: 'published',
      publishedAt: '2026-11-27T10:00:00Z',
      publishedBy: { id: 'u-bm', displayName: 'Morgan Ellis' },
    };
    expect(reportContent(inputs({ version: published })).status).toBe(
      'Published: version 2, 27 Nov 2026, by Morgan Ellis',
    );
    // A stored version whose publisher could not be read still says it was published.
    const { publishedBy: _by, ...unsigned } = published;
    expect(reportContent(inputs({ version: unsigned })).status).toBe(
      'Published: version 2, 27 Nov 2026, by unknown',
    );
  });

  it('reads a change that could be chance as no clear change, with the same interval as the words', () => {
    // Newcombe (1998), example (d): 5/56 against 0/29, method 10: -0.0381 to 0.1926.
    const now = Array.from({ length: 56 }, (_, i) =>
      digest(String(300 + i), i < 5 ? 'good' : 'inadequate'),
    );
    const before = Array.from({ length: 29 }, (_, i) => digest(String(400 + i), 'inadequate'));
    const c = reportContent(
      inputs({ digests: now, previous: { label: 'last year', digests: before } }),
    );
    const s = section(c, 'comparison');
    expect(s.tables[0]!.rows).toEqual([
      ["The child's voice", '9%', 56, '0%', 29, 9, '-4 to 19', 'No clear change'],
    ]);
    expect(s.paragraphs).toEqual([
      expect.stringContaining('no clear change. 9% good or better this time (56 audits)'),
    ]);
    expect(s.paragraphs[0]).toContain('95% interval -4 to 19, which could be chance.');
  });

  it('gives each agency its own moderation changes beside its agreement', () => {
    const both: AuditDigest = {
      ...digest('1', 'good'),
      agencies: ['health', 'police'],
      areas: [
        {
          sectionId: 'voice',
          multiAgency: 'good',
          agencies: [
            { agency: 'health', grade: 'good', moderated: 'good' },
            { agency: 'police', grade: 'inadequate', moderated: 'good' },
          ],
        },
      ],
    };
    const c = reportContent(inputs({ digests: [both] }));
    const byAgency = section(c, 'moderation').tables[1]!;
    expect(byAgency.id).toBe('consistency-by-agency');
    // Health's one grade stood; moderation raised Police's one grade.
    expect(byAgency.rows).toEqual([
      ['Health', expect.any(String), 1, 0, 0],
      ['Police', expect.any(String), 1, 1, 0],
    ]);
  });

  it('says plainly when the words and the feedback are not read', () => {
    const c = reportContent(inputs());
    expect(section(c, 'practice').paragraphs).toEqual([
      'Good practice:',
      "The audits' words are not read yet.",
      'Areas to improve:',
      "The audits' words are not read yet.",
    ]);
    expect(section(c, 'timeliness').paragraphs.at(-1)).toBe(
      'Feedback timeliness is not read for this report.',
    );
    const none = reportContent(
      inputs({
        quotes: {
          goodPractice: [],
          toImprove: [],
          impact: [],
          reasons: [],
          auditsRead: 2,
          auditsWithNotes: 0,
          withheld: 0,
        },
      }),
    );
    // No reasons are quoted while the words are not read: the count of changes, then agreement.
    expect(section(c, 'moderation').paragraphs).toEqual([
      'Moderation changed 1 of 2 agency grades: 0 raised, 1 lowered.',
      expect.stringMatching(/^Agreement between agency auditors and moderation: .+\.$/),
    ]);
    expect(section(none, 'impact').paragraphs).toEqual(['None recorded.']);
    expect(section(none, 'moderation').paragraphs[1]).toMatch(/^Agreement/);
  });

  it('has every section, table and chart in order, each with its heading, caption and columns', () => {
    const before = Array.from({ length: 10 }, (_, i) =>
      digest(String(100 + i), i < 9 ? 'good' : 'inadequate'),
    );
    const now = Array.from({ length: 10 }, (_, i) =>
      digest(String(200 + i), i < 3 ? 'good' : 'inadequate', ['good', 'inadequate']),
    );
    const c = reportContent(
      inputs({
        digests: now,
        previous: { label: 'last year', digests: before },
        version: {
          ...DRAFT,
          recommendations: [{ id: 'R1', text: 'Do A.', differenceForChildren: 'B.' }],
        },
      }),
    );
    expect(c.sections.map((x) => [x.id, x.heading])).toEqual([
      ['summary', 'Summary'],
      ['method', 'Method'],
      ['grades', 'Grades'],
      ['comparison', 'Compared with last year'],
      ['practice', 'Good practice and areas to improve'],
      ['impact', 'The difference practice made to children'],
      ['moderation', 'Moderation findings and grading consistency'],
      ['timeliness', 'Timeliness of sign-off and feedback'],
      ['recommendations', 'Recommendations'],
    ]);
    const tables = c.sections.flatMap((x) => x.tables.map((t) => [x.id, t.id, t.caption, t.head]));
    const grades = ['Outstanding', 'Good', 'Adequate', 'Inadequate', 'Total'];
    expect(tables).toEqual([
      ['grades', 'grades-by-area', 'Multi-agency grades by area', ['Area', ...grades]],
      ['grades', 'grades-by-agency', "Agencies' grades after moderation", ['Agency', ...grades]],
      ['grades', 'grades-by-category', 'Multi-agency grades by category', ['Category', ...grades]],
      [
        'comparison',
        'comparison',
        'Good or better, this time and last time, by area',
        [
          'Area',
          'This time',
          'Audits',
          'Last time',
          'Audits',
          'Change (points)',
          '95% interval',
          'Reading',
        ],
      ],
      [
        'moderation',
        'moderation-by-area',
        'Agency grades moderation changed, by area',
        ['Area', 'Agency grades', 'Raised', 'Lowered'],
      ],
      [
        'moderation',
        'consistency-by-agency',
        'Grading consistency by agency (weighted kappa)',
        ['Agency', 'Agreement', 'Agency grades', 'Raised', 'Lowered'],
      ],
      [
        'recommendations',
        'recommendations',
        'Recommendations and the difference each should make for children',
        ['', 'Recommendation', 'The difference for children'],
      ],
    ]);
    // Every chart draws one table, named after it; no section but the grades has one.
    expect(c.sections.flatMap((x) => x.charts.map((ch) => [x.id, ch.id, ch.tableId]))).toEqual([
      ['grades', 'grades-by-area-chart', 'grades-by-area'],
      ['grades', 'grades-by-agency-chart', 'grades-by-agency'],
      ['grades', 'grades-by-category-chart', 'grades-by-category'],
    ]);
    // Worse than last time, with the change inside its interval, in points.
    const row = section(c, 'comparison').tables[0]!.rows[0]!;
    expect(row).toEqual([
      "The child's voice",
      '30%',
      10,
      '90%',
      10,
      -60,
      expect.stringMatching(/^-?\d+ to -?\d+$/),
      'Worse',
    ]);
    const [low, high] = String(row[6]).split(' to ').map(Number);
    expect(low).toBeLessThan(-60);
    expect(high).toBeGreaterThan(-60);
    expect(low).toBeGreaterThanOrEqual(-100);
  });

  it('compares each re-audit with its original after the comparison, with a table', () => {
    const original = digest('1', 'inadequate');
    const reaudit = { ...digest('2', 'good'), reauditOf: '1' };
    const lost = { ...digest('3', 'good'), reauditOf: '77' };
    // The original is found among the set's own digests when no others are given.
    const c = reportContent(inputs({ digests: [original, reaudit, lost] }));
    expect(c.sections.map((x) => x.id).slice(3, 5)).toEqual(['comparison', 'reaudits']);
    // The words, then one table (its own columns, a row per area compared), and no chart.
    expect(section(c, 'reaudits')).toEqual({
      id: 'reaudits',
      heading: 'Re-audits compared with their originals',
      paragraphs: [
        '1 re-audit compared with its original: 1 area better, 0 the same, 0 worse.',
        expect.stringMatching(/^1 re-audit could not be compared/),
        'NSP-CP-0002 (re-audit of audit 1): 1 area better, 0 the same, 0 worse.',
        'NSP-CP-0003: the original audit (77) is not in the data, so it cannot be compared.',
      ],
      tables: [
        {
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
          rows: [
            ['NSP-CP-0002', '1', "The child's voice", 'Inadequate', 'Good', 'Better'],
            ['NSP-CP-0003', '77', '', '', '', 'Original not in the data'],
          ],
        },
      ],
      charts: [],
    });
    // Given the digests read, the original is looked for there.
    const apart = reportContent(inputs({ digests: [reaudit], known: [original] }));
    expect(section(apart, 'reaudits').tables[0]!.rows).toHaveLength(1);
    const missing = reportContent(inputs({ digests: [original, reaudit], known: [reaudit] }));
    expect(section(missing, 'reaudits').tables[0]!.rows[0]![5]).toBe('Original not in the data');
  });

  it('takes a narrative of spaces only as not yet written', () => {
    const c = reportContent(inputs({ version: { ...DRAFT, narrative: '  \n\n  ' } }));
    expect(section(c, 'summary').paragraphs).toEqual(['The narrative is still to be written.']);
  });
});
