import { describe, expect, it } from '@jest/globals';
import { LIST_NAMES, SCHEMA } from './schema.js';

describe('the list schema', () => {
  it('defines every list once, with unique column names', () => {
    expect(SCHEMA.map((l) => l.name)).toEqual([...LIST_NAMES]);
    for (const list of SCHEMA) {
      const names = list.columns.map((c) => c.name.toLowerCase());
      expect([list.name, new Set(names).size]).toEqual([list.name, names.length]);
    }
  });

  it('indexes every unique column and never indexes multiple lines of text', () => {
    for (const list of SCHEMA) {
      for (const column of list.columns) {
        if (column.enforceUniqueValues)
          expect([`${list.name}.${column.name}`, column.indexed]).toEqual([
            `${list.name}.${column.name}`,
            true,
          ]);
        if ('text' in column && column.text.allowMultipleLines)
          expect([`${list.name}.${column.name}`, Boolean(column.indexed)]).toEqual([
            `${list.name}.${column.name}`,
            false,
          ]);
      }
    }
  });

  it('makes every key column unique: the idempotency of creates rests on it', () => {
    const keys = SCHEMA.flatMap((l) =>
      l.columns.filter((c) => /Key$/.test(c.name)).map((c) => ({ list: l.name, column: c })),
    );
    expect(keys.map((k) => `${k.list}.${k.column.name}`)).toEqual([
      'AuditProgrammes.ThemeKey',
      'Audits.AuditKey',
      'AgencyContributions.ContributionKey',
      'SectionAnswers.AnswerKey',
      'Feedback.FeedbackKey',
      'Actions.ActionKey',
      'OverviewReports.ReportKey',
      'AuditEvents.EventKey',
      'NotificationOutbox.IdempotencyKey',
      'PartnershipSettings.Key',
      'Findings.FindingKey',
      'FeedbackWords.FeedbackKey',
      'Digests.DigestKey',
      'FeedbackReplies.ReplyKey',
    ]);
    for (const k of keys)
      expect([k.column.name, k.column.enforceUniqueValues]).toEqual([k.column.name, true]);
  });

  it('indexes what the outbox drain filters on, so it never reads sent items', () => {
    const outbox = SCHEMA.find((l) => l.name === 'NotificationOutbox');
    for (const name of ['Status', 'NextAttemptAt', 'LeaseUntil', 'QueuedById'])
      expect([name, outbox?.columns.find((c) => c.name === name)?.indexed]).toEqual([name, true]);
  });
});
