import { describe, expect, it } from '@jest/globals';
import { parseProblems } from '../../../tests/support/adaptiveCards.js';
import { IdentifyingDetailError } from '../guard/identifyingDetail.js';
import { actionDueCard } from './actionCards.js';
import { deepLink } from './links.js';

const local = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000/' } as const,
  caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
};
const teams = {
  links: { mode: 'teams', teamsAppId: 'app-1', tenantId: 'tenant-1' } as const,
  caseReference: local.caseReference,
};
const action = {
  id: '42',
  title: 'Invite the health visitor to every first core group',
  recommendation: 'Health visitors join the first core group.',
};

describe('the action cards', () => {
  it('tells the owner word for word that an action is due soon, and opens it', () => {
    const m = actionDueCard(local, { kind: 'dueSoon', action, due: '2026-12-04' });
    expect(parseProblems(m)).toEqual([]);
    expect(m.card.body).toEqual([
      { type: 'TextBlock', text: 'Action due soon', wrap: true, size: 'Large', weight: 'Bolder' },
      {
        type: 'TextBlock',
        text: "An action you own in the partnership's action plan is due 4 Dec. Update its status, or mark it done with the evidence.",
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: 'Invite the health visitor to every first core group',
        wrap: true,
        weight: 'Bolder',
      },
      {
        type: 'TextBlock',
        text: 'Recommendation: Health visitors join the first core group.',
        wrap: true,
        isSubtle: true,
      },
    ]);
    expect(m.card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the action',
        url: 'http://localhost:53000/index.html#/actions/42',
      },
    ]);
    expect(m.text).toBe(
      "An action you own in the partnership's action plan is due 4 Dec. Update its status, or mark it done with the evidence.",
    );
    expect(m.preview).toBe('Action due soon: Invite the health visitor to every first core group');
  });

  it('says an overdue action was due, without the year', () => {
    const m = actionDueCard(local, { kind: 'overdue', action, due: '2026-11-20' });
    expect(parseProblems(m)).toEqual([]);
    expect(m.text).toBe(
      "An action you own in the partnership's action plan was due 20 Nov. Update its status, or say what is holding it up.",
    );
    expect(m.preview).toBe('Action overdue: Invite the health visitor to every first core group');
    expect((m.card.body[0] as { text: string }).text).toBe('Action overdue');
    expect(JSON.stringify(m.card)).not.toContain('2026');
  });

  it('leaves the recommendation out when the action has none', () => {
    const m = actionDueCard(local, {
      kind: 'dueSoon',
      action: { ...action, recommendation: '' },
      due: '2026-12-04',
    });
    expect(m.card.body).toHaveLength(3);
    expect(JSON.stringify(m.card)).not.toContain('Recommendation');
  });

  it('opens the action in Teams by its id alone', () => {
    const m = actionDueCard(teams, { kind: 'dueSoon', action, due: '2026-12-04' });
    const url = (m.card.actions[0] as { url: string }).url;
    expect(url).toBe(deepLink(teams.links, { kind: 'action', id: '42' }));
    expect(new URL(url).searchParams.get('context')).toBe('{"subEntityId":"action:42"}');
  });

  it('refuses an action worded with a child’s details', () => {
    expect(() =>
      actionDueCard(local, {
        kind: 'overdue',
        action: { ...action, title: 'Visit Jayden Smith at 12 Acacia Avenue' },
        due: '2026-11-20',
      }),
    ).toThrow(IdentifyingDetailError);
  });
});
