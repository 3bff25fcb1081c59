import { describe, expect, it } from '@jest/globals';
import {
  AGREEMENT_BANDS,
  BAND_WORDS,
  type Kappa,
  Z_95,
  agreementBand,
  cohensKappa,
  crossTable,
  identityWeights,
  linearWeights,
  quadraticKappa,
  quadraticWeights,
  weightedKappa,
} from './agreement.js';

function estimate(k: Kappa): Extract<Kappa, { kind: 'estimate' }> {
  if (k.kind !== 'estimate') throw new Error(`Expected an estimate, got: ${k.words}`);
  return k;
}

/**
 * SAS/STAT User's Guide, The FREQ Procedure, Getting Started: "Agreement Study" (skin condition
 * rated by two dermatologists, 88 patients; terrible, poor, marginal, clear).
 * https://support.sas.com/documentation/cdl/en/statug/63033/HTML/default/statug_freq_sect004.htm
 * Its output prints: simple kappa 0.3449, ASE 0.0724, 95% limits 0.2030 to 0.4868; weighted kappa
 * (Cicchetti-Allison, i.e. linear weights) 0.5082, ASE 0.0655, 95% limits 0.3798 to 0.6366. SAS's
 * ASE is the large-sample variance of Fleiss, Cohen and Everitt (1969), as implemented here.
 */
const SKIN = [
  [10, 4, 1, 0],
  [5, 10, 12, 2],
  [2, 4, 12, 5],
  [0, 2, 6, 13],
];

/**
 * Cohen (1968), "Weighted kappa", Psychological Bulletin 70, Table 1: 200 cases, three diagnoses
 * (personality disorder, neurosis, psychosis), proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06,
 * disagreement weights 0 1 3 / 1 0 6 / 3 6 0. Cohen reports kappa .492 and weighted kappa .348
 * (as quoted in the R psych package's cohen.kappa examples).
 */
const COHEN_1968 = [
  [88, 14, 18],
  [10, 40, 10],
  [2, 6, 12],
];
const COHEN_1968_DISAGREEMENT = [
  [0, 1, 3],
  [1, 0, 6],
  [3, 6, 0],
];

/**
 * Fleiss, Cohen and Everitt (1969), "Large sample standard errors of kappa and weighted kappa",
 * Psychological Bulletin 72, 323-327: 200 subjects, proportions .53 .05 .02 / .11 .14 .05 /
 * .01 .06 .03, agreement weights 1 0 .4444 / 0 1 .6666 / .4444 .6666 1. Reported: kappa .429,
 * weighted kappa .507.
 */
const FCE_1969 = [
  [106, 10, 4],
  [22, 28, 10],
  [2, 12, 6],
];
const FCE_1969_WEIGHTS = [
  [1, 0, 0.4444],
  [0, 1, 0.6666],
  [0.4444, 0.6666, 1],
];

/**
 * Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., data set cont3x3abstractors (100
 * women, ectopic / abnormal intrauterine / normal intrauterine pregnancy), as printed in the R
 * irrCAC package's documentation: Cohen's kappa 0.7964094; with quadratic weights 0.8921569.
 * https://cran.r-project.org/web/packages/irrCAC/vignettes/overview.html
 */
const ABSTRACTORS = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

describe('published worked examples', () => {
  it('SAS agreement study: simple kappa with its standard error and 95% limits', () => {
    const k = estimate(cohensKappa(SKIN));
    expect(k.kappa).toBeCloseTo(0.3449, 4);
    expect(k.standardError).toBeCloseTo(0.0724, 4);
    expect(k.lower).toBeCloseTo(0.203, 4);
    expect(k.upper).toBeCloseTo(0.4868, 4);
    expect(k.pairs).toBe(88);
    expect(k.observed).toBeCloseTo(45 / 88, 12);
  });

  it('SAS agreement study: linear-weighted kappa with its standard error and 95% limits', () => {
    const k = estimate(weightedKappa(SKIN, linearWeights(4)));
    expect(k.kappa).toBeCloseTo(0.5082, 4);
    expect(k.standardError).toBeCloseTo(0.0655, 4);
    expect(k.lower).toBeCloseTo(0.3798, 4);
    expect(k.upper).toBeCloseTo(0.6366, 4);
  });

  it("Cohen's 1968 illustration: kappa .492, weighted kappa .348", () => {
    expect(estimate(cohensKappa(COHEN_1968)).kappa).toBeCloseTo(0.492, 3);
    // Disagreement weights v become agreement weights 1 − v / max v.
    const w = COHEN_1968_DISAGREEMENT.map((row) => row.map((v) => 1 - v / 6));
    expect(estimate(weightedKappa(COHEN_1968, w)).kappa).toBeCloseTo(0.348, 3);
  });

  it('Fleiss, Cohen and Everitt 1969: kappa .429, weighted kappa .507', () => {
    expect(estimate(cohensKappa(FCE_1969)).kappa).toBeCloseTo(0.429, 3);
    expect(estimate(weightedKappa(FCE_1969, FCE_1969_WEIGHTS)).kappa).toBeCloseTo(0.507, 3);
  });

  it("Gwet's abstractors: Cohen's kappa 0.7964094 and quadratic-weighted 0.8921569", () => {
    expect(estimate(cohensKappa(ABSTRACTORS)).kappa).toBeCloseTo(0.7964094, 7);
    expect(estimate(quadraticKappa(ABSTRACTORS)).kappa).toBeCloseTo(0.8921569, 7);
  });
});

