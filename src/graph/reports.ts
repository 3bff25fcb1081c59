import type { Client } from '@microsoft/microsoft-graph-client';
import { isAgencyId } from '../domain/agencies.js';
import type { FeedbackTiming, TimelinessTargets } from '../domain/feedback.js';
import { CATEGORIES, type Category } from '../domain/records.js';
import { type AuditDigest, decodeDigest, DigestError } from '../domain/report/digest.js';
import { type AuditNotes, chooseNoteAudits, decodeNotes } from '../domain/report/notes.js';
import {
  addMonths,
  type ReauditEntry,
  reauditedOriginals,
  reauditsDue,
  type ReauditSettings,
} from '../domain/report/reaudit.js';
import {
  describeScope,
  inScope,
  signedOffDay as londonDay,
  type Recommendation,
  type ReportScope,
  type ReportVersion,
} from '../domain/report/report.js';
import { type IsoDay, toDay } from '../domain/workingDays.js';
import { batchErrorMessage, type BatchRequest, chunks, postBatch, retryAfterOf } from './batch.js';
import { createDigestReader, type DigestCache, type DigestWindow } from './digests.js';
import { SEND_TARGET_SETTING, sendTargetOf } from './feedback.js';
import { lifecycleSettings } from './lifecycle.js';
import {
  eTagOf,
  itemsPath,
  type ListItem,
  readItems,
  type SiteLists,
  readSettings,
} from './listItems.js';
import { reader } from './mappers.js';
import { createWindowedReader, type Decoded } from './windowedReader.js';
import { createOnce, DEFAULT_WRITE_POLICY, updateIf, type WritePolicy } from './writes.js';

/**
 * Overview reports as stored (docs/report.md): every version is an item of the OverviewReports
 * list, keyed "<report id>:v<version>" in a unique column and created once; a draft changes only
 * from the version it was read at (If-Match); a published version is never written again (the
 * domain refuses an edit, and a new version is a new item).
 */

export type StoredReport = {
  readonly itemId: string;
  readonly eTag: string;
  readonly version: ReportVersion;
};

/** An item of the list that holds no version this tab can read (an older report): listed, not opened. */
export type OtherReport = {
  readonly itemId: string;
  readonly title: string;
  readonly scope: string;
  readonly status: string;
  readonly publishedAt: string | undefined;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}-\d{2}$/;

function scopeOf(raw: unknown): ReportScope | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : undefined);
  switch (o['kind']) {
    case 'theme':
      return typeof o['themeId'] === 'string' && typeof o['title'] === 'string'
        ? { kind: 'theme', themeId: o['themeId'], title: o['title'] }
        : undefined;
    case 'category': {
      const from = day(o['from']);
      const to = day(o['to']);
      return (CATEGORIES as readonly unknown[]).includes(o['category']) && from && to
        ? { kind: 'category', category: o['category'] as Category, from, to }
        : undefined;
    }
    case 'period': {
      const from = day(o['from']);
      const to = day(o['to']);
      return from && to ? { kind: 'period', from, to } : undefined;
    }
    case 'programme':
      return typeof o['year'] === 'string' && YEAR.test(o['year'])
        ? { kind: 'programme', year: o['year'] }
        : undefined;
    default:
      return undefined;
  }
}

