import { describe, expect, it } from '@jest/globals';
import type { PersonRef } from '../records.js';
import {
  ACTION_DUE_SOON_WORKING_DAYS,
  type PlannedAction,
  actionCardsDue,
  actionDueSoonDays,
  actionOwners,
  actionRecommendations,
  actionSources,
  describeSource,
  reportVersionKey,
  actionDraftProblems,
  actionState,
  filterActions,
  updateAction,
  workingDaysOverdue,
} from './actionPlan.js';

// Friday 27 November 2026.
const NOW = new Date('2026-11-27T10:00:00Z');
const GRACE: PersonRef = { id: 'u-grace', displayName: 'Grace Lin' };
const OWEN: PersonRef = { id: 'u-owen', displayName: 'Owen Price' };
const BM = {
  person: { id: 'u-bm', displayName: 'Morgan Ellis' },
  isBusinessManager: true,
  leadsAgencies: [],
};
const HEALTH_LEAD = { person: GRACE, isBusinessManager: false, leadsAgencies: ['health' as const] };

const action = (id: string, over: Partial<PlannedAction> = {}): PlannedAction => ({
  id,
  recommendation: 'R1',
  title: 'Record the child’s words at every visit',
  agency: 'health',
  owner: GRACE,
  dueDate: '2026-12-10',
  status: 'notStarted',
  evidence: '',
  ...over,
});

describe('the state a person sees', () => {
  it('is the stored status until an open action passes its due day', () => {
    expect(actionState(action('1'), NOW)).toBe('notStarted');
    expect(actionState(action('1', { dueDate: '2026-11-27' }), NOW)).toBe('notStarted');
    expect(actionState(action('1', { dueDate: '2026-11-26', status: 'inProgress' }), NOW)).toBe(
      'overdue',
    );
    expect(actionState(action('1', { dueDate: '2026-11-26', status: 'done' }), NOW)).toBe('done');
    expect(actionState(action('1', { dueDate: undefined }), NOW)).toBe('notStarted');
  });

  it('counts how many working days an action is overdue', () => {
    // Due Friday 20 November: Monday 23 to Friday 27 is five working days.
    expect(workingDaysOverdue({ dueDate: '2026-11-20' }, NOW)).toBe(5);
    expect(workingDaysOverdue({ dueDate: '2026-12-20' }, NOW)).toBe(0);
    expect(workingDaysOverdue({ dueDate: undefined }, NOW)).toBe(0);
  });
});

describe('a new action', () => {
  const draft = {
    recommendation: 'R1',
    title: 'Audit supervision records',
    agency: 'police',
    owner: OWEN,
    dueDate: '2027-01-29',
  };
  it('can be saved when every part is there', () => {
    expect(actionDraftProblems(draft, NOW)).toEqual([]);
    expect(actionDraftProblems({ ...draft, dueDate: '2026-11-27' }, NOW)).toEqual([]);
  });
  it('names every missing or wrong part', () => {
    expect(
      actionDraftProblems(
        { recommendation: ' ', title: '', agency: 'army', owner: undefined, dueDate: 'soon' },
        NOW,
      ),
    ).toEqual([
      'Choose the recommendation this action answers.',
      'Say what will be done.',
      'Choose the agency that owns the action.',
      'Choose the person who owns the action.',
      'Give the day the action is due.',
    ]);
    expect(actionDraftProblems({ ...draft, dueDate: '2026-11-26' }, NOW)).toEqual([
      'The due day has passed: choose a day from today on.',
    ]);
    expect(actionDraftProblems({ ...draft, dueDate: '2026-02-30' }, NOW)).toEqual([
      'Give the day the action is due.',
    ]);
    // Spaces alone say nothing will be done.
    expect(actionDraftProblems({ ...draft, title: '   ' }, NOW)).toEqual([
      'Say what will be done.',
    ]);
  });
});

