import { describe, expect, it } from '@jest/globals';
import type { Answers, SectionAnswer } from './answers.js';
import type { Grade } from './grading.js';
import { move } from './lifecycle.js';
import {
  type ModerationDecision,
  decideGrade,
  gradePairs,
  moderationSummary,
} from './moderation.js';
import { type AuditTool, latestTool } from './tools/index.js';
import { descriptors } from './tools/types.js';

const D = descriptors('o', 'g', 'r', 'i');
/** A small tool: one fact section, two areas for every agency, one for health only. */
const TOOL: AuditTool = {
  id: 'childInNeed',
  version: 1,
  title: 'Test tool',
  summary: '',
  sections: [
    { id: 'profile', title: 'Case profile', graded: false, agencies: 'all', prompts: [] },
    {
      id: 'voice',
      title: "The child's voice",
      graded: true,
      agencies: 'all',
      prompts: [],
      descriptors: D,
    },
    {
      id: 'health',
      title: 'Health checks',
      graded: true,
      agencies: ['health'],
      prompts: [],
      descriptors: D,
    },
    {
      id: 'oversight',
      title: 'Oversight',
      graded: true,
      agencies: 'all',
      prompts: [],
      descriptors: D,
    },
  ],
};

const graded = (grade: Grade | undefined): SectionAnswer => ({
  kind: 'answered',
  grade,
  evidence: 'e',
  workedWell: '',
  toImprove: '',
  impact: 'i',
});
const na = (reason: string): SectionAnswer => ({ kind: 'notApplicable', reason });

const HEALTH: Answers = {
  profile: graded(undefined),
  voice: graded('good'),
  health: graded('requiresImprovement'),
  oversight: graded('good'),
};
const POLICE: Answers = {
  voice: graded('inadequate'),
  health: graded('outstanding'), // not a police area: must be left out
  oversight: na('No police involvement in supervision.'),
};
const MULTI: Answers = {
  voice: graded('requiresImprovement'),
  health: graded('requiresImprovement'),
  oversight: na('Not judged across agencies.'),
};
const CONTRIBUTIONS = [
  { agency: 'health' as const, answers: HEALTH },
  { agency: 'police' as const, answers: POLICE },
];

describe('decideGrade', () => {
  const area = { id: 'voice', title: "The child's voice" };

  it('records the same grade as agreement, keeping any reason given', () => {
    expect(decideGrade(area, 'health', 'good', 'good', '  Fits the evidence. ')).toEqual({
      kind: 'agreed',
      decision: {
        sectionId: 'voice',
        agency: 'health',
        moderatedGrade: 'good',
        reason: 'Fits the evidence.',
      },
    });
  });

  it('records a lowered grade as a finding with its reason', () => {
    expect(decideGrade(area, 'police', 'good', 'inadequate', ' The child was not seen. ')).toEqual({
      kind: 'changed',
      decision: {
        sectionId: 'voice',
        agency: 'police',
        moderatedGrade: 'inadequate',
        reason: 'The child was not seen.',
      },
      finding: {
        sectionId: 'voice',
        areaTitle: "The child's voice",
        agency: 'police',
        agencyGrade: 'good',
        moderatedGrade: 'inadequate',
        direction: 'lowered',
        reason: 'The child was not seen.',
      },
    });
  });

  it('records a raised grade as raised', () => {
    const r = decideGrade(area, 'health', 'requiresImprovement', 'good', 'Visits were weekly.');
    expect(r.kind === 'changed' && r.finding.direction).toBe('raised');
    const one = decideGrade(area, 'health', 'good', 'requiresImprovement', 'Views recorded late.');
    expect(one.kind === 'changed' && one.finding.direction).toBe('lowered');
  });

  it('refuses a changed grade without a reason, naming agency, area and both grades', () => {
    expect(decideGrade(area, 'police', 'good', 'inadequate', '   ')).toEqual({
      kind: 'refused',
      reason:
        "Say why Police's grade for The child's voice changes from Good to Inadequate: a changed grade needs a reason.",
    });
    expect(decideGrade(area, 'health', 'requiresImprovement', 'good', '', 'ofsted2009')).toEqual({
      kind: 'refused',
      reason:
        "Say why Health's grade for The child's voice changes from Adequate to Good: a changed grade needs a reason.",
    });
    expect(decideGrade(area, 'health', 'requiresImprovement', 'good', '')).toEqual({
      kind: 'refused',
      reason:
        "Say why Health's grade for The child's voice changes from Requires improvement to be good to Good: a changed grade needs a reason.",
    });
  });
});

