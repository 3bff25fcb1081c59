/**
 * The words the overview report quotes from an audit (good practice, what needs to improve, the
 * impact on the child, and moderation's reasons for changing a grade), kept once when the audit
 * is signed off beside its digest, in a column of its own that a year's figures never read. Each
 * text is cut to a few lines and checked by the identifying-detail guard when it is kept: a text
 * the guard stops is left out and counted, never stored. The report reads these notes only for a
 * bounded number of audits of its set (`chooseNoteAudits`), so its reads stay few however many
 * audits the set holds.
 */

import { type AgencyId, isAgencyId } from '../agencies.js';
import { type Answers, answerOf } from '../answers.js';
import type { Grade } from '../grading.js';
import { checkIdentifyingDetail } from '../guard/identifyingDetail.js';
import type { ModerationSummary } from '../moderation.js';
import type { AuditDigest } from './digest.js';

export const NOTES_VERSION = 1;
/** The longest text kept, in characters: a few lines of a board paper. */
export const NOTE_MAX = 300;
/** The most notes kept for one audit. */
export const NOTES_PER_AUDIT = 60;
/** The most audits whose notes one report reads: one $batch request. */
export const NOTE_AUDITS = 20;
/** The most notes of a kind the report quotes for one area. */
export const NOTES_PER_AREA = 3;

