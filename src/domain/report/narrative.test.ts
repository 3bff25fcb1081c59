import { beforeEach, describe, expect, it } from '@jest/globals';
import type { AgencyId } from '../agencies.js';
import { GRADING_SCALES, type Grade } from '../grading.js';
import { type AuditDigest, digestModeration, type SignOffTiming } from './digest.js';
import {
  compareReaudits,
  describeFeedbackTimeliness,
  describeModerationChanges,
  describeQuote,
  describeQuoteSource,
  describeReaudits,
  describeSignOffTimeliness,
  type Quotes,
  quotesOf,
  signOffTimeliness,
} from './narrative.js';
import type { AuditNotes, Note } from './notes.js';

type Area = [string, Grade | undefined, Array<[AgencyId, Grade, Grade]>?];

const digest = (id: number, areas: Area[], extra: Partial<AuditDigest> = {}): AuditDigest => ({
  auditId: String(id),
  caseReference: `NSP-CP-${String(id).padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 1,
  themeId: undefined,
  signedOffAt: '2026-10-01T10:00:00Z',
  agencies: ['police', 'health'],
  auditors: [],
  areas: areas.map(([sectionId, multiAgency, agencies = []]) => ({
    sectionId,
    multiAgency,
    agencies: agencies.map(([agency, grade, moderated]) => ({ agency, grade, moderated })),
  })),
  reauditOf: undefined,
  ...extra,
});

const note = (sectionId: string, kind: Note['kind'], text: string, agency?: AgencyId): Note => ({
  sectionId,
  kind,
  text,
  agency,
});

const label = (g: Grade) => GRADING_SCALES.current.labels[g];
const title = (id: string) => `Area ${id}`;

describe('quotes from the chosen audits', () => {
  const set = [
    digest(1, [
      ['voice', 'requiresImprovement'],
      ['plan', 'good'],
    ]),
    digest(2, [
      ['voice', 'outstanding'],
      ['plan', 'inadequate', [['police', 'good', 'inadequate']]],
    ]),
    digest(3, [['voice', 'good']]),
    digest(4, [['voice', 'inadequate']]),
    digest(5, [['voice', undefined]]),
  ];
  const notes: AuditNotes[] = [
    {
      auditId: '1',
      withheld: 1,
      notes: [
        note('voice', 'workedWell', 'W1'),
        note('voice', 'toImprove', 'T1'),
        note('plan', 'workedWell', 'P1'),
      ],
    },
    {
      auditId: '2',
      withheld: 0,
      notes: [
        note('voice', 'workedWell', 'W2'),
        note('voice', 'toImprove', 'T2'),
        note('plan', 'reason', 'R2', 'police'),
        note('plan', 'impact', 'I2'),
      ],
    },
    {
      auditId: '3',
      withheld: 2,
      notes: [note('voice', 'workedWell', 'W3'), note('voice', 'impact', 'I3', 'health')],
    },
    {
      auditId: '4',
      withheld: 0,
      notes: [note('voice', 'workedWell', 'W4'), note('voice', 'toImprove', 'T4')],
    },
    { auditId: '5', withheld: 0, notes: [] },
    // Not in the set: left out.
    { auditId: '99', withheld: 5, notes: [note('voice', 'workedWell', 'W99')] },
  ];
  // Worked out in each test, not while Jest collects them: mutation testing switches its
  // mutants on only while a test runs.
  let q: Quotes;
  beforeEach(() => {
    q = quotesOf(notes, set, 6);
  });

  it('puts good practice from the best graded first, three an area, areas in the order they come', () => {
    expect(q.goodPractice.map((x) => [x.sectionId, x.text, x.grade])).toEqual([
      ['voice', 'W2', 'outstanding'],
      ['voice', 'W3', 'good'],
      ['voice', 'W1', 'requiresImprovement'],
      ['plan', 'P1', 'good'],
    ]);
  });

  it('puts areas to improve from the worst graded first', () => {
    expect(q.toImprove.map((x) => x.text)).toEqual(['T4', 'T1', 'T2']);
  });

  it('keeps impact in area order, then by audit, tagged by case reference and agency', () => {
    expect(q.impact).toEqual([
      {
        sectionId: 'voice',
        caseReference: 'NSP-CP-0003',
        agency: 'health',
        grade: 'good',
        text: 'I3',
      },
      {
        sectionId: 'plan',
        caseReference: 'NSP-CP-0002',
        agency: undefined,
        grade: 'inadequate',
        text: 'I2',
      },
    ]);
  });

  it("gives moderation's reasons with the grade they changed", () => {
    expect(q.reasons).toEqual([
      {
        sectionId: 'plan',
        caseReference: 'NSP-CP-0002',
        agency: 'police',
        grade: 'inadequate',
        text: 'R2',
        from: 'good',
        to: 'inadequate',
      },
    ]);
    // A reason whose grade the digest does not show changed is not quoted.
    const agreed = quotesOf(
      [
        {
          auditId: '1',
          withheld: 0,
          notes: [note('plan', 'reason', 'Why', 'police'), note('plan', 'reason', 'Lead')],
        },
      ],
      [digest(1, [['plan', 'good', [['police', 'good', 'good']]]])],
      1,
    );
    expect(agreed.reasons).toEqual([]);
  });

  it('counts what was read, what had words, and what the guard left out', () => {
    expect([q.auditsRead, q.auditsWithNotes, q.withheld]).toEqual([6, 4, 3]);
  });

  it('says a quote with its area, case, agency and grade', () => {
    expect(describeQuote(q.impact[0]!, title, label)).toBe(
      'Area voice (NSP-CP-0003, Health; graded Good): I3',
    );
    expect(describeQuote({ ...q.impact[1]!, grade: undefined }, title, label)).toBe(
      'Area plan (NSP-CP-0002): I2',
    );
  });

  it('says where the quotes came from, and what the guard left out', () => {
    expect(describeQuoteSource(q, 0)).toEqual([]);
    expect(describeQuoteSource(q, 6)).toEqual([
      "Quoted from the audits' own words (4 audits of 6 with words kept at sign-off).",
      '3 texts left out because the identifying-detail check found something that could identify a person.',
    ]);
    expect(
      describeQuoteSource({ ...q, auditsRead: 1, auditsWithNotes: 1, withheld: 1 }, 2),
    ).toEqual([
      'Quoted from 1 audit of the 2 (1 with words kept at sign-off), chosen so that each area has its best and its weakest graded practice; at most 3 an area.',
      '1 text left out because the identifying-detail check found something that could identify a person.',
    ]);
    expect(describeQuoteSource({ ...q, withheld: 0 }, 7)).toHaveLength(1);
    expect(describeQuoteSource({ ...q, auditsWithNotes: 1, withheld: 0 }, 6)).toEqual([
      "Quoted from the audits' own words (1 audit of 6 with words kept at sign-off).",
    ]);
  });
});

describe('quotes, whatever order the notes are read in', () => {
  it('orders areas as the earliest audit lists them, and equal grades by audit, earliest first', () => {
    const set = [
      digest(1, [
        ['voice', 'good'],
        ['plan', 'good'],
      ]),
      digest(2, [
        ['plan', 'good'],
        ['voice', 'outstanding'],
      ]),
      digest(3, [
        ['plan', 'requiresImprovement'],
        ['voice', 'good'],
      ]),
    ];
    const of = (id: number): AuditNotes => ({
      auditId: String(id),
      withheld: 0,
      notes: [note('plan', 'workedWell', `P${id}`), note('voice', 'workedWell', `V${id}`)],
    });
    // Read latest first: the order notes arrive in decides nothing.
    const q = quotesOf([of(3), of(2), of(1)], set, 3);
    expect(q.goodPractice.map((x) => [x.text, x.grade])).toEqual([
      ['V2', 'outstanding'],
      ['V1', 'good'],
      ['V3', 'good'],
      ['P1', 'good'],
      ['P2', 'good'],
      ['P3', 'requiresImprovement'],
    ]);
  });

  it('puts practice in an ungraded area after the graded, and a note in an area its audit does not list last', () => {
    const set = [
      digest(1, [
        ['voice', 'requiresImprovement'],
        ['plan', 'good'],
      ]),
      digest(2, [
        ['voice', undefined],
        ['plan', 'good'],
      ]),
    ];
    const q = quotesOf(
      [
        {
          auditId: '2',
          withheld: 0,
          notes: [note('extra', 'workedWell', 'X2'), note('voice', 'workedWell', 'V2')],
        },
        { auditId: '1', withheld: 0, notes: [note('voice', 'workedWell', 'V1')] },
      ],
      set,
      2,
    );
    expect(q.goodPractice.map((x) => [x.sectionId, x.text, x.grade])).toEqual([
      ['voice', 'V1', 'requiresImprovement'],
      ['voice', 'V2', undefined],
      ['extra', 'X2', undefined],
    ]);
    expect(describeQuote(q.goodPractice[2]!, title, label)).toBe('Area extra (NSP-CP-0002): X2');
  });

  it("quotes as moderation's reasons only reasons, each from the agency whose grade it changed", () => {
    const set = [
      digest(1, [
        [
          'plan',
          'good',
          [
            ['health', 'good', 'good'],
            ['police', 'good', 'inadequate'],
          ],
        ],
      ]),
    ];
    const q = quotesOf(
      [
        {
          auditId: '1',
          withheld: 0,
          notes: [
            // Police's grade changed, but these are not reasons.
            note('plan', 'workedWell', 'Good work', 'police'),
            note('plan', 'toImprove', 'Record more', 'police'),
            // Health's grade stood: its words are no reason for a change.
            note('plan', 'reason', 'Health agreed', 'health'),
            // An area the audit does not list has no grade to change.
            note('extra', 'reason', 'Nothing graded', 'police'),
            note('plan', 'reason', 'No visits recorded', 'police'),
          ],
        },
      ],
      set,
      1,
    );
    expect(q.reasons).toEqual([
      {
        sectionId: 'plan',
        caseReference: 'NSP-CP-0001',
        agency: 'police',
        grade: 'good',
        text: 'No visits recorded',
        from: 'good',
        to: 'inadequate',
      },
    ]);
  });
});

const changesOf = (set: readonly AuditDigest[]) => digestModeration(set, title).changes;

describe("moderation's changes", () => {
  const set = [
    digest(1, [
      [
        'voice',
        'good',
        [
          ['police', 'good', 'inadequate'],
          ['health', 'requiresImprovement', 'good'],
        ],
      ],
      ['plan', 'good', [['police', 'good', 'good']]],
    ]),
    digest(2, [
      ['voice', 'good', [['police', 'outstanding', 'good']]],
      ['empty', 'good'],
    ]),
  ];
  it('counts grades, raised and lowered, by area and by agency', () => {
    const c = changesOf(set);
    expect(c).toEqual({
      graded: 4,
      raised: 1,
      lowered: 2,
      byArea: [
        { sectionId: 'voice', graded: 3, raised: 1, lowered: 2 },
        { sectionId: 'plan', graded: 1, raised: 0, lowered: 0 },
      ],
      byAgency: [
        { agency: 'health', graded: 1, raised: 1, lowered: 0 },
        { agency: 'police', graded: 3, raised: 0, lowered: 2 },
      ],
    });
    expect(describeModerationChanges(c)).toBe(
      'Moderation changed 3 of 4 agency grades: 1 raised, 2 lowered.',
    );
  });
  it('says when there was nothing to change, or nothing changed', () => {
    expect(describeModerationChanges(changesOf([]))).toBe(
      'No agency grades to moderate in this set.',
    );
    const agreed = changesOf([digest(1, [['plan', 'good', [['police', 'good', 'good']]]])]);
    expect(describeModerationChanges(agreed)).toBe(
      'Moderation agreed all 1 agency grade: it changed none.',
    );
  });
});

describe("sign-off's timeliness", () => {
  const timing = (over: Partial<SignOffTiming>): SignOffTiming => ({
    commissionedToSignedOff: 20,
    sentToSignedOff: 3,
    bySignOffDue: true,
    byAuditDue: true,
    ...over,
  });
  it('gives medians and the counts within the due days', () => {
    const set = [
      digest(1, [], { timing: timing({ commissionedToSignedOff: 10, sentToSignedOff: 1 }) }),
      digest(2, [], {
        timing: timing({ commissionedToSignedOff: 40, sentToSignedOff: 12, bySignOffDue: false }),
      }),
      digest(3, [], {
        timing: timing({
          commissionedToSignedOff: 25,
          sentToSignedOff: undefined,
          bySignOffDue: undefined,
          byAuditDue: false,
        }),
      }),
      digest(4, []),
    ];
    const t = signOffTimeliness(set);
    expect(t).toEqual({
      audits: 4,
      notRecorded: 1,
      fromCommissioning: { counted: 3, median: 25 },
      fromModeration: { counted: 2, median: 6.5 },
      bySignOffDue: { counted: 2, within: 1 },
      byAuditDue: { counted: 3, within: 2 },
    });
    expect(describeSignOffTimeliness(t)).toEqual([
      'From commissioning to sign-off: a median of 25 working days (3 audits).',
      "2 of 3 audits signed off by the audit's due date.",
      'From moderation sending the audit for sign-off to sign-off: a median of 6.5 working days (2 audits).',
      "1 of 2 audits signed off within the partnership's target (by the sign-off due day set when it was sent).",
      '1 audit was signed off before these times were kept.',
    ]);
  });
  it('says one audit in the singular, and nothing it does not have', () => {
    const one = signOffTimeliness([
      digest(1, [], { timing: timing({ commissionedToSignedOff: 1, sentToSignedOff: 1 }) }),
    ]);
    expect(describeSignOffTimeliness(one)).toEqual([
      'From commissioning to sign-off: a median of 1 working day (1 audit).',
      "1 of 1 audit signed off by the audit's due date.",
      'From moderation sending the audit for sign-off to sign-off: a median of 1 working day (1 audit).',
      "1 of 1 audit signed off within the partnership's target (by the sign-off due day set when it was sent).",
    ]);
    const bare = signOffTimeliness([
      digest(1, [], {
        timing: timing({
          commissionedToSignedOff: undefined,
          sentToSignedOff: undefined,
          bySignOffDue: undefined,
          byAuditDue: undefined,
        }),
      }),
      digest(2, []),
      digest(3, []),
    ]);
    expect(describeSignOffTimeliness(bare)).toEqual([
      '2 audits were signed off before these times were kept.',
    ]);
    expect(describeSignOffTimeliness(signOffTimeliness([]))).toEqual([
      'No audit signed off in this set yet.',
    ]);
  });
  it("says feedback's timeliness against the partnership's targets", () => {
    const none = {
      done: 0,
      withinTarget: 0,
      late: 0,
      waiting: 0,
      waitingPastTarget: 0,
      medianWorkingDays: undefined,
      shareWithinTarget: undefined,
    };
    expect(
      describeFeedbackTimeliness(
        {
          toSend: { ...none, done: 3, withinTarget: 2, late: 1, medianWorkingDays: 4 },
          toAcknowledge: { ...none, waiting: 2, waitingPastTarget: 1 },
        },
        { sendWorkingDays: 5, acknowledgeWorkingDays: 1 },
      ),
    ).toEqual([
      "From moderation agreeing an agency's grades to feedback sent: 2 of 3 sent within 5 working days (median 4 working days).",
      'From sent to acknowledged by the practitioner: None acknowledged yet; 2 waiting, 1 past the target.',
    ]);
  });
});

describe('re-audits beside their originals', () => {
  const original = digest(10, [
    ['voice', 'inadequate'],
    ['plan', 'requiresImprovement'],
    ['oversight', 'good'],
    ['extra', 'good'],
    ['gone', undefined],
    ['dropped', 'good'],
    ['onlyBefore', undefined],
  ]);
  const reaudit = digest(
    20,
    [
      ['voice', 'good'],
      ['plan', 'requiresImprovement'],
      ['oversight', 'inadequate'],
      ['newer', 'good'],
      ['gone', undefined],
      ['dropped', undefined],
      ['newest', 'outstanding'],
    ],
    { reauditOf: '10', caseReference: 'NSP-CP-0010' },
  );
  const lost = digest(30, [['voice', 'good']], { reauditOf: '5' });

  it('compares area by area: better, the same or worse, and counts areas graded in one only', () => {
    const [c, m] = compareReaudits([lost, original, reaudit], [original]);
    expect(c).toEqual({
      kind: 'compared',
      reaudit,
      original,
      areas: [
        { sectionId: 'voice', before: 'inadequate', after: 'good', change: 'better' },
        {
          sectionId: 'plan',
          before: 'requiresImprovement',
          after: 'requiresImprovement',
          change: 'same',
        },
        { sectionId: 'oversight', before: 'good', after: 'inadequate', change: 'worse' },
      ],
      // Graded in one only: extra and dropped (before), newer and newest (after); never an
      // area graded in neither (gone, onlyBefore).
      notBoth: 4,
    });
    expect(m).toEqual({ kind: 'originalMissing', reaudit: lost });
    expect(compareReaudits([original], [original])).toEqual([]);
  });

  it('says it plainly, with a summary count, and when the original is not in the data', () => {
    const cs = compareReaudits([reaudit, lost], [original]);
    expect(describeReaudits(cs)).toEqual([
      '1 re-audit compared with its original: 1 area better, 1 the same, 1 worse.',
      '1 re-audit could not be compared: the original audit is not in the data read for this report (it was signed off before the digests were kept, or its digest cannot be read).',
      'NSP-CP-0010 (re-audit of audit 10): 1 area better, 1 the same, 1 worse; 4 areas graded in only one of the two.',
      'NSP-CP-0030: the original audit (5) is not in the data, so it cannot be compared.',
    ]);
    expect(describeReaudits([])).toEqual(['No re-audit in this set.']);
    // One area graded before only counts; an area the original lists ungraded does not.
    const once = compareReaudits(
      [
        digest(
          41,
          [
            ['voice', 'good'],
            ['dropped', undefined],
          ],
          { reauditOf: '40' },
        ),
      ],
      [
        digest(40, [
          ['voice', 'good'],
          ['dropped', 'good'],
          ['onlyBefore', undefined],
        ]),
      ],
    );
    expect(describeReaudits(once).at(-1)).toBe(
      'NSP-CP-0041 (re-audit of audit 40): 0 areas better, 1 the same, 0 worse; 1 area graded in only one of the two.',
    );
    expect(describeReaudits(compareReaudits([lost, { ...lost, auditId: '31' }], []))[0]).toBe(
      '2 re-audits in this set; none could be compared.',
    );
    const two = compareReaudits(
      [
        { ...reaudit, areas: reaudit.areas.slice(0, 1) },
        { ...reaudit, auditId: '21', areas: reaudit.areas.slice(0, 1) },
      ],
      [{ ...original, areas: original.areas.slice(0, 1) }],
    );
    expect(describeReaudits(two)).toEqual([
      '2 re-audits compared with their originals: 2 areas better, 0 the same, 0 worse.',
      'NSP-CP-0010 (re-audit of audit 10): 1 area better, 0 the same, 0 worse.',
      'NSP-CP-0010 (re-audit of audit 10): 1 area better, 0 the same, 0 worse.',
    ]);
  });
});
