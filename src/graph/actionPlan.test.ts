import { describe, expect, it } from '@jest/globals';
import { actionCardEntry, toPlannedAction } from './actionPlan.js';
import { buildCard, parseCardSpec } from './cardSpecs.js';
import { idempotencyKey } from './outbox.js';

const ctx = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' } as const,
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
};
const item = (fields: Record<string, unknown>) => ({
  id: '12',
  eTag: '"e1"',
  fields: {
    '@odata.etag': '"e1"',
    Title: 'Check every core group invitation list',
    Agency: 'health',
    Status: 'inProgress',
    OwnerId: 'u-grace',
    OwnerName: 'Grace Lin',
    DueDate: '2026-12-02T00:00:00Z',
    Recommendation: 'Health visitors join the first core group.',
    ...fields,
  },
});

describe('an action as stored', () => {
  it('says the report version it came from, when it was recorded', () => {
    const a = toPlannedAction(
      item({
        ReportId: 7,
        ReportSource: 'a1:v2',
        ReportVersion: 2,
        ReportTitle: 'Annual overview',
      }),
    );
    expect(a?.report).toEqual({ key: 'a1:v2', title: 'Annual overview', version: 2 });
    expect(toPlannedAction(item({}))?.report).toBeUndefined();
    expect(
      toPlannedAction(item({ ReportSource: 'a1:v2', ReportVersion: 0 }))?.report,
    ).toBeUndefined();
  });

  it('reads the days its cards went', () => {
    const a = toPlannedAction(item({ DueSoonSentOn: '2026-11-27', OverdueSentOn: '2026-12-03' }));
    expect(a).toMatchObject({ dueSoonSentOn: '2026-11-27', overdueSentOn: '2026-12-03' });
  });
});

describe("an action's card in the outbox", () => {
  const action = toPlannedAction(item({}))!;
  const owner = { id: 'u-grace', displayName: 'Grace Lin' };

  it('is keyed by action, event and owner, and goes to the owner in a one-to-one chat', () => {
    const entry = actionCardEntry(action, 'actionOverdue', owner);
    expect(idempotencyKey(entry)).toBe('action:12|actionOverdue|chat:u-grace');
    expect(entry.recipient).toEqual({ kind: 'chat', userId: 'u-grace' });
    expect(idempotencyKey(actionCardEntry(action, 'actionDueSoon', owner))).toBe(
      'action:12|actionDueSoon|chat:u-grace',
    );
  });

  it('is read back from its stored data and built as the product builds it', () => {
    const entry = actionCardEntry(action, 'actionDueSoon', owner);
    const back = parseCardSpec(entry.card.kind, JSON.stringify(entry.card.data));
    expect(back).toEqual(entry.card);
    const card = JSON.stringify(buildCard(ctx, back).card);
    expect(card).toContain('Action due soon');
    expect(card).toContain('http://localhost:53000/index.html#/actions/12');
  });

  it('refuses stored data the product would not have written', () => {
    const data = {
      kind: 'overdue',
      action: { id: '12', title: 'x', recommendation: '' },
      due: '2026-12-02',
    };
    const parse = (over: Record<string, unknown>) =>
      parseCardSpec('actionDue', JSON.stringify({ ...data, ...over }));
    expect(parse({}).kind).toBe('actionDue');
    expect(() => parse({ kind: 'someday' })).toThrow(
      'an action card is neither due soon nor overdue',
    );
    expect(() => parse({ action: { ...data.action, id: 'abc' } })).toThrow(
      'an action id is not a number',
    );
    expect(() => parse({ due: '2026-13-45' })).toThrow('the due day is not a day');
    expect(() => parse({ due: 'tomorrow' })).toThrow('the due day is not a day');
    expect(() => parse({ action: { ...data.action, title: 'x'.repeat(256) } })).toThrow(
      'the action is not text of at most 255 characters',
    );
  });
});
