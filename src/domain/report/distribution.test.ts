import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Grade } from '../grading.js';
import type { Category } from '../records.js';
import type { AuditDigest } from './digest.js';
import {
  compareWithPrevious,
  type Distributions,
  describeComparison,
  differenceInterval,
  gradeDistributions,
  wilson,
} from './distribution.js';

const digest = (
  id: string,
  category: Category,
  areas: Array<[string, Grade | undefined, Array<[AuditDigest['agencies'][number], Grade, Grade]>]>,
): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category,
  toolVersion: 1,
  themeId: '1',
  signedOffAt: '2026-10-01T10:00:00Z',
  agencies: ['socialCare', 'health', 'police'],
  auditors: [],
  areas: areas.map(([sectionId, multiAgency, agencies]) => ({
    sectionId,
    multiAgency,
    agencies: agencies.map(([agency, grade, moderated]) => ({ agency, grade, moderated })),
  })),
  reauditOf: undefined,
});

const SET = [
  digest('1', 'childProtection', [
    [
      'childsVoice',
      'good',
      [
        ['health', 'good', 'good'],
        ['police', 'outstanding', 'good'],
      ],
    ],
    ['oversight', 'inadequate', [['health', 'requiresImprovement', 'inadequate']]],
  ]),
  digest('2', 'childProtection', [
    ['childsVoice', 'requiresImprovement', [['health', 'good', 'requiresImprovement']]],
    ['oversight', undefined, []],
  ]),
  digest('3', 'childInNeed', [['childsVoice', 'good', [['police', 'good', 'good']]]]),
];

describe('grade distributions', () => {
  // Counted inside each test (not once for the block), so that a mutation test sees them.
  let d: Distributions;
  beforeEach(() => {
    d = gradeDistributions(SET);
  });

  it('counts multi-agency grades overall, leaving out areas not applicable', () => {
    expect(d.audits).toBe(3);
    expect(d.overall.counts).toEqual({
      outstanding: 0,
      good: 2,
      requiresImprovement: 1,
      inadequate: 1,
    });
    expect(d.overall.total).toBe(4);
    expect(d.overall.shares.good).toBe(0.5);
  });

  it('counts by area', () => {
    expect([...d.byArea.keys()]).toEqual(['childsVoice', 'oversight']);
    expect(d.byArea.get('childsVoice')?.counts).toEqual({
      outstanding: 0,
      good: 2,
      requiresImprovement: 1,
      inadequate: 0,
    });
    expect(d.byArea.get('oversight')?.total).toBe(1);
  });

  it("counts each agency's grades after moderation", () => {
    expect(d.byAgency.get('police')?.counts).toEqual({
      outstanding: 0,
      good: 2,
      requiresImprovement: 0,
      inadequate: 0,
    });
    expect(d.byAgency.get('health')?.counts).toEqual({
      outstanding: 0,
      good: 1,
      requiresImprovement: 1,
      inadequate: 1,
    });
    expect(d.byAgency.has('socialCare')).toBe(false);
  });

  it('counts by category, with shares that add up to one', () => {
    expect(d.byCategory.get('childProtection')?.total).toBe(3);
    expect(d.byCategory.get('childInNeed')?.shares).toEqual({
      outstanding: 0,
      good: 1,
      requiresImprovement: 0,
      inadequate: 0,
    });
    const shares = d.byCategory.get('childProtection')!.shares;
    expect(
      shares.good + shares.requiresImprovement + shares.inadequate + shares.outstanding,
    ).toBeCloseTo(1, 12);
  });

  it('counts each grade as itself', () => {
    const each = gradeDistributions([
      digest('1', 'childProtection', [
        ['childsVoice', 'outstanding', [['health', 'good', 'outstanding']]],
        ['oversight', 'good', [['health', 'good', 'good']]],
        ['impactOutcomes', 'requiresImprovement', [['health', 'good', 'requiresImprovement']]],
        ['planning', 'inadequate', [['health', 'good', 'inadequate']]],
      ]),
    ]);
    const one = { outstanding: 1, good: 1, requiresImprovement: 1, inadequate: 1 };
    expect(each.overall.counts).toEqual(one);
    expect(each.byAgency.get('health')?.counts).toEqual(one);
    expect(each.byArea.get('childsVoice')?.counts.outstanding).toBe(1);
    expect(each.byArea.get('impactOutcomes')?.counts.requiresImprovement).toBe(1);
  });

  it('gives zero shares, not NaN, for an empty set', () => {
    const empty = gradeDistributions([]);
    expect(empty.overall).toEqual({
      counts: { outstanding: 0, good: 0, requiresImprovement: 0, inadequate: 0 },
      total: 0,
      shares: { outstanding: 0, good: 0, requiresImprovement: 0, inadequate: 0 },
    });
  });
});

