import type { AgencyContribution, Audit } from '../domain/records.js';
import type { OutboxEntry } from './outbox.js';

export const DUE_SOON_DAYS = 3;

/**
 * Reminders for open contributions: "due soon" within three days, "overdue" once the date has
 * passed. Each is keyed by contribution, event and auditor, so each is sent once however often
 * it is worked out. Only the business manager who commissioned an audit queues its reminders
 * (`queuer`): the outbox sends an item only from the tab of the person who queued it, so a
 * reminder always comes from that business manager, never from whoever opened the tab.
 */
export function reminderEntries(
  contributions: readonly AgencyContribution[],
  audits: readonly Audit[],
  now: Date,
  queuer: string,
): OutboxEntry[] {
  const byId = new Map(audits.map((a) => [a.id, a]));
  const entries: OutboxEntry[] = [];
  for (const c of contributions) {
    if (c.status === 'submitted' || !c.dueDate || !c.auditor) continue;
    const audit = byId.get(c.auditId);
    if (!audit || audit.status === 'signedOff' || audit.status === 'closed') continue;
    if (audit.commissionedBy?.id !== queuer) continue;
    const due = Date.parse(c.dueDate);
    const kind =
      due < now.getTime()
        ? 'overdue'
        : due - now.getTime() <= DUE_SOON_DAYS * 86_400_000
          ? 'dueSoon'
          : undefined;
    if (!kind) continue;
    entries.push({
      recordId: `contribution:${c.id}`,
      event: kind === 'overdue' ? 'auditOverdue' : 'auditDueSoon',
      recipient: { kind: 'chat', userId: c.auditor.id },
      card: {
        kind: 'auditDue',
        data: {
          kind,
          audit: { id: audit.id, caseReference: audit.caseReference, category: audit.category },
          due: c.dueDate,
        },
      },
    });
  }
  return entries;
}
