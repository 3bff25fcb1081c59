import { describe, expect, it } from '@jest/globals';
import {
  AUDIT_STATUS_LABELS,
  AUDIT_STATUSES,
  CATEGORIES,
  CATEGORY_LABELS,
  isOverdue,
  PRIORITY_SOURCE_LABELS,
  PRIORITY_SOURCES,
} from './records.js';

describe('isOverdue', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('is overdue when the date has passed and the work is open', () => {
    expect(isOverdue('2026-11-25T00:00:00Z', false, now)).toBe(true);
  });
  it('is not overdue once finished, before the date, or with no date', () => {
    expect(isOverdue('2026-11-25T00:00:00Z', true, now)).toBe(false);
    expect(isOverdue('2026-11-27T00:00:00Z', false, now)).toBe(false);
    expect(isOverdue(undefined, false, now)).toBe(false);
    expect(isOverdue('', false, now)).toBe(false);
  });
  it('is not overdue at the very moment it is due', () => {
    expect(isOverdue(now.toISOString(), false, now)).toBe(false);
    expect(isOverdue('2026-11-26T11:59:59Z', false, now)).toBe(true);
  });
});

describe('labels', () => {
  it('names each category, priority source and audit status as the pages show them', () => {
    expect(CATEGORIES.map((c) => CATEGORY_LABELS[c])).toEqual([
      'Child protection',
      'Child in need',
      'Early intervention (early help)',
      'Children in care',
    ]);
    expect(PRIORITY_SOURCES.map((s) => PRIORITY_SOURCE_LABELS[s])).toEqual([
      'Child safeguarding practice review',
      'Performance indicator',
      'Drill-down into a known concern or an earlier audit',
      'Learning and development or policy feedback',
      'Baseline audit of a category of case',
    ]);
    expect(AUDIT_STATUSES.map((s) => AUDIT_STATUS_LABELS[s])).toEqual([
      'Commissioned',
      'In progress',
      'In moderation',
      'Awaiting sign-off',
      'Returned for changes',
      'Signed off',
      'Closed',
      'Withdrawn',
    ]);
  });
});
