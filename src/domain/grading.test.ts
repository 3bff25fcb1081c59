import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCALE, GRADES, GRADING_SCALES, gradeIndex, isGrade } from './grading.js';

describe('grading', () => {
  it('gives each grade its place in GRADES, for counting into arrays', () => {
    expect(GRADES.map(gradeIndex)).toEqual([0, 1, 2, 3]);
  });

  it('offers two wordings of the same four grades, the current one by default', () => {
    expect(DEFAULT_SCALE).toBe('current');
    expect(GRADING_SCALES.current).toEqual({
      id: 'current',
      name: "Current wording (Ofsted's four grades)",
      labels: {
        outstanding: 'Outstanding',
        good: 'Good',
        requiresImprovement: 'Requires improvement to be good',
        inadequate: 'Inadequate',
      },
    });
    expect(GRADING_SCALES.ofsted2009).toEqual({
      id: 'ofsted2009',
      name: '2009 wording',
      labels: {
        outstanding: 'Outstanding',
        good: 'Good',
        requiresImprovement: 'Adequate',
        inadequate: 'Inadequate',
      },
    });
  });

  it('knows a grade only by its key', () => {
    expect(GRADES.every(isGrade)).toBe(true);
    for (const value of ['Good', '', 'adequate', 2, null, undefined, ['good']])
      expect([value, isGrade(value)]).toEqual([value, false]);
  });
});
