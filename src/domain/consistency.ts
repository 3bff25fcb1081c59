/**
 * Grading consistency: how far agency auditors' grades agree with the moderated grades, as
 * weighted Cohen's kappa with quadratic weights over the grade scale's order (Outstanding, Good,
 * Requires improvement, Inadequate), over any set of audits, and grouped per area, per agency and
 * per auditor. Each figure comes with its number of pairs and a 95% confidence interval (see
 * agreement.ts for the method) and a plain-words reading.
 *
 * The table is always the whole four-grade scale, whichever grades were used, so that a
 * disagreement costs what its distance on the scale says.
 */

import { agencyLabel } from './agencies.js';
import { type Kappa, crossTable, quadraticKappa } from './agreement.js';
import { GRADES } from './grading.js';
import type { GradePair } from './moderation.js';

export type ConsistencyGroup = {
  readonly key: string;
  readonly label: string;
  readonly kappa: Kappa;
};

export type GradingConsistency = {
  readonly overall: Kappa;
  readonly byArea: readonly ConsistencyGroup[];
  readonly byAgency: readonly ConsistencyGroup[];
  readonly byAuditor: readonly ConsistencyGroup[];
};

/** Quadratic-weighted kappa of agency grades (rows) against moderated grades (columns). */
export function gradeKappa(pairs: readonly GradePair[]): Kappa {
  return quadraticKappa(
    crossTable(
      GRADES.length,
      pairs.map((p) => [GRADES.indexOf(p.agencyGrade), GRADES.indexOf(p.moderatedGrade)] as const),
    ),
  );
}

function groupBy(
  pairs: readonly GradePair[],
  keyOf: (p: GradePair) => readonly [key: string, label: string],
): ConsistencyGroup[] {
  const groups = new Map<string, { label: string; pairs: GradePair[] }>();
  for (const p of pairs) {
    const [key, label] = keyOf(p);
    const g = groups.get(key) ?? { label, pairs: [] };
    g.pairs.push(p);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, kappa: gradeKappa(g.pairs) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB') || a.key.localeCompare(b.key));
}

/** Consistency over a set of grade pairs (from any number of audits), overall and by group. */
export function gradingConsistency(pairs: readonly GradePair[]): GradingConsistency {
  return {
    overall: gradeKappa(pairs),
    byArea: groupBy(pairs, (p) => [p.sectionId, p.areaTitle]),
    byAgency: groupBy(pairs, (p) => [p.agency, agencyLabel(p.agency)]),
    // Pairs from an audit that names no auditor for the agency are grouped apart, not dropped.
    byAuditor: groupBy(pairs, (p) =>
      p.auditorId === undefined
        ? ['', 'Auditor not recorded']
        : [p.auditorId, p.auditorName ?? p.auditorId],
    ),
  };
}