export const NOTE_KINDS = ['workedWell', 'toImprove', 'impact', 'reason'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
const LETTERS: Readonly<Record<NoteKind, string>> = {
  workedWell: 'w',
  toImprove: 't',
  impact: 'i',
  reason: 'm',
};

/** One kept text: its area, the agency whose auditor wrote it (none: the lead auditor's judgement). */
export type Note = {
  readonly sectionId: string;
  readonly agency: AgencyId | undefined;
  readonly kind: NoteKind;
  readonly text: string;
};

export type AuditNotes = {
  readonly auditId: string;
  readonly notes: readonly Note[];
  /** Texts the guard stopped (or that passed the cap of notes): left out, counted. */
  readonly withheld: number;
};

/** A text on one line, cut at a word to at most NOTE_MAX characters (an ellipsis says it was cut). */
export function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= NOTE_MAX) return one;
  const cut = one.slice(0, NOTE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  // Spaces are single here, so neither part ends with one.
  return `${space > NOTE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * The notes of an audit at sign-off: for each graded area, the lead auditor's multi-agency
 * words (what worked well, what needs to improve, the impact on the child); where the lead
 * auditor left one empty, each agency auditor's words of that kind; and moderation's reason for
 * each changed grade. `allowed` are the partnership's case reference patterns, which the guard
 * lets through.
 */
export function notesOf(
  auditId: string,
  summary: ModerationSummary,
  multiAgency: Answers,
  agencies: ReadonlyArray<{ readonly agency: AgencyId; readonly answers: Answers }>,
  allowed: readonly RegExp[],
): AuditNotes {
  const notes: Note[] = [];
  let withheld = 0;
  const keep = (sectionId: string, agency: AgencyId | undefined, kind: NoteKind, raw: string) => {
    const text = shorten(raw);
    if (text === '') return;
    if (notes.length >= NOTES_PER_AUDIT || !checkIdentifyingDetail(text, allowed).ok) withheld += 1;
    else notes.push({ sectionId, agency, kind, text });
  };
  for (const area of summary.areas) {
    const lead = answerOf(multiAgency, area.sectionId);
    for (const kind of ['workedWell', 'toImprove', 'impact'] as const) {
      if (lead.kind === 'answered' && lead[kind].trim() !== '') {
        keep(area.sectionId, undefined, kind, lead[kind]);
        continue;
      }
      for (const a of agencies) {
        const own = answerOf(a.answers, area.sectionId);
        if (own.kind === 'answered') keep(area.sectionId, a.agency, kind, own[kind]);
      }
    }
  }
  for (const f of summary.findings) keep(f.sectionId, f.agency, 'reason', f.reason);
  return { auditId, notes, withheld };
}

/** The notes as the JSON kept in the digest's item. */
export function encodeNotes(n: AuditNotes): string {
  return JSON.stringify({
    v: NOTES_VERSION,
    id: n.auditId,
    n: n.notes.map((x) => [x.sectionId, x.agency ?? '', LETTERS[x.kind], x.text]),
    wh: n.withheld,
  });
}

const KIND_OF = new Map(NOTE_KINDS.map((k) => [LETTERS[k], k] as const));

/**
 * Reads kept notes back, checking every value, and the guard again: any member of the site could
 * have changed the item since sign-off, and what the report shows leaves the site. A text the
 * guard stops now is left out and counted, as at sign-off. Undefined when the item holds no notes
 * this version reads (an audit signed off before notes were kept).
 */
export function decodeNotes(json: string, allowed: readonly RegExp[]): AuditNotes | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  if (o['v'] !== NOTES_VERSION || typeof o['id'] !== 'string' || !Array.isArray(o['n']))
    return undefined;
  let withheld = typeof o['wh'] === 'number' && o['wh'] >= 0 ? Math.floor(o['wh']) : 0;
  const notes: Note[] = [];
  for (const entry of o['n'] as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 4) return undefined;
    const [sectionId, agency, letter, text] = entry as unknown[];
    const kind = typeof letter === 'string' ? KIND_OF.get(letter) : undefined;
    if (
      typeof sectionId !== 'string' ||
      typeof agency !== 'string' ||
      (agency !== '' && !isAgencyId(agency)) ||
      kind === undefined ||
      typeof text !== 'string'
    )
      return undefined;
    const shown = shorten(text);
    if (shown === '') continue;
    if (!checkIdentifyingDetail(shown, allowed).ok) {
      withheld += 1;
      continue;
    }
    notes.push({ sectionId, agency: agency === '' ? undefined : agency, kind, text: shown });
  }
  return { auditId: o['id'], notes, withheld };
}

const strong = (g: Grade) => g === 'outstanding' || g === 'good';

/**
 * The audits of a set whose notes the report reads, at most `max` (one $batch request): first,
 * for each area, the earliest audit graded good or better there and the earliest graded below
 * good (so that every area has good practice and something to improve, where the set has them);
 * then audits where moderation changed a grade (for its reasons); then the earliest others. By
 * audit id, earliest first, so that audits signed off later do not change the choice: a second
 * opening reads no notes again.
 */
export function chooseNoteAudits(digests: readonly AuditDigest[], max = NOTE_AUDITS): string[] {
  // The reader gives digests in id order already; sorted again on numbers worked out once.
  const sorted = digests
    .map((d) => [Number(d.auditId), d] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, d]) => d);
  // Per area: the first audit graded good or better there, and the first graded below good.
  const firstBy = new Map<string, [string | undefined, string | undefined]>();
  for (const d of sorted)
    for (const area of d.areas) {
      const g = area.multiAgency;
      if (g === undefined) continue;
      let pair = firstBy.get(area.sectionId);
      if (!pair) {
        pair = [undefined, undefined];
        firstBy.set(area.sectionId, pair);
      }
      const band = strong(g) ? 0 : 1;
      if (pair[band] === undefined) pair[band] = d.auditId;
    }
  const chosen = new Set<string>();
  for (const sectionId of [...firstBy.keys()].sort())
    for (const id of firstBy.get(sectionId) as [string | undefined, string | undefined])
      if (id !== undefined && chosen.size < max) chosen.add(id);
  const changed = (d: AuditDigest) =>
    d.areas.some((a) => a.agencies.some((x) => x.grade !== x.moderated));
  for (const d of sorted) {
    if (chosen.size >= max) break;
    if (changed(d)) chosen.add(d.auditId);
  }
  for (const d of sorted) {
    if (chosen.size >= max) break;
    chosen.add(d.auditId);
  }
  return [...chosen].sort((a, b) => Number(a) - Number(b));
}
