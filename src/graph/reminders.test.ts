import { describe, expect, it } from '@jest/globals';
import type { AgencyContribution, Audit, Id } from '../domain/records.js';
import { reminderEntries } from './reminders.js';

const now = new Date('2026-11-26T12:00:00Z');
const audit = {
  id: '1',
  caseReference: 'NSP-CP-0001',
  category: 'childProtection',
  status: 'inProgress',
  commissionedBy: { id: 'morgan', displayName: 'Morgan' },
} as Audit;
const contribution = (
  id: string,
  due: string,
  status: AgencyContribution['status'] = 'inProgress',
): AgencyContribution => ({
  id: id as Id<'contribution'>,
  auditId: '1' as Id<'audit'>,
  contributor: 'police',
  auditor: { id: 'dana', displayName: 'Dana' },
  status,
  dueDate: due,
  eTag: '',
});

describe('reminders', () => {
  it('reminds of what is due within three days or overdue, once per contribution and event', () => {
    const entries = reminderEntries(
      [
        contribution('a', '2026-11-28T00:00:00Z'),
        contribution('b', '2026-11-20T00:00:00Z'),
        contribution('c', '2026-12-20T00:00:00Z'),
        contribution('d', '2026-11-20T00:00:00Z', 'submitted'),
      ],
      [audit],
      now,
      'morgan',
    );
    expect(entries.map((e) => [e.recordId, e.event, e.recipient])).toEqual([
      ['contribution:a', 'auditDueSoon', { kind: 'chat', userId: 'dana' }],
      ['contribution:b', 'auditOverdue', { kind: 'chat', userId: 'dana' }],
    ]);
  });

  it("leaves an audit's reminders to the business manager who commissioned it", () => {
    const due = [contribution('a', '2026-11-28T00:00:00Z')];
    expect(reminderEntries(due, [audit], now, 'morgan')).toHaveLength(1);
    expect(reminderEntries(due, [audit], now, 'priya')).toEqual([]);
  });
});
