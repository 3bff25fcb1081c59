import { describe, expect, it } from '@jest/globals';
import type { Audit, AuditStatus, Id, ProgrammeTheme } from './records.js';
import {
  agencyProgress,
  blocksRecommissioning,
  cleanReference,
  countOf,
  DEFAULT_FILTERS,
  duplicateRefusal,
  FIGURE_FILTERS,
  filtersFromQuery,
  filtersToQuery,
  isAuditOverdue,
  isDueThisWeek,
  matches,
  missingRecords,
  overview,
  programmeYear,
  weekWindow,
} from './register.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

let next = 1;
function audit(over: Partial<Audit> = {}): Audit {
  return {
    id: String(next++) as Id<'audit'>,
    caseReference: 'NSP-CP-0101',
    category: 'childProtection',
    status: 'inProgress',
    toolVersion: 2,
    agencies: ['socialCare', 'health'],
    childAtRiskReason: undefined,
    themeId: '1' as Id<'programmeTheme'>,
    leadAuditor: { id: 'lead', displayName: 'Lead' },
    signOffManager: undefined,
    commissionedBy: undefined,
    dueDate: day(10),
    childAtRisk: false,
    eTag: '"1"',
    ...over,
  };
}

const theme = (id: string, sampleSize: number): ProgrammeTheme => ({
  id: id as Id<'programmeTheme'>,
  title: `Theme ${id}`,
  year: '2026-27',
  prioritySource: 'baseline',
  categories: ['childProtection'],
  plannedMonth: '2026-05',
  sampleSize,
  status: 'published',
  eTag: '"1"',
});

describe('what each filter means', () => {
  it('counts an audit overdue only while its own work is open', () => {
    for (const status of ['commissioned', 'inProgress', 'moderation', 'returned'] as AuditStatus[])
      expect(isAuditOverdue({ status, dueDate: day(-1) }, NOW)).toBe(true);
    for (const status of ['awaitingSignOff', 'signedOff', 'closed', 'withdrawn'] as AuditStatus[])
      expect(isAuditOverdue({ status, dueDate: day(-1) }, NOW)).toBe(false);
    expect(isAuditOverdue({ status: 'inProgress', dueDate: day(1) }, NOW)).toBe(false);
    expect(isAuditOverdue({ status: 'inProgress', dueDate: undefined }, NOW)).toBe(false);
  });

  it('counts an audit due this very second as due, not yet overdue', () => {
    const dueNow = { status: 'inProgress', dueDate: '2026-11-27T10:00:00Z' } as const;
    // Now with its milliseconds: dates are compared to the second, as SharePoint keeps them.
    const now = new Date('2026-11-27T10:00:00.600Z');
    expect(isAuditOverdue(dueNow, now)).toBe(false);
    expect(isDueThisWeek(dueNow, now)).toBe(true);
    expect(isAuditOverdue(dueNow, new Date('2026-11-27T10:00:01Z'))).toBe(true);
  });

  it('takes "due this week" as from now to the end of the seventh day on', () => {
    expect(weekWindow(NOW)).toEqual({
      from: new Date('2026-11-27T00:00:00Z'),
      to: new Date('2026-12-04T00:00:00Z'),
    });
    expect(isDueThisWeek({ status: 'inProgress', dueDate: day(3) }, NOW)).toBe(true);
    expect(isDueThisWeek({ status: 'inProgress', dueDate: '2026-12-03T23:00:00Z' }, NOW)).toBe(
      true,
    );
    expect(isDueThisWeek({ status: 'inProgress', dueDate: '2026-12-04T00:00:00Z' }, NOW)).toBe(
      false,
    );
    expect(isDueThisWeek({ status: 'inProgress', dueDate: day(-0.1) }, NOW)).toBe(false);
    expect(isDueThisWeek({ status: 'signedOff', dueDate: day(3) }, NOW)).toBe(false);
  });

  it('applies every filter, and all of them together', () => {
    const a = audit({ agencies: ['police'], childAtRisk: true, dueDate: day(-2) });
    expect(matches(a, DEFAULT_FILTERS, NOW)).toBe(true);
    expect(matches(a, { ...DEFAULT_FILTERS, agency: 'police' }, NOW)).toBe(true);
    expect(matches(a, { ...DEFAULT_FILTERS, agency: 'health' }, NOW)).toBe(false);
    expect(matches(a, { ...DEFAULT_FILTERS, status: 'moderation' }, NOW)).toBe(false);
    expect(matches(a, { ...DEFAULT_FILTERS, themeId: '2' }, NOW)).toBe(false);
    expect(matches(a, { ...DEFAULT_FILTERS, category: 'childInNeed' }, NOW)).toBe(false);
    expect(matches(a, { ...DEFAULT_FILTERS, category: 'childProtection' }, NOW)).toBe(true);
    expect(matches(a, { ...DEFAULT_FILTERS, reference: ' nsp-cp-01 ' }, NOW)).toBe(true);
    expect(matches(a, { ...DEFAULT_FILTERS, reference: 'nsp-cp-01' }, NOW)).toBe(true);
    expect(matches(a, { ...DEFAULT_FILTERS, reference: 'CP-01' }, NOW)).toBe(false);
    expect(matches(a, { ...DEFAULT_FILTERS, dueThisWeek: true }, NOW)).toBe(false);
    expect(
      matches(
        a,
        {
          ...DEFAULT_FILTERS,
          overdue: true,
          childAtRisk: true,
          status: 'inProgress',
          themeId: '1',
        },
        NOW,
      ),
    ).toBe(true);
    expect(matches({ ...a, status: 'closed' }, FIGURE_FILTERS.childAtRisk, NOW)).toBe(false);
  });
});

