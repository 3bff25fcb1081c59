import { describe, expect, it } from '@jest/globals';
import {
  AGREEMENT_STATUSES,
  type AgreementAuditFacts,
  agencyGaps,
  agreeAgencyGrades,
  agreedAtSignOff,
  agreedGradesLocked,
  agreementsOf,
  gradesAgreedAt,
  undoAgencyAgreement,
} from './agencyAgreement.js';
import type { AreaSummary, ModerationSummary } from './moderation.js';
import { AUDIT_STATUSES, type GradesAgreements, type PersonRef } from './records.js';

const LEAD: PersonRef = { id: 'lead', displayName: 'Ruth Adeyemi' };
const OTHER: PersonRef = { id: 'police-auditor', displayName: 'Dana Whitfield' };
const NOW = new Date('2026-11-20T10:15:00Z');
const EARLIER = { at: '2026-11-18T09:00:00Z', by: LEAD };

const facts = (over: Partial<AgreementAuditFacts> = {}): AgreementAuditFacts => ({
  status: 'moderation',
  leadAuditor: LEAD,
  agencies: ['socialCare', 'police'],
  gradesAgreed: undefined,
  ...over,
});

const area = (over: Partial<AreaSummary> & Pick<AreaSummary, 'title'>): AreaSummary => ({
  sectionId: over.title.toLowerCase(),
  agencies: [],
  multiAgencyGrade: 'good',
  multiAgencyNotApplicable: false,
  agenciesDiffer: false,
  findings: [],
  ...over,
});
const graded = (agency: 'socialCare' | 'police', changed = false, reason = '') =>
  ({
    agency,
    state: 'graded',
    grade: 'good',
    moderatedGrade: changed ? 'inadequate' : 'good',
    changed,
    reason,
  }) as const;
const summary = (...areas: AreaSummary[]): ModerationSummary => ({
  areas,
  findings: [],
  readiness: { areasWithoutGrade: [], changesWithoutReason: [] },
});

/** Police graded Voice and Plan, said Health checks were not theirs; social care graded Voice. */
const UNFINISHED = summary(
  area({ title: 'Voice', agencies: [graded('police'), graded('socialCare')] }),
  area({ title: 'Plan', agencies: [graded('police')], multiAgencyGrade: undefined }),
  area({
    title: 'Health checks',
    agencies: [{ agency: 'police', state: 'notApplicable', reason: 'Not ours' }],
    multiAgencyGrade: undefined,
  }),
  area({ title: 'Oversight', agencies: [{ agency: 'police', state: 'notGraded' }] }),
  area({ title: 'Escalation', agencies: [graded('police')], multiAgencyGrade: undefined }),
  area({
    title: 'Closure',
    agencies: [graded('police')],
    multiAgencyGrade: undefined,
    multiAgencyNotApplicable: true,
  }),
);
const FINISHED = summary(
  area({ title: 'Voice', agencies: [graded('police'), graded('socialCare')] }),
  area({ title: 'Plan', agencies: [graded('police', true, 'Not seen alone.')] }),
);

describe("moderation's gaps for one agency", () => {
  it('names the areas the agency graded (or left ungraded) with no multi-agency grade, in order', () => {
    expect(agencyGaps(UNFINISHED, 'police')).toEqual({
      areasWithoutGrade: ['Plan', 'Escalation'],
      changesWithoutReason: [],
    });
    // Social care took part only in Voice, which has its grade.
    expect(agencyGaps(UNFINISHED, 'socialCare')).toEqual({
      areasWithoutGrade: [],
      changesWithoutReason: [],
    });
  });

  it('counts an ungraded area of the agency as waiting for the multi-agency grade', () => {
    const s = summary(
      area({
        title: 'Oversight',
        agencies: [{ agency: 'police', state: 'notGraded' }],
        multiAgencyGrade: undefined,
      }),
    );
    expect(agencyGaps(s, 'police').areasWithoutGrade).toEqual(['Oversight']);
  });

  it('names a changed grade without a reason, and not one with a reason or unchanged', () => {
    const s = summary(
      area({ title: 'Voice', agencies: [graded('police', true, '')] }),
      area({ title: 'Plan', agencies: [graded('police', true, 'Why.')] }),
      area({ title: 'Oversight', agencies: [graded('police', false, '')] }),
      area({ title: 'Health', agencies: [graded('socialCare', true, '')] }),
    );
    expect(agencyGaps(s, 'police')).toEqual({
      areasWithoutGrade: [],
      changesWithoutReason: ['Voice'],
    });
  });
});

