/**
 * Grading scales as data. The grades keep one key from scale to scale, so judgements made under
 * one wording read the same under another; only the words change.
 */
export const GRADES = ['outstanding', 'good', 'requiresImprovement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * A grade's place in GRADES (Outstanding 0 to Inadequate 3), for counting grades into arrays and
 * tables: a year's figures count hundreds of thousands of grades, and comparing constants is
 * cheaper than looking a key up.
 */
export const gradeIndex = (g: Grade): number =>
  g === 'outstanding' ? 0 : g === 'good' ? 1 : g === 'requiresImprovement' ? 2 : 3;

export type GradingScaleId = 'current' | 'ofsted2009';

export type GradingScale = {
  readonly id: GradingScaleId;
  readonly name: string;
  readonly labels: Readonly<Record<Grade, string>>;
};

export const GRADING_SCALES: Readonly<Record<GradingScaleId, GradingScale>> = {
  current: {
    id: 'current',
    name: "Current wording (Ofsted's four grades)",
    labels: {
      outstanding: 'Outstanding',
      good: 'Good',
      requiresImprovement: 'Requires improvement to be good',
      inadequate: 'Inadequate',
    },
  },
  ofsted2009: {
    id: 'ofsted2009',
    name: '2009 wording',
    labels: {
      outstanding: 'Outstanding',
      good: 'Good',
      requiresImprovement: 'Adequate',
      inadequate: 'Inadequate',
    },
  },
};

export const DEFAULT_SCALE: GradingScaleId = 'current';

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}