describe('updating an action', () => {
  it("lets an agency lead update their own agency's actions", () => {
    expect(updateAction(action('1'), HEALTH_LEAD, { status: 'inProgress', evidence: '' })).toEqual({
      kind: 'updated',
      changes: { status: 'inProgress', evidence: '' },
      details: 'Health action not started to in progress',
    });
    expect(
      updateAction(action('1', { status: 'inProgress' }), HEALTH_LEAD, {
        status: 'inProgress',
        evidence: ' Half the teams trained. ',
      }),
    ).toEqual({
      kind: 'updated',
      changes: { status: 'inProgress', evidence: 'Half the teams trained.' },
      details: 'Health action progress noted',
    });
  });

  it('lets a lead move an open action back, and add evidence to a done one', () => {
    expect(
      updateAction(action('1', { status: 'inProgress' }), HEALTH_LEAD, {
        status: 'notStarted',
        evidence: '',
      }),
    ).toMatchObject({ kind: 'updated', details: 'Health action in progress to not started' });
    expect(
      updateAction(action('1', { status: 'done', evidence: 'x' }), HEALTH_LEAD, {
        status: 'done',
        evidence: 'Template v3 in use by every team.',
      }),
    ).toMatchObject({ kind: 'updated', details: 'Health action progress noted' });
  });

  it("refuses another agency's lead", () => {
    expect(
      updateAction(action('1', { agency: 'police' }), HEALTH_LEAD, {
        status: 'inProgress',
        evidence: '',
      }),
    ).toEqual({
      kind: 'refused',
      reason: "Only Police's agency lead or the business manager can update this action.",
    });
  });

  it('needs evidence to mark an action done', () => {
    expect(updateAction(action('1'), HEALTH_LEAD, { status: 'done', evidence: '  ' })).toEqual({
      kind: 'refused',
      reason:
        'Say what shows the action is done: marking it done needs the evidence of completion.',
    });
    expect(
      updateAction(action('1'), HEALTH_LEAD, {
        status: 'done',
        evidence: 'Re-audit of 10 cases: all good.',
      }).kind,
    ).toBe('updated');
  });

  it('lets only the business manager reopen a done action', () => {
    const done = action('1', { status: 'done', evidence: 'Done.' });
    expect(updateAction(done, HEALTH_LEAD, { status: 'inProgress', evidence: 'Done.' })).toEqual({
      kind: 'refused',
      reason: 'The action is done. Only the business manager can reopen it.',
    });
    expect(updateAction(done, BM, { status: 'inProgress', evidence: 'Reopened.' })).toMatchObject({
      kind: 'updated',
      details: 'Health action done to in progress',
    });
  });
});

describe('cards for actions falling due and overdue', () => {
  const actions = [
    action('due-today', { dueDate: '2026-11-27' }),
    // Five working days from Friday 27 November is Friday 4 December.
    action('due-in-5', { dueDate: '2026-12-04' }),
    action('due-in-6', { dueDate: '2026-12-07' }),
    action('overdue', { dueDate: '2026-11-20', status: 'inProgress' }),
    action('overdue-told', { dueDate: '2026-11-20', overdueSentOn: '2026-11-23' }),
    action('soon-told', { dueDate: '2026-11-30', dueSoonSentOn: '2026-11-25' }),
    action('done', { dueDate: '2026-11-20', status: 'done', evidence: 'x' }),
    action('no-owner', { dueDate: '2026-11-20', owner: undefined }),
    action('no-date', { dueDate: undefined }),
  ];

  it('sends each card once, to the owner', () => {
    const due = actionCardsDue(actions, NOW, 5);
    expect(due.map((d) => [d.action.id, d.kind])).toEqual([
      ['due-today', 'actionDueSoon'],
      ['due-in-5', 'actionDueSoon'],
      ['overdue', 'actionOverdue'],
    ]);
    expect(due.every((d) => d.to === GRACE)).toBe(true);
  });

  it('sends the overdue card even after a due-soon one', () => {
    const told = action('x', { dueDate: '2026-11-26', dueSoonSentOn: '2026-11-20' });
    expect(actionCardsDue([told], NOW, 5).map((d) => d.kind)).toEqual(['actionOverdue']);
  });
});

