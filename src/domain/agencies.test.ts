import { describe, expect, it } from '@jest/globals';
import {
  AGENCY_IDS,
  type ContributorId,
  agencyLabel,
  contributorLabel,
  isAgencyId,
  MULTI_AGENCY,
} from './agencies.js';

describe('agencies', () => {
  it('names each agency as people in a partnership do', () => {
    expect(AGENCY_IDS.map(contributorLabel)).toEqual([
      "Children's social care",
      'Health',
      'Police',
      'Education',
      'Early help',
      'Probation',
    ]);
    expect(contributorLabel(MULTI_AGENCY)).toBe('Multi-agency judgement');
    // A stored value outside the known ids is shown as it is, not an error.
    expect(contributorLabel('coastguard' as ContributorId)).toBe('coastguard');
  });

  it('knows its own agency ids only', () => {
    expect(AGENCY_IDS.every(isAgencyId)).toBe(true);
    expect(isAgencyId(MULTI_AGENCY)).toBe(false);
    expect(isAgencyId('Police')).toBe(false);
    expect(isAgencyId('')).toBe(false);
  });

  it('shows a stored agency by its label, and text it does not know as it is', () => {
    expect(agencyLabel('earlyHelp')).toBe('Early help');
    expect(agencyLabel('Youth offending team')).toBe('Youth offending team');
  });
});