describe("agreeing one agency's grades", () => {
  it('agrees once every area the agency graded has its multi-agency grade, keeping the others', () => {
    const result = agreeAgencyGrades(
      facts({ gradesAgreed: { socialCare: EARLIER } }),
      LEAD,
      'police',
      FINISHED,
      NOW,
    );
    expect(result).toEqual({
      kind: 'agreed',
      gradesAgreed: {
        socialCare: EARLIER,
        police: { at: '2026-11-20T10:15:00.000Z', by: LEAD },
      },
      event: {
        type: 'agencyGradesAgreed',
        actor: LEAD,
        at: '2026-11-20T10:15:00.000Z',
        details: "Police's grades agreed in moderation: feedback to its practitioners may go",
      },
    });
  });

  it('agrees on an audit with no agreements stored yet, and when returned from sign-off', () => {
    for (const status of ['moderation', 'returned'] as const) {
      const result = agreeAgencyGrades(facts({ status }), LEAD, 'socialCare', FINISHED, NOW);
      expect(result).toMatchObject({
        kind: 'agreed',
        gradesAgreed: { socialCare: { at: '2026-11-20T10:15:00.000Z', by: LEAD } },
      });
      if (result.kind === 'agreed')
        expect(Object.keys(result.gradesAgreed)).toEqual(['socialCare']);
    }
  });

  it('refuses, naming the areas still without a multi-agency grade', () => {
    expect(agreeAgencyGrades(facts(), LEAD, 'police', UNFINISHED, NOW)).toEqual({
      kind: 'refused',
      reason:
        "Give the multi-agency grade for Plan and Escalation before agreeing Police's grades.",
    });
    const three = summary(
      ...['Voice', 'Plan', 'Oversight'].map((title) =>
        area({ title, agencies: [graded('police')], multiAgencyGrade: undefined }),
      ),
    );
    expect(agreeAgencyGrades(facts(), LEAD, 'police', three, NOW)).toEqual({
      kind: 'refused',
      reason:
        "Give the multi-agency grade for Voice, Plan and Oversight before agreeing Police's grades.",
    });
  });

  it('refuses a changed grade without its reason, naming the area', () => {
    const s = summary(area({ title: 'Voice', agencies: [graded('police', true, '')] }));
    expect(agreeAgencyGrades(facts(), LEAD, 'police', s, NOW)).toEqual({
      kind: 'refused',
      reason: "Give the reason for changing Police's grade in Voice before agreeing its grades.",
    });
  });

  it('refuses an agency already agreed, saying since when', () => {
    expect(
      agreeAgencyGrades(
        facts({ gradesAgreed: { police: EARLIER } }),
        LEAD,
        'police',
        FINISHED,
        NOW,
      ),
    ).toEqual({
      kind: 'refused',
      reason: "Police's grades were agreed on 2026-11-18: there is nothing more to agree.",
    });
  });

  it('refuses an agency that is not on the audit', () => {
    expect(agreeAgencyGrades(facts(), LEAD, 'health', FINISHED, NOW)).toEqual({
      kind: 'refused',
      reason: 'Health is not one of the agencies on this audit.',
    });
  });

  it('refuses anyone but the lead auditor, and an audit with no lead auditor', () => {
    const refusal = {
      kind: 'refused',
      reason: "Only the audit's lead auditor can agree Police's grades.",
    };
    expect(agreeAgencyGrades(facts(), OTHER, 'police', FINISHED, NOW)).toEqual(refusal);
    expect(
      agreeAgencyGrades(facts({ leadAuditor: undefined }), LEAD, 'police', FINISHED, NOW),
    ).toEqual(refusal);
  });

  it('refuses in every status but moderation and returned, before asking who is acting', () => {
    expect(AGREEMENT_STATUSES).toEqual(['moderation', 'returned']);
    for (const status of AUDIT_STATUSES.filter((s) => !AGREEMENT_STATUSES.includes(s)))
      expect(agreeAgencyGrades(facts({ status }), OTHER, 'health', FINISHED, NOW)).toEqual({
        kind: 'refused',
        reason:
          "The audit is not in moderation, so no one can agree Health's grades now: that can be done only while the lead auditor moderates it.",
      });
  });
});