/** A stored version read back, every value checked (anyone with Full Control could have written it). */
export function decodeReport(item: ListItem): ReportVersion | undefined {
  const body = item.fields['Body'];
  if (typeof body !== 'string') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const scope = scopeOf(o['scope']);
  const recs = Array.isArray(o['recommendations']) ? o['recommendations'] : undefined;
  if (
    !scope ||
    !recs ||
    typeof o['reportId'] !== 'string' ||
    typeof o['version'] !== 'number' ||
    (o['status'] !== 'draft' && o['status'] !== 'published') ||
    typeof o['title'] !== 'string' ||
    typeof o['narrative'] !== 'string'
  )
    return undefined;
  const recommendations: Recommendation[] = [];
  for (const r of recs) {
    const x = r as Record<string, unknown>;
    if (
      typeof x['id'] !== 'string' ||
      typeof x['text'] !== 'string' ||
      typeof x['differenceForChildren'] !== 'string'
    )
      return undefined;
    recommendations.push({
      id: x['id'],
      text: x['text'],
      differenceForChildren: x['differenceForChildren'],
    });
  }
  const by = o['publishedBy'] as Record<string, unknown> | undefined;
  return {
    reportId: o['reportId'],
    version: o['version'],
    status: o['status'],
    scope,
    title: o['title'],
    narrative: o['narrative'],
    recommendations,
    ...(typeof o['publishedAt'] === 'string' ? { publishedAt: o['publishedAt'] } : {}),
    ...(by && typeof by['id'] === 'string' && typeof by['displayName'] === 'string'
      ? { publishedBy: { id: by['id'], displayName: by['displayName'] } }
      : {}),
  };
}

const fieldsOf = (v: ReportVersion): Record<string, unknown> => ({
  Title: v.title.slice(0, 255),
  Scope: describeScope(v.scope).slice(0, 255),
  Status: v.status,
  ...(v.publishedAt ? { PublishedAt: v.publishedAt } : {}),
  ReportId: v.reportId,
  Version: v.version,
  Body: JSON.stringify(v),
});

const addDays = (day: IsoDay, n: number): IsoDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The programme year ("2026-27") a day falls in: April to March. */
export function programmeYearOf(day: IsoDay): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

const yearWindow = (year: string): DigestWindow => {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
};

/**
 * The days a scope's digests are read over, and the previous set of the same kind: the year
 * before for a programme year; the same length of days just before for a period or category; a
 * theme is read over the programme years given (a theme belongs to its year's programme).
 */
export function previousScope(
  scope: ReportScope,
): { scope: ReportScope; label: string } | undefined {
  switch (scope.kind) {
    case 'programme': {
      const start = Number(scope.year.slice(0, 4)) - 1;
      const year = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
      return { scope: { kind: 'programme', year }, label: `the ${year} programme` };
    }
    case 'period':
    case 'category': {
      const days = Math.round((Date.parse(scope.to) - Date.parse(scope.from)) / 86_400_000) + 1;
      const to = addDays(scope.from, -1);
      const from = addDays(scope.from, -days);
      return {
        scope: { ...scope, from, to },
        label: `the ${days} days before (${from} to ${to})`,
      };
    }
    case 'theme':
      return undefined;
  }
}

function windowsOf(scope: ReportScope, themeYears: readonly string[]): DigestWindow[] {
  switch (scope.kind) {
    case 'programme':
      return [yearWindow(scope.year)];
    case 'period':
    case 'category':
      return [{ from: scope.from, to: scope.to }];
    case 'theme':
      return themeYears.map(yearWindow);
  }
}

/**
 * One feedback's timing from its reply's dates item (agreed, sent, acknowledged), on the London day
 * it was sent: how the overview report reads a year's feedback timeliness in pages of 5,000. The
 * reflection item, and a dates item made before sending wrote its instants, are not timings.
 */
export function feedbackTimingOf(item: ListItem): Decoded<FeedbackTiming> {
  const r = reader('FeedbackReplies', item);
  const sentAt = r.date('SentAt');
  if (item.fields['Part'] !== 'dates' || sentAt === undefined) return { kind: 'other' };
  const agency = r.text('Agency');
  const auditId = item.fields['AuditId'];
  if (!isAgencyId(agency) || typeof auditId !== 'number')
    return { kind: 'unreadable', reason: `its agency or audit is not known` };
  return {
    kind: 'kept',
    value: {
      auditId: String(auditId),
      agency,
      agreedAt: r.date('AgreedAt'),
      sentAt,
      acknowledgedAt: r.date('AcknowledgedAt'),
    },
    day: londonDay(sentAt),
  };
}