describe('filters in a link', () => {
  it('round-trips every filter and leaves the defaults out', () => {
    const f = {
      status: 'awaitingSignOff',
      themeId: '12',
      category: 'childInNeed',
      agency: 'police',
      overdue: true,
      dueThisWeek: true,
      childAtRisk: true,
      reference: 'NSP-CIN',
      sort: 'reference',
      descending: true,
    } as const;
    expect(filtersToQuery(f)).toBe(
      'status=awaitingSignOff&theme=12&category=childInNeed&agency=police&overdue=1&due=week&atRisk=1&ref=NSP-CIN&sort=reference&order=desc',
    );
    expect(filtersFromQuery(filtersToQuery(f))).toEqual(f);
    expect(filtersToQuery(DEFAULT_FILTERS)).toBe('');
    expect(filtersFromQuery('')).toEqual(DEFAULT_FILTERS);
  });

  it('drops what it does not know instead of failing', () => {
    expect(
      filtersFromQuery('status=lost&theme=abc&category=x&agency=fire&sort=colour&overdue=yes'),
    ).toEqual(DEFAULT_FILTERS);
    expect(filtersFromQuery("ref=nsp-cp-01' or 1 eq 1")).toEqual({
      ...DEFAULT_FILTERS,
      reference: 'NSP-CP-01OR1EQ1',
    });
    expect(cleanReference('  nsp cp 0101 ')).toBe('NSPCP0101');
    // No longer than a reference can be.
    expect(cleanReference('NSP-CP-0101-'.repeat(4))).toBe('NSP-CP-0101-NSP-CP-0101-NSP-CP-0');
    // A theme is a list item's id: digits only, at most nine of them.
    for (const theme of ['x12', '12x', '1234567890'])
      expect(filtersFromQuery(`theme=${theme}`)).toEqual(DEFAULT_FILTERS);
    expect(filtersFromQuery('theme=123456789')).toEqual({
      ...DEFAULT_FILTERS,
      themeId: '123456789',
    });
  });
});

describe('an audit left incomplete by a failure', () => {
  it('names each missing contribution (the lead’s too) and the missing trail entry', () => {
    const a = audit({ agencies: ['socialCare', 'health'] });
    expect(missingRecords(a, { contributions: [], commissionedEvent: false })).toEqual([
      { kind: 'contribution', contributor: 'socialCare' },
      { kind: 'contribution', contributor: 'health' },
      { kind: 'contribution', contributor: 'multiAgency' },
      { kind: 'trailEvent' },
    ]);
    expect(
      missingRecords(a, {
        contributions: [
          { contributor: 'socialCare' },
          { contributor: 'health' },
          { contributor: 'multiAgency' },
        ],
        commissionedEvent: true,
      }),
    ).toEqual([]);
    expect(
      missingRecords(
        { ...a, leadAuditor: undefined },
        { contributions: [{ contributor: 'health' }], commissionedEvent: true },
      ),
    ).toEqual([{ kind: 'contribution', contributor: 'socialCare' }]);
  });

  it('counts the agencies that have submitted, the lead’s judgement apart', () => {
    expect(
      agencyProgress(audit({ agencies: ['socialCare', 'health', 'police'] }), [
        { contributor: 'socialCare', status: 'submitted' },
        { contributor: 'health', status: 'inProgress' },
        { contributor: 'multiAgency', status: 'submitted' },
      ]),
    ).toEqual({ submitted: 1, total: 3 });
    expect(
      agencyProgress(audit({ agencies: ['socialCare', 'health', 'police'] }), [
        { contributor: 'socialCare', status: 'submitted' },
        { contributor: 'police', status: 'submitted' },
        { contributor: 'health', status: 'inProgress' },
        { contributor: 'multiAgency', status: 'submitted' },
      ]),
    ).toEqual({ submitted: 2, total: 3 });
  });
});

