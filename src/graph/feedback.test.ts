import { describe, expect, it } from '@jest/globals';
import type { AgencyContribution, Audit } from '../domain/records.js';
import { buildCard, parseCardSpec } from './cardSpecs.js';
import {
  feedbackAuditFacts,
  feedbackReminderEntries,
  feedbackTimings,
  type FeedbackRecord,
  sendTargetOf,
} from './feedback.js';

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
});