describe('quadratic-weighted kappa', () => {
  it('equals the agreement form of the product-moment statistics (Fleiss and Cohen 1973)', () => {
    // With quadratic weights, κw = 2·cov(x, y) / (var x + var y + (mean x − mean y)²), the
    // moments taken over the table with category scores 0 .. k − 1: an independent check.
    for (const t of [SKIN, COHEN_1968, FCE_1969, ABSTRACTORS]) {
      const n = t.flat().reduce((a, b) => a + b, 0);
      let mx = 0;
      let my = 0;
      t.forEach((row, i) => row.forEach((x, j) => ((mx += (i * x) / n), (my += (j * x) / n))));
      let vx = 0;
      let vy = 0;
      let cxy = 0;
      t.forEach((row, i) =>
        row.forEach((x, j) => {
          vx += ((i - mx) ** 2 * x) / n;
          vy += ((j - my) ** 2 * x) / n;
          cxy += ((i - mx) * (j - my) * x) / n;
        }),
      );
      const expected = (2 * cxy) / (vx + vy + (mx - my) ** 2);
      expect(estimate(quadraticKappa(t)).kappa).toBeCloseTo(expected, 10);
    }
  });

  it('has the weights 1 − (i − j)² / (k − 1)²', () => {
    expect(quadraticWeights(4)).toEqual([
      [1, 8 / 9, 5 / 9, 0],
      [8 / 9, 1, 8 / 9, 5 / 9],
      [5 / 9, 8 / 9, 1, 8 / 9],
      [0, 5 / 9, 8 / 9, 1],
    ]);
    expect(linearWeights(3)).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(identityWeights(2)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(quadraticWeights(1)).toEqual([[1]]);
    expect(linearWeights(1)).toEqual([[1]]);
  });

  it('reads the skin condition table as substantial agreement, with its interval', () => {
    const k = estimate(quadraticKappa(SKIN));
    expect(k.kappa).toBeCloseTo(0.6607, 4);
    expect(k.upper - k.kappa).toBeCloseTo(Z_95 * k.standardError, 12);
    expect(k.kappa - k.lower).toBeCloseTo(Z_95 * k.standardError, 12);
    expect(k.band).toBe('substantial');
    expect(k.words).toBe('substantial agreement (κ 0.66, 95% CI 0.54 to 0.78, 88 pairs)');
  });
});

describe('degenerate tables', () => {
  it('says so when there are no pairs, rather than showing NaN', () => {
    expect(quadraticKappa(crossTable(4, []))).toEqual({
      kind: 'undefined',
      pairs: 0,
      words: 'No pairs of grades to compare yet.',
    });
  });

  it('says so when every rating is the same single category', () => {
    expect(
      quadraticKappa([
        [0, 0],
        [0, 7],
      ]),
    ).toEqual({
      kind: 'undefined',
      pairs: 7,
      words:
        'Kappa cannot be measured: in all 7 pairs both gave the same single grade, so agreement is no better than chance could give.',
    });
    expect(cohensKappa([[1]])).toEqual({
      kind: 'undefined',
      pairs: 1,
      words:
        'Kappa cannot be measured: in all 1 pair both gave the same single grade, so agreement is no better than chance could give.',
    });
  });

  it('gives kappa 1 with no spread for perfect agreement, and keeps the interval within 1', () => {
    const k = estimate(
      quadraticKappa([
        [3, 0, 0],
        [0, 4, 0],
        [0, 0, 5],
      ]),
    );
    expect(k.kappa).toBeCloseTo(1, 12);
    expect(k.standardError).toBeCloseTo(0, 6);
    expect(k.upper).toBeLessThanOrEqual(1);
    expect(k.band).toBe('almostPerfect');
  });

  it('gives a negative kappa, read as poor, for systematic disagreement, kept above −1', () => {
    const k = estimate(
      cohensKappa([
        [0, 5],
        [5, 0],
      ]),
    );
    expect(k.kappa).toBe(-1);
    expect(k.lower).toBe(-1);
    expect(k.band).toBe('poor');
    expect(k.words).toBe('poor agreement (κ -1.00, 95% CI -1.00 to -1.00, 10 pairs)');
  });

  it('shows a kappa that rounds to zero as 0.00, not -0.00', () => {
    // One rater always says the first category: no agreement beyond chance, kappa exactly 0.
    const k = estimate(
      cohensKappa([
        [3, 0],
        [2, 0],
      ]),
    );
    expect(k.kappa).toBe(0);
    expect(k.words.startsWith('slight agreement (κ 0.00')).toBe(true);
    const tiny = estimate(
      weightedKappa(
        [
          [50, 51],
          [50, 50],
        ],
        identityWeights(2),
      ),
    );
    expect(tiny.kappa).toBeLessThan(0);
    expect(tiny.kappa).toBeGreaterThan(-0.005);
    expect(tiny.words.startsWith('slight agreement (κ 0.00, 95% CI -')).toBe(true);
  });

  it('refuses tables that are not square, weights of another size, and bad counts', () => {
    expect(() => cohensKappa([])).toThrow(
      'An agreement table must be square, with a row and a column per category.',
    );
    expect(() => cohensKappa([[1, 2]])).toThrow('An agreement table must be square');
    expect(() => cohensKappa([[1, 0], [1]])).toThrow('An agreement table must be square');
    expect(() =>
      weightedKappa(
        [
          [1, 0],
          [0, 1],
        ],
        [[1, 0]],
      ),
    ).toThrow('The weights must be');
    expect(() =>
      weightedKappa(
        [
          [1, 0],
          [0, 1],
        ],
        [[1]],
      ),
    ).toThrow('The weights must be a square table of the same size as the counts.');
    expect(() =>
      weightedKappa(
        [
          [1, 0],
          [0, 1],
        ],
        [[1, 0], [0]],
      ),
    ).toThrow('The weights must be');
    expect(() =>
      cohensKappa([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow('The counts of an agreement table must be numbers of 0 or more.');
    expect(() =>
      cohensKappa([
        [1, Number.NaN],
        [0, 1],
      ]),
    ).toThrow('numbers of 0 or more');
    expect(() =>
      cohensKappa([
        [1, Infinity],
        [0, 1],
      ]),
    ).toThrow('numbers of 0 or more');
  });
});

describe('the Landis and Koch reading', () => {
  it('has six bands, in order, each with its words', () => {
    expect(AGREEMENT_BANDS).toEqual([
      'poor',
      'slight',
      'fair',
      'moderate',
      'substantial',
      'almostPerfect',
    ]);
    expect(AGREEMENT_BANDS.map((b) => BAND_WORDS[b])).toEqual([
      'poor agreement',
      'slight agreement',
      'fair agreement',
      'moderate agreement',
      'substantial agreement',
      'almost perfect agreement',
    ]);
  });

  it('puts each band boundary where Landis and Koch print it, read at two decimals', () => {
    const cases: Array<[number, string]> = [
      [-0.01, 'poor'],
      [-0.004, 'slight'],
      [0, 'slight'],
      [0.2, 'slight'],
      [0.204, 'slight'],
      [0.205, 'fair'],
      [0.21, 'fair'],
      [0.4, 'fair'],
      [0.41, 'moderate'],
      [0.6, 'moderate'],
      [0.61, 'substantial'],
      [0.8, 'substantial'],
      [0.81, 'almostPerfect'],
      [1, 'almostPerfect'],
    ];
    for (const [kappa, band] of cases) expect([kappa, agreementBand(kappa)]).toEqual([kappa, band]);
  });

  it('words an estimate with its interval and number of pairs', () => {
    expect(estimate(cohensKappa(SKIN)).words).toBe(
      'fair agreement (κ 0.34, 95% CI 0.20 to 0.49, 88 pairs)',
    );
    expect(estimate(weightedKappa(SKIN, linearWeights(4))).words).toBe(
      'moderate agreement (κ 0.51, 95% CI 0.38 to 0.64, 88 pairs)',
    );
    expect(estimate(cohensKappa(ABSTRACTORS)).words).toMatch(/^substantial agreement \(κ 0\.80,/);
    expect(estimate(quadraticKappa(ABSTRACTORS)).words).toMatch(
      /^almost perfect agreement \(κ 0\.89, .*, 100 pairs\)$/,
    );
  });
});

describe('crossTable', () => {
  it('counts pairs of positions into a k × k table', () => {
    expect(
      crossTable(3, [
        [0, 0],
        [0, 2],
        [2, 0],
        [0, 2],
      ]),
    ).toEqual([
      [1, 0, 2],
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('refuses a pair outside the categories', () => {
    expect(() => crossTable(2, [[0, 2]])).toThrow('A pair (0, 2) falls outside the 2 categories.');
    expect(() => crossTable(2, [[-1, 0]])).toThrow(
      'A pair (-1, 0) falls outside the 2 categories.',
    );
    expect(() => crossTable(2, [[0.5, 0]])).toThrow('falls outside');
    expect(() => crossTable(2, [[0, 1.5]])).toThrow('falls outside');
    expect(() => crossTable(2, [[0, -1]])).toThrow('falls outside');
    expect(() => crossTable(2, [[2, 0]])).toThrow('falls outside');
  });
});
