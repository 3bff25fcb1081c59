import { describe, expect, it } from '@jest/globals';
import { AREAS_FOR, may, refusal } from './access.js';

describe('the role model', () => {
  it('gives each role its areas: everything to the partnership, feedback to practitioners, nothing to others', () => {
    expect(AREAS_FOR.businessManager).toHaveLength(5);
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
