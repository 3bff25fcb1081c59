/**
 * What the overview report needs of one signed-off audit, kept once when the audit is signed off
 * (the "digest"), so that a year's overview reads a bounded number of stored digests instead of
 * every answer of every audit. Grades only: the narrative texts of a report come from the audits
 * of its chosen set when it is built. The digest is stored as compact, versioned JSON and is read
 * back with every value checked, since any member of the site could have written the item.
 */

import { GRADES, type Grade, gradeIndex } from '../grading.js';
import { AGENCY_IDS, type AgencyId, agencyLabel, isAgencyId } from '../agencies.js';
import { quadraticKappa } from '../agreement.js';
import type { ConsistencyGroup, GradingConsistency } from '../consistency.js';
import type { GradePair, ModerationSummary } from '../moderation.js';
import { CATEGORIES, type Category } from '../records.js';
import {
  ENGLAND_AND_WALES,
  type HolidayCalendar,
  toDay,
  workingDaysBetween,
} from '../workingDays.js';

export const DIGEST_VERSION = 2;

/**
 * How long the audit took to be signed off, in working days, worked out once at sign-off (the
 * calendar of the day): from commissioning, and from moderation sending it for sign-off; and
 * whether it was signed off by its sign-off due day (the partnership's target, set when it was
 * sent) and by the audit's own due date. Undefined parts were not recorded on the audit.
 */
export type SignOffTiming = {
  readonly commissionedToSignedOff: number | undefined;
  readonly sentToSignedOff: number | undefined;
  readonly bySignOffDue: boolean | undefined;
  readonly byAuditDue: boolean | undefined;
};

/** One graded area of one audit: the multi-agency grade and each agency's, before and after moderation. */
export type AreaDigest = {
  readonly sectionId: string;
  /** The lead auditor's multi-agency grade; undefined when the area was not applicable. */
  readonly multiAgency: Grade | undefined;
  readonly agencies: ReadonlyArray<{
    readonly agency: AgencyId;
    readonly grade: Grade;
    readonly moderated: Grade;
  }>;
};

export type AuditDigest = {
  readonly auditId: string;
  readonly caseReference: string;
  readonly category: Category;
  readonly toolVersion: number;
  readonly themeId: string | undefined;
  readonly signedOffAt: string;
  readonly agencies: readonly AgencyId[];
  /** Each agency's auditor (staff, by Entra id and name), for consistency per auditor. */
  readonly auditors: ReadonlyArray<{
    readonly agency: AgencyId;
    readonly id: string;
    readonly name: string;
  }>;
  readonly areas: readonly AreaDigest[];
  /** The original audit when this one is a re-audit. */
  readonly reauditOf: string | undefined;
  /** Sign-off's timeliness (version 2); undefined in a digest kept before it was recorded. */
  readonly timing?: SignOffTiming | undefined;
};

/** What the audit recorded of its dates, as stored (date-times, or days for the due dates). */
export type AuditDates = {
  readonly commissionedAt: string | undefined;
  readonly sentForSignOffAt: string | undefined;
  readonly signOffDue: string | undefined;
  readonly dueDate: string | undefined;
  readonly signedOffAt: string;
};

/**
 * Sign-off's timeliness, worked out once when the audit is signed off. A date the calendar does
 * not cover (its bank holidays are not known) cannot be counted in working days: that part is
 * left unrecorded, as when the audit has no such date, rather than stopping the sign-off.
 */
export function signOffTiming(
  dates: AuditDates,
  calendar: HolidayCalendar = ENGLAND_AND_WALES,
): SignOffTiming {
  const between = (from: string | undefined): number | undefined => {
    if (from === undefined) return undefined;
    try {
      return Math.max(0, workingDaysBetween(from, dates.signedOffAt, calendar));
    } catch (e) {
      if (e instanceof RangeError) return undefined;
      throw e;
    }
  };
  const signed = toDay(dates.signedOffAt);
  const by = (due: string | undefined) => (due === undefined ? undefined : signed <= toDay(due));
  return {
    commissionedToSignedOff: between(dates.commissionedAt),
    sentToSignedOff: between(dates.sentForSignOffAt),
    bySignOffDue: by(dates.signOffDue),
    byAuditDue: by(dates.dueDate),
  };
}

