import { describe, expect, it } from '@jest/globals';
import { type Kappa, quadraticKappa } from './agreement.js';
import { gradeKappa, gradingConsistency } from './consistency.js';
import { GRADES, type Grade } from './grading.js';
import type { GradePair } from './moderation.js';

function estimate(k: Kappa): Extract<Kappa, { kind: 'estimate' }> {
  if (k.kind !== 'estimate') throw new Error(`Expected an estimate, got: ${k.words}`);
  return k;
}

const pair = (
  agencyGrade: Grade,
  moderatedGrade: Grade,
  over: Partial<GradePair> = {},
): GradePair => ({
  auditId: 'a1',
  sectionId: 'voice',
  areaTitle: "The child's voice",
  agency: 'health',
  auditorId: 'u-h',
  auditorName: 'Hana',
  agencyGrade,
  moderatedGrade,
  ...over,
});

/** Pairs laid out as a table: rows the agency grade, columns the moderated grade. */
function pairsFrom(table: number[][], over: Partial<GradePair> = {}): GradePair[] {
  return table.flatMap((row, i) =>
    row.flatMap((count, j) =>
      Array.from({ length: count }, () => pair(GRADES[i]!, GRADES[j]!, over)),
    ),
  );
}

// The SAS agreement study table (see agreement.test.ts), read as the four grades in order.
const SKIN = [
  [10, 4, 1, 0],
  [5, 10, 12, 2],
  [2, 4, 12, 5],
  [0, 2, 6, 13],
];

