/**
 * Agreement between two raters on an ordered scale: Cohen's kappa and weighted kappa, with the
 * large-sample standard error and a 95% confidence interval, and a reading in plain words.
 *
 * Formulas (p the table of proportions, r and c its row and column margins, w the agreement
 * weights, 1 on the diagonal):
 *   observed  po = Σ w_ij p_ij        expected  pe = Σ w_ij r_i c_j
 *   kappa     κ  = (po − pe) / (1 − pe)                      (Cohen 1960; weighted, Cohen 1968)
 *   variance  var(κ) = [Σ p_ij (w_ij − (w̄_i + w̄_j)(1 − κ))² − (κ − pe(1 − κ))²] / (n (1 − pe)²)
 *             with w̄_i = Σ_j c_j w_ij and w̄_j = Σ_i r_i w_ij:
 *   the large-sample (non-null) variance of Fleiss, Cohen and Everitt (1969), "Large sample
 *   standard errors of kappa and weighted kappa", Psychological Bulletin 72, 323-327; it is the
 *   one for a confidence interval (the null variance serves only to test κ = 0). With identity
 *   weights it is their variance of unweighted kappa.
 * Quadratic weights w_ij = 1 − (i − j)² / (k − 1)² (Fleiss and Cohen 1973) count a disagreement
 * by the square of its distance on the scale: Good against Requires improvement costs little,
 * Outstanding against Inadequate costs everything.
 */

export type Table = readonly (readonly number[])[];
export type Weights = readonly (readonly number[])[];

/** 1 on the diagonal, 0 elsewhere: plain Cohen's kappa. */
export const identityWeights = (k: number): number[][] => square(k, (i, j) => (i === j ? 1 : 0));

/** 1 − |i − j| / (k − 1): Cicchetti and Allison's equal spacing. */
export const linearWeights = (k: number): number[][] =>
  square(k, (i, j) => (k === 1 ? 1 : 1 - Math.abs(i - j) / (k - 1)));

/** 1 − (i − j)² / (k − 1)²: Fleiss and Cohen's quadratic weights. */
export const quadraticWeights = (k: number): number[][] =>
  square(k, (i, j) => (k === 1 ? 1 : 1 - ((i - j) * (i - j)) / ((k - 1) * (k - 1))));

function square(k: number, f: (i: number, j: number) => number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => f(i, j)));
}

/** Landis and Koch (1977), "The measurement of observer agreement for categorical data". */
export const AGREEMENT_BANDS = [
  'poor',
  'slight',
  'fair',
  'moderate',
  'substantial',
  'almostPerfect',
] as const;
export type AgreementBand = (typeof AGREEMENT_BANDS)[number];

export const BAND_WORDS: Readonly<Record<AgreementBand, string>> = {
  poor: 'poor agreement',
  slight: 'slight agreement',
  fair: 'fair agreement',
  moderate: 'moderate agreement',
  substantial: 'substantial agreement',
  almostPerfect: 'almost perfect agreement',
};

/**
 * The Landis and Koch band of a kappa: below 0 poor; 0 to 0.20 slight; 0.21 to 0.40 fair; 0.41 to
 * 0.60 moderate; 0.61 to 0.80 substantial; 0.81 to 1 almost perfect. Their bands are printed to two
 * decimals, so a kappa is read at two decimals: 0.204 is slight, 0.205 is fair.
 */
export function agreementBand(kappa: number): AgreementBand {
  const k = Math.round(kappa * 100) / 100;
  if (k < 0) return 'poor';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almostPerfect';
}

/** The normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export type Kappa =
  | {
      readonly kind: 'estimate';
      readonly kappa: number;
      /** Number of rated pairs (subjects rated by both). */
      readonly pairs: number;
      readonly observed: number;
      readonly expected: number;
      readonly standardError: number;
      /** 95% interval, κ ± 1.96 SE, kept within −1 and 1. */
      readonly lower: number;
      readonly upper: number;
      readonly band: AgreementBand;
      /** "moderate agreement (κ 0.52, 95% CI 0.31 to 0.73, 40 pairs)" */
      readonly words: string;
    }
  | {
      readonly kind: 'undefined';
      readonly pairs: number;
      /** Why there is no kappa, in plain words. */
      readonly words: string;
    };

