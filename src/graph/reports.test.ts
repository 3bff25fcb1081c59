import { describe, expect, it } from '@jest/globals';
import type { ReportVersion } from '../domain/report/report.js';
import { decodeReport, previousScope, programmeYearOf } from './reports.js';

const version: ReportVersion = {
  reportId: 'abc123',
  version: 2,
  status: 'published',
  scope: { kind: 'category', category: 'childProtection', from: '2026-04-01', to: '2026-09-30' },
  title: 'Child protection, first half',
  narrative: 'Plans were clearer.',
  recommendations: [{ id: 'R1', text: 'Meet sooner.', differenceForChildren: 'Help sooner.' }],
  publishedAt: '2026-10-02T10:00:00Z',
  publishedBy: { id: 'u1', displayName: 'Morgan Ellis' },
};
const item = (body: unknown) => ({ id: '7', fields: { Body: JSON.stringify(body) } });

describe('a stored report version', () => {
  it('reads back exactly as it was written', () => {
    expect(decodeReport(item(version))).toEqual(version);
  });

  it('is not read when any value is wrong, whoever wrote it', () => {
    expect(decodeReport({ id: '7', fields: { Body: 'not json' } })).toBeUndefined();
    expect(decodeReport({ id: '7', fields: {} })).toBeUndefined();
    expect(decodeReport(item({ ...version, status: 'final' }))).toBeUndefined();
    expect(
      decodeReport(item({ ...version, scope: { kind: 'programme', year: '2026' } })),
    ).toBeUndefined();
    expect(
      decodeReport(item({ ...version, scope: { ...version.scope, category: 'other' } })),
    ).toBeUndefined();
    expect(
      decodeReport(item({ ...version, recommendations: [{ id: 'R1', text: 'x' }] })),
    ).toBeUndefined();
  });
});

describe('the sets a report compares', () => {
  it('a programme year with the year before', () => {
    expect(previousScope({ kind: 'programme', year: '2026-27' })).toEqual({
      scope: { kind: 'programme', year: '2025-26' },
      label: 'the 2025-26 programme',
    });
    expect(previousScope({ kind: 'programme', year: '2099-00' })?.scope).toEqual({
      kind: 'programme',
      year: '2098-99',
    });
  });

  it('a period or a category with the same number of days just before', () => {
    expect(previousScope({ kind: 'period', from: '2026-04-01', to: '2026-04-30' })).toEqual({
      scope: { kind: 'period', from: '2026-03-02', to: '2026-03-31' },
      label: 'the 30 days before (2026-03-02 to 2026-03-31)',
    });
    expect(previousScope(version.scope)?.scope).toEqual({
      kind: 'category',
      category: 'childProtection',
      from: '2025-09-30',
      to: '2026-03-31',
    });
  });

  it('a theme with nothing (it has no earlier set of the same kind)', () => {
    expect(previousScope({ kind: 'theme', themeId: '3', title: 'Neglect' })).toBeUndefined();
  });

  it('the programme year of a day runs April to March', () => {
    expect(programmeYearOf('2026-03-31')).toBe('2025-26');
    expect(programmeYearOf('2026-04-01')).toBe('2026-27');
    expect(programmeYearOf('2027-01-15')).toBe('2026-27');
  });
});