describe('moderationSummary', () => {
  it("shows, per graded area, each agency's grade beside the multi-agency grade", () => {
    const s = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, []);
    expect(s.areas.map((a) => a.sectionId)).toEqual(['voice', 'health', 'oversight']);
    expect(s.areas[0]).toEqual({
      sectionId: 'voice',
      title: "The child's voice",
      agencies: [
        {
          agency: 'health',
          state: 'graded',
          grade: 'good',
          moderatedGrade: 'good',
          changed: false,
          reason: '',
        },
        {
          agency: 'police',
          state: 'graded',
          grade: 'inadequate',
          moderatedGrade: 'inadequate',
          changed: false,
          reason: '',
        },
      ],
      multiAgencyGrade: 'requiresImprovement',
      multiAgencyNotApplicable: false,
      agenciesDiffer: true,
      findings: [],
    });
    // Only health answers the health area; police's stray answer there is not counted.
    expect(s.areas[1]!.agencies).toEqual([
      {
        agency: 'health',
        state: 'graded',
        grade: 'requiresImprovement',
        moderatedGrade: 'requiresImprovement',
        changed: false,
        reason: '',
      },
    ]);
    expect(s.areas[1]!.agenciesDiffer).toBe(false);
    expect(s.areas[2]).toEqual({
      sectionId: 'oversight',
      title: 'Oversight',
      agencies: [
        {
          agency: 'health',
          state: 'graded',
          grade: 'good',
          moderatedGrade: 'good',
          changed: false,
          reason: '',
        },
        {
          agency: 'police',
          state: 'notApplicable',
          reason: 'No police involvement in supervision.',
        },
      ],
      multiAgencyGrade: undefined,
      multiAgencyNotApplicable: true,
      agenciesDiffer: false,
      findings: [],
    });
    expect(s.findings).toEqual([]);
    expect(s.readiness).toEqual({ areasWithoutGrade: [], changesWithoutReason: [] });
  });

  it('marks an agency that has not graded an area, and lists areas without a multi-agency grade', () => {
    const s = moderationSummary(
      TOOL,
      [{ agency: 'health', answers: { voice: graded(undefined) } }],
      { voice: graded(undefined) },
      [],
    );
    expect(s.areas[0]!.agencies).toEqual([{ agency: 'health', state: 'notGraded' }]);
    expect(s.areas[0]!.agenciesDiffer).toBe(false);
    expect(s.areas[1]!.agencies).toEqual([{ agency: 'health', state: 'notGraded' }]);
    expect(s.readiness.areasWithoutGrade).toEqual([
      "The child's voice",
      'Health checks',
      'Oversight',
    ]);
  });

  it('records changed grades as findings, the latest decision standing', () => {
    const decisions: ModerationDecision[] = [
      { sectionId: 'voice', agency: 'police', moderatedGrade: 'good', reason: 'First thoughts.' },
      {
        sectionId: 'voice',
        agency: 'police',
        moderatedGrade: 'requiresImprovement',
        reason: ' Seen twice. ',
      },
      {
        sectionId: 'health',
        agency: 'health',
        moderatedGrade: 'inadequate',
        reason: 'No health assessment.',
      },
      // Setting the agency's own grade again is agreement: no finding, and its reason is not shown.
      { sectionId: 'oversight', agency: 'health', moderatedGrade: 'good', reason: 'Agreed.' },
    ];
    const s = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, decisions);
    expect(s.areas[0]!.agencies[1]).toEqual({
      agency: 'police',
      state: 'graded',
      grade: 'inadequate',
      moderatedGrade: 'requiresImprovement',
      changed: true,
      reason: 'Seen twice.',
    });
    expect(s.areas[2]!.agencies[0]).toEqual({
      agency: 'health',
      state: 'graded',
      grade: 'good',
      moderatedGrade: 'good',
      changed: false,
      reason: '',
    });
    expect(s.findings).toEqual([
      {
        sectionId: 'voice',
        areaTitle: "The child's voice",
        agency: 'police',
        agencyGrade: 'inadequate',
        moderatedGrade: 'requiresImprovement',
        direction: 'raised',
        reason: 'Seen twice.',
      },
      {
        sectionId: 'health',
        areaTitle: 'Health checks',
        agency: 'health',
        agencyGrade: 'requiresImprovement',
        moderatedGrade: 'inadequate',
        direction: 'lowered',
        reason: 'No health assessment.',
      },
    ]);
    expect(s.areas[0]!.findings).toEqual([s.findings[0]]);
    expect(s.areas[1]!.findings).toEqual([s.findings[1]]);
    expect(s.readiness.changesWithoutReason).toEqual([]);
  });

  it('lists a changed grade with no reason as a gap, not a finding, in the scale chosen', () => {
    const decisions: ModerationDecision[] = [
      { sectionId: 'voice', agency: 'health', moderatedGrade: 'requiresImprovement', reason: ' ' },
    ];
    const s = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, decisions, 'ofsted2009');
    expect(s.findings).toEqual([]);
    expect(s.readiness.changesWithoutReason).toEqual([
      "Health, The child's voice: Good to Adequate",
    ]);
    expect(s.areas[0]!.agencies[0]).toMatchObject({ changed: true, reason: '' });
    const current = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, decisions);
    expect(current.readiness.changesWithoutReason).toEqual([
      "Health, The child's voice: Good to Requires improvement to be good",
    ]);
  });

  it('feeds the lifecycle: sign-off waits for every gap to be closed', () => {
    const audit = {
      id: '7',
      status: 'moderation' as const,
      leadAuditor: { id: 'lead', displayName: 'Lead' },
      signOffManager: { id: 'som', displayName: 'Manager' },
      contributions: [
        { agency: 'health' as const, auditor: undefined, status: 'submitted' as const },
      ],
    };
    const lead = { person: { id: 'lead', displayName: 'Lead' }, isBusinessManager: false };
    const ctx = { now: new Date('2026-11-27T10:00:00Z') };
    const gaps = moderationSummary(TOOL, CONTRIBUTIONS, { voice: graded('good') }, [
      { sectionId: 'voice', agency: 'police', moderatedGrade: 'good', reason: '' },
    ]);
    const refused = move(
      audit,
      lead,
      { kind: 'sendForSignOff', readiness: gaps.readiness, signOffWorkingDays: 5 },
      ctx,
    );
    expect(refused).toEqual({
      kind: 'refused',
      reason:
        'Give the multi-agency grade for Health checks and Oversight before sending for sign-off.',
    });
    const ready = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, []);
    const sent = move(
      audit,
      lead,
      { kind: 'sendForSignOff', readiness: ready.readiness, signOffWorkingDays: 5 },
      ctx,
    );
    expect(sent.kind === 'moved' && sent.to).toBe('awaitingSignOff');
  });

  it('covers every graded area of a real tool, and no ungraded one', () => {
    const tool = latestTool('childProtection');
    const s = moderationSummary(tool, [{ agency: 'education', answers: {} }], {}, []);
    expect(s.areas.map((a) => a.sectionId)).toEqual(
      tool.sections.filter((x) => x.graded).map((x) => x.id),
    );
    expect(s.areas.map((a) => a.sectionId)).not.toContain('caseProfile');
    // Education does not answer the strategy discussion.
    expect(s.areas.find((a) => a.sectionId === 'referralStrategy')!.agencies).toEqual([]);
    expect(s.areas.find((a) => a.sectionId === 'conference')!.agencies).toEqual([
      { agency: 'education', state: 'notGraded' },
    ]);
  });
});

