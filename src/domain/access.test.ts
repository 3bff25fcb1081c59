import { describe, expect, it } from '@jest/globals';
import { type Action, AREAS_FOR, may, NOT_IN_PARTNERSHIP, refusal } from './access.js';

describe('the role model', () => {
  it('gives each role its areas: everything to the partnership, feedback to practitioners, nothing to others', () => {
    expect(AREAS_FOR.businessManager).toHaveLength(7);
    expect(AREAS_FOR.auditTeam).not.toContain('overview');
    expect(AREAS_FOR.auditTeam).toContain('register');
    expect(AREAS_FOR.practitioner).toEqual(['feedback']);
    expect(AREAS_FOR.outsider).toEqual([]);
    expect(may('practitioner', { kind: 'openArea', area: 'programme' })).toBe(false);
    expect(may('auditTeam', { kind: 'openArea', area: 'programme' })).toBe(true);
  });

  it('lets only business managers commission, plan and change settings', () => {
    for (const kind of ['commission', 'planProgramme', 'changeSettings'] as const) {
      expect(may('businessManager', { kind })).toBe(true);
      expect(may('auditTeam', { kind })).toBe(false);
      expect(may('practitioner', { kind })).toBe(false);
    }
    expect(may('practitioner', { kind: 'openAudit' })).toBe(false);
  });

  it('says plainly what may not be done and who can', () => {
    expect(refusal({ kind: 'commission' })).toBe(
      "You may not commission audits: only the partnership's business managers can.",
    );
    expect(refusal({ kind: 'editContribution' })).toMatch(
      /only its named auditor and the audit’s lead auditor can/,
    );
    expect(refusal({ kind: 'openArea', area: 'programme' })).toMatch(
      /^You may not open the audit programme/,
    );
  });
});

describe('every role against every action', () => {
  const AREAS = [
    'overview',
    'myAudits',
    'register',
    'programme',
    'reports',
    'actions',
    'feedback',
  ] as const;
  const TEAM_AREAS = AREAS.filter((a) => a !== 'overview');
  const ROLES = ['businessManager', 'auditTeam', 'practitioner', 'outsider'] as const;
  const actions: Action[] = [
    ...AREAS.map((area) => ({ kind: 'openArea', area }) as const),
    { kind: 'openAudit' },
    { kind: 'commission' },
    { kind: 'planProgramme' },
    { kind: 'editContribution' },
    { kind: 'changeSettings' },
  ];
  const name = (a: Action) => (a.kind === 'openArea' ? `openArea:${a.area}` : a.kind);
  // What each role may do, as docs/access.md sets it out.
  const allowed: Record<(typeof ROLES)[number], string[]> = {
    businessManager: actions.map(name),
    auditTeam: [...TEAM_AREAS.map((a) => `openArea:${a}`), 'openAudit', 'editContribution'],
    practitioner: ['openArea:feedback'],
    outsider: [],
  };

  it.each(ROLES)('%s may do exactly its part', (role) => {
    expect(actions.filter((a) => may(role, a)).map(name)).toEqual(allowed[role]);
  });

  it('gives every refusal its own sentence, naming what and who can', () => {
    expect(actions.map(refusal)).toEqual([
      "You may not open the overview of the year's audits: only the partnership's business managers can.",
      "You may not open the audits: only the partnership's business managers and the audit team can.",
      "You may not open the audit register: only the partnership's business managers and the audit team can.",
      "You may not open the audit programme: only the partnership's business managers and the audit team can.",
      "You may not open the overview reports: only the partnership's business managers and the audit team can.",
      "You may not open the action plan: only the partnership's business managers and the audit team can.",
      "You may not open feedback: only the partnership's business managers and the audit team can.",
      'This audit is not shared with you. Only the partnership’s business managers and the audit team can open audits; practitioners see the feedback sent to them.',
      "You may not commission audits: only the partnership's business managers can.",
      "You may not change the audit programme: only the partnership's business managers can.",
      'You may not change this contribution: only its named auditor and the audit’s lead auditor can. What you typed is still here.',
      "You may not change the partnership's settings: only its business managers can.",
    ]);
  });

  it('tells someone outside the partnership who can let them in', () => {
    expect(NOT_IN_PARTNERSHIP).toMatch(/^The partnership's audit site is not shared with you\./);
    expect(NOT_IN_PARTNERSHIP).toMatch(/ask the partnership's business manager/);
  });
});
