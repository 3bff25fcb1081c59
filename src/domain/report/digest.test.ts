import { describe, expect, it } from '@jest/globals';
import { gradingConsistency } from '../consistency.js';
import { GRADES } from '../grading.js';
import type { ModerationSummary } from '../moderation.js';
import {
  type AuditDigest,
  DigestError,
  decodeDigest,
  digestAudit,
  digestConsistency,
  digestPairs,
  encodeDigest,
} from './digest.js';

const SUMMARY: ModerationSummary = {
  areas: [
    {
      sectionId: 'childsVoice',
      title: "The child's voice and lived experience",
      multiAgencyGrade: 'good',
      multiAgencyNotApplicable: false,
      agenciesDiffer: true,
      findings: [],
      agencies: [
        {
          agency: 'police',
          state: 'graded',
          grade: 'outstanding',
          moderatedGrade: 'good',
          changed: true,
          reason: 'x',
        },
        {
          agency: 'health',
          state: 'graded',
          grade: 'good',
          moderatedGrade: 'good',
          changed: false,
          reason: '',
        },
      ],
    },
    {
      sectionId: 'oversight',
      title: 'Management oversight',
      multiAgencyGrade: undefined,
      multiAgencyNotApplicable: true,
      agenciesDiffer: false,
      findings: [],
      agencies: [
        { agency: 'health', state: 'notApplicable', reason: 'No involvement' },
        { agency: 'education', state: 'notGraded' },
      ],
    },
  ],
  findings: [],
  readiness: { areasWithoutGrade: [], changesWithoutReason: [] },
};

const BASE = {
  auditId: '101',
  caseReference: 'NSP-CP-0101',
  category: 'childProtection' as const,
  toolVersion: 2,
  themeId: '7',
  signedOffAt: '2026-11-20T15:04:05.000Z',
  auditors: [
    { agency: 'police' as const, id: 'u-police', name: 'Owen Price' },
    { agency: 'health' as const, id: 'u-health', name: 'Grace Lin' },
  ],
  reauditOf: undefined,
};

describe('the digest kept at sign-off', () => {
  const d = digestAudit(BASE, SUMMARY);

  it('keeps the multi-agency grade and each graded agency before and after moderation', () => {
    expect(d.areas).toEqual([
      {
        sectionId: 'childsVoice',
        multiAgency: 'good',
        agencies: [
          { agency: 'police', grade: 'outstanding', moderated: 'good' },
          { agency: 'health', grade: 'good', moderated: 'good' },
        ],
      },
      { sectionId: 'oversight', multiAgency: undefined, agencies: [] },
    ]);
  });

  it("lists the agencies on the audit in the partnership's order", () => {
    expect(d.agencies).toEqual(['health', 'police', 'education']);
  });

  it('reads back exactly what was written, and stays small', () => {
    const json = encodeDigest(d);
    expect(decodeDigest(json)).toEqual(d);
    expect(json.length).toBeLessThan(360);
    const reaudit: AuditDigest = { ...d, themeId: undefined, reauditOf: '55' };
    expect(decodeDigest(encodeDigest(reaudit))).toEqual(reaudit);
  });

  it('gives the grade pairs for consistency, with each agency auditor', () => {
    expect(digestPairs([d], (id) => id.toUpperCase())).toEqual([
      {
        auditId: '101',
        sectionId: 'childsVoice',
        areaTitle: 'CHILDSVOICE',
        agency: 'police',
        auditorId: 'u-police',
        auditorName: 'Owen Price',
        agencyGrade: 'outstanding',
        moderatedGrade: 'good',
      },
      {
        auditId: '101',
        sectionId: 'childsVoice',
        areaTitle: 'CHILDSVOICE',
        agency: 'health',
        auditorId: 'u-health',
        auditorName: 'Grace Lin',
        agencyGrade: 'good',
        moderatedGrade: 'good',
      },
    ]);
    expect(digestPairs([{ ...d, auditors: [] }], String)[0]?.auditorId).toBeUndefined();
  });

  it('counts consistency straight from digests exactly as from their grade pairs', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const agencies = ['health', 'police', 'education'] as const;
    const set: AuditDigest[] = Array.from({ length: 60 }, (_, i) => ({
      ...d,
      auditId: String(i + 1),
      // Some audits name no auditor for an agency: those pairs are grouped apart.
      auditors:
        i % 5 === 0
          ? []
          : agencies.map((agency) => ({
              agency,
              id: `u-${agency}-${i % 3}`,
              name: `Auditor ${agency} ${i % 3}`,
            })),
      areas: ['childsVoice', 'oversight', 'impactOutcomes'].map((sectionId) => ({
        sectionId,
        multiAgency: pick(GRADES),
        agencies: agencies
          .filter(() => next() < 0.7)
          .map((agency) => ({ agency, grade: pick(GRADES), moderated: pick(GRADES) })),
      })),
    }));
    const title = (id: string) => `Area ${id}`;
    const direct = digestConsistency(set, title);
    expect(direct).toEqual(gradingConsistency(digestPairs(set, title)));
    expect(direct.overall.kind).toBe('estimate');
    expect(direct.byAuditor.some((g) => g.label === 'Auditor not recorded')).toBe(true);
    expect(digestConsistency([], title).overall).toEqual(gradingConsistency([]).overall);
  });

  it('refuses a stored digest that is not what the product writes, saying what is wrong', () => {
    const good = JSON.parse(encodeDigest(d)) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    const cases: Array<[string, string]> = [
      ['{', 'it is not JSON'],
      ['[]', 'it is not an object'],
      [bad({ v: 2 }), 'it is version 2, not 1'],
      [bad({ id: 'abc' }), 'the audit id is not a number'],
      [bad({ cat: 'other' }), 'the category is unknown'],
      [bad({ tv: 1.5 }), 'the tool version is not a whole number'],
      [bad({ at: 'yesterday' }), 'the sign-off time is not a date'],
      [bad({ ag: ['health', 'army'] }), 'an agency is unknown'],
      [bad({ ar: [['childsVoice', 'G']] }), 'an area is not [id, grade, agencies]'],
      [bad({ ar: [['childsVoice', 'X', '']] }), 'a multi-agency grade is not a grade'],
      [bad({ ar: [['childsVoice', 'G', 'health:G']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', 'army:GG']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', 'health:GZ']] }), 'a moderated grade is not a grade'],
      [bad({ ref: 42 }), 'the case reference is not text'],
      [bad({ au: 'x' }), 'the auditors are not a list'],
      [bad({ au: [['health', 'u-1']] }), 'an auditor is not [agency, id, name]'],
      [bad({ au: [['army', 'u-1', 'A']] }), "an auditor's agency is unknown"],
    ];
    for (const [json, reason] of cases) {
      expect(() => decodeDigest(json)).toThrow(DigestError);
      expect(() => decodeDigest(json)).toThrow(`A stored audit digest cannot be read: ${reason}.`);
    }
  });
});
