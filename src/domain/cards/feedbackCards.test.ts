import { describe, expect, it } from '@jest/globals';
import { parseProblems } from '../../../tests/support/adaptiveCards.js';
import { IdentifyingDetailError } from '../guard/identifyingDetail.js';
import type { CardMessage } from './cards.types.js';
import {
  conversationRequestedCard,
  feedbackReadyCard,
  feedbackReminderCard,
} from './feedbackCards.js';

const local = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' } as const,
  caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
};
const teams = {
  links: { mode: 'teams', teamsAppId: 'app-1', tenantId: 'tenant-1' } as const,
  caseReference: local.caseReference,
};
const feedback = { id: '77', caseReference: 'NSP-CIN-0201' };

// Built in each test, not while Jest collects the tests: mutation testing switches its mutants
// on only while a test runs.
const cases: Array<[string, () => CardMessage]> = [
  ['feedback ready', () => feedbackReadyCard(local, { feedback })],
  [
    'feedback reminder',
    () => feedbackReminderCard(local, { feedback, sentAt: '2026-11-16T09:00:00Z' }),
  ],
  [
    'conversation asked for',
    () => conversationRequestedCard(local, { feedback, agency: 'health' }),
  ],
];
const card = (i: number): CardMessage => cases[i]![1]();

describe('feedback cards', () => {
  it.each(cases)(
    '%s: parses at 1.5, previews within 150 characters, links to the feedback by id',
    (_, build) => {
      const m = build();
      expect(parseProblems(m)).toEqual([]);
      expect(m.preview.length).toBeLessThanOrEqual(150);
      expect(m.preview).toContain('NSP-CIN-0201');
      const actions = m.card.actions as Array<{ type: string; url: string }>;
      expect(actions).toHaveLength(1);
      expect(actions[0]?.url).toBe('http://localhost:53000/index.html#/feedback/77');
    },
  );

  it('tells the practitioner word for word that feedback is ready, and opens it', () => {
    const m = feedbackReadyCard(local, { feedback });
    expect(m.card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'Feedback on case NSP-CIN-0201',
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
      },
      {
        type: 'TextBlock',
        text: 'The multi-agency audit of a case you worked on has feedback for you: what worked well, what to do differently, and the difference it made to the child. It is about practice, not blame.',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: 'Open it to read it in full and acknowledge it. You can add a reflection and ask for a conversation with the auditor.',
        wrap: true,
      },
    ]);
    expect(m.card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Read the feedback',
        url: 'http://localhost:53000/index.html#/feedback/77',
      },
    ]);
    expect(m.text).toBe('Feedback on case NSP-CIN-0201 is ready for you.');
    expect(m.preview).toBe('Feedback on case NSP-CIN-0201 is ready');
  });

  it("never carries the feedback's words, only that it is ready", () => {
    const json = JSON.stringify(card(0).card);
    expect(json).toContain('Feedback on case NSP-CIN-0201');
    expect(card(0).text).toBe('Feedback on case NSP-CIN-0201 is ready for you.');
  });

  it('says when the feedback was sent in a reminder, without a year', () => {
    const m = card(1);
    expect(m.card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'Feedback waiting: NSP-CIN-0201',
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
      },
      {
        type: 'TextBlock',
        text: 'Feedback on case NSP-CIN-0201 was sent to you on 16 Nov and has not been acknowledged yet. Please read it and acknowledge it.',
        wrap: true,
      },
    ]);
    expect(m.card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Read the feedback',
        url: 'http://localhost:53000/index.html#/feedback/77',
      },
    ]);
    expect(m.text).toBe('Feedback on case NSP-CIN-0201 is waiting for you to acknowledge it.');
    expect(m.preview).toBe('Feedback waiting: NSP-CIN-0201');
    expect(JSON.stringify(m)).not.toMatch(/2026/);
  });

  it('names the agency but not the practitioner when a conversation is asked for', () => {
    const m = card(2);
    expect(m.card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'A conversation is requested: NSP-CIN-0201',
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
      },
      {
        type: 'TextBlock',
        text: 'A Health practitioner would like a conversation about their feedback on case NSP-CIN-0201. Open the feedback to see who, and any reflection they added.',
        wrap: true,
      },
    ]);
    expect(m.card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the feedback',
        url: 'http://localhost:53000/index.html#/feedback/77',
      },
    ]);
    expect(m.text).toBe(
      'A practitioner asks for a conversation about their feedback on case NSP-CIN-0201.',
    );
    expect(m.preview).toBe('A conversation is requested: NSP-CIN-0201');
  });

  it('opens the feedback in Teams by its subEntityId', () => {
    const m = feedbackReadyCard(teams, { feedback });
    const url = new URL((m.card.actions[0] as { url: string }).url);
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/app-1/myAudits');
    expect(JSON.parse(url.searchParams.get('context') ?? '{}')).toEqual({
      subEntityId: 'feedback:77',
    });
  });

  it('refuses a case reference that is not a pseudonym', () => {
    expect(() =>
      feedbackReadyCard(local, { feedback: { id: '1', caseReference: 'Jayden Okafor' } }),
    ).toThrow(IdentifyingDetailError);
  });
});