describe('gradeKappa', () => {
  it('is quadratic-weighted kappa over the grade scale in its order', () => {
    const k = estimate(gradeKappa(pairsFrom(SKIN)));
    expect(k.kappa).toBeCloseTo(0.6607, 4);
    expect(k.pairs).toBe(88);
    expect(k).toEqual(quadraticKappa(SKIN));
  });

  it('counts agency grades as rows and moderated grades as columns', () => {
    // An asymmetric table gives the same kappa either way round, but not the same table:
    // check the orientation through the observed agreement of a one-sided disagreement.
    const k = estimate(gradeKappa([pair('outstanding', 'inadequate'), pair('good', 'good')]));
    const table = [
      [0, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    expect(k).toEqual(quadraticKappa(table));
  });

  it('uses the whole four-grade scale even when only two grades were used', () => {
    // Good and Requires improvement are neighbours on a four-grade scale: a disagreement
    // between them costs 1/9, not the whole of it as on a two-grade table.
    const pairs = [
      ...pairsFrom([
        [0, 0, 0, 0],
        [0, 5, 1, 0],
        [0, 1, 5, 0],
        [0, 0, 0, 0],
      ]),
    ];
    const k = estimate(gradeKappa(pairs));
    const twoGrade = estimate(
      quadraticKappa([
        [5, 1],
        [1, 5],
      ]),
    );
    expect(k.kappa).toBeCloseTo(0.6667, 4);
    expect(twoGrade.kappa).toBeCloseTo(0.6667, 4);
    expect(k.observed).toBeCloseTo(1 - 2 / 12 / 9, 12);
    expect(twoGrade.observed).toBeCloseTo(10 / 12, 12);
  });

  it('says kappa cannot be measured when every grade is the same, and when there are none', () => {
    expect(gradeKappa([pair('good', 'good'), pair('good', 'good')])).toEqual({
      kind: 'undefined',
      pairs: 2,
      words:
        'Kappa cannot be measured: in all 2 pairs both gave the same single grade, so agreement is no better than chance could give.',
    });
    expect(gradeKappa([])).toEqual({
      kind: 'undefined',
      pairs: 0,
      words: 'No pairs of grades to compare yet.',
    });
  });
});

describe('gradingConsistency', () => {
  const pairs: GradePair[] = [
    ...pairsFrom(
      [
        [2, 1, 0, 0],
        [0, 3, 1, 0],
        [0, 0, 2, 0],
        [0, 0, 0, 1],
      ],
      { agency: 'health', auditorId: 'u-h', auditorName: 'Hana', sectionId: 'voice' },
    ),
    ...pairsFrom(
      [
        [0, 0, 0, 0],
        [0, 2, 0, 0],
        [0, 2, 1, 0],
        [0, 0, 1, 1],
      ],
      {
        agency: 'police',
        auditorId: 'u-p',
        auditorName: 'Piotr',
        sectionId: 'oversight',
        areaTitle: 'Management oversight',
        auditId: 'a2',
      },
    ),
    pair('good', 'good', { agency: 'education', auditorId: undefined, auditorName: undefined }),
    pair('inadequate', 'inadequate', {
      agency: 'education',
      auditorId: 'u-e',
      auditorName: undefined,
    }),
  ];

  it('measures all pairs together, from any number of audits', () => {
    const c = gradingConsistency(pairs);
    expect(c.overall).toEqual(gradeKappa(pairs));
    expect(estimate(c.overall).pairs).toBe(19);
  });

  it('groups by area, by agency and by auditor, each with its own kappa and pairs', () => {
    const c = gradingConsistency(pairs);
    const summary = (groups: typeof c.byArea) =>
      groups.map((g) => [g.key, g.label, g.kappa.pairs] as const);
    expect(summary(c.byArea)).toEqual([
      ['oversight', 'Management oversight', 7],
      ['voice', "The child's voice", 12],
    ]);
    expect(summary(c.byAgency)).toEqual([
      ['education', 'Education', 2],
      ['health', 'Health', 10],
      ['police', 'Police', 7],
    ]);
    // An auditor without a recorded name is shown by id; pairs with no auditor are kept apart.
    expect(summary(c.byAuditor)).toEqual([
      ['', 'Auditor not recorded', 1],
      ['u-h', 'Hana', 10],
      ['u-p', 'Piotr', 7],
      ['u-e', 'u-e', 1],
    ]);
    const health = c.byAgency.find((g) => g.key === 'health')!;
    expect(health.kappa).toEqual(gradeKappa(pairs.filter((p) => p.agency === 'health')));
    const police = c.byAuditor.find((g) => g.key === 'u-p')!;
    expect(police.kappa).toEqual(gradeKappa(pairs.filter((p) => p.auditorId === 'u-p')));
    expect(c.byAuditor[0]!.kappa.kind).toBe('undefined');
  });

  it('reads each group in plain words', () => {
    const c = gradingConsistency(pairs);
    const health = estimate(c.byAgency.find((g) => g.key === 'health')!.kappa);
    expect(health.words).toBe('almost perfect agreement (κ 0.89, 95% CI 0.72 to 1.00, 10 pairs)');
  });

  it('has nothing to group when there are no pairs', () => {
    expect(gradingConsistency([])).toEqual({
      overall: { kind: 'undefined', pairs: 0, words: 'No pairs of grades to compare yet.' },
      byArea: [],
      byAgency: [],
      byAuditor: [],
    });
  });

  it('orders groups by label as a reader would, not by character code', () => {
    const named = [
      pair('good', 'good', { auditorId: 'u-1', auditorName: 'Ben' }),
      pair('good', 'good', { auditorId: 'u-2', auditorName: 'amy' }),
      pair('good', 'good', { auditorId: 'u-3', auditorName: 'Émile' }),
      pair('good', 'good', { auditorId: 'u-4', auditorName: 'Fran' }),
    ];
    expect(gradingConsistency(named).byAuditor.map((g) => g.label)).toEqual([
      'amy',
      'Ben',
      'Émile',
      'Fran',
    ]);
  });

  it('orders groups with the same label by key', () => {
    const twins = [
      pair('good', 'good', { auditorId: 'u-2', auditorName: 'Sam' }),
      pair('good', 'good', { auditorId: 'u-1', auditorName: 'Sam' }),
    ];
    expect(gradingConsistency(twins).byAuditor.map((g) => g.key)).toEqual(['u-1', 'u-2']);
  });
});
