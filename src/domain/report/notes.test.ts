import { describe, expect, it } from '@jest/globals';
import type { Answers, SectionAnswer } from '../answers.js';
import type { Grade } from '../grading.js';
import type { ModerationSummary } from '../moderation.js';
import type { AuditDigest } from './digest.js';
import {
  chooseNoteAudits,
  decodeNotes,
  encodeNotes,
  NOTE_AUDITS,
  NOTE_MAX,
  NOTES_PER_AUDIT,
  notesOf,
  shorten,
} from './notes.js';

const answer = (workedWell: string, toImprove: string, impact: string): SectionAnswer => ({
  kind: 'answered',
  grade: 'good',
  evidence: 'Read the record.',
  workedWell,
  toImprove,
  impact,
});

const SUMMARY: ModerationSummary = {
  areas: [
    {
      sectionId: 'childsVoice',
      title: "The child's voice",
      agencies: [],
      multiAgencyGrade: 'good',
      multiAgencyNotApplicable: false,
      agenciesDiffer: false,
      findings: [],
    },
    {
      sectionId: 'oversight',
      title: 'Oversight',
      agencies: [],
      multiAgencyGrade: 'inadequate',
      multiAgencyNotApplicable: false,
      agenciesDiffer: false,
      findings: [],
    },
  ],
  findings: [
    {
      sectionId: 'oversight',
      areaTitle: 'Oversight',
      agency: 'police',
      agencyGrade: 'good',
      moderatedGrade: 'inadequate',
      direction: 'lowered',
      reason: 'No supervision was recorded for five months.',
    },
  ],
  readiness: { areasWithoutGrade: [], changesWithoutReason: [] },
};

const LEAD: Answers = {
  childsVoice: answer('Seen alone at every visit.', '', 'The child says home feels safer.'),
  oversight: { kind: 'notApplicable', reason: 'Not for the lead.' },
};
const POLICE: Answers = {
  childsVoice: answer('Not this one.', 'Record the child’s words.', ''),
  oversight: answer('', 'Supervise monthly.', 'Risks stayed unclear.'),
};

