import { describe, expect, it } from '@jest/globals';
import {
  gradesAgreedField,
  MappingError,
  parseGradesAgreed,
  toAction,
  toAudit,
  toContribution,
  toFeedback,
  toProgrammeTheme,
  toReport,
} from './mappers.js';

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

describe('reading each kind of field', () => {
  const item = (fields: Record<string, unknown>, eTag?: string) => ({ id: '5', eTag, fields });

  it('reads a programme theme, trimming its categories and defaulting its sample size', () => {
    expect(
      toProgrammeTheme({
        id: '1',
        fields: {
          Title: 'Neglect',
          Year: '2026-27',
          PrioritySource: 'baseline',
          Categories: ' childInNeed , childProtection,,',
          PlannedMonth: 'May 2026',
          Status: 'published',
          '@odata.etag': '"t,3"',
        },
      }),
    ).toEqual({
      id: '1',
      title: 'Neglect',
      year: '2026-27',
      prioritySource: 'baseline',
      categories: ['childInNeed', 'childProtection'],
      plannedMonth: 'May 2026',
      sampleSize: 0,
      status: 'published',
      eTag: '"t,3"',
    });
  });

  it('reads an audit with every field, and the defaults of one with few', () => {
    expect(
      toAudit(
        item(
          {
            CaseReference: 'NSP-CP-0001',
            Category: 'childInNeed',
            Status: 'moderation',
            ToolVersion: 2,
            Agencies: 'police, health,',
            ChildAtRiskReason: 'Seen with bruising.',
            ThemeId: 3,
            LeadAuditorId: 'u1',
            SignOffManagerId: 'u2',
            SignOffManagerName: 'Helen',
            CommissionedById: 'u3',
            CommissionedByName: 'Priya',
            DueDate: '2026-12-01T00:00:00Z',
            ChildAtRisk: 'yes',
          },
          '"a,1"',
        ),
      ),
    ).toEqual({
      id: '5',
      caseReference: 'NSP-CP-0001',
      category: 'childInNeed',
      status: 'moderation',
      toolVersion: 2,
      agencies: ['police', 'health'],
      childAtRiskReason: 'Seen with bruising.',
      themeId: '3',
      leadAuditor: { id: 'u1', displayName: '' },
      signOffManager: { id: 'u2', displayName: 'Helen' },
      commissionedBy: { id: 'u3', displayName: 'Priya' },
      dueDate: '2026-12-01T00:00:00Z',
      // Only a stored true is true.
      childAtRisk: false,
      eTag: '"a,1"',
    });
    expect(toAudit(item({ Category: 'childInNeed', Status: 'closed', ThemeId: null }))).toEqual({
      id: '5',
      caseReference: '',
      category: 'childInNeed',
      status: 'closed',
      toolVersion: 1,
      agencies: [],
      childAtRiskReason: undefined,
      themeId: undefined,
      leadAuditor: undefined,
      signOffManager: undefined,
      commissionedBy: undefined,
      dueDate: undefined,
      childAtRisk: false,
      eTag: '',
    });
  });

  it('reads contributions, feedback, actions and reports', () => {
    expect(
      toContribution(
        item({
          AuditId: 7,
          Agency: 'multiAgency',
          AuditorId: 'u1',
          AuditorName: 'Dana',
          Status: 'returned',
          DueDate: '2026-12-01',
        }),
      ),
    ).toEqual({
      id: '5',
      auditId: '7',
      contributor: 'multiAgency',
      auditor: { id: 'u1', displayName: 'Dana' },
      status: 'returned',
      dueDate: '2026-12-01',
      eTag: '',
    });
    expect(
      toFeedback(
        item({
          AuditId: 7,
          PractitionerId: 'p1',
          PractitionerName: 'Sam',
          Agency: 'Health visiting',
          Status: 'acknowledged',
          SentAt: '2026-11-01',
          AcknowledgedAt: '2026-11-02',
        }),
      ),
    ).toEqual({
      id: '5',
      auditId: '7',
      practitioner: { id: 'p1', displayName: 'Sam' },
      agency: 'Health visiting',
      status: 'acknowledged',
      sentAt: '2026-11-01',
      acknowledgedAt: '2026-11-02',
      eTag: '',
    });
    expect(
      toAction(
        item({
          Title: 'Audit supervision',
          Agency: 'police',
          OwnerId: 'o1',
          OwnerName: 'Ola',
          DueDate: '2027-01-31',
          Status: 'done',
        }),
      ),
    ).toEqual({
      id: '5',
      title: 'Audit supervision',
      agency: 'police',
      owner: { id: 'o1', displayName: 'Ola' },
      dueDate: '2027-01-31',
      status: 'done',
      eTag: '',
    });
    expect(
      toReport(
        item({
          Title: 'Neglect',
          Scope: 'Six cases',
          Status: 'published',
          PublishedAt: '2026-10-01',
        }),
      ),
    ).toEqual({
      id: '5',
      title: 'Neglect',
      scope: 'Six cases',
      status: 'published',
      publishedAt: '2026-10-01',
      eTag: '',
    });
  });

  it('says exactly which stored value it cannot read, and why', () => {
    const audit = (fields: Record<string, unknown>) => () =>
      toAudit(item({ Category: 'childInNeed', Status: 'closed', ...fields }));
    expect(audit({ CaseReference: 12 })).toThrow(
      new MappingError('Audits', '5', 'CaseReference', 'is not text'),
    );
    expect(audit({ CaseReference: 12 })).toThrow('Audits item 5: CaseReference is not text');
    expect(audit({ ToolVersion: '2' })).toThrow('Audits item 5: ToolVersion is not a number');
    expect(audit({ Status: undefined })).toThrow(
      "Audits item 5: Status is 'undefined', not one of commissioned, inProgress, moderation, awaitingSignOff, returned, signedOff, closed",
    );
    expect(audit({ Agencies: 'police,coastguard' })).toThrow(
      "Audits item 5: Agencies holds unknown agency 'coastguard'",
    );
    expect(() => toContribution(item({ Agency: 'police', Status: 'submitted' }))).toThrow(
      'AgencyContributions item 5: AuditId is missing',
    );
    expect(() =>
      toContribution(item({ AuditId: 1, Agency: 'coastguard', Status: 'submitted' })),
    ).toThrow("AgencyContributions item 5: Agency holds unknown agency 'coastguard'");
    expect(() => toProgrammeTheme(item({ PrioritySource: 'hunch', Status: 'draft' }))).toThrow(
      /^AuditProgrammes item 5: PrioritySource is 'hunch', not one of practiceReview, /,
    );
  });
});

