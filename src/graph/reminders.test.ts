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

describe('reminders: which, when and what they say', () => {
  const run = (contributions: AgencyContribution[], audits: Audit[] = [audit]) =>
    reminderEntries(contributions, audits, now, 'morgan').map((e) => [e.recordId, e.event]);

  it('is due soon up to three days ahead to the millisecond, and overdue only once passed', () => {
    expect(
      run([
        contribution('exactly3days', '2026-11-29T12:00:00Z'),
        contribution('justOver', '2026-11-29T12:00:00.001Z'),
        contribution('now', now.toISOString()),
        contribution('justPassed', '2026-11-26T11:59:59.999Z'),
      ]),
    ).toEqual([
      ['contribution:exactly3days', 'auditDueSoon'],
      ['contribution:now', 'auditDueSoon'],
      ['contribution:justPassed', 'auditOverdue'],
    ]);
  });

  it('does not remind without a due date, an auditor, or an open audit', () => {
    const open = contribution('a', '2026-11-20T00:00:00Z');
    expect(run([{ ...open, dueDate: undefined }])).toEqual([]);
    expect(run([{ ...open, auditor: undefined }])).toEqual([]);
    expect(run([open], [])).toEqual([]);
    expect(run([open], [{ ...audit, status: 'signedOff' }])).toEqual([]);
    expect(run([open], [{ ...audit, status: 'closed' }])).toEqual([]);
    expect(run([open], [{ ...audit, status: 'awaitingSignOff' }])).toEqual([
      ['contribution:a', 'auditOverdue'],
    ]);
    expect(run([{ ...open, status: 'returned' }])).toEqual([['contribution:a', 'auditOverdue']]);
  });

  it('queues the overdue and due-soon cards for the audit, to be built when sent', () => {
    const [entry] = reminderEntries(
      [contribution('b', '2026-11-20T00:00:00Z')],
      [audit],
      now,
      'morgan',
    );
    const about = { id: '1', caseReference: 'NSP-CP-0001', category: 'childProtection' };
    expect(entry!.card).toEqual({
      kind: 'auditDue',
      data: { kind: 'overdue', audit: about, due: '2026-11-20T00:00:00Z' },
    });
    const [soon] = reminderEntries(
      [contribution('a', '2026-11-28T00:00:00Z')],
      [audit],
      now,
      'morgan',
    );
    expect(soon!.card).toEqual({
      kind: 'auditDue',
      data: { kind: 'dueSoon', audit: about, due: '2026-11-28T00:00:00Z' },
    });
  });
});