describe("Newcombe's intervals against his published examples", () => {
  // Newcombe RG (1998) Interval estimation for the difference between independent proportions:
  // comparison of eleven methods. Statistics in Medicine 17, 873-890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i - %i/%i: %f to %f', (x1, n1, x2, n2, low, high) => {
    const r = differenceInterval(x1, n1, x2, n2);
    expect(r.change).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });

  // Newcombe RG (1998) Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17, 857-872, Table I, method 3 (Wilson score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("Wilson's interval for %i/%i: %f to %f", (x, n, low, high) => {
    const r = wilson(x, n);
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });

  it("gives Wilson's interval for no trials as the whole range, 0 to 1", () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('comparison with the previous audit of the same kind', () => {
  const many = (n: number, good: number, sectionId = 'childsVoice') =>
    Array.from({ length: n }, (_, i) =>
      digest(String(i + 1), 'childProtection', [[sectionId, i < good ? 'good' : 'inadequate', []]]),
    );

  it('says plainly when either sample is too small', () => {
    const [c] = compareWithPrevious(
      gradeDistributions(many(12, 10)),
      gradeDistributions(many(9, 2)),
    );
    expect(c).toEqual({ sectionId: 'childsVoice', kind: 'tooSmall', now: 12, before: 9 });
    expect(describeComparison(c!, "The child's voice")).toBe(
      "The child's voice: too few audits to compare (12 audits this time, 9 audits last time; at least 10 each are needed).",
    );
  });

  it('treats an area audited on one side only as too small to compare', () => {
    const cs = compareWithPrevious(
      gradeDistributions(many(20, 10)),
      gradeDistributions(many(20, 10, 'oversight')),
    );
    expect(cs).toEqual([
      { sectionId: 'childsVoice', kind: 'tooSmall', now: 20, before: 0 },
      { sectionId: 'oversight', kind: 'tooSmall', now: 0, before: 20 },
    ]);
    // Even with no minimum sample, an area with nothing on one side is not compared.
    expect(
      compareWithPrevious(
        gradeDistributions(many(20, 10)),
        gradeDistributions(many(20, 10, 'oversight')),
        0,
      ).map((c) => c.kind),
    ).toEqual(['tooSmall', 'tooSmall']);
  });

  it('calls a change better only when its interval is clear of zero', () => {
    // 56 of 70 good or better now against 48 of 80 before: +20 points, 95% interval 5 to 33.
    const [c] = compareWithPrevious(
      gradeDistributions(many(70, 56)),
      gradeDistributions(many(80, 48)),
    );
    expect(c).toMatchObject({
      kind: 'better',
      now: 70,
      before: 80,
      shareNow: 0.8,
      shareBefore: 0.6,
    });
    expect(describeComparison(c!, 'Oversight')).toBe(
      'Oversight: better. 80% good or better this time (70 audits), 60% last time (80 audits); change +20 points, 95% interval 5 to 33.',
    );
    const [w] = compareWithPrevious(
      gradeDistributions(many(80, 48)),
      gradeDistributions(many(70, 56)),
    );
    expect(w?.kind).toBe('worse');
    expect(describeComparison(w!, 'Oversight')).toMatch(
      /^Oversight: worse\. .*change -20 points, 95% interval -33 to -5\.$/,
    );
  });

  it('calls a small change with an interval across zero no clear change', () => {
    const [c] = compareWithPrevious(
      gradeDistributions(many(12, 8)),
      gradeDistributions(many(10, 6)),
    );
    expect(c?.kind).toBe('noClearChange');
    expect(describeComparison(c!, 'Voice')).toMatch(
      /^Voice: no clear change\. 67% good or better .*which could be chance\.$/,
    );
  });

  it('says a change of less than half a point as 0 points, up or down', () => {
    // 67 of 100 against 8 of 12: +0.3 points; the other way round, -0.3.
    const up = compareWithPrevious(
      gradeDistributions(many(100, 67)),
      gradeDistributions(many(12, 8)),
    );
    const down = compareWithPrevious(
      gradeDistributions(many(12, 8)),
      gradeDistributions(many(100, 67)),
    );
    expect(describeComparison(up[0]!, 'Voice')).toMatch(
      /; change 0 points, 95% interval -\d+ to \d+,/,
    );
    expect(describeComparison(down[0]!, 'Voice')).toMatch(
      /; change 0 points, 95% interval -\d+ to \d+,/,
    );
    const same = compareWithPrevious(
      gradeDistributions(many(12, 8)),
      gradeDistributions(many(12, 8)),
    );
    expect(describeComparison(same[0]!, 'Voice')).toMatch(/; change 0 points, /);
  });
});
