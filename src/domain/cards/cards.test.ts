import { describe, expect, it } from '@jest/globals';
import { parseProblems } from '../../../tests/support/adaptiveCards.js';
import { IdentifyingDetailError } from '../guard/identifyingDetail.js';
import {
  auditAssignedCard,
  auditDueCard,
  auditReturnedCard,
  auditSignedOffCard,
  auditsCommissionedCard,
  CardTooLargeError,
  childAtRiskCard,
  dueLabel,
  MAX_CARD_BYTES,
  programmePublishedCard,
  readyForSignOffCard,
  signOffOverdueCard,
} from './cards.js';
import type { CardMessage } from './cards.types.js';
import { deepLink } from './links.js';

const ctx = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' } as const,
  caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
};
const audit = { id: '12', caseReference: 'NSP-CP-0101', category: 'childProtection' as const };

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
  ['ready for sign-off', readyForSignOffCard(ctx, { audit, due: '2026-12-10' })],
  ['returned for changes', auditReturnedCard(ctx, { audit })],
  [
    'signed off',
    auditSignedOffCard(ctx, { audit, signedOffAt: '2026-12-08T10:00:00Z', findings: 2 }),
  ],
  ['sign-off overdue', signOffOverdueCard(ctx, { audit, due: '2026-12-01', workingDaysLate: 3 })],
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

/** Every text block on a card, in order, as Teams shows them. */
const texts = (message: CardMessage): string[] => {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n['type'] === 'TextBlock') out.push(n['text'] as string);
      Object.values(n).forEach(walk);
    }
  };
  walk(message.card.body);
  return out;
};
/** The card's buttons: each opens a link in the tab. */
const buttons = (message: CardMessage) =>
  (message.card.actions as Array<{ type: string; title: string; url: string }>).map((a) => {
    expect(a.type).toBe('Action.OpenUrl');
    return [a.title, a.url];
  });
const heading = (text: string) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  size: 'Large',
  weight: 'Bolder',
});
const local = (hash: string) => `http://localhost:53000/index.html#/${hash}`;

