import type { Client } from '@microsoft/microsoft-graph-client';
import { type AgencyId, isAgencyId, MULTI_AGENCY } from '../domain/agencies.js';
import type { Answers } from '../domain/answers.js';
import type { ModerationSummary } from '../domain/moderation.js';
import type { AgencyContribution, Audit } from '../domain/records.js';
import {
  type AuditDigest,
  decodeDigest,
  DigestError,
  digestAudit,
  encodeDigest,
  signOffTiming,
} from '../domain/report/digest.js';
import { type AuditNotes, encodeNotes, notesOf } from '../domain/report/notes.js';
import type { HolidayCalendar } from '../domain/workingDays.js';
import type { StoredSectionAnswer } from './sectionAnswers.js';
import { signedOffDay as londonDay } from '../domain/report/report.js';
import type { IsoDay } from '../domain/workingDays.js';
import { itemsPath, type ListItem, quote, type SiteLists } from './listItems.js';
import { type Page, relativeLink } from './paging.js';
import { createOnce, DEFAULT_WRITE_POLICY, statusOf, type WritePolicy } from './writes.js';

/**
 * The Digests list (docs/report.md): one item per signed-off audit, written once at sign-off, so
 * that a year's overview reads a few large pages of small items instead of every answer of every
 * audit, and a second opening reads only what changed through delta.
 */

/** What sign-off knows when it keeps the digest: the audit as stored by the move, and its moderation. */
export type DigestSource = {
  readonly audit: Audit;
  /** The audit's item as the sign-off move stored it (it holds ReauditOfId, which Audit does not). */
  readonly auditItem: ListItem;
  readonly contributions: readonly AgencyContribution[];
  readonly summary: ModerationSummary;
  readonly signedOffAt: string;
  /** Every contributor's answers: the report's quoted words are kept from them (notesOf). */
  readonly answers?: readonly StoredSectionAnswer[];
  /** The partnership's case reference patterns, which the identifying-detail guard lets through. */
  readonly allowed?: readonly RegExp[];
  readonly calendar?: HolidayCalendar;
};

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

export function digestOf(source: DigestSource): AuditDigest {
  const { audit } = source;
  const reauditOf = source.auditItem.fields['ReauditOfId'];
  return digestAudit(
    {
      auditId: audit.id,
      caseReference: audit.caseReference,
      category: audit.category,
      toolVersion: audit.toolVersion,
      themeId: audit.themeId,
      // As the audit stored it (SharePoint keeps whole seconds), so the two always agree.
      signedOffAt: audit.signedOffAt ?? source.signedOffAt,
      auditors: source.contributions.flatMap((c) =>
        isAgencyId(c.contributor) && c.auditor
          ? [{ agency: c.contributor, id: c.auditor.id, name: c.auditor.displayName }]
          : [],
      ),
      reauditOf: typeof reauditOf === 'number' && reauditOf > 0 ? String(reauditOf) : undefined,
      timing: signOffTiming(
        {
          commissionedAt: text(source.auditItem.fields['CommissionedAt']),
          sentForSignOffAt: audit.sentForSignOffAt,
          signOffDue: audit.signOffDue,
          dueDate: audit.dueDate,
          signedOffAt: audit.signedOffAt ?? source.signedOffAt,
        },
        source.calendar,
      ),
    },
    source.summary,
  );
}

/** The words the report may quote from the audit, guarded and capped (src/domain/report/notes.ts). */
export function notesOfSource(source: DigestSource): AuditNotes | undefined {
  if (!source.answers) return undefined;
  const answersOf = (contributor: string): Answers =>
    Object.fromEntries(
      source
        .answers!.filter((a) => a.contributor === contributor)
        .map((a) => [a.sectionId, a.answer]),
    );
  const agencies = source.contributions.flatMap((c) =>
    isAgencyId(c.contributor)
      ? [{ agency: c.contributor as AgencyId, answers: answersOf(c.contributor) }]
      : [],
  );
  return notesOf(
    source.audit.id,
    source.summary,
    answersOf(MULTI_AGENCY),
    agencies,
    source.allowed ?? [],
  );
}

/** The digest's list item: the JSON, and the columns a year's read filters on. */
export function digestFields(d: AuditDigest, notes?: AuditNotes): Record<string, unknown> {
  return {
    Title: d.caseReference.slice(0, 255),
    DigestKey: d.auditId,
    AuditId: Number(d.auditId),
    SignedOffAt: d.signedOffAt,
    Category: d.category,
    ...(d.themeId ? { ThemeId: d.themeId } : {}),
    ...(d.reauditOf ? { ReauditOfId: Number(d.reauditOf) } : {}),
    Digest: encodeDigest(d),
    // Read only for the few audits a report quotes, never by a year's figures.
    ...(notes ? { Notes: encodeNotes(notes) } : {}),
  };
}

/** Keeps the digest of a signed-off audit, once (keyed by the audit id: safe to repeat). */
export async function storeDigest(
  client: Client,
  lists: SiteLists,
  source: DigestSource,
  policy: WritePolicy = DEFAULT_WRITE_POLICY,
): Promise<void> {
  await createOnce(
    client,
    lists,
    {
      list: 'Digests',
      keyField: 'DigestKey',
      fields: digestFields(digestOf(source), notesOfSource(source)),
    },
    policy,
  );
}

/** The London days a read covers, first and last included. */
export type DigestWindow = { readonly from: IsoDay; readonly to: IsoDay };

export type DigestRead = {
  readonly digests: readonly AuditDigest[];
  /** Items whose digest could not be read (anyone on the site could have written one): said, not hidden. */
  readonly unreadable: ReadonlyArray<{ readonly itemId: string; readonly reason: string }>;
};

