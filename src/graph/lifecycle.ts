import type { Client } from '@microsoft/microsoft-graph-client';
import { type AgencyId, contributorLabel, isAgencyId, MULTI_AGENCY } from '../domain/agencies.js';
import {
  type AgreementAuditFacts,
  agreeAgencyGrades,
  agreedAtSignOff,
  agreedGradesLocked,
  undoAgencyAgreement,
} from '../domain/agencyAgreement.js';
import type { Answers } from '../domain/answers.js';
import type { CardSpec } from './cardSpecs.js';
import { isGrade } from '../domain/grading.js';
import {
  type Actor,
  type AuditChanges,
  type AuditFacts,
  availableMoves,
  type FeedbackState,
  type Move,
  type MoveKind,
  move,
  TRAIL_EVENT_TYPES,
  type TrailEvent,
} from '../domain/lifecycle.js';
import {
  decideGrade,
  type GradePair,
  gradePairs,
  type ModerationDecision,
  type ModerationSummary,
  moderationSummary,
} from '../domain/moderation.js';
import type { AgencyContribution, Audit, AuditStatus, PersonRef } from '../domain/records.js';
import { overdueSignOffs } from '../domain/signOffs.js';
import { type AuditTool, toolVersion } from '../domain/tools/index.js';
import { ENGLAND_AND_WALES, type HolidayCalendar } from '../domain/workingDays.js';
import { type AuditEvent, eventFields, stableHash } from './fields.js';
import { storeDigest } from './digests.js';
import {
  eTagOf,
  type ListItem,
  quote,
  readItem,
  readItems,
  type SiteLists,
  readSettings,
} from './listItems.js';
import { gradesAgreedField, toAudit, toContribution, toFeedback } from './mappers.js';
import { idempotencyKey, type Outbox, type OutboxEntry } from './outbox.js';
import type { ItemPermissions } from './permissions.js';
import { type StoredSectionAnswer, toStoredAnswer } from './sectionAnswers.js';
import {
  ConflictError,
  createAllOnce,
  createOnce,
  DEFAULT_WRITE_POLICY,
  updateIf,
  type WritePolicy,
} from './writes.js';

/**
 * The audit's lifecycle, written through Graph: the domain decides each move (src/domain/lifecycle.ts),
 * this service stores it. A move is one conditional update of the audit (If-Match on the version
 * the person saw, read back after a lost answer) and one keyed trail event; its cards go through
 * the outbox, queued by the person who acts. Every workflow of moderation and sign-off lives here,
 * never in a page.
 */

/** One audit as moderation and sign-off need it. */
export type AuditCase = {
  readonly audit: Audit;
  readonly tool: AuditTool;
  readonly contributions: readonly AgencyContribution[];
  readonly answers: readonly StoredSectionAnswer[];
  /** The lead auditor's decisions on agencies' grades (kept on the multi-agency contribution). */
  readonly decisions: readonly ModerationDecision[];
  /** The last move's trail event as stored on the audit with the move (LastMove), if any. */
  readonly lastMove?: StoredMove;
  /** The last agreement's (or undoing's) trail event, stored with it (LastAgreement), if any. */
  readonly lastAgreement?: StoredMove;
};

/** A move's trail event and its time, kept on the audit item by the same conditional update. */
export type StoredMove = { readonly event: AuditEvent; readonly at: string };

/** LastMove as stored; anything else (an older audit, an edited column) is no move at all. */
export function parseStoredMove(json: unknown): StoredMove | undefined {
  if (typeof json !== 'string' || json === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    // Not written by this service: there is nothing to resume from it.
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { event, at } = v as { event?: Partial<AuditEvent>; at?: unknown };
  const text = (x: unknown): x is string => typeof x === 'string' && x !== '';
  if (!event || !text(at) || !text(event.key) || !text(event.auditId) || !text(event.type))
    return undefined;
  const actor = event.actor;
  if (!actor || !text(actor.id) || typeof actor.displayName !== 'string') return undefined;
  return {
    event: {
      key: event.key,
      auditId: event.auditId,
      type: event.type,
      actor: { id: actor.id, displayName: actor.displayName },
      details: typeof event.details === 'string' ? event.details : '',
    },
    at,
  };
}

/** What a person asks for: the domain's move less what the service works out itself. */
export type MoveRequest =
  | { readonly kind: 'start' }
  | { readonly kind: 'sendToModeration' }
  | { readonly kind: 'returnContribution'; readonly agency: AgencyId; readonly comments: string }
  | { readonly kind: 'sendForSignOff' }
  | { readonly kind: 'signOff'; readonly note: string }
  | { readonly kind: 'returnToModeration'; readonly comments: string }
  | { readonly kind: 'close' }
  | { readonly kind: 'withdraw'; readonly reason: string };

export type MoveOutcome =
  | { readonly kind: 'moved'; readonly audit: Audit; readonly event: TrailEvent }
  /** The domain's sentence: why this move cannot be made now. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Someone else changed the audit since it was read: nothing was written; read it again. */
  | { readonly kind: 'conflict'; readonly reason: string };

/** Agreeing an agency's grades in moderation, or undoing it. */
export type AgreementOutcome =
  | { readonly kind: 'agreed' | 'undone'; readonly audit: Audit }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'conflict'; readonly reason: string };