describe('gradePairs', () => {
  it("pairs each graded agency's grade with its moderated grade, naming the auditor", () => {
    const s = moderationSummary(TOOL, CONTRIBUTIONS, MULTI, [
      {
        sectionId: 'voice',
        agency: 'police',
        moderatedGrade: 'requiresImprovement',
        reason: 'Seen twice.',
      },
    ]);
    expect(gradePairs('a1', s, { health: { id: 'u-h', displayName: 'Hana' } })).toEqual([
      {
        auditId: 'a1',
        sectionId: 'voice',
        areaTitle: "The child's voice",
        agency: 'health',
        auditorId: 'u-h',
        auditorName: 'Hana',
        agencyGrade: 'good',
        moderatedGrade: 'good',
      },
      {
        auditId: 'a1',
        sectionId: 'voice',
        areaTitle: "The child's voice",
        agency: 'police',
        auditorId: undefined,
        auditorName: undefined,
        agencyGrade: 'inadequate',
        moderatedGrade: 'requiresImprovement',
      },
      {
        auditId: 'a1',
        sectionId: 'health',
        areaTitle: 'Health checks',
        agency: 'health',
        auditorId: 'u-h',
        auditorName: 'Hana',
        agencyGrade: 'requiresImprovement',
        moderatedGrade: 'requiresImprovement',
      },
      {
        auditId: 'a1',
        sectionId: 'oversight',
        areaTitle: 'Oversight',
        agency: 'health',
        auditorId: 'u-h',
        auditorName: 'Hana',
        agencyGrade: 'good',
        moderatedGrade: 'good',
      },
    ]);
  });
});