/** The digest of an audit at sign-off, from its moderation summary. */
export function digestAudit(
  audit: Omit<AuditDigest, 'areas' | 'agencies'>,
  summary: ModerationSummary,
): AuditDigest {
  const agencies = new Set<AgencyId>();
  const areas: AreaDigest[] = summary.areas.map((area) => ({
    sectionId: area.sectionId,
    multiAgency: area.multiAgencyGrade,
    agencies: area.agencies.flatMap((a) => {
      agencies.add(a.agency);
      return a.state === 'graded'
        ? [{ agency: a.agency, grade: a.grade, moderated: a.moderatedGrade }]
        : [];
    }),
  }));
  return { ...audit, agencies: AGENCY_IDS.filter((a) => agencies.has(a)), areas };
}

// Grades as one letter each: a year's digests are read in few requests, so they are kept small.
const LETTER: Readonly<Record<Grade, string>> = {
  outstanding: 'O',
  good: 'G',
  requiresImprovement: 'R',
  inadequate: 'I',
};
const FROM_LETTER = new Map(GRADES.map((g) => [LETTER[g], g] as const));

/** The digest as the JSON stored in its list item. */
export function encodeDigest(d: AuditDigest): string {
  return JSON.stringify({
    v: DIGEST_VERSION,
    id: d.auditId,
    ref: d.caseReference,
    cat: d.category,
    tv: d.toolVersion,
    th: d.themeId ?? null,
    at: d.signedOffAt,
    ag: d.agencies,
    au: d.auditors.map((a) => [a.agency, a.id, a.name]),
    re: d.reauditOf ?? null,
    tm: timingCells(d.timing),
    ar: d.areas.map((a) => [
      a.sectionId,
      a.multiAgency === undefined ? '' : LETTER[a.multiAgency],
      a.agencies.map((x) => `${x.agency}:${LETTER[x.grade]}${LETTER[x.moderated]}`).join(' '),
    ]),
  });
}

const flag = (b: boolean | undefined): number | null => (b === undefined ? null : b ? 1 : 0);
// Four small numbers (null where not recorded): about 15 characters a digest.
const timingCells = (t: SignOffTiming | undefined): Array<number | null> | null =>
  t === undefined
    ? null
    : [
        t.commissionedToSignedOff ?? null,
        t.sentToSignedOff ?? null,
        flag(t.bySignOffDue),
        flag(t.byAuditDue),
      ];

export class DigestError extends Error {
  constructor(reason: string) {
    super(`A stored audit digest cannot be read: ${reason}.`);
  }
}

const fail = (reason: string): never => {
  throw new DigestError(reason);
};
const str = (v: unknown, what: string, max: number): string =>
  typeof v === 'string' && v.length <= max ? v : fail(`${what} is not text`);
const grade = (letter: string, what: string): Grade =>
  FROM_LETTER.get(letter) ?? fail(`${what} is not a grade`);

/** Reads a stored digest, checking every value; a digest of another version is refused plainly. */
export function decodeDigest(json: string): AuditDigest {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('it is not JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return fail('it is not an object');
  const o = raw as Record<string, unknown>;
  // Version 1 is version 2 without the timing: both are read.
  if (o['v'] !== DIGEST_VERSION && o['v'] !== 1)
    return fail(`it is version ${String(o['v'])}, not 1 or ${DIGEST_VERSION}`);
  const auditId = str(o['id'], 'the audit id', 12);
  if (!/^\d+$/.test(auditId)) fail('the audit id is not a number');
  const category = (CATEGORIES as readonly unknown[]).includes(o['cat'])
    ? (o['cat'] as Category)
    : fail('the category is unknown');
  const toolVersion =
    typeof o['tv'] === 'number' && Number.isInteger(o['tv']) && o['tv'] > 0
      ? o['tv']
      : fail('the tool version is not a whole number');
  const signedOffAt = str(o['at'], 'the sign-off time', 40);
  if (Number.isNaN(Date.parse(signedOffAt))) fail('the sign-off time is not a date');
  const agencies = Array.isArray(o['ag'])
    ? o['ag'].map((a) =>
        typeof a === 'string' && isAgencyId(a) ? a : fail('an agency is unknown'),
      )
    : fail('the agencies are not a list');
  const auditors = Array.isArray(o['au'])
    ? o['au'].map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 3)
          return fail('an auditor is not [agency, id, name]');
        const [agency, id, name] = entry as unknown[];
        if (typeof agency !== 'string' || !isAgencyId(agency))
          return fail("an auditor's agency is unknown");
        return {
          agency,
          id: str(id, "an auditor's id", 64),
          name: str(name, "an auditor's name", 120),
        };
      })
    : fail('the auditors are not a list');
  const areas = Array.isArray(o['ar'])
    ? o['ar'].map((entry): AreaDigest => {
        if (!Array.isArray(entry) || entry.length !== 3)
          return fail('an area is not [id, grade, agencies]');
        const [sectionId, multi, graded] = entry as unknown[];
        const gradedText = str(graded, "an area's list of agency grades", 400);
        return {
          sectionId: str(sectionId, 'an area id', 64),
          multiAgency:
            multi === '' ? undefined : grade(str(multi, 'a grade', 1), 'a multi-agency grade'),
          agencies:
            gradedText === ''
              ? []
              : gradedText.split(' ').map((pair) => {
                  const m = /^([a-zA-Z]+):([A-Z])([A-Z])$/.exec(pair);
                  if (!m || !isAgencyId(m[1] as string))
                    return fail('an agency grade is malformed');
                  return {
                    agency: m[1] as AgencyId,
                    grade: grade(m[2] as string, 'an agency grade'),
                    moderated: grade(m[3] as string, 'a moderated grade'),
                  };
                }),
        };
      })
    : fail('the areas are not a list');
  const theme = o['th'];
  const reaudit = o['re'];
  const timing = o['v'] === 1 || o['tm'] === null ? undefined : timingOf(o['tm']);
  return {
    auditId,
    caseReference: str(o['ref'], 'the case reference', 32),
    category,
    toolVersion,
    themeId: theme === null ? undefined : str(theme, 'the theme id', 12),
    signedOffAt,
    agencies,
    auditors,
    areas,
    reauditOf: reaudit === null ? undefined : str(reaudit, 'the original audit id', 12),
    ...(timing ? { timing } : {}),
  };
}