export type DecisionOutcome =
  | { readonly kind: 'saved'; readonly decisions: readonly ModerationDecision[] }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'conflict'; readonly reason: string };

/** One entry of the trail as the trail view shows it. */
export type TrailEntry = {
  readonly id: string;
  /** The event's idempotency key: `{type}|audit:{id}|{hash of the version moved from}`. */
  readonly key: string;
  readonly type: string;
  readonly actor: PersonRef | undefined;
  readonly at: string;
  readonly details: string;
};

/** The partnership's lifecycle settings (PartnershipSettings), with the defaults used when unset. */
export type LifecycleSettings = {
  readonly signOffWorkingDays: number;
  readonly acknowledgementWorkingDays: number;
};
export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  signOffWorkingDays: 10,
  acknowledgementWorkingDays: 10,
};
/** The settings' keys in PartnershipSettings. */
export const LIFECYCLE_SETTING_KEYS = {
  signOffWorkingDays: 'signOffWorkingDays',
  acknowledgementWorkingDays: 'acknowledgementWorkingDays',
} as const;

/** Reads the lifecycle's settings from the partnership's settings; a bad value is refused by name. */
export function lifecycleSettings(settings: ReadonlyMap<string, string>): LifecycleSettings {
  const read = (key: keyof LifecycleSettings): number => {
    const raw = settings.get(LIFECYCLE_SETTING_KEYS[key]);
    if (raw === undefined || raw.trim() === '') return DEFAULT_LIFECYCLE_SETTINGS[key];
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 60)
      throw new Error(
        `The partnership setting ${LIFECYCLE_SETTING_KEYS[key]} is '${raw}': it must be a whole number of working days from 1 to 60.`,
      );
    return n;
  };
  return {
    signOffWorkingDays: read('signOffWorkingDays'),
    acknowledgementWorkingDays: read('acknowledgementWorkingDays'),
  };
}

/** Reads stored decisions, refusing anything that is not one (the column is JSON). */
export function parseDecisions(json: string | undefined, itemId: string): ModerationDecision[] {
  if (json === undefined || json.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`Contribution ${itemId}: its moderation decisions are not JSON.`);
  }
  if (!Array.isArray(raw))
    throw new Error(`Contribution ${itemId}: its moderation decisions are not a list.`);
  return raw.map((d: unknown, i) => {
    const o = (d ?? {}) as Record<string, unknown>;
    const { sectionId, agency, moderatedGrade, reason } = o;
    if (
      typeof sectionId !== 'string' ||
      typeof agency !== 'string' ||
      !isAgencyId(agency) ||
      typeof moderatedGrade !== 'string' ||
      !isGrade(moderatedGrade) ||
      typeof reason !== 'string'
    )
      throw new Error(`Contribution ${itemId}: moderation decision ${i + 1} is not readable.`);
    return { sectionId, agency, moderatedGrade, reason };
  });
}

/** The agencies' contributions as the state machine sees them (the lead's own is not an agency's). */
export function factsOf(audit: Audit, contributions: readonly AgencyContribution[]): AuditFacts {
  return {
    id: audit.id,
    status: audit.status,
    leadAuditor: audit.leadAuditor,
    signOffManager: audit.signOffManager,
    contributions: contributions.flatMap((c) =>
      c.contributor === MULTI_AGENCY
        ? []
        : [{ agency: c.contributor, auditor: c.auditor, status: c.status }],
    ),
  };
}

/** The agencies on the audit (the lead's multi-agency contribution is not one). */
const agenciesOf = (c: AuditCase): AgencyId[] =>
  c.contributions.flatMap((k) => (k.contributor === MULTI_AGENCY ? [] : [k.contributor]));