describe('the overview', () => {
  it('gives each theme its planned, commissioned, submitted and signed-off counts', () => {
    const audits = [
      audit({ status: 'commissioned' }),
      audit({ status: 'moderation' }),
      audit({ status: 'awaitingSignOff' }),
      audit({ status: 'signedOff' }),
      audit({ status: 'closed' }),
      audit({ status: 'withdrawn' }),
      audit({ status: 'inProgress', themeId: '2' as Id<'programmeTheme'> }),
    ];
    const o = overview([theme('1', 8), theme('2', 3), theme('3', 4)], [...audits, audits[0]!], NOW);
    expect(o.themes.map(({ theme: t, ...rest }) => ({ id: t.id, ...rest }))).toEqual([
      { id: '1', planned: 8, commissioned: 5, submitted: 4, signedOff: 2 },
      { id: '2', planned: 3, commissioned: 1, submitted: 0, signedOff: 0 },
      { id: '3', planned: 4, commissioned: 0, submitted: 0, signedOff: 0 },
    ]);
  });

  it('counts each figure with the filter of the register it opens', () => {
    const audits = [
      audit({ dueDate: day(2) }),
      audit({ dueDate: day(6) }),
      audit({ dueDate: day(9) }),
      audit({ dueDate: day(-1) }),
      audit({ dueDate: day(-1), status: 'moderation', childAtRisk: true }),
      audit({ dueDate: day(-1), status: 'awaitingSignOff', childAtRisk: true }),
      audit({ status: 'closed', childAtRisk: true }),
    ];
    expect(overview([], audits, NOW).figures).toEqual({
      dueThisWeek: 2,
      overdue: 2,
      childAtRisk: 2,
      awaitingSignOff: 1,
    });
  });
});

describe('the programme year', () => {
  it('runs April to March, named by its two calendar years', () => {
    expect(programmeYear(new Date('2026-03-31T23:59:59Z'))).toBe('2025-26');
    expect(programmeYear(new Date('2026-04-01T00:00:00Z'))).toBe('2026-27');
    expect(programmeYear(new Date('2026-12-31T12:00:00Z'))).toBe('2026-27');
    expect(programmeYear(new Date('2099-05-01T00:00:00Z'))).toBe('2099-00');
    expect(programmeYear(new Date('2030-01-15T00:00:00Z'))).toBe('2029-30');
    expect(programmeYear(new Date('2008-06-01T00:00:00Z'))).toBe('2008-09');
  });
});

describe('sentences', () => {
  it('writes counts with proper plurals', () => {
    expect(countOf(0, 'audit', 'audits')).toBe('0 audits');
    expect(countOf(1, 'audit', 'audits')).toBe('1 audit');
    expect(countOf(2, 'audit', 'audits')).toBe('2 audits');
  });

  it('refuses a duplicate while the audit has not ended, naming the cases', () => {
    expect(blocksRecommissioning('signedOff')).toBe(true);
    expect(blocksRecommissioning('closed')).toBe(false);
    expect(blocksRecommissioning('withdrawn')).toBe(false);
    expect(
      duplicateRefusal([{ auditId: '1', caseReference: 'NSP-CP-0101', status: 'inProgress' }]),
    ).toBe(
      'Nothing was commissioned: NSP-CP-0101 is already being audited, and an audit that is not closed cannot be commissioned again. Open the existing audit, or tick "This is a re-audit" to audit the case again.',
    );
    expect(
      duplicateRefusal([
        { auditId: '1', caseReference: 'NSP-CP-0101', status: 'inProgress' },
        { auditId: '2', caseReference: 'NSP-CP-0102', status: 'commissioned' },
      ]),
    ).toMatch(
      /^Nothing was commissioned: 2 case references \(NSP-CP-0101, NSP-CP-0102\) are already being audited/,
    );
  });
});
