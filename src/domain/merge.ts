import { EMPTY_ANSWER, type SectionAnswer } from './answers.js';
import { mergeText, type PlaceChoice, resolveText, type TextMerge } from './diff3.js';
import { isGrade } from './grading.js';

/**
 * Three-way merge of one section after an edit conflict (HTTP 412): what the auditor edited from
 * (base), what they wrote (mine) and what is now stored (theirs). A field only one side changed
 * takes that side; a field both changed differently is a conflict for the person to decide. For a
 * text, "combine" is a word-level three-way merge of the two sets of changes (src/domain/diff3.ts):
 * where the same words were changed both ways, both are kept and the person chooses place by
 * place. Nothing is overwritten without being shown.
 */

export const MERGE_FIELDS = [
  'kind',
  'grade',
  'evidence',
  'workedWell',
  'toImprove',
  'impact',
  'reason',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export const TEXT_MERGE_FIELDS: ReadonlySet<MergeField> = new Set([
  'evidence',
  'workedWell',
  'toImprove',
  'impact',
  'reason',
]);

type Flat = Record<MergeField, string>;

function flatten(answer: SectionAnswer): Flat {
  if (answer.kind === 'notApplicable')
    return {
      kind: 'notApplicable',
      grade: '',
      evidence: '',
      workedWell: '',
      toImprove: '',
      impact: '',
      reason: answer.reason,
    };
  return {
    kind: 'answered',
    grade: answer.grade ?? '',
    evidence: answer.evidence,
    workedWell: answer.workedWell,
    toImprove: answer.toImprove,
    impact: answer.impact,
    reason: '',
  };
}

function unflatten(flat: Flat): SectionAnswer {
  if (flat.kind === 'notApplicable') return { kind: 'notApplicable', reason: flat.reason };
  return {
    kind: 'answered',
    grade: isGrade(flat.grade) ? flat.grade : undefined,
    evidence: flat.evidence,
    workedWell: flat.workedWell,
    toImprove: flat.toImprove,
    impact: flat.impact,
  };
}

const ANSWERED_FIELDS: readonly MergeField[] = [
  'grade',
  'evidence',
  'workedWell',
  'toImprove',
  'impact',
];

/**
 * Switching kind does not edit the other kind's fields: a side that is "not applicable" leaves the
 * answered fields as they were in the base, and an answered side leaves the reason as it was.
 */
function relativeTo(flat: Flat, base: Flat): Flat {
  const out = { ...flat };
  if (flat.kind === 'notApplicable') for (const f of ANSWERED_FIELDS) out[f] = base[f];
  else out.reason = base.reason;
  return out;
}

export type FieldChange = {
  readonly field: MergeField;
  readonly base: string;
  readonly theirs: string;
};
export type FieldConflict = FieldChange & {
  readonly mine: string;
  /** For a text: the word-level merge of both sets of changes against the base. */
  readonly combined?: TextMerge;
};

export type SectionMerge = {
  readonly sectionId: string;
  /** Every field the other person changed, so the user sees what they did. */
  readonly theirChanges: readonly FieldChange[];
  /** Fields both changed, differently: the user chooses. */
  readonly conflicts: readonly FieldConflict[];
  readonly base: SectionAnswer;
  readonly mine: SectionAnswer;
  readonly theirs: SectionAnswer;
};

export function mergeSection(
  sectionId: string,
  base: SectionAnswer | undefined,
  mine: SectionAnswer,
  theirs: SectionAnswer,
): SectionMerge {
  const b = flatten(base ?? EMPTY_ANSWER);
  const m = relativeTo(flatten(mine), b);
  const t = relativeTo(flatten(theirs), b);
  const theirChanges: FieldChange[] = [];
  const conflicts: FieldConflict[] = [];
  for (const field of MERGE_FIELDS) {
    if (t[field] === b[field]) continue;
    theirChanges.push({ field, base: b[field], theirs: t[field] });
    if (m[field] !== b[field] && m[field] !== t[field])
      conflicts.push({
        field,
        base: b[field],
        theirs: t[field],
        mine: m[field],
        ...(TEXT_MERGE_FIELDS.has(field)
          ? { combined: mergeText(b[field], m[field], t[field]) }
          : {}),
      });
  }
  // If they switched the section's kind while I wrote into it, taking theirs would drop my words:
  // that is a choice for me, not a silent merge. (Had I switched the kind too, the kind is either
  // the same on both sides or already a conflict above.)
  if (t.kind !== b.kind && m.kind === b.kind && MERGE_FIELDS.some((f) => m[f] !== b[f])) {
    conflicts.unshift({ field: 'kind', base: b.kind, theirs: t.kind, mine: m.kind });
  }
  return { sectionId, theirChanges, conflicts, base: base ?? EMPTY_ANSWER, mine, theirs };
}

export type Choice = 'mine' | 'theirs' | 'combine';
export type { PlaceChoice } from './diff3.js';

/**
 * What an unchosen conflict keeps: the combined text when the two sets of changes touched
 * different words (both are kept, nothing to choose), else mine.
 */
export function defaultChoice(conflict: FieldConflict): Choice {
  return conflict.combined?.conflicts === 0 ? 'combine' : 'mine';
}

/**
 * The answer to save once the user has chosen, field by field (see `defaultChoice` for a field
 * not chosen); `places` holds, for a combined text, the choice at each place both changed (a
 * place not chosen keeps both).
 */
export function resolveMerge(
  merge: SectionMerge,
  choices: Readonly<Partial<Record<MergeField, Choice>>>,
  places: Readonly<Partial<Record<MergeField, readonly PlaceChoice[]>>> = {},
): SectionAnswer {
  const b = flatten(merge.base);
  const m = relativeTo(flatten(merge.mine), b);
  const t = relativeTo(flatten(merge.theirs), b);
  const out = { ...m };
  for (const field of MERGE_FIELDS) {
    const conflict = merge.conflicts.find((c) => c.field === field);
    if (!conflict) {
      if (t[field] !== b[field]) out[field] = t[field];
      continue;
    }
    const choice = choices[field] ?? defaultChoice(conflict);
    if (choice === 'theirs') out[field] = t[field];
    else if (choice === 'combine' && conflict.combined)
      out[field] = resolveText(conflict.combined, places[field]);
    else out[field] = m[field]; // mine, or "combine" on a field that is not text
  }
  return unflatten(out);
}