/** The moderation summary of a case: the agencies' answers, the lead's own and the decisions. */
export function summaryOf(c: AuditCase): ModerationSummary {
  const answersOf = (contributor: string): Answers =>
    Object.fromEntries(
      c.answers.filter((a) => a.contributor === contributor).map((a) => [a.sectionId, a.answer]),
    );
  return moderationSummary(
    c.tool,
    c.contributions.flatMap((k) =>
      k.contributor === MULTI_AGENCY
        ? []
        : [{ agency: k.contributor, answers: answersOf(k.contributor) }],
    ),
    answersOf(MULTI_AGENCY),
    c.decisions,
  );
}

/** The audit's fields a move stores, as the Audits list names them. */
export function changeFields(changes: AuditChanges): Record<string, unknown> {
  const f: Record<string, unknown> = { Status: changes.status };
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) f[name] = value;
  };
  put('StartedAt', changes.startedAt);
  put('ModerationStartedAt', changes.moderationStartedAt);
  put('SentForSignOffAt', changes.sentForSignOffAt);
  put('SignOffDue', changes.signOffDue ? `${changes.signOffDue}T00:00:00Z` : undefined);
  put('SignedOffAt', changes.signedOffAt);
  if (changes.signedOffBy) {
    f['SignedOffById'] = changes.signedOffBy.id;
    f['SignedOffByName'] = changes.signedOffBy.displayName;
  }
  put('SignOffNote', changes.signOffNote);
  put('ReturnedAt', changes.returnedAt);
  put('ReturnComments', changes.returnComments);
  put('ClosedAt', changes.closedAt);
  put('WithdrawnAt', changes.withdrawnAt);
  put('WithdrawalReason', changes.withdrawalReason);
  return f;
}

/** The same instant, to the second: lists keep date-times without milliseconds. */
const sameInstant = (stored: unknown, at: string): boolean =>
  typeof stored === 'string' &&
  Math.floor(Date.parse(stored) / 1000) === Math.floor(Date.parse(at) / 1000);

/**
 * The moves that have follow-ups (findings, cards) after the trail event, by the status they leave
 * the audit in, with the time stamp each stores: how a reopened tab finds a move of its person's
 * whose follow-ups may not have landed.
 */
const FOLLOWED_UP: Partial<
  Record<
    AuditStatus,
    { readonly kind: MoveKind; readonly stamp: (audit: Audit) => string | undefined }
  >
> = {
  awaitingSignOff: { kind: 'sendForSignOff', stamp: (a) => a.sentForSignOffAt },
  returned: { kind: 'returnToModeration', stamp: (a) => a.returnedAt },
  signedOff: { kind: 'signOff', stamp: (a) => a.signedOffAt },
};

/** What `resume` found: no move of mine to finish, one whose follow-ups had all landed, or one it finished. */
export type ResumeOutcome = 'none' | 'complete' | 'resumed';

const summaryCard = (audit: Audit) => ({
  id: audit.id,
  caseReference: audit.caseReference,
  category: audit.category,
});

export type LifecycleDeps = {
  readonly outbox: Outbox;
  readonly me: PersonRef;
  /** Whether the person is one of the partnership's business managers (a site owner). */
  readonly isBusinessManager: boolean;
  readonly now: () => Date;
  /** Patterns the identifying-detail guard lets through: the partnership's case references. */
  readonly allowed: readonly RegExp[];
  /** The partnership's channel, where the commissioning card (and its thread) is. */
  readonly channel: { readonly teamId: string; readonly channelId: string };
  readonly policy?: WritePolicy;
  readonly calendar?: HolidayCalendar;
  /** Gives contributions back the list's permissions once their audit is finished (owners only). */
  readonly itemPermissions?: ItemPermissions;
};

