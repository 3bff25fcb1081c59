import { describe, expect, it } from '@jest/globals';
import type { AuditStatus } from './records.js';
import { type SignOffCandidate, mySignOffs, overdueSignOffs } from './signOffs.js';
import { holidayCalendar } from './workingDays.js';

const ME = { id: 'u-som', displayName: 'Sign-off Manager' };
const OTHER = { id: 'u-other', displayName: 'Other Manager' };

const audit = (
  id: string,
  signOffDue: string | undefined,
  over: Partial<SignOffCandidate> = {},
): SignOffCandidate => ({
  id,
  caseReference: `NSP-CP-0${id}`,
  status: 'awaitingSignOff',
  signOffManager: ME,
  signOffDue,
  ...over,
});

// Wednesday 23 December 2026.
const NOW = new Date('2026-12-23T10:00:00Z');

describe('mySignOffs', () => {
  const audits = [
    audit('101', '2026-12-30'),
    audit('102', '2026-12-22'),
    audit('103', undefined),
    audit('104', '2026-12-23'),
    audit('105', '2026-12-29', { signOffManager: OTHER }),
    audit('106', '2026-12-24', { status: 'signedOff' as AuditStatus }),
    audit('107', '2026-12-24', { signOffManager: undefined }),
    audit('100', undefined),
  ];

  it("lists only the audits awaiting this person's sign-off, soonest due first", () => {
    expect(mySignOffs(audits, 'u-som', NOW).map((i) => i.audit.id)).toEqual([
      '102',
      '104',
      '101',
      '100',
      '103',
    ]);
  });

  it('says where each deadline stands, in working days over Christmas', () => {
    const items = mySignOffs(audits, 'u-som', NOW);
    expect(items.map((i) => i.deadline)).toEqual([
      { kind: 'overdue', due: '2026-12-22', workingDaysOverdue: 1 },
      { kind: 'dueToday', due: '2026-12-23' },
      // 24 December, then 29 and 30 (25 and 28 are bank holidays).
      { kind: 'upcoming', due: '2026-12-30', workingDaysLeft: 3 },
      undefined,
      undefined,
    ]);
  });

  it('uses the calendar it is given', () => {
    const cal = holidayCalendar({ 2026: [] });
    const [item] = mySignOffs([audit('101', '2026-12-30')], 'u-som', NOW, cal);
    expect(item!.deadline).toEqual({ kind: 'upcoming', due: '2026-12-30', workingDaysLeft: 5 });
  });

  it('is empty for someone with nothing to sign off', () => {
    expect(mySignOffs(audits, 'u-nobody', NOW)).toEqual([]);
  });
});

describe('overdueSignOffs', () => {
  it('finds the sign-offs past due, for every manager, and nothing else', () => {
    const audits = [
      audit('101', '2026-12-22'),
      audit('102', '2026-12-23'),
      audit('103', '2026-12-18', { signOffManager: OTHER }),
      audit('104', '2026-12-18', { status: 'returned' as AuditStatus }),
      audit('105', '2026-12-18', { signOffManager: undefined }),
      audit('106', undefined),
    ];
    expect(overdueSignOffs(audits, NOW).map((i) => [i.audit.id, i.deadline])).toEqual([
      ['101', { kind: 'overdue', due: '2026-12-22', workingDaysOverdue: 1 }],
      ['103', { kind: 'overdue', due: '2026-12-18', workingDaysOverdue: 3 }],
    ]);
  });

  it('uses the calendar it is given', () => {
    const cal = holidayCalendar({ 2026: ['2026-12-21', '2026-12-22'] });
    expect(overdueSignOffs([audit('103', '2026-12-18')], NOW, cal).map((i) => i.deadline)).toEqual([
      { kind: 'overdue', due: '2026-12-18', workingDaysOverdue: 1 },
    ]);
  });
});
