/** @jest-environment jsdom */
import { AdaptiveCard, SerializationContext, Versions } from 'adaptivecards';
import { describe, expect, it } from '@jest/globals';
import { IdentifyingDetailError } from '../guard/identifyingDetail.js';
import {
  auditAssignedCard,
  auditDueCard,
  auditsCommissionedCard,
  CardTooLargeError,
  childAtRiskCard,
  programmePublishedCard,
} from './cards.js';
import type { CardMessage } from './cards.types.js';
import { deepLink } from './links.js';

const ctx = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' } as const,
  caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
};
const audit = { id: '12', caseReference: 'NSP-CP-0101', category: 'childProtection' as const };

/** The official renderer's parser must read the card at 1.5 with no error or warning. */
function parseProblems(message: CardMessage): string[] {
  const context = new SerializationContext(Versions.v1_5);
  const card = new AdaptiveCard();
  card.parse(message.card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

const cases: Array<[string, CardMessage]> = [
  [
    'programme published',
    programmePublishedCard(ctx, {
      year: '2026-27',
      themes: [
        {
          title: 'Child in need plans that drift',
          prioritySource: 'performanceIndicator',
          categories: ['childInNeed'],
          plannedMonth: 'July 2026',
          sampleSize: 6,
        },
      ],
    }),
  ],
  [
    'audits commissioned',
    auditsCommissionedCard(ctx, {
      themeTitle: 'Neglect',
      audits: [audit, { ...audit, id: '13', caseReference: 'NSP-CP-0102' }],
      due: '2026-12-10T00:00:00Z',
    }),
  ],
  [
    'audit assigned',
    auditAssignedCard(ctx, { audits: [{ ...audit, role: 'Police' }], due: '2026-12-10T00:00:00Z' }),
  ],
  ['due soon', auditDueCard(ctx, { kind: 'dueSoon', audit, due: '2026-12-10T00:00:00Z' })],
  ['overdue', auditDueCard(ctx, { kind: 'overdue', audit, due: '2026-11-01T00:00:00Z' })],
  ['child at risk now', childAtRiskCard(ctx, { audit })],
];

describe('card builders', () => {
  it.each(cases)('%s: parses at version 1.5 with no error or warning', (_, message) => {
    expect(message.card.version).toBe('1.5');
    expect(parseProblems(message)).toEqual([]);
    expect(message.preview.length).toBeLessThanOrEqual(150);
  });

  it.each(cases)('%s: links only by record id, and shows no date with a year', (_, message) => {
    const json = JSON.stringify(message.card);
    expect(json).not.toMatch(/\b\d{1,2} [A-Z][a-z]{2} \d{4}\b/);
    for (const action of message.card.actions as Array<{ type: string; url: string }>) {
      expect(action.type).toBe('Action.OpenUrl');
      expect(action.url).toMatch(
        /^http:\/\/localhost:53000\/index\.html#\/(audits\/\d+|programme)$/,
      );
    }
  });

  it('gives each audit one button, even when the person has two roles in it', () => {
    const message = auditAssignedCard(ctx, {
      audits: [
        { ...audit, role: 'Police' },
        { ...audit, role: 'Lead auditor' },
      ],
      due: undefined,
    });
    expect(message.card.actions).toHaveLength(1);
  });

  it('shows the case reference and the due day on an assignment', () => {
    const json = JSON.stringify(cases[2]![1].card);
    expect(json).toContain('NSP-CP-0101');
    expect(json).toContain('10 Dec');
  });

  it('refuses a text with identifying detail before it reaches a card', () => {
    expect(() =>
      auditsCommissionedCard(ctx, {
        themeTitle: 'Cases like Jane Smith',
        audits: [audit],
        due: undefined,
      }),
    ).toThrow(IdentifyingDetailError);
    expect(() =>
      auditsCommissionedCard(ctx, {
        themeTitle: 'Neglect',
        audits: [{ ...audit, caseReference: 'DOB 01/02/2015' }],
        due: undefined,
      }),
    ).toThrow(IdentifyingDetailError);
  });

  it('refuses a card over 28 KB', () => {
    const many = Array.from({ length: 600 }, (_, i) => ({
      ...audit,
      id: String(i),
      caseReference: `NSP-CP-${String(i).padStart(4, '0')}`,
    }));
    expect(() =>
      auditsCommissionedCard(ctx, { themeTitle: 'Neglect', audits: many, due: undefined }),
    ).toThrow(CardTooLargeError);
  });

  it('links into Teams with the record as subEntityId', () => {
    const url = new URL(
      deepLink(
        { mode: 'teams', teamsAppId: 'app-id', tenantId: 'tenant' },
        { kind: 'audit', id: '12' },
      ),
    );
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/app-id/myAudits');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'audit:12' });
  });
});