describe("undoing an agency's agreement", () => {
  it('takes that agency out, leaving the others agreed', () => {
    const result = undoAgencyAgreement(
      facts({ gradesAgreed: { socialCare: EARLIER, police: EARLIER } }),
      LEAD,
      'police',
      NOW,
    );
    expect(result).toEqual({
      kind: 'undone',
      gradesAgreed: { socialCare: EARLIER },
      event: {
        type: 'agencyAgreementUndone',
        actor: LEAD,
        at: '2026-11-20T10:15:00.000Z',
        details: "Police's agreed grades reopened in moderation",
      },
    });
  });

  it('leaves an empty set, not nothing, when the last agreement is undone', () => {
    const result = undoAgencyAgreement(
      facts({ status: 'returned', gradesAgreed: { police: EARLIER } }),
      LEAD,
      'police',
      NOW,
    );
    expect(result).toMatchObject({ kind: 'undone', gradesAgreed: {} });
  });

  it('refuses when the agency is not agreed', () => {
    for (const gradesAgreed of [undefined, { socialCare: EARLIER }])
      expect(undoAgencyAgreement(facts({ gradesAgreed }), LEAD, 'police', NOW)).toEqual({
        kind: 'refused',
        reason: "Police's grades are not agreed, so there is no agreement to undo.",
      });
  });

  it('refuses outside moderation, anyone but the lead, and an agency not on the audit', () => {
    const agreed = { gradesAgreed: { police: EARLIER } };
    expect(
      undoAgencyAgreement(facts({ ...agreed, status: 'awaitingSignOff' }), LEAD, 'police', NOW),
    ).toEqual({
      kind: 'refused',
      reason:
        "The audit is not in moderation, so no one can undo the agreement of Police's grades now: that can be done only while the lead auditor moderates it.",
    });
    expect(undoAgencyAgreement(facts(agreed), OTHER, 'police', NOW)).toEqual({
      kind: 'refused',
      reason: "Only the audit's lead auditor can undo the agreement of Police's grades.",
    });
    expect(undoAgencyAgreement(facts(agreed), LEAD, 'education', NOW)).toEqual({
      kind: 'refused',
      reason: 'Education is not one of the agencies on this audit.',
    });
  });
});

