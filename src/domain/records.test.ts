import { describe, expect, it } from '@jest/globals';
import { isOverdue } from './records.js';

describe('isOverdue', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('is overdue when the date has passed and the work is open', () => {
    expect(isOverdue('2026-11-25T00:00:00Z', false, now)).toBe(true);
  });
  it('is not overdue once finished, before the date, or with no date', () => {
    expect(isOverdue('2026-11-25T00:00:00Z', true, now)).toBe(false);
    expect(isOverdue('2026-11-27T00:00:00Z', false, now)).toBe(false);
    expect(isOverdue(undefined, false, now)).toBe(false);
  });
});