describe('the words kept at sign-off', () => {
  it("keeps the lead auditor's words, an agency's where the lead left a kind empty, and moderation's reasons", () => {
    const n = notesOf('7', SUMMARY, LEAD, [{ agency: 'police', answers: POLICE }], []);
    expect(n).toEqual({
      auditId: '7',
      withheld: 0,
      notes: [
        {
          sectionId: 'childsVoice',
          agency: undefined,
          kind: 'workedWell',
          text: 'Seen alone at every visit.',
        },
        {
          sectionId: 'childsVoice',
          agency: 'police',
          kind: 'toImprove',
          text: 'Record the child’s words.',
        },
        {
          sectionId: 'childsVoice',
          agency: undefined,
          kind: 'impact',
          text: 'The child says home feels safer.',
        },
        { sectionId: 'oversight', agency: 'police', kind: 'toImprove', text: 'Supervise monthly.' },
        { sectionId: 'oversight', agency: 'police', kind: 'impact', text: 'Risks stayed unclear.' },
        {
          sectionId: 'oversight',
          agency: 'police',
          kind: 'reason',
          text: 'No supervision was recorded for five months.',
        },
      ],
    });
  });

  it("takes an agency's words where the lead's are only spaces, and passes over an agency that found the area not applicable", () => {
    const lead: Answers = { childsVoice: answer('   ', '', '') };
    const n = notesOf(
      '7',
      { ...SUMMARY, areas: [SUMMARY.areas[0]!], findings: [] },
      lead,
      [
        { agency: 'health', answers: { childsVoice: { kind: 'notApplicable', reason: 'No.' } } },
        { agency: 'police', answers: { childsVoice: answer('Police saw the child.', '', '') } },
      ],
      [],
    );
    expect(n).toEqual({
      auditId: '7',
      withheld: 0,
      notes: [
        {
          sectionId: 'childsVoice',
          agency: 'police',
          kind: 'workedWell',
          text: 'Police saw the child.',
        },
      ],
    });
  });

  it('leaves out and counts a text the identifying-detail guard stops, and lets case references through', () => {
    const named: Answers = {
      childsVoice: answer(
        'Jane Smith (born 03/04/2015) was seen alone.',
        '',
        'NSP-CP-0101 is safer.',
      ),
    };
    const n = notesOf('7', { ...SUMMARY, findings: [] }, named, [], [/^NSP-CP-\d{4}$/]);
    expect(n.withheld).toBe(1);
    expect(n.notes).toEqual([
      {
        sectionId: 'childsVoice',
        agency: undefined,
        kind: 'impact',
        text: 'NSP-CP-0101 is safer.',
      },
    ]);
  });

  it('keeps at most NOTES_PER_AUDIT notes, counting the rest as left out', () => {
    const areas = Array.from({ length: 25 }, (_, i) => ({
      ...SUMMARY.areas[0]!,
      sectionId: `a${i}`,
    }));
    const answers: Answers = Object.fromEntries(
      areas.map((a) => [a.sectionId, answer('Good.', 'Better.', 'Safer.')]),
    );
    const n = notesOf('7', { ...SUMMARY, areas, findings: [] }, answers, [], []);
    expect(n.notes).toHaveLength(NOTES_PER_AUDIT);
    expect(n.withheld).toBe(75 - NOTES_PER_AUDIT);
  });

  it('cuts a long text at a word, on one line, saying it was cut', () => {
    expect(shorten('  Two\n\nlines  ')).toBe('Two lines');
    const exact = 'x'.repeat(NOTE_MAX);
    expect(shorten(exact)).toBe(exact);
    const words = `${'word '.repeat(80)}end`;
    const cut = shorten(words);
    expect(cut.length).toBeLessThanOrEqual(NOTE_MAX);
    expect(cut).toMatch(/^word( word)+…$/);
    expect(cut.length).toBe(295);
    // One long word: cut where the limit falls.
    expect(shorten('y'.repeat(NOTE_MAX + 1))).toBe(`${'y'.repeat(NOTE_MAX - 1)}…`);
    // A space early on is not used: the cut keeps more than half.
    expect(shorten(`ab ${'z'.repeat(NOTE_MAX)}`)).toBe(`ab ${'z'.repeat(NOTE_MAX - 4)}…`);
    // Nor one at exactly half: only a space past half is a place to cut.
    const half = NOTE_MAX / 2;
    expect(shorten(`${'a'.repeat(half)} ${'b'.repeat(NOTE_MAX)}`)).toBe(
      `${'a'.repeat(half)} ${'b'.repeat(NOTE_MAX - half - 2)}…`,
    );
    expect(shorten(`${'a'.repeat(half + 1)} ${'b'.repeat(NOTE_MAX)}`)).toBe(
      `${'a'.repeat(half + 1)}…`,
    );
  });

  it('reads back what was written, and guards again on reading', () => {
    const n = notesOf('7', SUMMARY, LEAD, [{ agency: 'police', answers: POLICE }], []);
    const json = encodeNotes({ ...n, withheld: 2 });
    expect(decodeNotes(json, [])).toEqual({ ...n, withheld: 2 });
    // Someone changed the item after sign-off: the text is stopped now and counted.
    const edited = JSON.parse(json) as { n: string[][] };
    edited.n[0]![3] = 'Call Jane Smith on 07700 900123.';
    const read = decodeNotes(JSON.stringify(edited), [])!;
    expect(read.withheld).toBe(3);
    expect(read.notes).toHaveLength(n.notes.length - 1);
    // Blank texts are skipped, not counted, and never shown as an empty quote.
    edited.n[0]![3] = '   ';
    const blank = decodeNotes(JSON.stringify(edited), [])!;
    expect(blank.withheld).toBe(2);
    expect(blank.notes).toEqual(n.notes.slice(1));
  });

  it('refuses notes it cannot read: undefined, never a half-read set', () => {
    const good = { v: 1, id: '7', n: [['childsVoice', '', 'w', 'Seen.']], wh: 0 };
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    for (const json of [
      '{',
      'null',
      bad({ v: 2 }),
      bad({ id: 7 }),
      bad({ n: 'x' }),
      bad({ n: [['childsVoice', '', 'w']] }),
      bad({ n: [[1, '', 'w', 'Seen.']] }),
      bad({ n: [['childsVoice', 'army', 'w', 'Seen.']] }),
      bad({ n: [['childsVoice', 3, 'w', 'Seen.']] }),
      bad({ n: [['childsVoice', '', 'q', 'Seen.']] }),
      bad({ n: [['childsVoice', '', 'w', 5]] }),
      bad({ n: [['childsVoice', '', 'w', 'Seen.', 'More.']] }),
      bad({ n: [null] }),
      bad({ n: [7] }),
    ])
      expect(decodeNotes(json, [])).toBeUndefined();
    expect(decodeNotes(bad({ wh: -1 }), [])!.withheld).toBe(0);
    expect(decodeNotes(bad({ wh: 'x' }), [])!.withheld).toBe(0);
    // A count written as text is not a count: none is read, as for any other wrong value.
    expect(decodeNotes(bad({ wh: '3' }), [])!.withheld).toBe(0);
    expect(decodeNotes(bad({ wh: 2.7 }), [])!.withheld).toBe(2);
    expect(decodeNotes(bad({ n: [['oversight', 'police', 'm', 'Why.']] }), [])!.notes).toEqual([
      { sectionId: 'oversight', agency: 'police', kind: 'reason', text: 'Why.' },
    ]);
    expect(
      decodeNotes(
        bad({
          n: [
            ['a', '', 't', 'T.'],
            ['a', '', 'i', 'I.'],
          ],
        }),
        [],
      )!.notes.map((x) => x.kind),
    ).toEqual(['toImprove', 'impact']);
  });
});