describe('agreed grades stay as agreed', () => {
  const moderating = (gradesAgreed?: GradesAgreements) => ({
    status: 'moderation' as const,
    gradesAgreed,
  });

  it('refuses a change to an agreed agency, saying how to reopen it', () => {
    expect(
      agreedGradesLocked(moderating({ police: EARLIER }), 'police', "change Police's grade"),
    ).toBe(
      "Police's grades are agreed, so you cannot change Police's grade now: undo the agreement of Police's grades first.",
    );
  });

  it('lets an agency not agreed, or an audit with no agreements, change', () => {
    expect(agreedGradesLocked(moderating({ police: EARLIER }), 'socialCare', 'x')).toBeUndefined();
    expect(agreedGradesLocked(moderating({}), 'police', 'x')).toBeUndefined();
    expect(agreedGradesLocked(moderating(undefined), 'police', 'x')).toBeUndefined();
  });

  it('keeps an older audit returned from sign-off as agreed, though no agreement is stored', () => {
    const older = { status: 'returned' as const, sentForSignOffAt: '2026-11-02T10:00:00Z' };
    expect(agreedGradesLocked(older, 'police', 'x')).toMatch(/^Police's grades are agreed/);
  });
});

describe('an audit moderated before agreements were kept, returned from sign-off', () => {
  const older = facts({ status: 'returned', sentForSignOffAt: '2026-11-02T10:00:00Z' });

  it('counts every agency agreed by its lead auditor when it was sent', () => {
    const sent = { at: '2026-11-02T10:00:00Z', by: LEAD };
    expect(agreementsOf(older)).toEqual({ socialCare: sent, police: sent });
    expect(agreeAgencyGrades(older, LEAD, 'police', FINISHED, NOW)).toEqual({
      kind: 'refused',
      reason: "Police's grades were agreed on 2026-11-02: there is nothing more to agree.",
    });
    // Undoing one keeps the other as it was.
    expect(undoAgencyAgreement(older, LEAD, 'police', NOW)).toMatchObject({
      kind: 'undone',
      gradesAgreed: { socialCare: sent },
    });
  });

  it('counts nothing agreed before it went for sign-off, without a date or a lead auditor', () => {
    expect(
      agreementsOf(facts({ status: 'moderation', sentForSignOffAt: NOW.toISOString() })),
    ).toEqual({});
    expect(agreementsOf(facts({ status: 'returned' }))).toEqual({});
    expect(
      agreementsOf(
        facts({ status: 'returned', sentForSignOffAt: NOW.toISOString(), leadAuditor: undefined }),
      ),
    ).toEqual({});
    // Kept agreements stand as they are, whatever the dates.
    expect(agreementsOf(facts({ ...older, gradesAgreed: { police: EARLIER } }))).toEqual({
      police: EARLIER,
    });
  });
});

describe('sending for sign-off agrees the rest', () => {
  it('marks each agency not agreed yet at that moment, keeping earlier agreements as they were', () => {
    const at = '2026-11-25T12:00:00.000Z';
    expect(agreedAtSignOff({ socialCare: EARLIER }, ['socialCare', 'police'], at, OTHER)).toEqual({
      socialCare: EARLIER,
      police: { at, by: OTHER },
    });
    expect(agreedAtSignOff(undefined, ['police'], at, LEAD)).toEqual({ police: { at, by: LEAD } });
    expect(agreedAtSignOff(undefined, [], at, LEAD)).toEqual({});
  });
});

describe('when an agency’s grades were agreed', () => {
  it('reads the agency’s own agreement wherever agreements are kept, in any status', () => {
    const audit = {
      status: 'moderation' as const,
      sentForSignOffAt: '2026-11-25T12:00:00Z',
      gradesAgreed: { police: EARLIER },
    };
    expect(gradesAgreedAt(audit, 'police')).toBe(EARLIER.at);
    expect(gradesAgreedAt(audit, 'socialCare')).toBeUndefined();
    // An undone last agreement leaves an empty set: not agreed, whatever the audit's dates say.
    expect(gradesAgreedAt({ ...audit, status: 'returned', gradesAgreed: {} }, 'police')).toBe(
      undefined,
    );
  });

  it('falls back, on an audit moderated before agreements were kept, to when it went for sign-off', () => {
    const sent = '2026-11-02T10:00:00Z';
    for (const status of ['awaitingSignOff', 'returned', 'signedOff', 'closed'] as const)
      expect(gradesAgreedAt({ status, sentForSignOffAt: sent }, 'police')).toBe(sent);
    for (const status of ['commissioned', 'inProgress', 'moderation', 'withdrawn'] as const)
      expect(gradesAgreedAt({ status, sentForSignOffAt: sent }, 'police')).toBeUndefined();
  });
});