describe('what each card says', () => {
  it('the lifecycle cards name the case and the day, never the comments, and open the audit', () => {
    const ready = readyForSignOffCard(ctx, { audit, due: '2026-12-10' });
    expect(texts(ready)[0]).toBe('Ready for sign-off: NSP-CP-0101');
    expect(ready.preview).toBe('Ready for sign-off: NSP-CP-0101, due 10 Dec');
    expect(buttons(ready)).toEqual([['Open the audit', local('audits/12')]]);
    const returned = auditReturnedCard(ctx, { audit });
    expect(returned.text).toBe('The audit NSP-CP-0101 was returned to moderation with comments.');
    const signed = auditSignedOffCard(ctx, {
      audit,
      signedOffAt: '2026-12-08T10:00:00Z',
      findings: 2,
    });
    expect(JSON.stringify(signed.card.body)).toContain('"value":"8 Dec"');
    expect(JSON.stringify(signed.card.body)).toContain('"title":"Moderation findings","value":"2"');
    const late = signOffOverdueCard(ctx, { audit, due: '2026-12-01', workingDaysLate: 1 });
    expect(late.text).toBe('Your sign-off was due 1 Dec: 1 working day ago.');
    expect(signOffOverdueCard(ctx, { audit, due: '2026-12-01', workingDaysLate: 3 }).text).toBe(
      'Your sign-off was due 1 Dec: 3 working days ago.',
    );
  });

  it('the lifecycle cards, word for word: heading, lines, button, notification text and preview', () => {
    const openAudit = [
      { type: 'Action.OpenUrl', title: 'Open the audit', url: local('audits/12') },
    ];
    const line = (text: string) => ({ type: 'TextBlock', text, wrap: true });
    const ready = readyForSignOffCard(ctx, { audit, due: '2026-12-10' });
    expect(ready.card.body).toEqual([
      heading('Ready for sign-off: NSP-CP-0101'),
      line(
        'Moderation is finished and the audit is waiting for your sign-off, due 10 Dec. Read it, then sign it off or return it with comments.',
      ),
    ]);
    expect(ready.text).toBe('An audit is ready for your sign-off: NSP-CP-0101.');
    const returned = auditReturnedCard(ctx, { audit });
    expect(returned.card.body).toEqual([
      heading('Returned for changes: NSP-CP-0101'),
      line(
        'The sign-off manager returned the audit to moderation. Open it to read their comments, make the changes and send it for sign-off again.',
      ),
    ]);
    expect(returned.card.actions).toEqual(openAudit);
    expect(returned.preview).toBe('Returned for changes: NSP-CP-0101');
    const signed = auditSignedOffCard(ctx, {
      audit,
      signedOffAt: '2026-12-08T10:00:00Z',
      findings: 2,
    });
    expect(signed.card.body).toEqual([
      { ...heading('Signed off: NSP-CP-0101'), color: 'Good' },
      {
        type: 'FactSet',
        facts: [
          { title: 'Signed off', value: '8 Dec' },
          { title: 'Moderation findings', value: '2' },
        ],
      },
      {
        ...line('Feedback to the practitioners whose work was audited comes next.'),
        isSubtle: true,
      },
    ]);
    expect(signed.card.actions).toEqual(openAudit);
    expect(signed.text).toBe('The audit NSP-CP-0101 has been signed off.');
    expect(signed.preview).toBe('Signed off: NSP-CP-0101');
    // Overdue the working day after the due day: no "0 working days ago".
    const dueYesterday = signOffOverdueCard(ctx, { audit, due: '2026-12-01', workingDaysLate: 0 });
    expect(dueYesterday.card.body).toEqual([
      { ...heading('Sign-off overdue: NSP-CP-0101'), color: 'Attention' },
      line('Your sign-off was due 1 Dec.'),
    ]);
    expect(dueYesterday.card.actions).toEqual(openAudit);
    expect(dueYesterday.text).toBe('Your sign-off was due 1 Dec.');
    expect(dueYesterday.preview).toBe('Sign-off overdue: NSP-CP-0101');
  });

  it('due soon and overdue say which, with the due day and one button', () => {
    const soon = auditDueCard(ctx, { kind: 'dueSoon', audit, due: '2026-12-10T00:00:00Z' });
    expect(soon.card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'Due soon: NSP-CP-0101',
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
      },
      { type: 'TextBlock', text: 'Your audit is due 10 Dec.', wrap: true },
    ]);
    expect(soon.text).toBe('Your audit is due 10 Dec.');
    expect(soon.preview).toBe('Due soon: NSP-CP-0101');
    expect(buttons(soon)).toEqual([['Open the audit', local('audits/12')]]);

    const late = auditDueCard(ctx, { kind: 'overdue', audit, due: '2026-11-01T00:00:00Z' });
    expect(texts(late)).toEqual(['Overdue: NSP-CP-0101', 'Your audit was due 1 Nov.']);
    expect(late.text).toBe('Your audit was due 1 Nov.');
    expect(late.preview).toBe('Overdue: NSP-CP-0101');
  });

  it('a card is an Adaptive Card 1.5 with its schema', () => {
    const { card } = childAtRiskCard(ctx, { audit });
    expect([card.type, card.$schema, card.version]).toEqual([
      'AdaptiveCard',
      'http://adaptivecards.io/schemas/adaptive-card.json',
      '1.5',
    ]);
  });

  it('child at risk now: in the attention colour, asking to act at once', () => {
    const message = childAtRiskCard(ctx, { audit });
    expect(message.card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'Child at risk now',
        wrap: true,
        size: 'Large',
        weight: 'Bolder',
        color: 'Attention',
      },
      {
        type: 'TextBlock',
        text: "An auditor found that the child in case NSP-CP-0101 may be at risk now. Open the audit for the reason and act at once, outside the audit's pace.",
        wrap: true,
      },
    ]);
    expect(message.text).toBe('Child at risk now: NSP-CP-0101. Open the audit and act at once.');
    expect(message.preview).toBe('Child at risk now: NSP-CP-0101');
    expect(buttons(message)).toEqual([['Open the audit', local('audits/12')]]);
  });

  it('programme published: the year, the number of themes, and each theme with its facts', () => {
    const message = programmePublishedCard(ctx, {
      year: '2026-27',
      themes: [
        {
          title: 'Neglect',
          prioritySource: 'practiceReview',
          categories: ['childInNeed', 'childProtection'],
          plannedMonth: 'May 2026',
          sampleSize: 6,
        },
        {
          title: 'Drift',
          prioritySource: 'baseline',
          categories: ['childrenInCare'],
          plannedMonth: 'June 2026',
          sampleSize: 4,
        },
      ],
    });
    expect(message.card.body[0]).toEqual({
      type: 'TextBlock',
      text: 'Audit programme 2026-27 published',
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
    });
    expect(texts(message).slice(1)).toEqual([
      "2 themes of multi-agency case audit this year. Agencies can prepare: practice will be audited against the partnership's tools and grades.",
      'Neglect',
      'Drift',
    ]);
    expect(message.card.body[2]).toEqual({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: 'Neglect', wrap: true, weight: 'Bolder' },
        {
          type: 'FactSet',
          facts: [
            { title: 'Planned', value: 'May 2026' },
            { title: 'Cases', value: 'Child in need, Child protection' },
            { title: 'Sample', value: '6' },
            { title: 'Why', value: 'Child safeguarding practice review' },
          ],
        },
      ],
    });
    expect(message.text).toBe('The audit programme for 2026-27 has been published.');
    expect(message.preview).toBe('Audit programme 2026-27 published: 2 themes');
    expect(buttons(message)).toEqual([['Open the programme', local('programme')]]);
  });

  it('programme published, in Teams: the button opens the programme page, naming no record', () => {
    const teams = { mode: 'teams', teamsAppId: 'app-id', tenantId: 'tenant' } as const;
    const message = programmePublishedCard(
      { ...ctx, links: teams },
      {
        year: '2026-27',
        themes: [
          {
            title: 'Neglect',
            prioritySource: 'baseline',
            categories: ['childInNeed'],
            plannedMonth: 'May 2026',
            sampleSize: 6,
          },
        ],
      },
    );
    expect(buttons(message)).toEqual([
      [
        'Open the programme',
        'https://teams.microsoft.com/l/entity/app-id/myAudits?tenantId=tenant&label=Case+audit&context=%7B%22subEntityId%22%3A%22area%3Aprogramme%22%7D',
      ],
    ]);
  });

  it('audits commissioned: one or several, with the theme, each case and the due day', () => {
    const second = {
      ...audit,
      id: '13',
      caseReference: 'NSP-CN-0102',
      category: 'childInNeed' as const,
    };
    const two = auditsCommissionedCard(ctx, {
      themeTitle: 'Neglect',
      audits: [audit, second],
      due: '2026-12-10T00:00:00Z',
    });
    expect(two.card.body[0]).toEqual(heading('2 audits commissioned'));
    expect(texts(two)).toEqual([
      '2 audits commissioned',
      'Theme: Neglect',
      'Due 10 Dec. Auditors have been told in a chat of their own.',
    ]);
    expect(two.card.body[2]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'NSP-CP-0101', value: 'Child protection' },
        { title: 'NSP-CN-0102', value: 'Child in need' },
      ],
    });
    expect(two.card.body[3]).toMatchObject({ isSubtle: true });
    expect(two.text).toBe('2 audits commissioned for the theme Neglect.');
    expect(two.preview).toBe('Commissioned: NSP-CP-0101, NSP-CN-0102');
    expect(buttons(two)).toEqual([
      ['Open NSP-CP-0101', local('audits/12')],
      ['Open NSP-CN-0102', local('audits/13')],
    ]);

    const one = auditsCommissionedCard(ctx, {
      themeTitle: 'Neglect',
      audits: [audit],
      due: undefined,
    });
    expect(texts(one)[0]).toBe('Audit commissioned');
    expect(texts(one)[2]).toBe('Due no date set. Auditors have been told in a chat of their own.');
  });

  it('audit assigned: one or several, each case with its category and role', () => {
    const one = auditAssignedCard(ctx, {
      audits: [{ ...audit, role: 'Police' }],
      due: '2026-12-10T00:00:00Z',
    });
    expect(one.card.body[0]).toEqual(heading('You have an audit to do'));
    expect(texts(one)).toEqual([
      'You have an audit to do',
      "Due 10 Dec. Read the last 12 months of your agency's record; judge mainly on the last 6.",
    ]);
    expect(one.card.body[1]).toEqual({
      type: 'FactSet',
      facts: [{ title: 'NSP-CP-0101', value: 'Child protection: Police' }],
    });
    expect(one.text).toBe('You have been assigned an audit.');
    expect(one.preview).toBe('Audit assigned: NSP-CP-0101, due 10 Dec');

    const two = auditAssignedCard(ctx, {
      audits: [
        { ...audit, role: 'Police' },
        { ...audit, id: '13', caseReference: 'NSP-CP-0102', role: 'Lead auditor' },
      ],
      due: undefined,
    });
    expect(texts(two)[0]).toBe('You have 2 audits to do');
    expect(two.preview).toBe('Audit assigned: NSP-CP-0101, NSP-CP-0102, due no date set');
  });

  it('shows five audit buttons at most', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      ...audit,
      id: String(20 + i),
      caseReference: `NSP-CP-020${i}`,
    }));
    const message = auditsCommissionedCard(ctx, {
      themeTitle: 'Neglect',
      audits: six,
      due: undefined,
    });
    expect(buttons(message).map(([title]) => title)).toEqual([
      'Open NSP-CP-0200',
      'Open NSP-CP-0201',
      'Open NSP-CP-0202',
      'Open NSP-CP-0203',
      'Open NSP-CP-0204',
    ]);
  });

  it('keeps a preview of 150 characters, and cuts a longer one to 147 and an ellipsis', () => {
    // "Commissioned: " (14) and ten references joined by ", " (18): 142 with references of 11
    // characters; each one of 12 instead ("NSP-CPX-…") adds one.
    const preview = (longer: number) => {
      const audits = Array.from({ length: 10 }, (_, i) => ({
        ...audit,
        id: String(100 + i),
        caseReference: `NSP-${i < longer ? 'CPX' : 'CP'}-${1000 + i}`,
      }));
      return auditsCommissionedCard(ctx, { themeTitle: 'Neglect', audits, due: undefined }).preview;
    };
    const full = (longer: number) =>
      `Commissioned: ${Array.from({ length: 10 }, (_, i) => `NSP-${i < longer ? 'CPX' : 'CP'}-${1000 + i}`).join(', ')}`;
    expect(full(8)).toHaveLength(150);
    expect(preview(8)).toBe(full(8));
    expect(full(9)).toHaveLength(151);
    expect(preview(9)).toBe(`${full(9).slice(0, 147)}...`);
    expect(preview(9)).toHaveLength(150);
  });

  it('accepts a card of exactly 28 KB and refuses one byte more, saying the size', () => {
    const sized = (title: string) =>
      auditsCommissionedCard(ctx, { themeTitle: title, audits: [audit], due: undefined });
    const base = new TextEncoder().encode(JSON.stringify(sized('').card)).length;
    // Short words, not one long one: the guard reads a 28 KB single word in seconds (some of its
    // patterns backtrack over a long run of letters), which made each mutation run slow.
    const fill = (n: number) => 'x '.repeat(n).slice(0, n - 1) + 'x';
    expect(MAX_CARD_BYTES).toBe(28 * 1024);
    expect(() => sized(fill(28 * 1024 - base))).not.toThrow();
    expect(() => sized(fill(28 * 1024 - base + 1))).toThrow(
      new CardTooLargeError('The card is 28673 bytes; Teams accepts at most 28672.'),
    );
  });

  it('shows a due day without its year, in UTC, or says there is none', () => {
    expect(dueLabel('2026-12-10T00:00:00Z')).toBe('10 Dec');
    expect(dueLabel('2026-12-10T23:59:00Z')).toBe('10 Dec');
    expect(dueLabel(undefined)).toBe('no date set');
    expect(dueLabel('')).toBe('no date set');
  });

  it('checks every text on the card and the message, but not links or card types', () => {
    const person = 'Jane Smith';
    expect(() =>
      programmePublishedCard(ctx, {
        year: '2026-27',
        themes: [
          {
            title: 'Neglect',
            prioritySource: 'baseline',
            categories: ['childInNeed'],
            plannedMonth: person,
            sampleSize: 6,
          },
        ],
      }),
    ).toThrow(IdentifyingDetailError);
    expect(() => programmePublishedCard(ctx, { year: `${person} 2026`, themes: [] })).toThrow(
      /^Notification: This text seems to hold a person's name \(word \d+\)\./,
    );
  });

  it('refuses a theme named as a person, as the message says it ("… for the theme Ruby.")', () => {
    // The card shows "Theme: Ruby", where the guard takes the name for a sentence's first word
    // and lets it pass; the message is checked first, and finds it mid-sentence (word 7).
    expect(() =>
      auditsCommissionedCard(ctx, { themeTitle: 'Ruby', audits: [audit], due: undefined }),
    ).toThrow(/^Notification: This text seems to hold a person's name \(word 7\)\./);
  });

  it("is not refused for a link or a partnership's own case reference", () => {
    // Links carry only record ids, which are not checked as text: this one, as text, would read
    // as an NHS number.
    expect(buttons(childAtRiskCard(ctx, { audit: { ...audit, id: '9434765919' } }))).toEqual([
      ['Open the audit', local('audits/9434765919')],
    ]);
    // Ten digits with a valid NHS check digit: refused as text, sent as the partnership's reference.
    const tenDigits = { links: ctx.links, caseReference: /\bCASE-\d{10}\b/ };
    expect(
      childAtRiskCard(tenDigits, { audit: { ...audit, caseReference: 'CASE-9434765919' } }).preview,
    ).toBe('Child at risk now: CASE-9434765919');
    expect(() =>
      childAtRiskCard(ctx, { audit: { ...audit, caseReference: 'CASE-9434765919' } }),
    ).toThrow(/an NHS number/);
  });
});