export type ReportData = {
  readonly digests: readonly AuditDigest[];
  readonly previous:
    { readonly label: string; readonly digests: readonly AuditDigest[] } | undefined;
  /** Digest items that could not be read, said on the page. */
  readonly unreadable: number;
  /** The words kept at sign-off of the audits the report quotes (chooseNoteAudits), as read. */
  readonly notes: readonly AuditNotes[];
  /** How many audits' words were asked for. */
  readonly notesRequested: number;
  /** Re-audits' originals that are not among the digests read for the windows. */
  readonly originals: readonly AuditDigest[];
  /** The timing of the set's feedback (agreed, sent, acknowledged) and the partnership's targets. */
  readonly feedback: {
    readonly timings: readonly FeedbackTiming[];
    readonly targets: TimelinessTargets;
    /** Dates items that could not be read: said on the page. */
    readonly unreadable: number;
  };
};

/**
 * Feedback on a set's audits counts when it was sent from this many months before the report's
 * period to this many after: feedback goes once moderation agrees an agency's grades, weeks before
 * sign-off, and should go soon after it at the latest (docs/report.md).
 */
export const FEEDBACK_MARGIN_MONTHS = 3;

/** The windows of sending that hold a set's feedback: each widened, overlaps joined. */
export function feedbackWindows(windows: readonly DigestWindow[]): DigestWindow[] {
  const widened = windows
    .map((w) => ({
      from: addMonths(w.from, -FEEDBACK_MARGIN_MONTHS),
      to: addMonths(w.to, FEEDBACK_MARGIN_MONTHS),
    }))
    .sort((a, b) => a.from.localeCompare(b.from));
  const out: DigestWindow[] = [];
  for (const w of widened) {
    const last = out[out.length - 1];
    if (last && w.from <= last.to)
      out[out.length - 1] = { from: last.from, to: w.to > last.to ? w.to : last.to };
    else out.push(w);
  }
  return out;
}

/** The targets feedback is measured against, from the partnership's settings. */
export function feedbackTargets(values: ReadonlyMap<string, string>): TimelinessTargets {
  return {
    sendWorkingDays: sendTargetOf(values.get(SEND_TARGET_SETTING)),
    acknowledgeWorkingDays: lifecycleSettings(values).acknowledgementWorkingDays,
  };
}
/** The most originals of re-audits read apart: one $batch request. */
const ORIGINALS_MAX = 20;

/** What one person's tab holds of notes between openings (they do not change after sign-off). */
export type NotesCache = Map<string, AuditNotes | null>;
export const SESSION_NOTES: NotesCache = new Map();

