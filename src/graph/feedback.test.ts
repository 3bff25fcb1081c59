import { describe, expect, it } from '@jest/globals';
import type { AgencyContribution, Audit } from '../domain/records.js';
import { buildCard, parseCardSpec } from './cardSpecs.js';
import {
  feedbackAuditFacts,
  feedbackReminderEntries,
  feedbackTimings,
  type FeedbackRecord,
  sendTargetOf,
  withReplies,
} from './feedback.js';
import type { ListItem } from './listItems.js';

const record = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  id: '1',
  eTag: '"1"',
  key: '5:socialCare:p1',
  auditId: '5',
  caseReference: 'NSP-CP-0105',
  agency: 'socialCare',
  practitioner: { id: 'p1', displayName: 'Jo Fenwick' },
  stage: 'sent',
  ...over,
});
const audit = (over: Partial<Audit>): Audit =>
  ({
    id: '5',
    caseReference: 'NSP-CP-0105',
    status: 'awaitingSignOff',
    sentForSignOffAt: '2026-11-02T10:00:00Z',
    commissionedBy: { id: 'bm', displayName: 'Morgan Ellis' },
    ...over,
  }) as Audit;

describe('feedback in the graph layer', () => {
  it('reads the send target, refusing a value that is not whole working days from 1 to 60', () => {
    expect(sendTargetOf(undefined)).toBe(10);
    expect(sendTargetOf(' 5 ')).toBe(5);
    expect(() => sendTargetOf('ten')).toThrow(
      "The partnership setting feedbackSendWorkingDays is 'ten': it must be a whole number of working days from 1 to 60.",
    );
  });

  it('starts the clock when moderation agreed the grades (sent for sign-off), not before', () => {
    const sent = record({ sentAt: '2026-11-04T09:00:00Z' });
    expect(feedbackTimings([sent], [audit({})])[0]).toMatchObject({
      agreedAt: '2026-11-02T10:00:00Z',
      sentAt: '2026-11-04T09:00:00Z',
    });
    expect(
      feedbackTimings([sent], [audit({ status: 'moderation', sentForSignOffAt: undefined })])[0]
        ?.agreedAt,
    ).toBeUndefined();
  });

  it("starts each agency's clock when moderation agreed that agency's grades, before sign-off", () => {
    const agreed = audit({
      status: 'moderation',
      sentForSignOffAt: undefined,
      gradesAgreed: {
        socialCare: { at: '2026-11-10T09:00:00Z', by: { id: 'lead', displayName: 'Ruth Adeyemi' } },
      },
    });
    const police = record({ id: '2', agency: 'police', sentAt: undefined, stage: 'draft' });
    expect(feedbackTimings([record({}), police], [agreed]).map((t) => t.agreedAt)).toEqual([
      '2026-11-10T09:00:00Z',
      undefined,
    ]);
    const contributions = (['socialCare', 'police', 'multiAgency'] as const).map((contributor) => ({
      id: contributor,
      auditId: '5',
      contributor,
      auditor: undefined,
      status: 'submitted' as const,
      dueDate: undefined,
      eTag: '"1"',
    })) as unknown as AgencyContribution[];
    expect(feedbackAuditFacts(agreed, contributions).contributions).toEqual([
      { agency: 'socialCare', auditor: undefined, gradesAgreedAt: '2026-11-10T09:00:00Z' },
      { agency: 'police', auditor: undefined, gradesAgreedAt: undefined },
    ]);
  });

  it('reminds only the audits I commissioned, once per feedback, and tells the sender of a request to talk', () => {
    const waiting = record({ id: '7', sentAt: '2026-10-01T09:00:00Z' });
    const talk = record({
      id: '8',
      stage: 'acknowledged',
      sentAt: '2026-11-20T09:00:00Z',
      sentBy: { id: 'a1', displayName: 'Priya Shah' },
      conversationRequestedAt: '2026-11-21T09:00:00Z',
    });
    const now = new Date('2026-11-27T12:00:00Z');
    const mine = feedbackReminderEntries([waiting, talk], [audit({})], now, 10, 'bm');
    expect(mine.map((e) => [e.event, e.recordId, e.recipient])).toEqual([
      ['feedbackReminder', 'feedback:7', { kind: 'chat', userId: 'p1' }],
      ['conversationRequested', 'feedback:8', { kind: 'chat', userId: 'a1' }],
    ]);
    expect(feedbackReminderEntries([waiting, talk], [audit({})], now, 10, 'someone else')).toEqual(
      [],
    );
  });

  it('stores the three feedback cards as data the sender can read back and build, never the words', () => {
    const ctx = {
      links: { mode: 'local' as const, tabUrl: 'http://localhost:53000' },
      caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
    };
    const [reminder, conversation] = feedbackReminderEntries(
      [
        record({ id: '7', sentAt: '2026-10-01T09:00:00Z' }),
        record({
          id: '8',
          sentAt: '2026-11-20T09:00:00Z',
          sentBy: { id: 'a1', displayName: 'Priya Shah' },
          conversationRequestedAt: '2026-11-21T09:00:00Z',
        }),
      ],
      [audit({})],
      new Date('2026-11-27T12:00:00Z'),
      10,
      'bm',
    );
    const ready = {
      kind: 'feedbackReady',
      data: { feedback: { id: '9', caseReference: 'NSP-CP-0105' } },
    };
    for (const spec of [reminder!.card, conversation!.card, ready]) {
      const back = parseCardSpec(spec.kind, JSON.stringify(spec.data));
      expect(back).toEqual(spec);
      const card = JSON.stringify(buildCard(ctx, back).card);
      expect(card).toContain('NSP-CP-0105');
      expect(card).toContain(
        `#/feedback/${(spec.data as { feedback: { id: string } }).feedback.id}`,
      );
    }
    expect(() =>
      parseCardSpec(
        'conversationRequested',
        JSON.stringify({ feedback: { id: '8', caseReference: 'NSP-CP-0105' }, agency: 'finance' }),
      ),
    ).toThrow('an agency is unknown');
  });

  it("lays each practitioner's reply over its state, so reminders and timeliness count their acknowledgement", () => {
    const reply = (id: string, key: string, fields: Record<string, unknown>): ListItem => ({
      id,
      eTag: `"${id},1"`,
      fields: { ReplyKey: key, ...fields },
    });
    const sent = '2026-11-02T10:00:00Z';
    const states = [
      record({ id: '1', key: '5:socialCare:p1', sentAt: sent }),
      record({ id: '2', key: '5:socialCare:p2', sentAt: sent }),
      record({ id: '3', key: '5:socialCare:p3', sentAt: sent }),
    ];
    const merged = withReplies(states, [
      reply('10', '5:socialCare:p1|dates', {
        ReadAt: '2026-11-03T09:00:00Z',
        AcknowledgedAt: '2026-11-04T09:00:00Z',
      }),
      reply('11', '5:socialCare:p1|reflection', { Reflection: 'I will escalate sooner.' }),
      // Only the dates of the second: its reflection is not shared with this reader.
      reply('12', '5:socialCare:p2|dates', { ConversationRequestedAt: '2026-11-05T09:00:00Z' }),
      reply('13', 'another|dates', { AcknowledgedAt: '2026-11-04T09:00:00Z' }),
    ]);
    expect(merged[0]).toMatchObject({
      stage: 'acknowledged',
      acknowledgedAt: '2026-11-04T09:00:00Z',
      reply: {
        dates: { id: '10', eTag: '"10,1"' },
        reflection: { id: '11', eTag: '"11,1"', text: 'I will escalate sooner.' },
      },
    });
    expect(merged[1]).toMatchObject({
      stage: 'sent',
      conversationRequestedAt: '2026-11-05T09:00:00Z',
      reply: { dates: { id: '12' } },
    });
    expect(merged[1]?.reply?.reflection).toBeUndefined();
    // No reply at all: the state as it was.
    expect(merged[2]).toBe(states[2]);
    // The acknowledged one is neither reminded nor waiting; the conversation goes to its sender.
    const later = new Date('2026-12-20T10:00:00Z');
    const withSender = merged.map((r) => ({ ...r, sentBy: { id: 'a1', displayName: 'Priya' } }));
    const entries = feedbackReminderEntries(withSender, [audit({})], later, 10, 'bm');
    expect(entries.filter((e) => e.event === 'feedbackReminder').map((e) => e.recordId)).toEqual([
      'feedback:2',
      'feedback:3',
    ]);
    expect(
      entries.filter((e) => e.event === 'conversationRequested').map((e) => e.recordId),
    ).toEqual(['feedback:2']);
    expect(feedbackTimings(merged, [audit({})]).map((t) => t.acknowledgedAt)).toEqual([
      '2026-11-04T09:00:00Z',
      undefined,
      undefined,
    ]);
  });
});
