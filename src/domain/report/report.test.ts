import { describe, expect, it } from '@jest/globals';
import type { AuditDigest } from './digest.js';
import { toDay } from '../workingDays.js';
import {
  signedOffDay,
  type ReportVersion,
  describeMethod,
  describeScope,
  editReport,
  inScope,
  newVersion,
  publishReport,
  reportMethod,
} from './report.js';

const digest = (id: string, over: Partial<AuditDigest> = {}): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId: '1',
  signedOffAt: '2026-06-15T10:00:00Z',
  agencies: ['socialCare', 'health'],
  auditors: [{ agency: 'health', id: 'u-h', name: 'Grace Lin' }],
  areas: [],
  reauditOf: undefined,
  ...over,
});

describe('the London day of a sign-off, remembered by the hour', () => {
  it('is the day toDay gives, either side of the clocks changing and in other forms', () => {
    const moments = [
      '2026-03-28T23:59:59Z',
      '2026-03-29T00:30:00Z',
      '2026-03-29T23:30:00Z',
      '2026-10-24T22:59:00Z',
      '2026-10-24T23:00:00Z',
      '2026-10-25T23:30:00Z',
      '2026-10-25T23:30:00.250Z',
      '2026-06-30T23:30:00+00:00',
      '2026-07-01T00:30:00+01:00',
    ];
    for (const m of moments) expect([m, signedOffDay(m)]).toEqual([m, toDay(m)]);
    // Asked again (remembered), the same answers.
    for (const m of moments) expect([m, signedOffDay(m)]).toEqual([m, toDay(m)]);
    expect(signedOffDay('2026-03-29T23:30:00Z')).toBe('2026-03-30');
    expect(signedOffDay('2026-01-15T23:30:00Z')).toBe('2026-01-15');
  });
});

describe('which audits a report takes', () => {
  it('takes a theme whatever the dates', () => {
    expect(inScope(digest('1'), { kind: 'theme', themeId: '1', title: 'Neglect' })).toBe(true);
    expect(
      inScope(digest('1', { themeId: '2' }), { kind: 'theme', themeId: '1', title: 'Neglect' }),
    ).toBe(false);
    expect(
      inScope(digest('1', { themeId: undefined }), { kind: 'theme', themeId: '1', title: 'N' }),
    ).toBe(false);
  });
  it('takes a category or a period by the London day of sign-off, both ends included', () => {
    const june = { kind: 'period' as const, from: '2026-06-01', to: '2026-06-30' };
    expect(inScope(digest('1'), june)).toBe(true);
    expect(inScope(digest('1', { signedOffAt: '2026-06-30T23:30:00Z' }), june)).toBe(false); // 1 July in London
    expect(inScope(digest('1', { signedOffAt: '2026-05-31T23:30:00Z' }), june)).toBe(true); // 1 June in London
    expect(inScope(digest('1', { signedOffAt: '2026-05-31T22:30:00Z' }), june)).toBe(false); // 31 May in London
    expect(inScope(digest('1', { signedOffAt: '2026-06-30T10:00:00Z' }), june)).toBe(true);
    const cp = {
      kind: 'category' as const,
      category: 'childProtection' as const,
      from: '2026-06-15',
      to: '2026-06-15',
    };
    expect(inScope(digest('1'), cp)).toBe(true);
    expect(inScope(digest('1', { category: 'childInNeed' }), cp)).toBe(false);
    expect(inScope(digest('1', { signedOffAt: '2026-06-16T10:00:00Z' }), cp)).toBe(false);
    expect(inScope(digest('1', { signedOffAt: '2026-06-14T10:00:00Z' }), cp)).toBe(false);
  });
  it('takes the programme year from April to March', () => {
    const year = { kind: 'programme' as const, year: '2026-27' };
    expect(inScope(digest('1', { signedOffAt: '2026-04-01T09:00:00Z' }), year)).toBe(true);
    expect(inScope(digest('1', { signedOffAt: '2027-03-31T09:00:00Z' }), year)).toBe(true);
    expect(inScope(digest('1', { signedOffAt: '2026-03-31T09:00:00Z' }), year)).toBe(false);
    expect(inScope(digest('1', { signedOffAt: '2027-04-01T09:00:00Z' }), year)).toBe(false);
  });
  it('names the scope on the title page', () => {
    expect(describeScope({ kind: 'theme', themeId: '1', title: 'Neglect' })).toBe('Theme: Neglect');
    expect(describeScope({ kind: 'programme', year: '2026-27' })).toBe('The 2026-27 programme');
    expect(describeScope({ kind: 'period', from: '2026-04-01', to: '2026-09-30' })).toBe(
      'Audits signed off 2026-04-01 to 2026-09-30',
    );
    expect(
      describeScope({
        kind: 'category',
        category: 'childInNeed',
        from: '2026-04-01',
        to: '2026-09-30',
      }),
    ).toBe('Child in need audits signed off 2026-04-01 to 2026-09-30');
  });
});