const two = (x: number): string => (Object.is(Math.round(x * 100), -0) ? 0 : x).toFixed(2);
const pairsWords = (n: number): string => `${n} pair${n === 1 ? '' : 's'}`;

/**
 * Weighted kappa of a k × k table of counts (rows one rater, columns the other) with agreement
 * weights. Kappa is undefined, and said so, when there are no pairs or when chance alone would
 * give full agreement (every rating in the same category): there is no agreement beyond chance
 * to measure, and 0/0 is not a number to show anyone.
 */
export function weightedKappa(table: Table, weights: Weights): Kappa {
  const k = table.length;
  if (k === 0 || table.some((row) => row.length !== k))
    throw new Error('An agreement table must be square, with a row and a column per category.');
  if (weights.length !== k || weights.some((row) => row.length !== k))
    throw new Error('The weights must be a square table of the same size as the counts.');
  if (table.some((row) => row.some((x) => !Number.isFinite(x) || x < 0)))
    throw new Error('The counts of an agreement table must be numbers of 0 or more.');
  const n = table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return { kind: 'undefined', pairs: 0, words: 'No pairs of grades to compare yet.' };

  const p = table.map((row) => row.map((x) => x / n));
  const r = p.map((row) => row.reduce((a, b) => a + b, 0));
  const c = p[0]!.map((_, j) => p.reduce((s, row) => s + row[j]!, 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      po += weights[i]![j]! * p[i]![j]!;
      pe += weights[i]![j]! * r[i]! * c[j]!;
    }
  // Within rounding of 1, chance agreement is complete: nothing beyond it can be measured.
  if (1 - pe < 1e-12)
    return {
      kind: 'undefined',
      pairs: n,
      words: `Kappa cannot be measured: in all ${pairsWords(n)} both gave the same single grade, so agreement is no better than chance could give.`,
    };
  const kappa = (po - pe) / (1 - pe);

  const wRow = r.map((_, i) => c.reduce((s, cj, j) => s + cj * weights[i]![j]!, 0));
  const wCol = c.map((_, j) => r.reduce((s, ri, i) => s + ri * weights[i]![j]!, 0));
  let sum = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const d = weights[i]![j]! - (wRow[i]! + wCol[j]!) * (1 - kappa);
      sum += p[i]![j]! * d * d;
    }
  const centre = kappa - pe * (1 - kappa);
  // Rounding can leave a hair below zero when agreement is perfect; the variance is then 0.
  const variance = Math.max(0, (sum - centre * centre) / (n * (1 - pe) * (1 - pe)));
  const standardError = Math.sqrt(variance);
  const lower = Math.max(-1, kappa - Z_95 * standardError);
  const upper = Math.min(1, kappa + Z_95 * standardError);
  const band = agreementBand(kappa);
  return {
    kind: 'estimate',
    kappa,
    pairs: n,
    observed: po,
    expected: pe,
    standardError,
    lower,
    upper,
    band,
    words: `${BAND_WORDS[band]} (κ ${two(kappa)}, 95% CI ${two(lower)} to ${two(upper)}, ${pairsWords(n)})`,
  };
}

/** Unweighted (Cohen's 1960) kappa: only exact agreement counts. */
export const cohensKappa = (table: Table): Kappa =>
  weightedKappa(table, identityWeights(table.length));

/** Weighted kappa with quadratic weights over the categories' order. */
export const quadraticKappa = (table: Table): Kappa =>
  weightedKappa(table, quadraticWeights(table.length));

/** A k × k table of counts from pairs of category positions (0 .. k − 1). */
export function crossTable(k: number, pairs: Iterable<readonly [number, number]>): number[][] {
  const t = square(k, () => 0);
  for (const [a, b] of pairs) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= k || b >= k)
      throw new Error(`A pair (${a}, ${b}) falls outside the ${k} categories.`);
    t[a]![b]! += 1;
  }
  return t;
}