function timingOf(raw: unknown): SignOffTiming {
  if (!Array.isArray(raw) || raw.length !== 4) return fail('the timing is not four numbers');
  const days = (v: unknown, what: string): number | undefined =>
    v === null
      ? undefined
      : typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5000
        ? v
        : fail(`${what} is not a number of working days`);
  const yes = (v: unknown, what: string): boolean | undefined =>
    v === null ? undefined : v === 1 ? true : v === 0 ? false : fail(`${what} is not 0 or 1`);
  return {
    commissionedToSignedOff: days(raw[0], 'the time from commissioning'),
    sentToSignedOff: days(raw[1], 'the time from moderation'),
    bySignOffDue: yes(raw[2], 'signed off by its due day'),
    byAuditDue: yes(raw[3], "signed off by the audit's due date"),
  };
}

/**
 * The (agency grade, moderated grade) pairs of a set of digests, for grading consistency over any
 * set of audits; areas are named by `areaTitle` (the tool's section titles).
 */
export function digestPairs(
  digests: readonly AuditDigest[],
  areaTitle: (sectionId: string) => string,
): GradePair[] {
  return digests.flatMap((d) =>
    d.areas.flatMap((area) =>
      area.agencies.map((a) => {
        const auditor = d.auditors.find((x) => x.agency === a.agency);
        return {
          auditId: d.auditId,
          sectionId: area.sectionId,
          areaTitle: areaTitle(area.sectionId),
          agency: a.agency,
          auditorId: auditor?.id,
          auditorName: auditor?.name,
          agencyGrade: a.grade,
          moderatedGrade: a.moderated,
        };
      }),
    ),
  );
}

