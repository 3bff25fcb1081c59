/**
 * The overview report's sections in words: good practice and areas to improve (tagged by area),
 * the difference practice made to children, moderation's findings, the timeliness of sign-off and
 * of feedback, and each re-audit compared with its original. Figures come from the digests of the
 * whole set; quoted words from the notes of the few audits `chooseNoteAudits` picked.
 */

import { type AgencyId, contributorLabel } from '../agencies.js';
import { describeInterval, type TimelinessFigures, type TimelinessTargets } from '../feedback.js';
import { GRADES, type Grade } from '../grading.js';
import { counted } from '../plural.js';
import type { AuditDigest, ModerationChanges } from './digest.js';
import { type AuditNotes, type NoteKind, NOTES_PER_AREA } from './notes.js';

/** A quoted text, tagged by area, case reference and (when an agency auditor wrote it) agency. */
export type QuotedNote = {
  readonly sectionId: string;
  readonly caseReference: string;
  readonly agency: AgencyId | undefined;
  readonly grade: Grade | undefined;
  readonly text: string;
};

export type Quotes = {
  readonly goodPractice: readonly QuotedNote[];
  readonly toImprove: readonly QuotedNote[];
  readonly impact: readonly QuotedNote[];
  /** Moderation's reasons, each with the grade it changed. */
  readonly reasons: ReadonlyArray<QuotedNote & { readonly from: Grade; readonly to: Grade }>;
  /** Audits whose notes were read, and of those how many had notes kept. */
  readonly auditsRead: number;
  readonly auditsWithNotes: number;
  readonly withheld: number;
};

const rank = (g: Grade | undefined): number => (g === undefined ? 4 : GRADES.indexOf(g));

/**
 * The quotes of a report from the notes read: at most NOTES_PER_AREA of each kind an area, good
 * practice preferring the audits graded best in that area, areas to improve those graded worst,
 * the impact on children both ends in turn; then by audit, earliest first.
 */
export function quotesOf(
  notes: readonly AuditNotes[],
  digests: readonly AuditDigest[],
  requested: number,
): Quotes {
  // Only the quoted audits' digests are kept: the set may hold 10,000.
  const wanted = new Set(notes.map((n) => n.auditId));
  const byId = new Map<string, AuditDigest>();
  for (const d of digests) if (wanted.has(d.auditId)) byId.set(d.auditId, d);
  // Each note keeps its audit's area (grades), so a reason finds the grade it changed there.
  type Found = QuotedNote & {
    kind: NoteKind;
    order: number;
    area: AuditDigest['areas'][number] | undefined;
  };
  const all: Found[] = [];
  let withheld = 0;
  let withNotes = 0;
  for (const n of notes) {
    const d = byId.get(n.auditId);
    if (!d) continue;
    withheld += n.withheld;
    if (n.notes.length > 0) withNotes += 1;
    for (const x of n.notes) {
      const area = d.areas.find((a) => a.sectionId === x.sectionId);
      all.push({
        sectionId: x.sectionId,
        caseReference: d.caseReference,
        agency: x.agency,
        grade: area?.multiAgency,
        text: x.text,
        kind: x.kind,
        order: Number(d.auditId),
        area,
      });
    }
  }
  // Areas in the order they come in the quoted audits (earliest first): only the few audits
  // read are walked, never the whole set.
  const areaOrder = new Map<string, number>();
  for (const n of [...notes].sort((a, b) => Number(a.auditId) - Number(b.auditId)))
    for (const a of byId.get(n.auditId)?.areas ?? [])
      if (!areaOrder.has(a.sectionId)) areaOrder.set(a.sectionId, areaOrder.size);
  const pick = (kind: NoteKind, better: (a: QuotedNote, b: QuotedNote) => number) => {
    const chosen = all
      .filter((x) => x.kind === kind)
      .sort(
        (a, b) =>
          (areaOrder.get(a.sectionId) ?? Infinity) - (areaOrder.get(b.sectionId) ?? Infinity) ||
          better(a, b) ||
          a.order - b.order,
      );
    const per = new Map<string, number>();
    return chosen.filter((x) => {
      const n = per.get(x.sectionId) ?? 0;
      per.set(x.sectionId, n + 1);
      return n < NOTES_PER_AREA;
    });
  };
  const strip = ({ kind: _k, order: _o, area: _a, ...q }: Found): QuotedNote => q;
  return {
    goodPractice: pick('workedWell', (a, b) => rank(a.grade) - rank(b.grade)).map(strip),
    toImprove: pick('toImprove', (a, b) => rank(b.grade) - rank(a.grade)).map(strip),
    impact: pick('impact', () => 0).map(strip),
    reasons: all.flatMap((x) => {
      if (x.kind !== 'reason' || x.agency === undefined) return [];
      const graded = x.area?.agencies.find((a) => a.agency === x.agency);
      return graded && graded.grade !== graded.moderated
        ? [{ ...strip(x), from: graded.grade, to: graded.moderated }]
        : [];
    }),
    auditsRead: requested,
    auditsWithNotes: withNotes,
    withheld,
  };
}

