import type { AgencyContribution, Audit } from '../domain/records.js';
import { signOffOverdueEntries } from './lifecycle.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { Repositories } from './repositories.js';

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

/**
 * Works out the reminders due now (contributions due soon or overdue, sign-offs overdue) and
 * queues those of the audits I commissioned: run as the tab
 * opens. Returns how many were queued (each key is queued once, however often this runs).
 */
export async function queueReminders(
  deps: { repositories: Repositories; outbox: Outbox },
  me: string,
  now: Date,
): Promise<number> {
  const [due, audits] = await Promise.all([
    deps.repositories.contributions.dueBy(new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000)),
    deps.repositories.audits.list(),
  ]);
  // Sign-offs past their due day too (working days): the same queuer, each card once per due day.
  const entries = [
    ...reminderEntries(due, audits, now, me),
    ...signOffOverdueEntries(audits, now, me),
  ];
  if (entries.length > 0) await deps.outbox.enqueue(entries);
  return entries.length;
}
