import { describe, expect, it } from '@jest/globals';
import {
  assignmentsByPerson,
  type CommissionRequest,
  commissionProblems,
  DEFAULT_CASE_REFERENCE_FORMAT,
  splitReferences,
} from './commissioning.js';

const today = new Date('2026-11-26T12:00:00Z');
const format = new RegExp(DEFAULT_CASE_REFERENCE_FORMAT);
const person = (id: string) => ({ id, displayName: id });
const valid: CommissionRequest = {
  themeId: '1',
  themeTitle: 'Neglect',
  caseReferences: ['NSP-CP-0201', 'NSP-CP-0202'],
  category: 'childProtection',
  periodStart: '2025-11-01',
  periodEnd: '2026-10-31',
  agencies: ['socialCare', 'police'],
  auditors: { socialCare: person('priya'), police: person('dana') },
  leadAuditor: person('ruth'),
  signOffManager: person('helen'),
  dueDate: '2026-12-20',
};

describe('commissioning', () => {
  it('accepts a complete commission', () => {
    expect(commissionProblems(valid, format, today)).toEqual([]);
  });

  it('refuses references that look like a name, a birth date, an NHS number, a postcode or a phone number', () => {
    for (const ref of ['Jane Smith', '12/03/2015', '943 476 5919', 'LS1 4AP', '07700 900123']) {
      const problems = commissionProblems({ ...valid, caseReferences: [ref] }, format, today);
      expect({ ref, problems: problems.length }).toEqual({ ref, problems: 1 });
      expect(problems[0]!.field).toBe('caseReferences');
      expect(problems[0]!.message).toMatch(/refused: This text seems to hold/);
      expect(problems[0]!.message).not.toContain(ref);
    }
  });

  it('refuses a reference out of format, or given twice', () => {
    expect(
      commissionProblems({ ...valid, caseReferences: ['case 12'] }, format, today)[0]!.message,
    ).toMatch(/not in the partnership's case reference format/);
    expect(
      commissionProblems(
        { ...valid, caseReferences: ['NSP-CP-0201', 'nsp-cp-0201'] },
        format,
        today,
      ).map((p) => p.message),
    ).toContainEqual('“nsp-cp-0201” is given twice.');
  });

  it('names each missing choice by field', () => {
    const problems = commissionProblems(
      {
        ...valid,
        category: undefined,
        auditors: { socialCare: person('priya') },
        leadAuditor: undefined,
        dueDate: '2026-01-01',
        periodStart: '2026-10-31',
        periodEnd: '2025-01-01',
      },
      format,
      today,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'category',
      'period',
      'auditor.police',
      'leadAuditor',
      'dueDate',
    ]);
  });

  it('splits references typed one a line or with commas', () => {
    expect(splitReferences('NSP-CP-0001\nNSP-CP-0002, NSP-CP-0003;\n\n')).toEqual([
      'NSP-CP-0001',
      'NSP-CP-0002',
      'NSP-CP-0003',
    ]);
  });

  it('tells each person once, with every audit and role they have', () => {
    const people = assignmentsByPerson(
      { ...valid, auditors: { socialCare: person('priya'), police: person('priya') } },
      [
        { id: '7', caseReference: 'NSP-CP-0201' },
        { id: '8', caseReference: 'NSP-CP-0202' },
      ],
    );
    expect([...people.keys()]).toEqual(['priya', 'ruth']);
    expect(people.get('priya')!.roles.map((r) => `${r.caseReference} ${r.role}`)).toEqual([
      "NSP-CP-0201 Children's social care",
      "NSP-CP-0202 Children's social care",
      'NSP-CP-0201 Police',
      'NSP-CP-0202 Police',
    ]);
  });
});