/** One 4 x 4 table of (agency grade, moderated grade) counts per group, and the group's label. */
class Tables {
  readonly groups = new Map<string, { label: string; cells: number[] }>();
  /** The group's 16 counts (row-major), made when first asked for. */
  cells(key: string, label: string): number[] {
    let g = this.groups.get(key);
    if (!g) {
      g = { label, cells: new Array<number>(16).fill(0) };
      this.groups.set(key, g);
    }
    return g.cells;
  }
  /** Each group's agency grades and how many moderation raised and lowered, from its table. */
  changes(): Array<{ key: string; graded: number; raised: number; lowered: number }> {
    return [...this.groups].map(([key, g]) => {
      let graded = 0;
      let raised = 0;
      let lowered = 0;
      g.cells.forEach((n, i) => {
        const row = Math.floor(i / 4);
        const col = i % 4;
        graded += n;
        // Rows are the agency's grade, columns the moderated one, Outstanding first.
        if (col < row) raised += n;
        else if (col > row) lowered += n;
      });
      return { key, graded, raised, lowered };
    });
  }
  kappas(): ConsistencyGroup[] {
    return [...this.groups]
      .map(([key, g]) => ({ key, label: g.label, kappa: quadraticKappa(square(g.cells)) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB') || a.key.localeCompare(b.key));
  }
}

const square = (cells: readonly number[]): number[][] =>
  GRADES.map((_, row) => cells.slice(row * GRADES.length, (row + 1) * GRADES.length));

const AGENCY_INDEX: ReadonlyMap<AgencyId, number> = new Map(AGENCY_IDS.map((a, i) => [a, i]));

/** The table of the auditor an audit names for an agency, or of the pairs with no auditor named. */
function auditorTable(tables: Tables, d: AuditDigest, agency: AgencyId): number[] {
  const named = d.auditors.find((x) => x.agency === agency);
  return named ? tables.cells(named.id, named.name) : tables.cells('', 'Auditor not recorded');
}

/**
 * Grading consistency over a set of digests, the same figures as gradingConsistency over their
 * grade pairs, counted straight into each group's table: a year of audits holds hundreds of
 * thousands of pairs, and none of them needs to exist as an object. Each group's table is looked
 * up once per audit or area, not once per pair.
 */
export function digestConsistency(
  digests: readonly AuditDigest[],
  areaTitle: (sectionId: string) => string,
): GradingConsistency {
  return digestModeration(digests, areaTitle).consistency;
}

/** Moderation's changes over a set: agency grades, raised and lowered, overall, by area and agency. */
export type ModerationChanges = {
  readonly graded: number;
  readonly raised: number;
  readonly lowered: number;
  /** In the order areas first appear. */
  readonly byArea: ReadonlyArray<{
    readonly sectionId: string;
    readonly graded: number;
    readonly raised: number;
    readonly lowered: number;
  }>;
  readonly byAgency: ReadonlyArray<{
    readonly agency: AgencyId;
    readonly graded: number;
    readonly raised: number;
    readonly lowered: number;
  }>;
};

/**
 * Grading consistency and moderation's changes over a set of digests, from the same tables in one
 * pass: the changes are the cells off each table's diagonal, so counting them costs nothing more.
 */
export function digestModeration(
  digests: readonly AuditDigest[],
  areaTitle: (sectionId: string) => string,
): { consistency: GradingConsistency; changes: ModerationChanges } {
  const overall = new Tables();
  const byArea = new Tables();
  const byAgency = new Tables();
  const byAuditor = new Tables();
  const all = overall.cells('', '');
  // Each agency's table, and this audit's auditor's table for it, by the agency's place in
  // AGENCY_IDS: looked up once per pair, where a year has hundreds of thousands of pairs.
  const agencyCells: Array<number[] | undefined> = [];
  const auditorCells: Array<number[] | undefined> = [];
  const titles = new Map<string, string>();
  for (const d of digests) {
    auditorCells.fill(undefined);
    for (const area of d.areas) {
      if (area.agencies.length === 0) continue;
      let title = titles.get(area.sectionId);
      if (title === undefined) {
        title = areaTitle(area.sectionId);
        titles.set(area.sectionId, title);
      }
      const areaCells = byArea.cells(area.sectionId, title);
      for (const a of area.agencies) {
        const cell = gradeIndex(a.grade) * 4 + gradeIndex(a.moderated);
        const k = AGENCY_INDEX.get(a.agency) as number;
        const agency = (agencyCells[k] ??= byAgency.cells(a.agency, agencyLabel(a.agency)));
        // Pairs from an audit that names no auditor for the agency are grouped apart, not dropped.
        const auditor = (auditorCells[k] ??= auditorTable(byAuditor, d, a.agency));
        all[cell] = (all[cell] as number) + 1;
        areaCells[cell] = (areaCells[cell] as number) + 1;
        agency[cell] = (agency[cell] as number) + 1;
        auditor[cell] = (auditor[cell] as number) + 1;
      }
    }
  }
  const total = overall.changes()[0] ?? { graded: 0, raised: 0, lowered: 0 };
  return {
    consistency: {
      overall: quadraticKappa(square(all)),
      byArea: byArea.kappas(),
      byAgency: byAgency.kappas(),
      byAuditor: byAuditor.kappas(),
    },
    changes: {
      graded: total.graded,
      raised: total.raised,
      lowered: total.lowered,
      byArea: byArea.changes().map(({ key, ...c }) => ({ sectionId: key, ...c })),
      byAgency: byAgency
        .changes()
        .map(({ key, ...c }) => ({ agency: key as AgencyId, ...c }))
        .sort((a, b) => agencyLabel(a.agency).localeCompare(agencyLabel(b.agency), 'en-GB')),
    },
  };
}