const digest = (
  id: number,
  grades: Record<string, Grade | undefined>,
  changed = false,
): AuditDigest => ({
  auditId: String(id),
  caseReference: `NSP-CP-${String(id).padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 1,
  themeId: undefined,
  signedOffAt: '2026-10-01T10:00:00Z',
  agencies: ['police'],
  auditors: [],
  areas: Object.entries(grades).map(([sectionId, multiAgency]) => ({
    sectionId,
    multiAgency,
    agencies: [{ agency: 'police', grade: 'good', moderated: changed ? 'inadequate' : 'good' }],
  })),
  reauditOf: undefined,
});

describe('the audits whose words a report reads', () => {
  it('takes, for each area, the earliest graded good or better and the earliest below good', () => {
    const set = [
      digest(9, { voice: 'inadequate', plan: 'good' }),
      digest(3, { voice: 'good', plan: undefined }),
      digest(5, { voice: 'outstanding', plan: 'requiresImprovement' }),
      digest(7, { voice: 'requiresImprovement' }),
    ];
    // plan|s → 9, plan|w → 5, voice|s → 3, voice|w → 7.
    expect(chooseNoteAudits(set, 4)).toEqual(['3', '5', '7', '9']);
    expect(chooseNoteAudits(set, 2)).toEqual(['5', '9']);
    expect(chooseNoteAudits(set, 0)).toEqual([]);
    // Earliest by audit, whatever order the set comes in: 7 is the earliest below good in the
    // child's voice, though 9 and 8 come before it.
    const shuffled = [set[0]!, set[1]!, set[2]!, digest(8, { voice: 'inadequate' }), set[3]!];
    expect(chooseNoteAudits(shuffled, 4)).toEqual(['3', '5', '7', '9']);
  });

  it('counts outstanding and good as good or better, and the other grades as below good', () => {
    const set = [
      digest(1, { voice: 'outstanding' }),
      digest(2, { voice: 'good' }),
      digest(3, { voice: 'inadequate' }),
    ];
    // voice|s → 1 (outstanding), voice|w → 3; 2 (good) is not the earliest good or better.
    expect(chooseNoteAudits(set, 2)).toEqual(['1', '3']);
    const later = [
      digest(1, { voice: 'good' }),
      digest(2, { voice: 'outstanding' }),
      digest(3, { voice: 'requiresImprovement' }),
    ];
    expect(chooseNoteAudits(later, 2)).toEqual(['1', '3']);
  });

  it('then audits where moderation changed a grade, then the earliest others, up to the limit', () => {
    const set = [
      digest(1, { voice: 'good' }),
      digest(2, { voice: 'good' }),
      digest(3, { voice: 'good' }, true),
      digest(4, { voice: 'good' }),
    ];
    expect(chooseNoteAudits(set, 2)).toEqual(['1', '3']);
    expect(chooseNoteAudits(set, 3)).toEqual(['1', '2', '3']);
    expect(chooseNoteAudits(set)).toEqual(['1', '2', '3', '4']);
    expect(chooseNoteAudits([])).toEqual([]);
    // More changed audits than room: the earliest of them, up to the limit.
    const many = [1, 2, 3, 4].map((id) => digest(id, { voice: 'good' }, id > 2));
    expect(chooseNoteAudits(many, 2)).toEqual(['1', '3']);
    // An audit counts as changed when any one agency's grade in any one area was changed.
    const oneOfMany: AuditDigest = {
      ...digest(3, { voice: 'good', plan: 'good' }),
      areas: [
        digest(3, { voice: 'good' }).areas[0]!,
        {
          sectionId: 'plan',
          multiAgency: 'good',
          agencies: [
            { agency: 'police', grade: 'good', moderated: 'good' },
            { agency: 'health', grade: 'good', moderated: 'inadequate' },
          ],
        },
      ],
    };
    const first = digest(1, { voice: 'good', plan: 'good' });
    expect(chooseNoteAudits([first, digest(2, { voice: 'good' }), oneOfMany], 2)).toEqual([
      '1',
      '3',
    ]);
  });

  it('reads at most NOTE_AUDITS, and audits signed off later do not change the choice', () => {
    const set = Array.from({ length: 50 }, (_, i) => digest(i + 1, { voice: 'good' }));
    const first = chooseNoteAudits(set);
    expect(first).toHaveLength(NOTE_AUDITS);
    expect(first[0]).toBe('1');
    expect(first.at(-1)).toBe('20');
    expect(chooseNoteAudits([...set, digest(51, { voice: 'good' })])).toEqual(first);
  });
});
