import { describe, expect, it } from '@jest/globals';
import type { ReportVersion } from '../domain/report/report.js';
import {
  decodeReport,
  feedbackTargets,
  feedbackTimingOf,
  feedbackWindows,
  previousScope,
  programmeYearOf,
} from './reports.js';

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

describe("the feedback a report's timeliness reads", () => {
  it('is sent from three months before each window to three months after it, overlaps joined', () => {
    expect(feedbackWindows([{ from: '2026-04-01', to: '2027-03-31' }])).toEqual([
      { from: '2026-01-01', to: '2027-06-30' },
    ]);
    // A theme over two years: one read, not two that overlap.
    expect(
      feedbackWindows([
        { from: '2026-04-01', to: '2027-03-31' },
        { from: '2025-04-01', to: '2026-03-31' },
      ]),
    ).toEqual([{ from: '2025-01-01', to: '2027-06-30' }]);
    // Far apart: each read on its own, earliest first.
    expect(
      feedbackWindows([
        { from: '2026-05-01', to: '2026-05-31' },
        { from: '2025-01-01', to: '2025-01-31' },
      ]),
    ).toEqual([
      { from: '2024-10-01', to: '2025-04-30' },
      { from: '2026-02-01', to: '2026-08-31' },
    ]);
    // One inside another keeps the outer end.
    expect(
      feedbackWindows([
        { from: '2026-01-01', to: '2026-12-31' },
        { from: '2026-02-01', to: '2026-02-28' },
      ]),
    ).toEqual([{ from: '2025-10-01', to: '2027-03-31' }]);
  });

  const dates = (fields: Record<string, unknown>) => ({
    id: '9',
    fields: { Part: 'dates', AuditId: 12, Agency: 'health', ...fields },
  });

  it("is each dates item's agreement, sending and acknowledgement, on the London day it was sent", () => {
    expect(
      feedbackTimingOf(
        dates({
          AgreedAt: '2026-06-01T09:00:00Z',
          SentAt: '2026-06-03T23:30:00Z',
          AcknowledgedAt: '2026-06-05T10:00:00Z',
        }),
      ),
    ).toEqual({
      kind: 'kept',
      value: {
        auditId: '12',
        agency: 'health',
        agreedAt: '2026-06-01T09:00:00Z',
        sentAt: '2026-06-03T23:30:00Z',
        acknowledgedAt: '2026-06-05T10:00:00Z',
      },
      // 23:30 UTC in June is half past midnight the next day in London.
      day: '2026-06-04',
    });
    expect(feedbackTimingOf(dates({ SentAt: '2026-06-03T10:00:00Z' }))).toMatchObject({
      kind: 'kept',
      value: { agreedAt: undefined, acknowledgedAt: undefined },
    });
  });

  it('is not the reflection, nor a dates item without its sending; an unknown agency or audit is said', () => {
    expect(feedbackTimingOf(dates({ Part: 'reflection', SentAt: '2026-06-03T10:00:00Z' }))).toEqual(
      {
        kind: 'other',
      },
    );
    expect(feedbackTimingOf(dates({ AcknowledgedAt: '2026-06-05T10:00:00Z' }))).toEqual({
      kind: 'other',
    });
    expect(feedbackTimingOf(dates({ SentAt: '2026-06-03T10:00:00Z', Agency: 'fire' }))).toEqual({
      kind: 'unreadable',
      reason: 'its agency or audit is not known',
    });
    expect(
      feedbackTimingOf(dates({ SentAt: '2026-06-03T10:00:00Z', AuditId: undefined })),
    ).toMatchObject({ kind: 'unreadable' });
  });

  it("is measured against the partnership's targets, or the defaults", () => {
    expect(feedbackTargets(new Map())).toEqual({ sendWorkingDays: 10, acknowledgeWorkingDays: 10 });
    expect(
      feedbackTargets(
        new Map([
          ['feedbackSendWorkingDays', '5'],
          ['acknowledgementWorkingDays', '15'],
        ]),
      ),
    ).toEqual({ sendWorkingDays: 5, acknowledgeWorkingDays: 15 });
    expect(() => feedbackTargets(new Map([['acknowledgementWorkingDays', 'soon']]))).toThrow(
      /acknowledgementWorkingDays is 'soon'/,
    );
  });
});