describe('the agencies whose grades moderation agreed (GradesAgreed)', () => {
  const police = { at: '2026-11-20T10:15:00Z', by: { id: 'u7', displayName: 'Ruth Adeyemi' } };
  const base = { CaseReference: 'NSP-CP-0001', Category: 'childProtection', Status: 'moderation' };

  it('round-trips through the column, read on the audit', () => {
    const stored = gradesAgreedField({ police });
    expect(JSON.parse(stored)).toEqual({
      police: { at: '2026-11-20T10:15:00Z', byId: 'u7', byName: 'Ruth Adeyemi' },
    });
    expect(toAudit({ id: '7', fields: { ...base, GradesAgreed: stored } }).gradesAgreed).toEqual({
      police,
    });
    // An empty set stays a set: every agreement undone is not "never kept".
    expect(parseGradesAgreed(gradesAgreedField({}), '7')).toEqual({});
  });

  it('reads nothing kept as undefined: an audit moderated before agreements were kept', () => {
    expect(toAudit({ id: '7', fields: base }).gradesAgreed).toBeUndefined();
    expect(parseGradesAgreed(undefined, '7')).toBeUndefined();
    expect(parseGradesAgreed('  ', '7')).toBeUndefined();
  });

  it('keeps an agreement whose name is missing, with an empty name', () => {
    expect(parseGradesAgreed('{"health":{"at":"2026-11-20T10:15:00Z","byId":"u7"}}', '7')).toEqual({
      health: { at: '2026-11-20T10:15:00Z', by: { id: 'u7', displayName: '' } },
    });
  });

  it('refuses what the product did not write, naming the item, the field and why', () => {
    const cases: Array<[string, string]> = [
      ['{', 'Audits item 7: GradesAgreed is not JSON'],
      ['[]', 'Audits item 7: GradesAgreed is not a set of agreements by agency'],
      ['null', 'Audits item 7: GradesAgreed is not a set of agreements by agency'],
      ['"police"', 'Audits item 7: GradesAgreed is not a set of agreements by agency'],
      ['{"fire":{"at":"2026-11-20T10:15:00Z","byId":"u7"}}', "holds unknown agency 'fire'"],
      ['{"police":null}', "holds an unreadable agreement for 'police'"],
      ['{"police":{"at":"soon","byId":"u7"}}', "holds an unreadable agreement for 'police'"],
      ['{"police":{"at":5,"byId":"u7"}}', "holds an unreadable agreement for 'police'"],
      ['{"police":{"at":"2026-11-20T10:15:00Z"}}', "holds an unreadable agreement for 'police'"],
    ];
    for (const [json, message] of cases) {
      expect(() => parseGradesAgreed(json, '7')).toThrow(MappingError);
      expect(() => parseGradesAgreed(json, '7')).toThrow(message);
    }
  });
});