describe('the method section', () => {
  const set = [
    digest('1'),
    digest('2', {
      category: 'childInNeed',
      toolVersion: 1,
      agencies: ['police'],
      signedOffAt: '2026-05-02T10:00:00Z',
    }),
    digest('3', {
      toolVersion: 1,
      reauditOf: '1',
      auditors: [{ agency: 'police', id: 'u-p', name: 'Owen Price' }],
    }),
  ];
  it('counts the sample, agencies, tools and versions, days and auditors', () => {
    expect(reportMethod(set)).toEqual({
      sample: 3,
      byCategory: [
        { category: 'childProtection', audits: 2 },
        { category: 'childInNeed', audits: 1 },
      ],
      agencies: ['socialCare', 'health', 'police'],
      tools: [
        { category: 'childProtection', version: 1, audits: 1 },
        { category: 'childProtection', version: 2, audits: 1 },
        { category: 'childInNeed', version: 1, audits: 1 },
      ],
      signedOff: { from: '2026-05-02', to: '2026-06-15' },
      auditors: ['Grace Lin', 'Owen Price'],
      reaudits: 1,
    });
  });
  it('says it in sentences', () => {
    expect(describeMethod(reportMethod(set))).toEqual([
      '3 audits: 2 child protection, 1 child in need.',
      "Agencies: Children's social care, Health, Police.",
      'Tools: Child protection version 1 (1 audit); Child protection version 2 (1 audit); Child in need version 1 (1 audit).',
      'Signed off between 2026-05-02 and 2026-06-15.',
      'Audited by Grace Lin, Owen Price.',
      '1 audit is a re-audit of earlier cases.',
    ]);
    expect(describeMethod(reportMethod([]))).toEqual([
      'No signed-off audits fall within this report yet.',
    ]);
  });
  it('takes the first and last days whatever the order, and leaves out what the set does not have', () => {
    // The latest first, none audited by a named person, no re-audits.
    const unnamed = [
      digest('1', { signedOffAt: '2026-07-20T10:00:00Z', auditors: [] }),
      digest('2', { signedOffAt: '2026-05-02T10:00:00Z', auditors: [] }),
      digest('3', { signedOffAt: '2026-06-01T10:00:00Z', auditors: [] }),
    ];
    const method = reportMethod(unnamed);
    expect(method.signedOff).toEqual({ from: '2026-05-02', to: '2026-07-20' });
    expect(describeMethod(method)).toEqual([
      '3 audits: 3 child protection.',
      "Agencies: Children's social care, Health.",
      'Tools: Child protection version 2 (3 audits).',
      'Signed off between 2026-05-02 and 2026-07-20.',
    ]);
    // A method without sign-off days (its type allows one) says none.
    expect(describeMethod({ ...method, signedOff: undefined })).toEqual([
      '3 audits: 3 child protection.',
      "Agencies: Children's social care, Health.",
      'Tools: Child protection version 2 (3 audits).',
    ]);
  });
  it('names the auditors in alphabetical order and counts re-audits in the plural', () => {
    const reaudits = [
      digest('4', {
        reauditOf: '1',
        auditors: [{ agency: 'police', id: 'u-p', name: 'Owen Price' }],
      }),
      digest('5', { reauditOf: '2', auditors: [{ agency: 'health', id: 'u-a', name: 'Ada Obi' }] }),
      digest('6'),
    ];
    const method = reportMethod(reaudits);
    expect(method.auditors).toEqual(['Ada Obi', 'Grace Lin', 'Owen Price']);
    expect(describeMethod(method).slice(-2)).toEqual([
      'Audited by Ada Obi, Grace Lin, Owen Price.',
      '2 audits are re-audits of earlier cases.',
    ]);
  });
});