export function createReportService(
  client: Client,
  lists: SiteLists,
  options: {
    cache?: DigestCache;
    policy?: WritePolicy;
    notes?: NotesCache;
    /** The feedback targets as the tab read the partnership's settings at its start. */
    targets?: TimelinessTargets;
  } = {},
) {
  const policy = options.policy ?? DEFAULT_WRITE_POLICY;
  const reader = createDigestReader(client, lists, options.cache);
  const timings = createWindowedReader(
    client,
    lists,
    {
      list: 'FeedbackReplies',
      dateField: 'SentAt',
      fields: ['Part', 'AuditId', 'Agency', 'AgreedAt', 'SentAt', 'AcknowledgedAt'],
      decode: feedbackTimingOf,
    },
    options.cache,
  );
  const notesCache = options.notes ?? SESSION_NOTES;

  /**
   * GET requests in $batch of 20, each answer's body in order. A throttled or unavailable answer
   * (429, 503, 504) is asked again after its Retry-After, as Graph asks; with `missingOk`, an
   * answer of 403 or 404 (not shared with this person) is `undefined`; anything else failed is an
   * error naming it.
   */
  async function getAll(urls: readonly string[], missingOk = false): Promise<unknown[]> {
    const out = new Array<unknown>(urls.length);
    let waiting = urls.map((url, i) => ({ id: String(i + 1), url, i }));
    for (let attempt = 1; waiting.length > 0; attempt++) {
      const again: typeof waiting = [];
      let wait = 0;
      for (const part of chunks(waiting)) {
        const answers = await postBatch(
          client,
          part.map((r): BatchRequest => ({ id: r.id, method: 'GET', url: r.url })),
        );
        answers.forEach((a, k) => {
          const r = part[k] as (typeof waiting)[number];
          if ([429, 503, 504].includes(a.status) && attempt < 5) {
            again.push(r);
            wait = Math.max(wait, retryAfterOf(a, 1));
          } else if (missingOk && (a.status === 403 || a.status === 404)) out[r.i] = undefined;
          else if (a.status >= 300)
            throw new Error(`A report read failed: ${batchErrorMessage(a)}`);
          else out[r.i] = a.body;
        });
      }
      if (again.length > 0) await new Promise((done) => setTimeout(done, wait * 1000));
      waiting = again;
    }
    return out;
  }
  const itemsOf = (body: unknown): ListItem[] => (body as { value?: ListItem[] }).value ?? [];
  const byAuditId = (list: 'Digests' | 'Feedback', id: string, select: string) =>
    `${itemsPath(lists, list)}?$filter=fields/AuditId eq ${Number(id)}&$expand=fields($select=${select})`;

  /** The notes of the chosen audits: read once a session (one $batch), then held. */
  async function notesOf(ids: readonly string[], allowed: readonly RegExp[]) {
    const key = (id: string) => `${lists.siteId}|${id}`;
    const missing = ids.filter((id) => !notesCache.has(key(id)));
    if (missing.length > 0) {
      const bodies = await getAll(missing.map((id) => byAuditId('Digests', id, 'AuditId,Notes')));
      missing.forEach((id, i) => {
        const json = itemsOf(bodies[i])[0]?.fields['Notes'];
        const notes = typeof json === 'string' ? decodeNotes(json, allowed) : undefined;
        notesCache.set(key(id), notes && notes.auditId === id ? notes : null);
      });
    }
    return ids.flatMap((id) => notesCache.get(key(id)) ?? []);
  }

  /** Originals of the set's re-audits that the windows did not hold: read by id, at most 20. */
  async function originalsOf(
    set: readonly AuditDigest[],
    held: readonly AuditDigest[],
  ): Promise<AuditDigest[]> {
    const have = new Set(held.map((d) => d.auditId));
    const wanted = [
      ...new Set(set.flatMap((d) => (d.reauditOf && !have.has(d.reauditOf) ? [d.reauditOf] : []))),
    ].slice(0, ORIGINALS_MAX);
    if (wanted.length === 0) return [];
    const bodies = await getAll(wanted.map((id) => byAuditId('Digests', id, 'AuditId,Digest')));
    return bodies.flatMap((b) =>
      itemsOf(b).flatMap((item) => {
        const json = item.fields['Digest'];
        try {
          return typeof json === 'string' ? [decodeDigest(json)] : [];
        } catch (e) {
          // An unreadable original is one the comparison says it cannot find.
          if (e instanceof DigestError) return [];
          throw e;
        }
      }),
    );
  }

  /** The partnership's feedback targets: given by the tab (read at its start), or read once. */
  let targets: Promise<TimelinessTargets> | undefined = options.targets
    ? Promise.resolve(options.targets)
    : undefined;
  const targetsOf = () =>
    (targets ??= readSettings(client, lists).then(feedbackTargets)).catch((e: unknown) => {
      targets = undefined;
      throw e;
    });

  /**
   * The timing of the set's feedback, from the replies' dates items sent within the report's
   * windows widened by FEEDBACK_MARGIN_MONTHS on each side (read through delta, like the digests),
   * kept for the set's audits only.
   */
  async function feedbackOf(
    set: readonly AuditDigest[],
    windows: readonly DigestWindow[],
  ): Promise<ReportData['feedback']> {
    const ids = new Set(set.map((d) => d.auditId));
    const [read, t] = await Promise.all([timings.read(feedbackWindows(windows)), targetsOf()]);
    return {
      timings: read.values.filter((f) => ids.has(f.auditId)),
      targets: t,
      unreadable: read.unreadable.length,
    };
  }

  return {
    /** Every stored version (newest first by report and version), and the items no version reads from. */
    async list(): Promise<{ versions: StoredReport[]; others: OtherReport[] }> {
      const items = await readItems(client, lists, 'OverviewReports');
      const versions: StoredReport[] = [];
      const others: OtherReport[] = [];
      for (const item of items) {
        const version =
          typeof item.fields['ReportKey'] === 'string' ? decodeReport(item) : undefined;
        if (version) versions.push({ itemId: item.id, eTag: eTagOf(item), version });
        else
          others.push({
            itemId: item.id,
            title: String(item.fields['Title'] ?? ''),
            scope: String(item.fields['Scope'] ?? ''),
            status: String(item.fields['Status'] ?? ''),
            publishedAt:
              typeof item.fields['PublishedAt'] === 'string'
                ? item.fields['PublishedAt']
                : undefined,
          });
      }
      versions.sort(
        (a, b) =>
          a.version.reportId.localeCompare(b.version.reportId) ||
          b.version.version - a.version.version,
      );
      return { versions, others };
    },

    /** The digests a scope takes and those of the previous set of the same kind, read through the cache. */
    async data(
      scope: ReportScope,
      themeYears: readonly string[] = [],
      allowed: readonly RegExp[] = [],
    ): Promise<ReportData> {
      const before = previousScope(scope);
      const windows = [
        ...windowsOf(scope, themeYears),
        ...(before ? windowsOf(before.scope, themeYears) : []),
      ];
      const read = await reader.read(windows);
      const digests = read.digests.filter((d) => inScope(d, scope));
      const chosen = chooseNoteAudits(digests);
      const [notes, originals, feedback] = await Promise.all([
        notesOf(chosen, allowed),
        originalsOf(digests, read.digests),
        feedbackOf(digests, windowsOf(scope, themeYears)),
      ]);
      return {
        digests,
        previous: before
          ? { label: before.label, digests: read.digests.filter((d) => inScope(d, before.scope)) }
          : undefined,
        unreadable: read.unreadable.length,
        notes,
        notesRequested: chosen.length,
        originals,
        feedback,
      };
    },

    /**
     * The re-audits due within `withinDays` or overdue: signed-off cases whose grades call for one
     * (over the last three years of digests), less those already re-audited or commissioned as a
     * re-audit (Audits' indexed ReauditOfId).
     */
    async reauditsDue(
      now: Date,
      settings: ReauditSettings,
      withinDays = 60,
    ): Promise<ReauditEntry[]> {
      const today = toDay(now);
      const read = await reader.read([{ from: addMonths(today, -36), to: today }]);
      const commissioned = await readItems(client, lists, 'Audits', {
        filter: 'fields/ReauditOfId gt 0',
      });
      const reaudited = reauditedOriginals(read.digests);
      for (const a of commissioned) reaudited.add(String(a.fields['ReauditOfId']));
      return reauditsDue(read.digests, reaudited, settings, now, withinDays);
    },

    /** A new version's first save: created once by its key, so a repeat after a lost answer makes no second. */
    async create(version: ReportVersion): Promise<StoredReport> {
      const item = await createOnce(
        client,
        lists,
        {
          list: 'OverviewReports',
          keyField: 'ReportKey',
          fields: { ...fieldsOf(version), ReportKey: `${version.reportId}:v${version.version}` },
        },
        policy,
      );
      return { itemId: item.id, eTag: eTagOf(item), version: decodeReport(item) ?? version };
    },

    /** A draft saved (or published) from the version it was read at; ConflictError if it moved. */
    async save(stored: StoredReport, version: ReportVersion): Promise<StoredReport> {
      if (stored.version.status === 'published')
        throw new Error('A published version is fixed: make a new version to change it.');
      const body = JSON.stringify(version);
      const item = await updateIf(
        client,
        lists,
        'OverviewReports',
        { id: stored.itemId, eTag: stored.eTag },
        fieldsOf(version),
        (s) => s.fields['Body'] === body,
        policy,
      );
      return { itemId: item.id, eTag: eTagOf(item), version };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
