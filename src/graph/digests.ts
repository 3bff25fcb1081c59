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
import type { ListItem, SiteLists } from './listItems.js';
import {
  createWindowedReader,
  type DayWindow,
  type Decoded,
  SESSION_WINDOWS,
  type WindowedCache,
} from './windowedReader.js';
import { createOnce, DEFAULT_WRITE_POLICY, type WritePolicy } from './writes.js';

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
export type DigestWindow = DayWindow;

export type DigestRead = {
  readonly digests: readonly AuditDigest[];
  /** Items whose digest could not be read (anyone on the site could have written one): said, not hidden. */
  readonly unreadable: ReadonlyArray<{ readonly itemId: string; readonly reason: string }>;
};

/**
 * What one person's tab holds between openings: in memory only, never in browser storage (the
 * digests carry auditors' names). Pseudonymised case references only, no child's details.
 */
export type DigestCache = WindowedCache;

/** The tab's cache, shared by every reader of the session. */
export const SESSION_DIGESTS: DigestCache = SESSION_WINDOWS;

/** A digest item as the windowed reader keeps it: on the London day it was signed off. */
function decodeDigestItem(item: ListItem): Decoded<AuditDigest> {
  const json = item.fields['Digest'];
  try {
    if (typeof json !== 'string') throw new DigestError('it has no digest');
    const d = decodeDigest(json);
    return { kind: 'kept', value: d, day: londonDay(d.signedOffAt) };
  } catch (e) {
    if (!(e instanceof DigestError)) throw e;
    return { kind: 'unreadable', reason: e.message };
  }
}

/**
 * Reads the digests signed off within windows of days (src/graph/windowedReader.ts): cold, one
 * delta request for the latest token then pages of 5,000 through the indexed SignedOffAt; warm,
 * only the delta since last time.
 */
export function createDigestReader(
  client: Client,
  lists: SiteLists,
  cache: DigestCache = SESSION_DIGESTS,
) {
  const reader = createWindowedReader(
    client,
    lists,
    {
      list: 'Digests',
      dateField: 'SignedOffAt',
      fields: ['Digest', 'SignedOffAt'],
      decode: decodeDigestItem,
    },
    cache,
  );
  return {
    async read(windows: readonly DigestWindow[]): Promise<DigestRead> {
      const { values, unreadable } = await reader.read(windows);
      return {
        digests: [...values].sort((a, b) => Number(a.auditId) - Number(b.auditId)),
        unreadable,
      };
    },
  };
}