/**
 * What one person's tab holds between openings: in memory only, never in browser storage (the
 * digests carry auditors' names). Pseudonymised case references only, no child's details.
 */
export type DigestCache = Map<string, DigestState>;

type DigestState = {
  deltaLink: string;
  windows: DigestWindow[];
  byItem: Map<string, AuditDigest>;
  unreadable: Map<string, string>;
};

/** The tab's cache, shared by every reader of the session. */
export const SESSION_DIGESTS: DigestCache = new Map();

// Graph's largest page of list items; a year of 10,000 digests is two pages.
const PAGE = 5000;
const SELECT = 'fields(select=Digest,SignedOffAt)';

const dayBefore = (day: IsoDay): IsoDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (day: IsoDay): IsoDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The instants a window's filter reads: a London day starts an hour before its UTC day in summer,
 * so a day is taken on either side and the exact days are kept by `within` afterwards.
 */
const filterOf = (w: DigestWindow): string =>
  `fields/SignedOffAt ge ${quote(`${dayBefore(w.from)}T00:00:00Z`)} and fields/SignedOffAt lt ${quote(
    `${dayAfter(dayAfter(w.to))}T00:00:00Z`,
  )}`;

const within = (w: DigestWindow, day: IsoDay) => day >= w.from && day <= w.to;
const covers = (outer: DigestWindow, inner: DigestWindow) =>
  outer.from <= inner.from && outer.to >= inner.to;

type DeltaItem = ListItem & { readonly deleted?: { readonly state: string } };

/**
 * Reads the digests signed off within a window of days. Cold (nothing held): one delta request
 * for the latest token, then the window's items in pages of 5,000 through the indexed
 * SignedOffAt filter. Warm: only the delta since last time (one request when few changed); a
 * window not yet read is read with the filter, the delta link kept. A delta token Graph no longer
 * honours (410) starts again cold.
 */
export function createDigestReader(
  client: Client,
  lists: SiteLists,
  cache: DigestCache = SESSION_DIGESTS,
) {
  const key = `${lists.siteId}|${lists.listIds.Digests}`;

  function keep(state: DigestState, item: ListItem): void {
    const json = item.fields['Digest'];
    try {
      if (typeof json !== 'string') throw new DigestError('it has no digest');
      const d = decodeDigest(json);
      state.unreadable.delete(item.id);
      if (state.windows.some((w) => within(w, londonDay(d.signedOffAt))))
        state.byItem.set(item.id, d);
      else state.byItem.delete(item.id);
    } catch (e) {
      if (!(e instanceof DigestError)) throw e;
      state.byItem.delete(item.id);
      state.unreadable.set(item.id, e.message);
    }
  }

  async function pages<T>(first: Page<T>, each: (items: T[]) => void): Promise<string | undefined> {
    let page = first;
    for (;;) {
      each(page.value);
      const next = page['@odata.nextLink'];
      if (!next) return page['@odata.deltaLink'];
      page = (await client.api(relativeLink(next)).get()) as Page<T>;
    }
  }

  async function cold(): Promise<DigestState> {
    // The token first: whatever changes while the window is read comes again in the next delta.
    const latest = (await client
      .api(`${itemsPath(lists, 'Digests')}/delta`)
      .query({ token: 'latest' })
      .expand(SELECT)
      .top(1000)
      .get()) as Page<DeltaItem>;
    const deltaLink = latest['@odata.deltaLink'];
    if (!deltaLink) throw new Error('Graph gave no delta link for the Digests list.');
    return { deltaLink, windows: [], byItem: new Map(), unreadable: new Map() };
  }

  async function catchUp(state: DigestState): Promise<void> {
    const first = (await client.api(relativeLink(state.deltaLink)).get()) as Page<DeltaItem>;
    const link = await pages(first, (items) => {
      for (const item of items) {
        if (item.deleted) {
          state.byItem.delete(item.id);
          state.unreadable.delete(item.id);
        } else keep(state, item);
      }
    });
    if (!link) throw new Error('Graph ended a delta round without a delta link.');
    state.deltaLink = link;
  }

  async function readWindow(state: DigestState, w: DigestWindow): Promise<void> {
    state.windows.push(w);
    const first = (await client
      .api(itemsPath(lists, 'Digests'))
      .expand(SELECT)
      .filter(filterOf(w))
      .top(PAGE)
      .get()) as Page<ListItem>;
    await pages(first, (items) => {
      for (const item of items) keep(state, item);
    });
  }

  return {
    async read(windows: readonly DigestWindow[]): Promise<DigestRead> {
      let state = cache.get(key);
      if (state) {
        try {
          await catchUp(state);
        } catch (e) {
          if (statusOf(e) !== 410) throw e;
          cache.delete(key);
          state = undefined;
        }
      }
      if (!state) state = await cold();
      const held = state;
      try {
        for (const w of windows)
          if (!held.windows.some((h) => covers(h, w))) await readWindow(held, w);
      } catch (e) {
        // A window half read is not kept: the next opening reads it again whole.
        cache.delete(key);
        throw e;
      }
      cache.set(key, held);
      const wanted = [...held.byItem.values()].filter((d) =>
        windows.some((w) => within(w, londonDay(d.signedOffAt))),
      );
      return {
        digests: wanted.sort((a, b) => Number(a.auditId) - Number(b.auditId)),
        unreadable: [...held.unreadable].map(([itemId, reason]) => ({ itemId, reason })),
      };
    },
  };
}