/** "The child's voice (NSP-CP-0101, Police; graded Good): the words". */
export function describeQuote(
  q: QuotedNote,
  areaTitle: (id: string) => string,
  label: (g: Grade) => string,
): string {
  const tags = [q.caseReference, ...(q.agency ? [contributorLabel(q.agency)] : [])].join(', ');
  const grade = q.grade ? `; graded ${label(q.grade)}` : '';
  return `${areaTitle(q.sectionId)} (${tags}${grade}): ${q.text}`;
}

/** Where the quotes came from, in a sentence (and what the guard left out). */
export function describeQuoteSource(q: Quotes, setSize: number): string[] {
  if (setSize === 0) return [];
  const from =
    q.auditsRead >= setSize
      ? `Quoted from the audits' own words (${counted(q.auditsWithNotes, 'audit')} of ${setSize} with words kept at sign-off).`
      : `Quoted from ${counted(q.auditsRead, 'audit')} of the ${setSize} (${q.auditsWithNotes} with words kept at sign-off), chosen so that each area has its best and its weakest graded practice; at most ${NOTES_PER_AREA} an area.`;
  return q.withheld > 0
    ? [
        from,
        `${counted(q.withheld, 'text')} left out because the identifying-detail check found something that could identify a person.`,
      ]
    : [from];
}

/** Moderation's changes in a sentence. */
export function describeModerationChanges(c: ModerationChanges): string {
  if (c.graded === 0) return 'No agency grades to moderate in this set.';
  const changed = c.raised + c.lowered;
  if (changed === 0)
    return `Moderation agreed all ${counted(c.graded, 'agency grade')}: it changed none.`;
  return `Moderation changed ${changed} of ${counted(c.graded, 'agency grade')}: ${c.raised} raised, ${c.lowered} lowered.`;
}

