/**
 * The overview report's figures from a set of audit digests: grade distributions by area, by agency
 * and by category (counts and shares), and the comparison with the previous audit of the same kind,
 * area by area, said plainly when the samples are too small to compare.
 */

import type { AgencyId } from '../agencies.js';
import { counted } from '../plural.js';
import { GRADES, type Grade, gradeIndex } from '../grading.js';
import type { Category } from '../records.js';
import type { AuditDigest } from './digest.js';

export type Distribution = {
  readonly counts: Readonly<Record<Grade, number>>;
  readonly total: number;
  /** Each grade's share of the total (0..1); all 0 when there is nothing to share. */
  readonly shares: Readonly<Record<Grade, number>>;
};

const zero = (): Record<Grade, number> => ({
  outstanding: 0,
  good: 0,
  requiresImprovement: 0,
  inadequate: 0,
});

/** A distribution from counts in GRADES order. */
function fromCounts(cells: ArrayLike<number>): Distribution {
  const counts = zero();
  let total = 0;
  GRADES.forEach((g, i) => {
    counts[g] = cells[i] as number;
    total += counts[g];
  });
  const shares = zero();
  for (const g of GRADES) shares[g] = total === 0 ? 0 : counts[g] / total;
  return { counts, total, shares };
}

/**
 * A group's counts, four numbers in GRADES order, made when first asked for: grades are counted as
 * they come and no list of them is kept, so 10,000 audits stay cheap. Groups keep the order they
 * first appear in.
 */
function counts<K>(groups: Map<K, Int32Array>, key: K): Int32Array {
  let cells = groups.get(key);
  if (!cells) {
    cells = new Int32Array(GRADES.length);
    groups.set(key, cells);
  }
  return cells;
}

function distributions<K>(groups: ReadonlyMap<K, Int32Array>): Map<K, Distribution> {
  return new Map([...groups].map(([k, cells]) => [k, fromCounts(cells)]));
}

export type Distributions = {
  /** Multi-agency grades of every graded area. */
  readonly overall: Distribution;
  /** Multi-agency grades, area by area (by section id), in the order areas first appear. */
  readonly byArea: ReadonlyMap<string, Distribution>;
  /** Each agency's grades after moderation, over every area it graded. */
  readonly byAgency: ReadonlyMap<AgencyId, Distribution>;
  /** Multi-agency grades of the audits of each category. */
  readonly byCategory: ReadonlyMap<Category, Distribution>;
  /** The number of audits the figures come from. */
  readonly audits: number;
};

export function gradeDistributions(digests: readonly AuditDigest[]): Distributions {
  const overall = new Int32Array(GRADES.length);
  const byArea = new Map<string, Int32Array>();
  const byAgency = new Map<AgencyId, Int32Array>();
  const byCategory = new Map<Category, Int32Array>();
  for (const d of digests) {
    let category: Int32Array | undefined;
    for (const area of d.areas) {
      if (area.multiAgency !== undefined) {
        const g = gradeIndex(area.multiAgency);
        overall[g] = (overall[g] as number) + 1;
        category ??= counts(byCategory, d.category);
        category[g] = (category[g] as number) + 1;
        const a = counts(byArea, area.sectionId);
        a[g] = (a[g] as number) + 1;
      }
      for (const a of area.agencies) {
        const c = counts(byAgency, a.agency);
        const g = gradeIndex(a.moderated);
        c[g] = (c[g] as number) + 1;
      }
    }
  }
  return {
    overall: fromCounts(overall),
    byArea: distributions(byArea),
    byAgency: distributions(byAgency),
    byCategory: distributions(byCategory),
    audits: digests.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison with the previous audit of the same kind

/** Good is the minimum expected: the comparison follows the share of areas graded good or better. */
const goodOrBetter = (d: Distribution): number => d.counts.outstanding + d.counts.good;

/** The fewest audits graded in an area, on each side, for a comparison to be worth making. */
export const MIN_SAMPLE = 10;

export type AreaComparison =
  | {
      readonly sectionId: string;
      readonly kind: 'tooSmall';
      readonly now: number;
      readonly before: number;
    }
  | {
      readonly sectionId: string;
      readonly kind: 'better' | 'worse' | 'noClearChange';
      readonly now: number;
      readonly before: number;
      /** Share good or better, this time and last time (0..1). */
      readonly shareNow: number;
      readonly shareBefore: number;
      /** The change in that share, and its 95% interval (Newcombe's hybrid score method). */
      readonly change: number;
      readonly low: number;
      readonly high: number;
    };

const Z = 1.959963984540054;

/** Wilson's score interval for a proportion (no continuity correction). */
export function wilson(successes: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The 95% interval of p1 - p2 for two independent proportions by Newcombe's hybrid score method
 * (method 10 of Newcombe 1998, Statistics in Medicine 17, 873-890): it keeps to [-1, 1] and behaves
 * at small counts and at 0% or 100%, where the simple (Wald) interval does not.
 */
export function differenceInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { change: number; low: number; high: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilson(x1, n1);
  const b = wilson(x2, n2);
  const d = p1 - p2;
  return {
    change: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Area by area, this set against the previous one of the same kind. */
export function compareWithPrevious(
  now: Distributions,
  before: Distributions,
  minSample = MIN_SAMPLE,
): AreaComparison[] {
  const ids = [...new Set([...now.byArea.keys(), ...before.byArea.keys()])];
  return ids.map((sectionId): AreaComparison => {
    const a = now.byArea.get(sectionId);
    const b = before.byArea.get(sectionId);
    const n1 = a?.total ?? 0;
    const n2 = b?.total ?? 0;
    if (!a || !b || n1 < minSample || n2 < minSample)
      return { sectionId, kind: 'tooSmall', now: n1, before: n2 };
    const x1 = goodOrBetter(a);
    const x2 = goodOrBetter(b);
    const { change, low, high } = differenceInterval(x1, n1, x2, n2);
    return {
      sectionId,
      kind: low > 0 ? 'better' : high < 0 ? 'worse' : 'noClearChange',
      now: n1,
      before: n2,
      shareNow: x1 / n1,
      shareBefore: x2 / n2,
      change,
      low,
      high,
    };
  });
}

/** A share as a whole percentage: 0.8 is "80%". */
export const percent = (x: number): string => `${Math.round(x * 100)}%`;
const audits = (n: number): string => counted(n, 'audit');

/** A comparison in plain words, for the report and the table beside its chart. */
export function describeComparison(
  c: AreaComparison,
  title: string,
  minSample = MIN_SAMPLE,
): string {
  if (c.kind === 'tooSmall')
    return `${title}: too few audits to compare (${audits(c.now)} this time, ${audits(c.before)} last time; at least ${minSample} each are needed).`;
  const shares = `${percent(c.shareNow)} good or better this time (${audits(c.now)}), ${percent(c.shareBefore)} last time (${audits(c.before)})`;
  // The sign follows the change as said, in whole points: a change of +0.3 or -0.3 points is "0".
  const points = Math.round(c.change * 100);
  const interval = `change ${points > 0 ? '+' : ''}${points} points, 95% interval ${Math.round(c.low * 100)} to ${Math.round(c.high * 100)}`;
  switch (c.kind) {
    case 'better':
      return `${title}: better. ${shares}; ${interval}.`;
    case 'worse':
      return `${title}: worse. ${shares}; ${interval}.`;
    case 'noClearChange':
      return `${title}: no clear change. ${shares}; ${interval}, which could be chance.`;
  }
}