describe("the business manager's view of the whole plan", () => {
  const plan = [
    action('a', { agency: 'police', owner: OWEN, dueDate: '2027-01-10' }),
    action('b', { dueDate: '2026-11-20' }),
    action('c', { dueDate: undefined, recommendation: 'R2' }),
    action('d', { status: 'done', evidence: 'x', dueDate: '2026-11-01' }),
  ];
  it('filters by agency, state, owner and recommendation, soonest due first', () => {
    expect(filterActions(plan, {}, NOW).map((a) => a.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(filterActions(plan, { agency: 'health' }, NOW).map((a) => a.id)).toEqual([
      'd',
      'b',
      'c',
    ]);
    expect(filterActions(plan, { state: 'overdue' }, NOW).map((a) => a.id)).toEqual(['b']);
    expect(filterActions(plan, { ownerId: 'u-owen' }, NOW).map((a) => a.id)).toEqual(['a']);
    expect(filterActions(plan, { recommendation: 'R2' }, NOW).map((a) => a.id)).toEqual(['c']);
  });
});

describe('the due-soon days', () => {
  it('are a working week unless the partnership sets them', () => {
    expect(ACTION_DUE_SOON_WORKING_DAYS).toBe(5);
    expect(actionDueSoonDays(undefined)).toBe(5);
    expect(actionDueSoonDays(' ')).toBe(5);
    expect(actionDueSoonDays('3')).toBe(3);
    expect(actionDueSoonDays('1')).toBe(1);
    expect(actionDueSoonDays('60')).toBe(60);
  });

  it('refuse a setting that is not a whole number of days from 1 to 60, naming it', () => {
    for (const bad of ['0', '61', '2.5', 'soon', '-1'])
      expect(() => actionDueSoonDays(bad)).toThrow(
        `The partnership setting actionDueSoonWorkingDays is '${bad}': it must be a whole number of working days from 1 to 60.`,
      );
  });
});

describe('where an action came from', () => {
  const annual = { key: reportVersionKey('a1b2', 2), title: 'Annual overview', version: 2 };
  const annualV1 = { key: reportVersionKey('a1b2', 1), title: 'Annual overview', version: 1 };
  const neglect = { key: 'n9:v1', title: 'Neglect theme', version: 1 };
  const plan = [
    action('a', { report: annual, recommendation: 'R1' }),
    action('b', { report: neglect, recommendation: 'R2', owner: OWEN }),
    action('c', { report: annual, recommendation: 'R1', owner: OWEN }),
    action('d', { report: annualV1, recommendation: '' }),
    action('e', { owner: undefined }),
  ];

  it('is named by the version key and read as a title and version', () => {
    expect(annual.key).toBe('a1b2:v2');
    expect(describeSource(annual)).toBe('Annual overview, version 2');
  });

  it('filters the plan by report version', () => {
    expect(filterActions(plan, { ownerId: 'u-owen' }, NOW).map((a) => a.id)).toEqual(['b', 'c']);
    expect(filterActions(plan, { report: 'a1b2:v2' }, NOW).map((a) => a.id)).toEqual(['a', 'c']);
    expect(
      filterActions(plan, { report: 'n9:v1', ownerId: 'u-owen' }, NOW).map((a) => a.id),
    ).toEqual(['b']);
    expect(filterActions(plan, { report: 'none' }, NOW)).toEqual([]);
  });

  it('offers each owner, recommendation and source once, in reading order', () => {
    expect(actionOwners(plan)).toEqual([GRACE, OWEN]);
    expect(actionOwners([action('x', { owner: OWEN }), action('y', { owner: GRACE })])).toEqual([
      GRACE,
      OWEN,
    ]);
    const twin = { id: 'u-grace-2', displayName: 'Grace Lin' };
    expect(actionOwners([action('x', { owner: twin }), action('y')])).toEqual([GRACE, twin]);
    expect(actionRecommendations(plan)).toEqual(['R1', 'R2']);
    expect(actionSources(plan)).toEqual([annualV1, annual, neglect]);
    expect(
      actionSources([action('x', { report: neglect }), action('y', { report: annual })]),
    ).toEqual([annual, neglect]);
  });
});
