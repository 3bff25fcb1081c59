import { describe, expect, it } from '@jest/globals';
import { MappingError, toAudit, toProgrammeTheme } from './mappers.js';

describe('list item mappers', () => {
  it('read an audit with its people, dates and flags', () => {
    const audit = toAudit({
      id: '7',
      eTag: '"abc,2"',
      fields: {
        CaseReference: 'NSP-CP-0001',
        Category: 'childProtection',
        Status: 'inProgress',
        ThemeId: 3,
        LeadAuditorId: 'u1',
        LeadAuditorName: 'Ruth Adeyemi',
        DueDate: '2026-12-01T00:00:00Z',
        ChildAtRisk: true,
      },
    });
    expect(audit).toMatchObject({
      id: '7',
      caseReference: 'NSP-CP-0001',
      category: 'childProtection',
      themeId: '3',
      leadAuditor: { id: 'u1', displayName: 'Ruth Adeyemi' },
      signOffManager: undefined,
      childAtRisk: true,
      eTag: '"abc,2"',
    });
  });

  it('name the list, item and field when a stored value cannot be read', () => {
    expect(() =>
      toAudit({ id: '9', fields: { Category: 'unknown', Status: 'inProgress' } }),
    ).toThrow(MappingError);
    expect(() =>
      toAudit({ id: '9', fields: { Category: 'unknown', Status: 'inProgress' } }),
    ).toThrow(/Audits item 9: Category/);
    expect(() =>
      toProgrammeTheme({
        id: '1',
        fields: {
          PrioritySource: 'baseline',
          Status: 'draft',
          Categories: 'childProtection,nonsense',
        },
      }),
    ).toThrow(/unknown category 'nonsense'/);
  });
});