describe('draft, published, new version', () => {
  const BM = { id: 'u-bm', displayName: 'Morgan Ellis' };
  const NOW = new Date('2026-11-27T10:00:00Z');
  const draft: ReportVersion = {
    reportId: '9',
    version: 1,
    status: 'draft',
    scope: { kind: 'theme', themeId: '1', title: 'Neglect' },
    title: 'Neglect: multi-agency audit 2026',
    narrative: 'Practice was timely; the child’s voice was often missing.',
    recommendations: [
      {
        id: 'R1',
        text: 'Record the child’s words.',
        differenceForChildren: 'Plans reflect what children say.',
      },
    ],
  };

  it('publishes a complete draft with who and when', () => {
    const r = publishReport(draft, 12, BM, NOW);
    expect(r).toEqual({
      kind: 'ok',
      report: { ...draft, status: 'published', publishedAt: NOW.toISOString(), publishedBy: BM },
    });
  });

  it('names everything missing before publishing', () => {
    const r = publishReport(
      {
        ...draft,
        title: ' ',
        narrative: '',
        recommendations: [{ id: 'R1', text: '', differenceForChildren: ' ' }],
      },
      0,
      BM,
      NOW,
    );
    expect(r).toEqual({
      kind: 'refused',
      reason:
        'The report cannot be published yet. No signed-off audits fall within the report: choose another set. Give the report a title. Write the narrative: what the audits found, in your words. Recommendation 1 has no text. Recommendation 1 does not say the difference it should make for children.',
    });
    expect(publishReport({ ...draft, recommendations: [] }, 3, BM, NOW)).toMatchObject({
      reason: 'The report cannot be published yet. Add at least one recommendation.',
    });
    // Spaces and line breaks only are not a narrative or a recommendation.
    const blank = publishReport(
      {
        ...draft,
        narrative: ' \n ',
        recommendations: [{ ...draft.recommendations[0]!, text: '  ' }],
      },
      3,
      BM,
      NOW,
    );
    expect(blank).toEqual({
      kind: 'refused',
      reason:
        'The report cannot be published yet. Write the narrative: what the audits found, in your words. Recommendation 1 has no text.',
    });
  });

  it('fixes a published version: no edit, no second publishing, only a new version', () => {
    const published = (publishReport(draft, 12, BM, NOW) as { report: ReportVersion }).report;
    expect(editReport(published, { narrative: 'Changed.' })).toEqual({
      kind: 'refused',
      reason:
        'This version is published and fixed: what the board read stays as it was. Make a new version to change it.',
    });
    expect(publishReport(published, 12, BM, NOW)).toEqual({
      kind: 'refused',
      reason: 'This version is already published.',
    });
    const next = newVersion(published);
    expect(next).toEqual({ kind: 'ok', report: { ...draft, version: 2 } });
    expect(
      editReport((next as { report: ReportVersion }).report, { narrative: 'Changed.' }),
    ).toMatchObject({
      kind: 'ok',
      report: { version: 2, narrative: 'Changed.', status: 'draft' },
    });
    expect(newVersion(draft)).toEqual({
      kind: 'refused',
      reason: 'This version is still a draft: change it as it is.',
    });
  });
});
