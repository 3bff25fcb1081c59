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
  digestModeration,
  digestPairs,
  encodeDigest,
  signOffTiming,
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

  it('keeps the timing of sign-off (version 2) and still reads a version 1 digest without it', () => {
    const timed: AuditDigest = {
      ...d,
      timing: {
        commissionedToSignedOff: 5000,
        sentToSignedOff: 0,
        bySignOffDue: false,
        byAuditDue: undefined,
      },
    };
    const json = encodeDigest(timed);
    expect(JSON.parse(json)).toMatchObject({ v: 2, tm: [5000, 0, 0, null] });
    expect(decodeDigest(json)).toEqual(timed);
    const all: AuditDigest = {
      ...d,
      timing: {
        commissionedToSignedOff: undefined,
        sentToSignedOff: undefined,
        bySignOffDue: true,
        byAuditDue: true,
      },
    };
    expect(JSON.parse(encodeDigest(all))).toMatchObject({ tm: [null, null, 1, 1] });
    expect(decodeDigest(encodeDigest(all))).toEqual(all);
    const counted: AuditDigest = {
      ...d,
      timing: {
        commissionedToSignedOff: 14,
        sentToSignedOff: 4,
        bySignOffDue: true,
        byAuditDue: false,
      },
    };
    expect(JSON.parse(encodeDigest(counted))).toMatchObject({ tm: [14, 4, 1, 0] });
    expect(decodeDigest(encodeDigest(counted))).toEqual(counted);
    expect(JSON.parse(encodeDigest(d))).toMatchObject({ tm: null });
    expect(decodeDigest(encodeDigest(d)).timing).toBeUndefined();
    const v1 = JSON.stringify({ ...JSON.parse(json), v: 1 });
    expect(decodeDigest(v1).timing).toBeUndefined();
    expect(decodeDigest(v1).auditId).toBe('101');
  });

  it('works out the timing of sign-off in working days, against the due days', () => {
    // Mon 2 Nov 2026 to Fri 20 Nov: 14 working days; sent Mon 16 Nov: 4.
    const dates = {
      commissionedAt: '2026-11-02T09:00:00Z',
      sentForSignOffAt: '2026-11-16T09:00:00Z',
      signOffDue: '2026-11-20',
      dueDate: '2026-11-19T00:00:00Z',
      signedOffAt: '2026-11-20T16:00:00Z',
    };
    expect(signOffTiming(dates)).toEqual({
      commissionedToSignedOff: 14,
      sentToSignedOff: 4,
      bySignOffDue: true,
      byAuditDue: false,
    });
    expect(
      signOffTiming({
        ...dates,
        commissionedAt: undefined,
        sentForSignOffAt: undefined,
        signOffDue: '2026-11-19',
        dueDate: '2026-11-20',
      }),
    ).toEqual({
      commissionedToSignedOff: undefined,
      sentToSignedOff: undefined,
      bySignOffDue: false,
      byAuditDue: true,
    });
    expect(
      signOffTiming({ ...dates, signOffDue: undefined, dueDate: undefined }).bySignOffDue,
    ).toBeUndefined();
    // Signed off before it was sent (a clock put right): never less than none.
    expect(
      signOffTiming({ ...dates, sentForSignOffAt: '2026-11-23T09:00:00Z' }).sentToSignedOff,
    ).toBe(0);
    // A year whose bank holidays are not known cannot be counted: left unrecorded.
    expect(
      signOffTiming({ ...dates, commissionedAt: '1990-01-02T09:00:00Z' }).commissionedToSignedOff,
    ).toBeUndefined();
    expect(() => signOffTiming({ ...dates, commissionedAt: 'soon' })).toThrow('is not a date');
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
    // Social care first: the first of the partnership's agencies (each is counted by its place).
    const agencies = ['socialCare', 'health', 'police', 'education'] as const;
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
    // Moderation's changes come from the same tables: the same as counting every pair.
    const pairs = digestPairs(set, title);
    const better = (p: (typeof pairs)[number]) =>
      GRADES.indexOf(p.moderatedGrade) < GRADES.indexOf(p.agencyGrade);
    const worse = (p: (typeof pairs)[number]) =>
      GRADES.indexOf(p.moderatedGrade) > GRADES.indexOf(p.agencyGrade);
    const { changes, consistency } = digestModeration(set, title);
    expect(consistency).toEqual(direct);
    expect([changes.graded, changes.raised, changes.lowered]).toEqual([
      pairs.length,
      pairs.filter(better).length,
      pairs.filter(worse).length,
    ]);
    expect(changes.byArea.map((a) => a.sectionId)).toEqual([
      'childsVoice',
      'oversight',
      'impactOutcomes',
    ]);
    for (const a of changes.byArea) {
      const mine = pairs.filter((p) => p.sectionId === a.sectionId);
      expect(a).toEqual({
        sectionId: a.sectionId,
        graded: mine.length,
        raised: mine.filter(better).length,
        lowered: mine.filter(worse).length,
      });
    }
    expect(changes.byAgency.map((a) => a.agency)).toEqual([
      'socialCare',
      'education',
      'health',
      'police',
    ]);
    for (const a of changes.byAgency)
      expect(a.lowered).toBe(pairs.filter((p) => p.agency === a.agency && worse(p)).length);
    expect(digestModeration([], title).changes).toEqual({
      graded: 0,
      raised: 0,
      lowered: 0,
      byArea: [],
      byAgency: [],
    });
  });

  it('refuses a stored digest that is not what the product writes, saying what is wrong', () => {
    const good = JSON.parse(encodeDigest(d)) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    const cases: Array<[string, string]> = [
      ['{', 'it is not JSON'],
      ['[]', 'it is not an object'],
      ['null', 'it is not an object'],
      ['42', 'it is not an object'],
      [bad({ v: 3 }), 'it is version 3, not 1 or 2'],
      [bad({ tm: [1, 2, 3] }), 'the timing is not four numbers'],
      [bad({ tm: 'x' }), 'the timing is not four numbers'],
      [bad({ tm: [1.5, 2, 1, 1] }), 'the time from commissioning is not a number of working days'],
      [bad({ tm: [-1, 2, 1, 1] }), 'the time from commissioning is not a number of working days'],
      [bad({ tm: [5001, 2, 1, 1] }), 'the time from commissioning is not a number of working days'],
      [bad({ tm: [1, '2', 1, 1] }), 'the time from moderation is not a number of working days'],
      [bad({ tm: [1, 2, 2, 1] }), 'signed off by its due day is not 0 or 1'],
      [bad({ tm: [1, 2, 1, true] }), "signed off by the audit's due date is not 0 or 1"],
      [bad({ id: 'abc' }), 'the audit id is not a number'],
      [bad({ id: 'x101' }), 'the audit id is not a number'],
      [bad({ id: '101x' }), 'the audit id is not a number'],
      [bad({ id: 101 }), 'the audit id is not text'],
      [bad({ id: '1234567890123' }), 'the audit id is not text'],
      [bad({ cat: 'other' }), 'the category is unknown'],
      [bad({ tv: 1.5 }), 'the tool version is not a whole number'],
      [bad({ tv: 0 }), 'the tool version is not a whole number'],
      [bad({ tv: -2 }), 'the tool version is not a whole number'],
      [bad({ at: 'yesterday' }), 'the sign-off time is not a date'],
      [bad({ at: 20261120 }), 'the sign-off time is not text'],
      [bad({ ag: ['health', 'army'] }), 'an agency is unknown'],
      [bad({ ag: 'health' }), 'the agencies are not a list'],
      [bad({ ar: 'childsVoice' }), 'the areas are not a list'],
      [bad({ ar: [[7, 'G', '']] }), 'an area id is not text'],
      [bad({ ar: [['childsVoice', 7, '']] }), 'a grade is not text'],
      [bad({ ar: [['childsVoice', 'G', 7]] }), "an area's list of agency grades is not text"],
      [bad({ ar: [['childsVoice', 'G']] }), 'an area is not [id, grade, agencies]'],
      [bad({ ar: [['childsVoice', 'X', '']] }), 'a multi-agency grade is not a grade'],
      [bad({ ar: [['childsVoice', 'G', 'health:G']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', 'army:GG']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', '1health:GG']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', 'health:GGG']] }), 'an agency grade is malformed'],
      [bad({ ar: [['childsVoice', 'G', 'health:ZG']] }), 'an agency grade is not a grade'],
      [bad({ ar: [['childsVoice', 'G', 'health:GZ']] }), 'a moderated grade is not a grade'],
      [bad({ ref: 42 }), 'the case reference is not text'],
      // A list has a length too: only text is text.
      [bad({ ref: ['NSP-CP-0101'] }), 'the case reference is not text'],
      [bad({ th: 7 }), 'the theme id is not text'],
      [bad({ re: 55 }), 'the original audit id is not text'],
      [bad({ au: 'x' }), 'the auditors are not a list'],
      [bad({ au: [['health', 'u-1']] }), 'an auditor is not [agency, id, name]'],
      [bad({ au: [['army', 'u-1', 'A']] }), "an auditor's agency is unknown"],
      [bad({ au: [['health', 7, 'Grace Lin']] }), "an auditor's id is not text"],
      [bad({ au: [['health', 'u-health', null]] }), "an auditor's name is not text"],
    ];
    for (const [json, reason] of cases) {
      expect(() => decodeDigest(json)).toThrow(DigestError);
      expect(() => decodeDigest(json)).toThrow(`A stored audit digest cannot be read: ${reason}.`);
    }
  });
});