/** The median of the first `n` values (a typed array sorts numbers, fast, in place). */
const median = (xs: Int32Array, n: number): number | undefined => {
  if (n === 0) return undefined;
  const s = xs.subarray(0, n).sort();
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export type SignOffTimeliness = {
  readonly audits: number;
  /** Audits signed off before timing was kept. */
  readonly notRecorded: number;
  readonly fromCommissioning: { readonly counted: number; readonly median: number | undefined };
  readonly fromModeration: { readonly counted: number; readonly median: number | undefined };
  readonly bySignOffDue: { readonly counted: number; readonly within: number };
  readonly byAuditDue: { readonly counted: number; readonly within: number };
};

export function signOffTimeliness(digests: readonly AuditDigest[]): SignOffTimeliness {
  const commissioned = new Int32Array(digests.length);
  const moderated = new Int32Array(digests.length);
  let nc = 0;
  let nm = 0;
  const due = { counted: 0, within: 0 };
  const auditDue = { counted: 0, within: 0 };
  let notRecorded = 0;
  for (const d of digests) {
    const t = d.timing;
    if (!t) {
      notRecorded += 1;
      continue;
    }
    if (t.commissionedToSignedOff !== undefined) commissioned[nc++] = t.commissionedToSignedOff;
    if (t.sentToSignedOff !== undefined) moderated[nm++] = t.sentToSignedOff;
    if (t.bySignOffDue !== undefined) {
      due.counted += 1;
      if (t.bySignOffDue) due.within += 1;
    }
    if (t.byAuditDue !== undefined) {
      auditDue.counted += 1;
      if (t.byAuditDue) auditDue.within += 1;
    }
  }
  return {
    audits: digests.length,
    notRecorded,
    fromCommissioning: { counted: nc, median: median(commissioned, nc) },
    fromModeration: { counted: nm, median: median(moderated, nm) },
    bySignOffDue: due,
    byAuditDue: auditDue,
  };
}

const days = (n: number) => counted(n, 'working day');

/** Sign-off's timeliness in sentences. */
export function describeSignOffTimeliness(t: SignOffTimeliness): string[] {
  if (t.audits === 0) return ['No audit signed off in this set yet.'];
  const out: string[] = [];
  if (t.fromCommissioning.median !== undefined)
    out.push(
      `From commissioning to sign-off: a median of ${days(t.fromCommissioning.median)} (${counted(t.fromCommissioning.counted, 'audit')}).`,
    );
  if (t.byAuditDue.counted > 0)
    out.push(
      `${t.byAuditDue.within} of ${counted(t.byAuditDue.counted, 'audit')} signed off by the audit's due date.`,
    );
  if (t.fromModeration.median !== undefined)
    out.push(
      `From moderation sending the audit for sign-off to sign-off: a median of ${days(t.fromModeration.median)} (${counted(t.fromModeration.counted, 'audit')}).`,
    );
  if (t.bySignOffDue.counted > 0)
    out.push(
      `${t.bySignOffDue.within} of ${counted(t.bySignOffDue.counted, 'audit')} signed off within the partnership's target (by the sign-off due day set when it was sent).`,
    );
  if (t.notRecorded > 0)
    out.push(
      `${counted(t.notRecorded, 'audit')} ${t.notRecorded === 1 ? 'was' : 'were'} signed off before these times were kept.`,
    );
  return out;
}

/** Feedback's timeliness over the set's audits, as the Programme page counts it. */
export function describeFeedbackTimeliness(
  f: TimelinessFigures,
  targets: TimelinessTargets,
): string[] {
  return [
    `From moderation agreeing an agency's grades to feedback sent: ${describeInterval(f.toSend, targets.sendWorkingDays, 'sent')}.`,
    `From sent to acknowledged by the practitioner: ${describeInterval(f.toAcknowledge, targets.acknowledgeWorkingDays, 'acknowledged')}.`,
  ];
}

export type AreaChange = 'better' | 'same' | 'worse';

export type ReauditComparison =
  | {
      readonly kind: 'compared';
      readonly reaudit: AuditDigest;
      readonly original: AuditDigest;
      readonly areas: ReadonlyArray<{
        readonly sectionId: string;
        readonly before: Grade;
        readonly after: Grade;
        readonly change: AreaChange;
      }>;
      /** Areas graded in one of the two only. */
      readonly notBoth: number;
    }
  | { readonly kind: 'originalMissing'; readonly reaudit: AuditDigest };

/**
 * Each re-audit of the set beside its original, area by area (multi-agency grades): better,
 * the same or worse. The original is looked for among `known` (every digest read); a re-audit
 * whose original is not there is said plainly.
 */
export function compareReaudits(
  digests: readonly AuditDigest[],
  known: readonly AuditDigest[],
): ReauditComparison[] {
  const reaudits = digests.filter((d) => d.reauditOf !== undefined);
  if (reaudits.length === 0) return [];
  const byId = new Map(known.map((d) => [d.auditId, d]));
  return reaudits
    .sort((a, b) => Number(a.auditId) - Number(b.auditId))
    .map((r): ReauditComparison => {
      const original = byId.get(r.reauditOf as string);
      if (!original) return { kind: 'originalMissing', reaudit: r };
      const before = new Map(original.areas.map((a) => [a.sectionId, a.multiAgency]));
      const areas: Array<{
        sectionId: string;
        before: Grade;
        after: Grade;
        change: AreaChange;
      }> = [];
      let notBoth = 0;
      const seen = new Set<string>();
      for (const a of r.areas) {
        seen.add(a.sectionId);
        const was = before.get(a.sectionId);
        if (a.multiAgency === undefined || was === undefined) {
          if (a.multiAgency !== undefined || was !== undefined) notBoth += 1;
          continue;
        }
        const diff = rank(was) - rank(a.multiAgency);
        areas.push({
          sectionId: a.sectionId,
          before: was,
          after: a.multiAgency,
          change: diff > 0 ? 'better' : diff < 0 ? 'worse' : 'same',
        });
      }
      for (const [id, g] of before) if (!seen.has(id) && g !== undefined) notBoth += 1;
      return { kind: 'compared', reaudit: r, original, areas, notBoth };
    });
}

const tally = (areas: ReadonlyArray<{ readonly change: AreaChange }>) => ({
  better: areas.filter((a) => a.change === 'better').length,
  same: areas.filter((a) => a.change === 'same').length,
  worse: areas.filter((a) => a.change === 'worse').length,
});

const areasWord = (n: number) => counted(n, 'area');

/** The re-audits in sentences: a summary count, then each re-audit. */
export function describeReaudits(cs: readonly ReauditComparison[]): string[] {
  if (cs.length === 0) return ['No re-audit in this set.'];
  const compared = cs.filter((c) => c.kind === 'compared');
  const all = tally(compared.flatMap((c) => c.areas));
  const missing = cs.length - compared.length;
  const out = [
    compared.length === 0
      ? `${counted(cs.length, 're-audit')} in this set; none could be compared.`
      : `${counted(compared.length, 're-audit')} compared with ${compared.length === 1 ? 'its original' : 'their originals'}: ${areasWord(all.better)} better, ${all.same} the same, ${all.worse} worse.`,
  ];
  if (missing > 0)
    out.push(
      `${counted(missing, 're-audit')} could not be compared: the original audit is not in the data read for this report (it was signed off before the digests were kept, or its digest cannot be read).`,
    );
  for (const c of cs) {
    if (c.kind === 'originalMissing') {
      out.push(
        `${c.reaudit.caseReference}: the original audit (${c.reaudit.reauditOf}) is not in the data, so it cannot be compared.`,
      );
      continue;
    }
    const t = tally(c.areas);
    const extra = c.notBoth > 0 ? `; ${areasWord(c.notBoth)} graded in only one of the two` : '';
    out.push(
      `${c.reaudit.caseReference} (re-audit of audit ${c.original.auditId}): ${areasWord(t.better)} better, ${t.same} the same, ${t.worse} worse${extra}.`,
    );
  }
  return out;
}

export const CHANGE_WORDS: Readonly<Record<AreaChange, string>> = {
  better: 'Better',
  same: 'Same',
  worse: 'Worse',
};
