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
