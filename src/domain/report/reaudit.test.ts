import { describe, expect, it } from '@jest/globals';
import type { Grade } from '../grading.js';
import type { AuditDigest } from './digest.js';
import { addMonths, caseGrade, reauditDue, reauditedOriginals, reauditsDue } from './reaudit.js';

const digest = (
  id: string,
  grades: Array<Grade | undefined>,
  signedOffAt: string,
  reauditOf?: string,
): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 1,
  themeId: undefined,
  signedOffAt,
  agencies: [],
  auditors: [],
  areas: grades.map((g, i) => ({ sectionId: `s${i}`, multiAgency: g, agencies: [] })),
  reauditOf,
});

const SIX = { includeRequiresImprovement: false, months: 6 };
const WITH_RI = { includeRequiresImprovement: true, months: 6 };

describe("a case's grade", () => {
  it('is its worst multi-agency area grade', () => {
    expect(
      caseGrade(digest('1', ['good', 'inadequate', 'outstanding'], '2026-01-01T00:00:00Z')),
    ).toBe('inadequate');
    expect(
      caseGrade(digest('1', ['good', 'requiresImprovement', undefined], '2026-01-01T00:00:00Z')),
    ).toBe('requiresImprovement');
    expect(caseGrade(digest('1', ['outstanding'], '2026-01-01T00:00:00Z'))).toBe('outstanding');
    expect(caseGrade(digest('1', [undefined], '2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('months after sign-off', () => {
  it('keeps the day of the month, or the last day of a shorter month', () => {
    expect(addMonths('2026-05-20', 6)).toBe('2026-11-20');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
  });
});

describe('the re-audit date', () => {
  it('is set for an inadequate case, months after the day it was signed off in London', () => {
    // 23:30 UTC on 31 May 2026 is 1 June in London.
    expect(reauditDue(digest('1', ['inadequate'], '2026-05-31T23:30:00Z'), SIX)).toBe('2026-12-01');
  });
  it('is set for "requires improvement" only when the partnership asks', () => {
    const ri = digest('1', ['good', 'requiresImprovement'], '2026-05-20T10:00:00Z');
    expect(reauditDue(ri, SIX)).toBeUndefined();
    expect(reauditDue(ri, WITH_RI)).toBe('2026-11-20');
  });
  it('is not set for a good case', () => {
    expect(
      reauditDue(digest('1', ['good', 'outstanding'], '2026-05-20T10:00:00Z'), WITH_RI),
    ).toBeUndefined();
  });
  it('refuses a setting that is not a whole number of months', () => {
    expect(() =>
      reauditDue(digest('1', ['inadequate'], '2026-05-20T10:00:00Z'), { ...SIX, months: 0 }),
    ).toThrow('Re-audit months must be a whole number of 1 or more (got 0).');
  });
  it('takes one month, the least a partnership can set', () => {
    const inadequate = digest('1', ['inadequate'], '2026-05-20T10:00:00Z');
    expect(reauditDue(inadequate, { ...SIX, months: 1 })).toBe('2026-06-20');
  });
});

describe('re-audits due on the Programme page', () => {
  // Friday 27 November 2026.
  const NOW = new Date('2026-11-27T10:00:00Z');
  const all = [
    digest('1', ['inadequate'], '2026-05-20T10:00:00Z'), // due 20 Nov: overdue
    digest('2', ['inadequate'], '2026-06-10T10:00:00Z'), // due 10 Dec: within 30 days
    digest('3', ['inadequate'], '2026-08-10T10:00:00Z'), // due 10 Feb: later
    digest('4', ['inadequate'], '2026-04-01T10:00:00Z'), // re-audited below
    digest('5', ['good'], '2026-01-01T10:00:00Z'),
    digest('6', ['good'], '2026-11-01T10:00:00Z', '4'),
    digest('7', ['inadequate'], '2026-05-27T10:00:00Z'), // due today: not overdue
  ];
  it('lists cases due within the horizon or overdue, soonest first, leaving out those re-audited', () => {
    const due = reauditsDue(all, reauditedOriginals(all), SIX, NOW, 30);
    expect(due.map((e) => [e.audit.auditId, e.due, e.overdue])).toEqual([
      ['1', '2026-11-20', true],
      ['7', '2026-11-27', false],
      ['2', '2026-12-10', false],
    ]);
  });
  it('includes a case due on the last day of the horizon, not one due the day after', () => {
    const edge = [
      digest('8', ['inadequate'], '2026-06-27T10:00:00Z'), // due 27 Dec: 30 days from 27 Nov
      digest('9', ['inadequate'], '2026-06-28T10:00:00Z'), // due 28 Dec: 31 days
    ];
    const due = reauditsDue(edge, new Set(), SIX, NOW, 30);
    expect(due.map((e) => [e.audit.auditId, e.due, e.overdue])).toEqual([
      ['8', '2026-12-27', false],
    ]);
  });
  it('knows which originals have a re-audit', () => {
    expect([...reauditedOriginals(all)]).toEqual(['4']);
  });
});