describe('commissioning: each problem, as the form names it', () => {
  const problemsOf = (over: Partial<CommissionRequest>) =>
    commissionProblems({ ...valid, ...over }, format, today);

  it('asks for at least one case reference', () => {
    expect(problemsOf({ caseReferences: [] })).toEqual([
      { field: 'caseReferences', message: 'Give at least one case reference.' },
    ]);
  });

  it('names a reference out of format, and one given twice, in full', () => {
    expect(problemsOf({ caseReferences: ['case 12', 'NSP-CP-0201', 'NSP-CP-0201'] })).toEqual([
      {
        field: 'caseReferences',
        message:
          "“case 12” is not in the partnership's case reference format (for example NSP-CP-0101).",
      },
      { field: 'caseReferences', message: '“NSP-CP-0201” is given twice.' },
    ]);
  });

  it('says why a reference was refused without repeating it', () => {
    const problems = problemsOf({ caseReferences: ['Jane Smith'] });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^A case reference was refused: This text seems to hold /);
  });

  it('asks for the category, which decides the tool', () => {
    expect(problemsOf({ category: undefined })).toEqual([
      { field: 'category', message: 'Choose the category of case: it decides the audit tool.' },
    ]);
  });

  it('asks for both ends of the period under review', () => {
    const missing = {
      field: 'period',
      message: 'Give the start and end of the period under review.',
    };
    expect(problemsOf({ periodStart: '' })).toEqual([missing]);
    expect(problemsOf({ periodEnd: 'soon' })).toEqual([missing]);
  });

  it('wants the period to start before it ends, and to have ended by today', () => {
    expect(problemsOf({ periodStart: '2026-10-31', periodEnd: '2026-10-31' })).toEqual([
      { field: 'period', message: 'The period under review must start before it ends.' },
    ]);
    expect(problemsOf({ periodEnd: '2026-11-27' })).toEqual([
      { field: 'period', message: 'The period under review cannot end in the future.' },
    ]);
    // A period may end at this very moment.
    expect(problemsOf({ periodEnd: today.toISOString() })).toEqual([]);
  });

  it('asks for the agencies, an auditor for each, the lead auditor and the sign-off manager', () => {
    expect(problemsOf({ agencies: [] })).toEqual([
      { field: 'agencies', message: 'Choose the agencies whose records will be audited.' },
    ]);
    expect(problemsOf({ auditors: { police: person('dana') } })).toEqual([
      { field: 'auditor.socialCare', message: "Choose the auditor for Children's social care." },
    ]);
    expect(problemsOf({ leadAuditor: undefined })).toEqual([
      { field: 'leadAuditor', message: 'Choose the lead auditor.' },
    ]);
    expect(problemsOf({ signOffManager: undefined })).toEqual([
      { field: 'signOffManager', message: 'Choose the sign-off manager.' },
    ]);
  });

  it('asks for a due date after today', () => {
    expect(problemsOf({ dueDate: '' })).toEqual([
      { field: 'dueDate', message: 'Give the due date.' },
    ]);
    expect(problemsOf({ dueDate: today.toISOString() })).toEqual([
      { field: 'dueDate', message: 'The due date must be in the future.' },
    ]);
    expect(problemsOf({ dueDate: '2026-11-26T12:00:01Z' })).toEqual([]);
  });
});

describe('the default case reference format', () => {
  it('takes two to five letters, two to four letters and three to six digits', () => {
    for (const ok of ['NSP-CP-0101', 'AB-CD-123', 'ABCDE-ABCD-123456'])
      expect([ok, format.test(ok)]).toEqual([ok, true]);
    for (const bad of [
      'N-CP-0101',
      'ABCDEF-CP-0101',
      'NSP-C-0101',
      'NSP-CHILD-0101',
      'NSP-CP-12',
      'NSP-CP-1234567',
      'nsp-cp-0101',
      'xNSP-CP-0101',
      'NSP-CP-0101x',
      'NSP CP 0101',
    ])
      expect([bad, format.test(bad)]).toEqual([bad, false]);
  });
});

describe('splitting typed references', () => {
  it('trims each reference and drops blanks', () => {
    expect(splitReferences('  NSP-CP-0001 ;; ,\n NSP-CP-0002  ')).toEqual([
      'NSP-CP-0001',
      'NSP-CP-0002',
    ]);
    expect(splitReferences(' \n , ')).toEqual([]);
  });
});

describe('who is told', () => {
  it('tells the lead auditor as such, in one message with any agency role', () => {
    const people = assignmentsByPerson(
      { ...valid, agencies: ['police'], leadAuditor: person('dana') },
      [{ id: '7', caseReference: 'NSP-CP-0201' }],
    );
    expect([...people.keys()]).toEqual(['dana']);
    expect(people.get('dana')).toEqual({
      person: person('dana'),
      roles: [
        { auditId: '7', caseReference: 'NSP-CP-0201', role: 'Police' },
        { auditId: '7', caseReference: 'NSP-CP-0201', role: 'Lead auditor' },
      ],
    });
  });

  it('tells no one for an agency without an auditor, nor a lead auditor not chosen', () => {
    const people = assignmentsByPerson(
      { ...valid, auditors: { police: person('dana') }, leadAuditor: undefined },
      [{ id: '7', caseReference: 'NSP-CP-0201' }],
    );
    expect([...people.keys()]).toEqual(['dana']);
  });
});