export function createLifecycleService(client: Client, lists: SiteLists, deps: LifecycleDeps) {
  const policy = deps.policy ?? DEFAULT_WRITE_POLICY;
  const calendar = deps.calendar ?? ENGLAND_AND_WALES;
  const actor: Actor = { person: deps.me, isBusinessManager: deps.isBusinessManager };

  async function settings(): Promise<LifecycleSettings> {
    return lifecycleSettings(await readSettings(client, lists));
  }

  async function load(auditId: string): Promise<AuditCase> {
    const byAudit = { filter: `fields/AuditId eq ${Number(auditId)}` };
    const [auditItem, contributionItems, answerItems] = await Promise.all([
      readItem(client, lists, 'Audits', auditId),
      readItems(client, lists, 'AgencyContributions', byAudit),
      readItems(client, lists, 'SectionAnswers', byAudit),
    ]);
    const audit = toAudit(auditItem);
    const multi = contributionItems.find((i) => i.fields['Agency'] === MULTI_AGENCY);
    const stored = multi?.fields['ModerationDecisions'];
    return {
      audit,
      tool: toolVersion(audit.category, audit.toolVersion),
      contributions: contributionItems.map(toContribution),
      answers: answerItems.map(toStoredAnswer),
      decisions: multi ? parseDecisions(typeof stored === 'string' ? stored : '', multi.id) : [],
      lastMove: parseStoredMove(auditItem.fields['LastMove']),
      lastAgreement: parseStoredMove(auditItem.fields['LastAgreement']),
    };
  }

  /** The domain's move, completed with what the service reads (settings, feedback, readiness). */
  async function fullMove(c: AuditCase, request: MoveRequest): Promise<Move> {
    switch (request.kind) {
      case 'sendForSignOff':
        return {
          kind: 'sendForSignOff',
          readiness: summaryOf(c).readiness,
          signOffWorkingDays: (await settings()).signOffWorkingDays,
        };
      case 'close': {
        const feedback = (
          await readItems(client, lists, 'Feedback', {
            filter: `fields/AuditId eq ${Number(c.audit.id)}`,
          })
        ).map(toFeedback);
        return {
          kind: 'close',
          feedback: feedback.map((f): FeedbackState =>
            f.status === 'sent'
              ? { status: 'sent', sentAt: f.sentAt ?? c.audit.signedOffAt ?? '' }
              : { status: f.status },
          ),
          acknowledgementWorkingDays: (await settings()).acknowledgementWorkingDays,
        };
      }
      default:
        return request;
    }
  }

  /**
   * The cards a move sends, queued by the person who made it. `from` is the hash of the version
   * moved from, as in the trail event's key: a resumed move queues the very same keys.
   */
  function cardsFor(c: AuditCase, audit: Audit, kind: MoveKind, from: string): OutboxEntry[] {
    const recordId = `audit:${audit.id}:${kind}:${from}`;
    const spec = (card: CardSpec) => card;
    switch (kind) {
      case 'sendForSignOff':
        return audit.signOffManager
          ? [
              {
                recordId,
                event: 'readyForSignOff',
                recipient: { kind: 'chat', userId: audit.signOffManager.id },
                card: spec({
                  kind: 'readyForSignOff',
                  data: { audit: summaryCard(audit), due: audit.signOffDue },
                }),
              },
            ]
          : [];
      case 'returnToModeration':
        return audit.leadAuditor
          ? [
              {
                recordId,
                event: 'auditReturned',
                recipient: { kind: 'chat', userId: audit.leadAuditor.id },
                card: { kind: 'auditReturned', data: { audit: summaryCard(audit) } },
              },
            ]
          : [];
      case 'signOff': {
        const card: CardSpec = {
          kind: 'auditSignedOff',
          data: {
            audit: summaryCard(audit),
            signedOffAt: audit.signedOffAt ?? deps.now().toISOString(),
            findings: summaryOf(c).findings.length,
          },
        };
        const auditors = new Set(c.contributions.flatMap((k) => (k.auditor ? [k.auditor.id] : [])));
        return [
          {
            recordId,
            event: 'auditSignedOff',
            recipient: audit.commissioningCardKey
              ? { kind: 'reply', ...deps.channel, parentKey: audit.commissioningCardKey }
              : { kind: 'channel', ...deps.channel },
            card,
          },
          ...[...auditors].map((userId): OutboxEntry => ({
            recordId,
            event: 'auditSignedOff',
            recipient: { kind: 'chat', userId },
            card,
          })),
        ];
      }
      default:
        return [];
    }
  }

  /** Keeps moderation's findings, with the grade pairs' sides, once the audit is signed off. */
  async function storeFindings(c: AuditCase, signedOffAt: string): Promise<void> {
    const summary = summaryOf(c);
    const auditorOf = (agency: AgencyId) =>
      c.contributions.find((k) => k.contributor === agency)?.auditor;
    await createAllOnce(
      client,
      lists,
      summary.findings.map((f) => {
        const auditor = auditorOf(f.agency);
        return {
          list: 'Findings' as const,
          keyField: 'FindingKey',
          fields: {
            Title: `${c.audit.caseReference} ${f.areaTitle}`.slice(0, 255),
            FindingKey: `${c.audit.id}:${f.agency}:${f.sectionId}`,
            AuditId: Number(c.audit.id),
            Agency: f.agency,
            SectionId: f.sectionId,
            Area: f.areaTitle.slice(0, 255),
            AgencyGrade: f.agencyGrade,
            ModeratedGrade: f.moderatedGrade,
            Direction: f.direction,
            Reason: f.reason,
            ...(auditor ? { AuditorId: auditor.id, AuditorName: auditor.displayName } : {}),
            SignedOffAt: signedOffAt,
          },
        };
      }),
      policy,
    );
  }

  /**
   * What follows a move once its trail event is written: the findings (at sign-off), then the
   * cards. Every write is keyed, so doing it again after a part of it landed adds nothing.
   */
  async function followUps(
    c: AuditCase,
    audit: Audit,
    auditItem: ListItem,
    kind: MoveKind,
    from: string,
    at: string,
  ): Promise<void> {
    if (kind === 'signOff') {
      await storeFindings(c, at);
      // The overview report's digest of the audit (src/graph/digests.ts), kept once.
      await storeDigest(
        client,
        lists,
        {
          audit,
          auditItem,
          contributions: c.contributions,
          summary: summaryOf(c),
          signedOffAt: at,
          answers: c.answers,
          allowed: deps.allowed,
          calendar,
        },
        policy,
      );
    }
    const cards = cardsFor(c, audit, kind, from);
    if (cards.length > 0) await deps.outbox.enqueue(cards);
  }

  /**
   * Agrees one agency's grades, or undoes it: the domain decides; the audit is updated with
   * If-Match on the version the person saw (read back after a lost answer: the stored agreements
   * and the trail event kept with them tell our write from another), then the trail event is
   * written, keyed by the version moved from. The event is also kept on the audit
   * (LastAgreement), so a tab that fails between the two finishes it when it reopens (`resume`).
   */
  async function agreement(
    c: AuditCase,
    agency: AgencyId,
    kind: 'agree' | 'undo',
  ): Promise<AgreementOutcome> {
    const facts: AgreementAuditFacts = {
      status: c.audit.status,
      leadAuditor: c.audit.leadAuditor,
      agencies: agenciesOf(c),
      gradesAgreed: c.audit.gradesAgreed,
      sentForSignOffAt: c.audit.sentForSignOffAt,
    };
    const now = deps.now();
    const result =
      kind === 'agree'
        ? agreeAgencyGrades(facts, deps.me, agency, summaryOf(c), now)
        : undoAgencyAgreement(facts, deps.me, agency, now);
    if (result.kind === 'refused') return result;
    const event: AuditEvent = {
      key: `${result.event.type}|audit:${c.audit.id}|${stableHash(c.audit.eTag)}`,
      auditId: c.audit.id,
      type: result.event.type,
      actor: result.event.actor,
      details: result.event.details,
    };
    const json = gradesAgreedField(result.gradesAgreed);
    const last = JSON.stringify({ event, at: result.event.at } satisfies StoredMove);
    try {
      const stored = await updateIf(
        client,
        lists,
        'Audits',
        c.audit,
        { GradesAgreed: json, LastAgreement: last },
        (s) => s.fields['GradesAgreed'] === json && s.fields['LastAgreement'] === last,
        policy,
      );
      await createOnce(
        client,
        lists,
        { list: 'AuditEvents', keyField: 'EventKey', fields: eventFields(event, result.event.at) },
        policy,
      );
      return { kind: result.kind, audit: toAudit(stored) };
    } catch (e) {
      if (e instanceof ConflictError)
        return {
          kind: 'conflict',
          reason:
            'Someone else changed this audit since you opened it: nothing was saved. Look at it again, then try once more.',
        };
      throw e;
    }
  }

  /** Writes my last agreement's trail event when it is missing (keyed): whether it wrote one. */
  async function repairAgreement(c: AuditCase, trail: readonly TrailEntry[]): Promise<boolean> {
    const a = c.lastAgreement;
    if (!a || a.event.actor.id !== deps.me.id || trail.some((e) => e.key === a.event.key))
      return false;
    await createOnce(
      client,
      lists,
      { list: 'AuditEvents', keyField: 'EventKey', fields: eventFields(a.event, a.at) },
      policy,
    );
    return true;
  }

  return {
    load,
    settings,
    summary: summaryOf,

    /** The moves this person could try now, for buttons. */
    available(c: AuditCase): MoveKind[] {
      return availableMoves(factsOf(c.audit, c.contributions), actor);
    },

    /**
     * Makes a move: refused with the domain's sentence, or stored as one conditional update of the
     * audit (and of the contribution, when one is returned), one trail event and its cards.
     */
    async apply(c: AuditCase, request: MoveRequest): Promise<MoveOutcome> {
      const now = deps.now();
      const m = await fullMove(c, request);
      const result = move(factsOf(c.audit, c.contributions), actor, m, {
        now,
        calendar,
        allowed: deps.allowed,
      });
      if (result.kind === 'refused') return result;
      // An agreed agency's grades stay as agreed: returning its contribution would reopen them.
      const locked =
        request.kind === 'returnContribution'
          ? agreedGradesLocked(c.audit, request.agency, 'return its contribution')
          : undefined;
      if (locked) return { kind: 'refused', reason: locked };
      const changed =
        'Someone else changed this audit since you opened it: nothing was saved. Look at it again, then try once more.';
      try {
        if (result.contribution) {
          const { agency, comments } = result.contribution;
          const target = c.contributions.find((k) => k.contributor === agency);
          if (!target) return { kind: 'refused', reason: `${agency} is not on this audit.` };
          await updateIf(
            client,
            lists,
            'AgencyContributions',
            target,
            { Status: 'returned', ReturnComments: comments },
            (s) => s.fields['Status'] === 'returned' && s.fields['ReturnComments'] === comments,
            policy,
          );
        }
        // Keyed by the version moved from: the same move is on the trail once, however often tried.
        const from = stableHash(c.audit.eTag);
        const event: AuditEvent = {
          key: `${result.event.type}|audit:${c.audit.id}|${from}`,
          auditId: c.audit.id,
          type: result.event.type,
          actor: result.event.actor,
          details: result.event.details,
        };
        const stamp = Object.entries(changeFields(result.changes)).find(
          ([k, v]) => k.endsWith('At') && typeof v === 'string',
        );
        const fields = {
          ...changeFields(result.changes),
          LastMove: JSON.stringify({ event, at: result.event.at } satisfies StoredMove),
          // Sending for sign-off agrees, in the same update, every agency not agreed before.
          ...(request.kind === 'sendForSignOff'
            ? {
                GradesAgreed: gradesAgreedField(
                  agreedAtSignOff(
                    c.audit.gradesAgreed,
                    agenciesOf(c),
                    result.event.at,
                    result.event.actor,
                  ),
                ),
              }
            : {}),
        };
        const stored = await updateIf(
          client,
          lists,
          'Audits',
          c.audit,
          fields,
          (s) =>
            s.fields['Status'] === result.to &&
            (stamp === undefined || sameInstant(s.fields[stamp[0]], stamp[1] as string)),
          policy,
        );
        // The answer to the update (or the item read back after a lost one) holds every field.
        const audit = toAudit(stored);
        await createOnce(
          client,
          lists,
          {
            list: 'AuditEvents',
            keyField: 'EventKey',
            fields: eventFields(event, result.event.at),
          },
          policy,
        );
        // Should the tab close or fail from here on, `resume` finishes these when it reopens.
        await followUps(c, audit, stored, request.kind, from, result.event.at);
        return { kind: 'moved', audit, event: result.event };
      } catch (e) {
        if (e instanceof ConflictError) return { kind: 'conflict', reason: changed };
        throw e;
      }
    },

    /**
     * Finishes the follow-ups of my last move on this audit when they may not all have landed:
     * the tab closed, or a write failed, after the move and its trail event were stored. The move
     * is found from the audit's status and time stamp and the trail event of that time (its key
     * names the version moved from, which keys the cards); it is finished only by the person who
     * made it, since cards go out from the person who acts. Done when every card of the move is
     * in the outbox (the findings are written before the cards); otherwise the follow-ups run
     * again, keyed, so nothing lands twice.
     */
    async resume(c: AuditCase, trail: readonly TrailEntry[]): Promise<ResumeOutcome> {
      // An agreement of mine whose trail event did not land is written first, keyed.
      let wroteEvent = await repairAgreement(c, trail);
      const followed = FOLLOWED_UP[c.audit.status];
      const at = followed?.stamp(c.audit);
      if (!followed || at === undefined) return wroteEvent ? 'resumed' : 'none';
      const type = TRAIL_EVENT_TYPES[followed.kind];
      // The audit keeps its last move's event (LastMove) with the move itself: its key finds the
      // event on the trail, and writes it, keyed, when the tab failed before it could. Audits
      // moved before LastMove existed are matched by type and time on the trail.
      const last = c.lastMove;
      const stored = last?.event.type === type && sameInstant(last.at, at) ? last : undefined;
      let event: { readonly key: string; readonly actor: PersonRef | undefined } | undefined =
        stored
          ? trail.find((e) => e.key === stored.event.key)
          : [...trail]
              .reverse()
              .find((e) => e.type === type && sameInstant(e.at, at) && e.key.includes('|'));
      if (stored && !event) {
        if (stored.event.actor.id !== deps.me.id) return wroteEvent ? 'resumed' : 'none';
        await createOnce(
          client,
          lists,
          {
            list: 'AuditEvents',
            keyField: 'EventKey',
            fields: eventFields(stored.event, stored.at),
          },
          policy,
        );
        event = stored.event;
        wroteEvent = true;
      }
      if (!event || event.actor?.id !== deps.me.id) return wroteEvent ? 'resumed' : 'none';
      const from = event.key.slice(event.key.lastIndexOf('|') + 1);
      const cards = cardsFor(c, c.audit, followed.kind, from);
      // A sign-off always has its channel card; a move without cards has nothing to finish.
      const first = cards[0];
      if (!first) return wroteEvent ? 'resumed' : 'complete';
      const queued = new Set(
        (
          await readItems(client, lists, 'NotificationOutbox', {
            filter: `fields/RecordId eq ${quote(first.recordId)}`,
          })
        ).map((i) => i.fields['IdempotencyKey']),
      );
      if (cards.every((card) => queued.has(idempotencyKey(card))))
        return wroteEvent ? 'resumed' : 'complete';
      // The audit's item as stored (the digest needs what Audit does not carry).
      const auditItem = await readItem(client, lists, 'Audits', c.audit.id);
      await followUps(c, c.audit, auditItem, followed.kind, from, at);
      return 'resumed';
    },

    /** The lead auditor agrees one agency's grades in moderation (docs/lifecycle.md). */
    agree: (c: AuditCase, agency: AgencyId) => agreement(c, agency, 'agree'),
    /** The lead auditor undoes an agency's agreement while the audit is still in moderation. */
    undoAgreement: (c: AuditCase, agency: AgencyId) => agreement(c, agency, 'undo'),

    /**
     * Records the lead auditor's decision on one agency's grade, on the lead's own contribution
     * (which only the lead may edit), with If-Match. A changed grade needs a reason; an agreed
     * agency's grades stay as agreed (read afresh from the audit) until the agreement is undone.
     */
    async decide(
      c: AuditCase,
      input: {
        sectionId: string;
        agency: AgencyId;
        moderatedGrade: ModerationDecision['moderatedGrade'];
        reason: string;
      },
    ): Promise<DecisionOutcome> {
      const area = c.tool.sections.find((s) => s.id === input.sectionId);
      if (!area) return { kind: 'refused', reason: 'That area is not in this audit tool.' };
      const own = c.answers.find(
        (a) => a.contributor === input.agency && a.sectionId === input.sectionId,
      )?.answer;
      if (!own || own.kind !== 'answered' || !own.grade)
        return { kind: 'refused', reason: 'That agency has not graded this area.' };
      const decided = decideGrade(
        area,
        input.agency,
        own.grade,
        input.moderatedGrade,
        input.reason,
      );
      if (decided.kind === 'refused') return decided;
      // Read afresh: another tab of the lead's may have agreed the agency since this one loaded.
      const locked = agreedGradesLocked(
        toAudit(await readItem(client, lists, 'Audits', c.audit.id)),
        input.agency,
        `change ${contributorLabel(input.agency)}'s grade`,
      );
      if (locked) return { kind: 'refused', reason: locked };
      const multi = c.contributions.find((k) => k.contributor === MULTI_AGENCY);
      if (!multi)
        return {
          kind: 'refused',
          reason: 'This audit has no multi-agency contribution to keep moderation in.',
        };
      const decisions = [
        ...c.decisions.filter(
          (d) => !(d.sectionId === input.sectionId && d.agency === input.agency),
        ),
        decided.decision,
      ];
      const json = JSON.stringify(decisions);
      try {
        await updateIf(
          client,
          lists,
          'AgencyContributions',
          multi,
          { ModerationDecisions: json },
          (s) => s.fields['ModerationDecisions'] === json,
          policy,
        );
      } catch (e) {
        if (e instanceof ConflictError)
          return {
            kind: 'conflict',
            reason:
              'Moderation was changed elsewhere since you opened it: nothing was saved. Look at it again, then try once more.',
          };
        throw e;
      }
      return { kind: 'saved', decisions };
    },

    /**
     * The (agency grade, moderated grade) pairs of the audits moderation has finished with (sent
     * for sign-off or later), for grading consistency: each audit read once.
     */
    async gradePairs(audits: readonly Audit[]): Promise<GradePair[]> {
      const done = audits.filter((a) =>
        ['awaitingSignOff', 'signedOff', 'closed'].includes(a.status),
      );
      const pairs: GradePair[] = [];
      for (const a of done) {
        const c = await load(a.id);
        const auditors = Object.fromEntries(
          c.contributions.flatMap((k) =>
            k.contributor !== MULTI_AGENCY && k.auditor ? [[k.contributor, k.auditor]] : [],
          ),
        );
        pairs.push(...gradePairs(a.id, summaryOf(c), auditors));
      }
      return pairs;
    },

    /** Every event of an audit, oldest first: who, when, what. */
    async trail(auditId: string): Promise<TrailEntry[]> {
      const items = await readItems(client, lists, 'AuditEvents', {
        filter: `fields/AuditId eq ${Number(auditId)}`,
        orderby: 'fields/At',
      });
      return items.map((i) => {
        const f = i.fields;
        const id = typeof f['ActorId'] === 'string' ? f['ActorId'] : undefined;
        return {
          id: i.id,
          key: String(f['EventKey'] ?? ''),
          type: String(f['EventType'] ?? ''),
          actor: id ? { id, displayName: String(f['ActorName'] ?? '') } : undefined,
          at: String(f['At'] ?? ''),
          details: String(f['Details'] ?? ''),
        };
      });
    },

    /** The audits waiting for this person's sign-off (the domain orders and dates them). */
    async awaitingSignOffBy(personId: string): Promise<Audit[]> {
      return (
        await readItems(client, lists, 'Audits', {
          filter: `fields/SignOffManagerId eq ${quote(personId)} and fields/Status eq 'awaitingSignOff'`,
        })
      ).map(toAudit);
    },

    /**
     * Gives a finished audit's contributions back the list's permissions, and marks the audit so it
     * is done once. Only owners may reset permissions, so the business manager's tab does it.
     */
    async releaseFinished(audits: readonly Audit[]): Promise<number> {
      if (!deps.itemPermissions || !deps.isBusinessManager) return 0;
      let released = 0;
      for (const audit of audits) {
        if (!['signedOff', 'closed', 'withdrawn'].includes(audit.status)) continue;
        if (audit.permissionsReleasedAt) continue;
        const item: ListItem = await readItem(client, lists, 'Audits', audit.id);
        if (item.fields['PermissionsReleasedAt']) continue;
        const contributions = await readItems(client, lists, 'AgencyContributions', {
          filter: `fields/AuditId eq ${Number(audit.id)}`,
        });
        for (const k of contributions)
          await deps.itemPermissions.release('AgencyContributions', k.id);
        const at = deps.now().toISOString();
        try {
          await updateIf(
            client,
            lists,
            'Audits',
            { id: item.id, eTag: eTagOf(item) },
            { PermissionsReleasedAt: at },
            (s) => typeof s.fields['PermissionsReleasedAt'] === 'string',
            policy,
          );
        } catch (e) {
          // Someone changed the audit meanwhile: released all the same; marked next time.
          if (!(e instanceof ConflictError)) throw e;
        }
        released++;
      }
      return released;
    },
  };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;

/**
 * "Sign-off overdue" cards for the audits I commissioned: each once per audit and due day, queued
 * by the business manager who commissioned it, the way contribution reminders are.
 */
export function signOffOverdueEntries(
  audits: readonly Audit[],
  now: Date,
  queuer: string,
  calendar: HolidayCalendar = ENGLAND_AND_WALES,
): OutboxEntry[] {
  return overdueSignOffs(
    audits
      .filter((a) => a.commissionedBy?.id === queuer)
      .map((a) => ({ ...a, signOffDue: a.signOffDue })),
    now,
    calendar,
  ).map(({ audit, deadline }) => ({
    recordId: `audit:${audit.id}:signOffDue:${audit.signOffDue}`,
    event: 'signOffOverdue',
    recipient: { kind: 'chat', userId: (audit.signOffManager as PersonRef).id },
    card: {
      kind: 'signOffOverdue',
      data: {
        audit: summaryCard(audit),
        due: audit.signOffDue as string,
        workingDaysLate: deadline.workingDaysOverdue,
      },
    },
  }));
}