describe('deep links', () => {
  it('leads each area to its page in the local tab, however the tab URL ends', () => {
    const base = { mode: 'local', tabUrl: 'http://localhost:53000//' } as const;
    expect(
      (['myAudits', 'programme', 'reports', 'actions', 'feedback'] as const).map((area) =>
        deepLink(base, { kind: 'area', area }),
      ),
    ).toEqual([
      'http://localhost:53000/index.html#/my-audits',
      'http://localhost:53000/index.html#/programme',
      'http://localhost:53000/index.html#/reports',
      'http://localhost:53000/index.html#/actions',
      'http://localhost:53000/index.html#/feedback',
    ]);
    expect(deepLink(base, { kind: 'audit', id: '12' })).toBe(
      'http://localhost:53000/index.html#/audits/12',
    );
  });

  it('leads into Teams with the tenant, the label and the page as subEntityId for an area', () => {
    const url = new URL(
      deepLink(
        { mode: 'teams', teamsAppId: 'app id/1', tenantId: 'tenant-1' },
        { kind: 'area', area: 'programme' },
      ),
    );
    expect(url.pathname).toBe('/l/entity/app%20id%2F1/myAudits');
    expect([...url.searchParams]).toEqual([
      ['tenantId', 'tenant-1'],
      ['label', 'Case audit'],
      ['context', '{"subEntityId":"area:programme"}'],
    ]);
  });
});
