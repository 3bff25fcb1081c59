import type { Client } from '@microsoft/microsoft-graph-client';
import { type AgencyId, isAgencyId, MULTI_AGENCY } from '../domain/agencies.js';
import { gradesAgreedAt } from '../domain/agencyAgreement.js';
import {
  acknowledgementRemindersDue,
  availableFeedbackMoves,
  FEEDBACK_STAGES,
  type FeedbackAuditFacts,
  type FeedbackChanges,
  type FeedbackFacts,
  type FeedbackMove,
  type FeedbackMoveKind,
  type FeedbackPeople,
  type FeedbackReplyDates,
  type FeedbackSettings,
  type FeedbackStage,
  type FeedbackText,
  type FeedbackTiming,
  feedbackRolesOf,
  moveFeedback,
  withReply,
} from '../domain/feedback.js';
import type { AgencyContribution, Audit, PersonRef } from '../domain/records.js';
import { ENGLAND_AND_WALES, type HolidayCalendar } from '../domain/workingDays.js';
import { eventFields, stableHash } from './fields.js';
import { eTagOf, type ListItem, quote, readItem, readItems, type SiteLists } from './listItems.js';
import { reader } from './mappers.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { ItemPermissions } from './permissions.js';
import {
  ConflictError,
  createOnce,
  DEFAULT_WRITE_POLICY,
  updateIf,
  type WritePolicy,
} from './writes.js';

/**
 * Feedback to practitioners, written through Graph: the domain decides each move
 * (src/domain/feedback.ts), this service stores it. Each practitioner's feedback is two items:
 * its state in Feedback (who, which agency, the stage and its dates), which the whole audit team
 * reads, so an agency lead sees where their agency's feedback stands; and its words in
 * FeedbackWords, which carry their own permissions from the moment they are made (the agency's
 * auditor and the lead auditor), and are shared with the practitioner (to read) when it is sent;
 * and the practitioner's reply in FeedbackReplies, made by the sender at send and changed by the
 * practitioner alone: its dates (the audit team reads them) and its reflection (the writers read
 * it). SharePoint cannot hide columns, so none of these could live beside another.
 *
 * Every create is keyed (FeedbackKey: audit, agency, practitioner), every update is conditional
 * (If-Match on the version the person saw, read back after a lost answer), and the audit team's
 * moves leave a keyed trail event. A practitioner reaches neither the trail nor the outbox (they
 * see only their own feedback, by design): their moves are kept on their feedback's dates, and the
 * card asking for a conversation is queued with the reminders (`feedbackReminderEntries`).
 */

/** One practitioner's feedback, as the state list keeps it. */
export type FeedbackRecord = {
  readonly id: string;
  readonly eTag: string;
  readonly key: string;
  readonly auditId: string;
  readonly caseReference: string;
  readonly agency: AgencyId;
  readonly practitioner: PersonRef;
  readonly stage: FeedbackStage;
  readonly sentAt?: string | undefined;
  readonly sentBy?: PersonRef | undefined;
  readonly readAt?: string | undefined;
  readonly acknowledgedAt?: string | undefined;
  readonly conversationRequestedAt?: string | undefined;
  /**
   * The practitioner's reply, as far as this reader may see it: its dates (already merged into
   * the dates above) and its reflection. Absent before it is sent.
   */
  readonly reply?: FeedbackReply | undefined;
};

/** The practitioner's two items: where their moves are written, by them alone. */
export type FeedbackReply = {
  readonly dates?: { readonly id: string; readonly eTag: string } | undefined;
  readonly reflection?:
    { readonly id: string; readonly eTag: string; readonly text: string } | undefined;
};

/** Its words, readable only by its writers, its practitioner (once sent) and the owners. */
export type FeedbackWords = {
  readonly id: string;
  readonly eTag: string;
  readonly text: FeedbackText;
  readonly reflection: string;
  readonly reviewComments: string;
};

export type FeedbackOutcome =
  | { readonly kind: 'moved'; readonly record: FeedbackRecord; readonly words?: FeedbackWords }
  /** The domain's sentence: why this cannot be done now. Nothing was written. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Someone else changed it since it was read: nothing was written; read it again. */
  | { readonly kind: 'conflict'; readonly reason: string };

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly record: FeedbackRecord; readonly words: FeedbackWords }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'conflict'; readonly reason: string };

/** The key that keeps one practitioner's feedback single, in both lists. */
export const feedbackKey = (auditId: string, agency: AgencyId, practitionerId: string): string =>
  `${auditId}:${agency}:${practitionerId}`;

/** The partnership's setting: whether the lead auditor reviews feedback before it goes. */
export const REVIEW_FIRST_SETTING = 'feedbackReviewFirst';
/**
 * The partnership's setting (issue 11): when 'true', an agency's lead reads the words and the
 * practitioner's reflection of their agency's sent feedback. Off unless set.
 */
export const AGENCY_LEADS_READ_SETTING = 'feedbackAgencyLeadsReadWords';
/** Who leads each agency (agency id to person), as the partnership keeps it. */
export const AGENCY_LEADS_SETTING = 'agencyLeads';
/** The partnership's target: working days from moderation agreeing grades to feedback sent. */
export const SEND_TARGET_SETTING = 'feedbackSendWorkingDays';
export const DEFAULT_SEND_TARGET = 10;

/** The send target from its stored value; a bad one is refused by name, as the lifecycle's are. */
export function sendTargetOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SEND_TARGET;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 60)
    throw new Error(
      `The partnership setting ${SEND_TARGET_SETTING} is '${raw}': it must be a whole number of working days from 1 to 60.`,
    );
  return n;
}

export function toFeedbackRecord(item: ListItem): FeedbackRecord {
  const r = reader('Feedback', item);
  const agency = r.text('Agency');
  if (!isAgencyId(agency)) throw new Error(`Feedback item ${item.id}: unknown agency '${agency}'.`);
  const practitioner = r.person('Practitioner');
  if (!practitioner) throw new Error(`Feedback item ${item.id}: no practitioner is named.`);
  return {
    id: item.id,
    eTag: eTagOf(item),
    key: r.text('FeedbackKey'),
    auditId: String(r.number('AuditId')),
    caseReference: r.text('CaseReference'),
    agency,
    practitioner,
    stage: r.oneOf('Status', FEEDBACK_STAGES),
    sentAt: r.date('SentAt'),
    sentBy: r.person('SentBy'),
    readAt: r.date('ReadAt'),
    acknowledgedAt: r.date('AcknowledgedAt'),
    conversationRequestedAt: r.date('ConversationRequestedAt'),
  };
}

export function toFeedbackWords(item: ListItem): FeedbackWords {
  const r = reader('FeedbackWords', item);
  return {
    id: item.id,
    eTag: eTagOf(item),
    text: {
      workedWell: r.text('WorkedWell'),
      doDifferently: r.text('DoDifferently'),
      differenceForChild: r.text('DifferenceForChild'),
    },
    reflection: r.text('Reflection'),
    reviewComments: r.text('ReviewComments'),
  };
}

/** The two parts of a reply, by the suffix of their key. */
const REPLY_PARTS = ['dates', 'reflection'] as const;
type ReplyPart = (typeof REPLY_PARTS)[number];
export const replyKey = (feedbackKey: string, part: ReplyPart): string => `${feedbackKey}|${part}`;

/** What the sender writes on the dates item at send, for the report's timeliness. */
function timingFields(
  facts: FeedbackAuditFacts,
  record: FeedbackRecord,
  sentAt: string | undefined,
): Record<string, string> {
  const agreedAt = facts.contributions.find((c) => c.agency === record.agency)?.gradesAgreedAt;
  return { ...(sentAt ? { SentAt: sentAt } : {}), ...(agreedAt ? { AgreedAt: agreedAt } : {}) };
}

/**
 * The states with the practitioner's replies laid over them: each reply item is found by its key
 * (the feedback's key and the part). A reply this reader may not see is simply not there.
 */
export function withReplies(
  states: readonly FeedbackRecord[],
  replies: readonly ListItem[],
): FeedbackRecord[] {
  const byKey = new Map<string, ListItem>();
  for (const item of replies) {
    const key = item.fields['ReplyKey'];
    if (typeof key === 'string') byKey.set(key, item);
  }
  return states.map((state) => {
    const dates = byKey.get(replyKey(state.key, 'dates'));
    const reflection = byKey.get(replyKey(state.key, 'reflection'));
    if (!dates && !reflection) return state;
    let replied: FeedbackReplyDates | undefined;
    if (dates) {
      const r = reader('FeedbackReplies', dates);
      replied = {
        readAt: r.date('ReadAt'),
        acknowledgedAt: r.date('AcknowledgedAt'),
        conversationRequestedAt: r.date('ConversationRequestedAt'),
      };
    }
    return {
      ...withReply(state, replied),
      reply: {
        ...(dates ? { dates: { id: dates.id, eTag: eTagOf(dates) } } : {}),
        ...(reflection
          ? {
              reflection: {
                id: reflection.id,
                eTag: eTagOf(reflection),
                text: reader('FeedbackReplies', reflection).text('Reflection'),
              },
            }
          : {}),
      },
    };
  });
}

/**
 * The audit as feedback needs it. Each agency's feedback may go once moderation has agreed that
 * agency's grades: the lead auditor agrees them one agency at a time, and sending for sign-off
 * agrees any left (`gradesAgreedAt`: an audit moderated before agreements were kept per agency
 * counts from when it went for sign-off). Sign-off is not waited for.
 */
export function feedbackAuditFacts(
  audit: Audit,
  contributions: readonly AgencyContribution[],
): FeedbackAuditFacts {
  return {
    id: audit.id,
    caseReference: audit.caseReference,
    status: audit.status,
    leadAuditor: audit.leadAuditor,
    contributions: contributions.flatMap((c) =>
      c.contributor === MULTI_AGENCY
        ? []
        : [
            {
              agency: c.contributor,
              auditor: c.auditor,
              gradesAgreedAt: gradesAgreedAt(audit, c.contributor),
            },
          ],
    ),
  };
}

/**
 * What a practitioner's moves need of the audit, from their own feedback alone: a practitioner
 * reads no audit. The auditor to tell of a request for a conversation is the one who sent it.
 */
export function practitionerFacts(record: FeedbackRecord): FeedbackAuditFacts {
  return {
    id: record.auditId,
    caseReference: record.caseReference,
    // Not read (a practitioner cannot): none of a practitioner's moves depends on it.
    status: 'signedOff',
    leadAuditor: undefined,
    contributions: [
      { agency: record.agency, auditor: record.sentBy, gradesAgreedAt: record.sentAt },
    ],
  };
}

const factsOf = (record: FeedbackRecord, words: FeedbackWords | undefined): FeedbackFacts => ({
  stage: record.stage,
  agency: record.agency,
  practitioner: record.practitioner,
  text: words?.text ?? { workedWell: '', doDifferently: '', differenceForChild: '' },
  ...(record.sentAt ? { sentAt: record.sentAt } : {}),
  ...(record.readAt ? { readAt: record.readAt } : {}),
  ...(record.acknowledgedAt ? { acknowledgedAt: record.acknowledgedAt } : {}),
  ...(record.conversationRequestedAt
    ? { conversationRequestedAt: record.conversationRequestedAt }
    : {}),
});

/** The same instant, to the second: lists keep date-times without milliseconds. */
const sameInstant = (stored: unknown, at: string): boolean =>
  typeof stored === 'string' &&
  Math.floor(Date.parse(stored) / 1000) === Math.floor(Date.parse(at) / 1000);

const PRACTITIONER_MOVES: readonly FeedbackMoveKind[] = [
  'read',
  'acknowledge',
  'requestConversation',
];

const NO_REPLY =
  'This feedback was sent before replies were kept in items of their own, so nothing can be saved on it here: tell the auditor who sent it instead.';

const CHANGED =
  'Someone else changed this feedback since you opened it: nothing was saved. Look at it again, then try once more.';

export type FeedbackDeps = {
  readonly outbox: Outbox;
  readonly me: PersonRef;
  readonly now: () => Date;
  /** Patterns the identifying-detail guard lets through: the partnership's case references. */
  readonly allowed: readonly RegExp[];
  /** Sets the words' and the state's own permissions; without it nothing can be shared, or sent. */
  readonly itemPermissions?: ItemPermissions;
  readonly policy?: WritePolicy;
};

export function createFeedbackService(client: Client, lists: SiteLists, deps: FeedbackDeps) {
  const policy = deps.policy ?? DEFAULT_WRITE_POLICY;
  // A practitioner with nothing shared does not even see the lists: for them, that is "none yet".
  const visible = (list: 'Feedback' | 'FeedbackWords' | 'FeedbackReplies') =>
    lists.listIds[list] !== '';

  async function setting(key: string): Promise<string | undefined> {
    const items = await readItems(client, lists, 'PartnershipSettings', {
      filter: `fields/Key eq ${quote(key)}`,
    });
    const raw = items[0]?.fields['Value'];
    return typeof raw === 'string' ? raw : undefined;
  }

  /** Whether the partnership lets an agency's lead read its sent feedback's words. */
  async function agencyLeadsRead(): Promise<boolean> {
    return (await setting(AGENCY_LEADS_READ_SETTING))?.trim().toLowerCase() === 'true';
  }

  /** The leads of one agency, from the partnership's agencyLeads setting. */
  async function leadsOf(agency: AgencyId): Promise<PersonRef[]> {
    const raw = await setting(AGENCY_LEADS_SETTING);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as Record<string, PersonRef | PersonRef[] | undefined>;
    const found = parsed[agency];
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
  }

  /** States read with `filter`, with the practitioner's replies (read with the same filter) over them. */
  async function statesWithReplies(filter: string | undefined): Promise<FeedbackRecord[]> {
    if (!visible('Feedback')) return [];
    const query = filter ? { filter } : {};
    const [states, replies] = await Promise.all([
      readItems(client, lists, 'Feedback', query),
      visible('FeedbackReplies')
        ? readItems(client, lists, 'FeedbackReplies', query)
        : Promise.resolve([]),
    ]);
    return withReplies(states.map(toFeedbackRecord), replies);
  }

  /** One state's replies, each found by its own key. */
  async function repliesOf(record: FeedbackRecord): Promise<ListItem[]> {
    if (!visible('FeedbackReplies')) return [];
    const found = await Promise.all(
      REPLY_PARTS.map((part) =>
        readItems(client, lists, 'FeedbackReplies', {
          filter: `fields/ReplyKey eq ${quote(replyKey(record.key, part))}`,
          top: 2,
        }),
      ),
    );
    return found.flat();
  }

  async function settings(): Promise<FeedbackSettings> {
    const raw = await setting(REVIEW_FIRST_SETTING);
    return { reviewFirst: raw?.trim().toLowerCase() === 'true' };
  }

  async function wordsOf(record: FeedbackRecord): Promise<FeedbackWords | undefined> {
    if (!visible('FeedbackWords')) return undefined;
    const found = await readItems(client, lists, 'FeedbackWords', {
      filter: `fields/FeedbackKey eq ${quote(record.key)}`,
      top: 2,
    });
    return found[0] ? toFeedbackWords(found[0]) : undefined;
  }

  const writersOf = (facts: FeedbackAuditFacts, agency: AgencyId): PersonRef[] => {
    const auditor = facts.contributions.find((c) => c.agency === agency)?.auditor;
    const all = [auditor, facts.leadAuditor].filter((p): p is PersonRef => p !== undefined);
    return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
  };

  /** Who the domain shares a feedback's items with, as the partnership's settings stand now. */
  async function peopleOf(
    facts: FeedbackAuditFacts,
    record: Pick<FeedbackRecord, 'agency'>,
    sent?: { sender: PersonRef; practitioner: PersonRef },
  ): Promise<FeedbackPeople> {
    const [agencyLeads, agencyLeadsReadWords] = await Promise.all([
      leadsOf(record.agency),
      agencyLeadsRead(),
    ]);
    return {
      writers: writersOf(facts, record.agency),
      agencyLeads,
      agencyLeadsReadWords,
      ...(sent ?? {}),
    };
  }

  async function updateState(
    record: FeedbackRecord,
    fields: Record<string, unknown>,
    done: (stored: ListItem) => boolean,
  ): Promise<FeedbackRecord> {
    return toFeedbackRecord(
      await updateIf(client, lists, 'Feedback', record, fields, done, policy),
    );
  }

  async function updateWords(
    words: FeedbackWords,
    fields: Record<string, unknown>,
  ): Promise<FeedbackWords> {
    const stored = await updateIf(
      client,
      lists,
      'FeedbackWords',
      words,
      fields,
      (s) => Object.entries(fields).every(([k, v]) => s.fields[k] === v),
      policy,
    );
    return toFeedbackWords(stored);
  }

  /**
   * A practitioner's move, written to their own reply and never to the state or the words (they
   * only read those): the reflection first, then the dates, each with If-Match and read back
   * after a lost answer, so that "acknowledged" is never stored without the reflection given.
   */
  async function reply(record: FeedbackRecord, c: FeedbackChanges): Promise<FeedbackOutcome> {
    const dates = record.reply?.dates;
    let reflection = record.reply?.reflection;
    if (!dates || (c.reflection !== undefined && !reflection))
      return { kind: 'refused', reason: NO_REPLY };
    if (c.reflection !== undefined && reflection) {
      const text = c.reflection;
      const stored = await updateIf(
        client,
        lists,
        'FeedbackReplies',
        reflection,
        { Reflection: text },
        (s) => s.fields['Reflection'] === text,
        policy,
      );
      reflection = { id: reflection.id, eTag: eTagOf(stored), text };
    }
    const fields: Record<string, string> = {};
    if (c.readAt !== undefined) fields['ReadAt'] = c.readAt;
    if (c.acknowledgedAt !== undefined) fields['AcknowledgedAt'] = c.acknowledgedAt;
    if (c.conversationRequestedAt !== undefined)
      fields['ConversationRequestedAt'] = c.conversationRequestedAt;
    const stored = await updateIf(
      client,
      lists,
      'FeedbackReplies',
      dates,
      fields,
      (s) => Object.entries(fields).every(([k, v]) => sameInstant(s.fields[k], v)),
      policy,
    );
    const r = reader('FeedbackReplies', stored);
    const merged = withReply(record, {
      readAt: r.date('ReadAt'),
      acknowledgedAt: r.date('AcknowledgedAt'),
      conversationRequestedAt: r.date('ConversationRequestedAt'),
    });
    return {
      kind: 'moved',
      record: {
        ...merged,
        reply: {
          dates: { id: dates.id, eTag: eTagOf(stored) },
          ...(reflection ? { reflection } : {}),
        },
      },
    };
  }

  return {
    settings,
    words: wordsOf,

    /** Whether the partnership lets an agency's lead read its sent feedback's words. */
    agencyLeadsRead,

    /**
     * The business manager turns the partnership's setting on or off, then gives (or takes back)
     * each agency's lead Read on the words and the reflection of every sent feedback of their
     * agency, saying how far it has got. The setting is stored first, so that feedback sent
     * meanwhile follows it; safe to repeat (each permission is only added or removed when it is
     * not yet as it should be), so a run cut short is finished by running it again.
     */
    async setAgencyLeadsRead(
      on: boolean,
      onProgress?: (done: number, total: number) => void,
    ): Promise<{ readonly items: number }> {
      if (!deps.itemPermissions)
        throw new Error(
          "This tab cannot reach SharePoint's permissions, so the agency leads' access cannot be changed.",
        );
      const value = on ? 'true' : 'false';
      const stored = await createOnce(
        client,
        lists,
        {
          list: 'PartnershipSettings',
          keyField: 'Key',
          fields: {
            Title: AGENCY_LEADS_READ_SETTING,
            Key: AGENCY_LEADS_READ_SETTING,
            Value: value,
          },
        },
        policy,
      );
      if (stored.fields['Value'] !== value)
        await updateIf(
          client,
          lists,
          'PartnershipSettings',
          { id: stored.id, eTag: eTagOf(stored) },
          { Value: value },
          (s) => s.fields['Value'] === value,
          policy,
        );
      const sent = (await statesWithReplies(undefined)).filter(
        (r) => r.stage === 'sent' || r.stage === 'acknowledged',
      );
      const wordsByKey = new Map<string, string>();
      for (const item of await readItems(client, lists, 'FeedbackWords'))
        wordsByKey.set(String(item.fields['FeedbackKey']), item.id);
      const jobs = sent.flatMap((r) => {
        const out: Array<{
          list: 'FeedbackWords' | 'FeedbackReplies';
          id: string;
          r: FeedbackRecord;
        }> = [];
        const words = wordsByKey.get(r.key);
        if (words) out.push({ list: 'FeedbackWords', id: words, r });
        if (r.reply?.reflection)
          out.push({ list: 'FeedbackReplies', id: r.reply.reflection.id, r });
        return out;
      });
      onProgress?.(0, jobs.length);
      const leads = new Map<AgencyId, PersonRef[]>();
      for (const [i, job] of jobs.entries()) {
        if (!leads.has(job.r.agency)) leads.set(job.r.agency, await leadsOf(job.r.agency));
        for (const lead of leads.get(job.r.agency) ?? [])
          await deps.itemPermissions.feedbackReader(job.list, job.id, lead, on);
        onProgress?.(i + 1, jobs.length);
      }
      return { items: jobs.length };
    },

    /** The partnership's target for sending feedback, in working days (10 unless set). */
    async sendTarget(): Promise<number> {
      return sendTargetOf(await setting(SEND_TARGET_SETTING));
    },

    /** Every practitioner named on an audit, with where their feedback stands. */
    async forAudit(auditId: string): Promise<FeedbackRecord[]> {
      return statesWithReplies(`fields/AuditId eq ${Number(auditId)}`);
    },

    /** Feedback sent to me (a practitioner), newest first. */
    async mine(): Promise<FeedbackRecord[]> {
      return (await statesWithReplies(`fields/PractitionerId eq ${quote(deps.me.id)}`))
        .filter((r) => r.stage === 'sent' || r.stage === 'acknowledged')
        .sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
    },

    /**
     * Where each agency's feedback stands (the agency lead's view): states and the practitioners'
     * dates; words and reflections only where the partnership's setting shared them.
     */
    async forAgencies(agencies: readonly AgencyId[]): Promise<FeedbackRecord[]> {
      // Each agency on the indexed column at once (an `or` would not use the index on a large list).
      const each = await Promise.all(
        agencies.map((agency) => statesWithReplies(`fields/Agency eq ${quote(agency)}`)),
      );
      return each.flat();
    },

    /** Every feedback of the partnership (the business manager's reminders and timeliness). */
    async all(): Promise<FeedbackRecord[]> {
      return statesWithReplies(undefined);
    },

    /** One feedback and its words; SharePoint answers 404 to anyone it is not shared with. */
    async open(id: string): Promise<{ record: FeedbackRecord; words: FeedbackWords | undefined }> {
      const state = toFeedbackRecord(await readItem(client, lists, 'Feedback', id));
      const [record] = withReplies([state], await repliesOf(state));
      return { record: record as FeedbackRecord, words: await wordsOf(state) };
    },

    /** The moves this person could try now, for buttons. */
    available(
      facts: FeedbackAuditFacts,
      record: FeedbackRecord,
      words: FeedbackWords | undefined,
      s: FeedbackSettings,
    ): FeedbackMoveKind[] {
      return availableFeedbackMoves(factsOf(record, words), facts, deps.me, s);
    },

    /**
     * Names a practitioner of an agency on an audit: a draft state item and an empty words item,
     * each created once by its key, the words shared at once with their writers alone. Safe to
     * repeat: a second naming finds both items and shares the words again.
     */
    async name(
      facts: FeedbackAuditFacts,
      agency: AgencyId,
      practitioner: PersonRef,
    ): Promise<FeedbackOutcome> {
      if (!facts.contributions.some((c) => c.agency === agency))
        return { kind: 'refused', reason: 'That agency is not on this audit.' };
      if (!feedbackRolesOf(deps.me, { agency, practitioner }, facts).includes('writer'))
        return {
          kind: 'refused',
          reason: "Only the agency's auditor or the lead auditor can name its practitioners.",
        };
      if (facts.status === 'withdrawn' || facts.status === 'closed')
        return {
          kind: 'refused',
          reason: 'The audit is finished, so no more practitioners can be named on it.',
        };
      if (!deps.itemPermissions)
        return {
          kind: 'refused',
          reason:
            "This tab cannot reach SharePoint's permissions, so feedback could not be kept to its writers: nobody was named.",
        };
      const key = feedbackKey(facts.id, agency, practitioner.id);
      const title = `Feedback on ${facts.caseReference}`;
      const words = await createOnce(
        client,
        lists,
        {
          list: 'FeedbackWords',
          keyField: 'FeedbackKey',
          fields: { Title: title, FeedbackKey: key, AuditId: Number(facts.id) },
        },
        policy,
      );
      // Shared before anything is written in it: until then it holds no words to see.
      await deps.itemPermissions.feedbackItem('words', words.id, await peopleOf(facts, { agency }));
      const state = await createOnce(
        client,
        lists,
        {
          list: 'Feedback',
          keyField: 'FeedbackKey',
          fields: {
            Title: title,
            FeedbackKey: key,
            AuditId: Number(facts.id),
            CaseReference: facts.caseReference,
            PractitionerId: practitioner.id,
            PractitionerName: practitioner.displayName,
            Agency: agency,
            Status: 'draft',
          },
        },
        policy,
      );
      return { kind: 'moved', record: toFeedbackRecord(state), words: toFeedbackWords(words) };
    },

    /**
     * Saves the words as they are typed (the domain's `edit`): one conditional update of the
     * words, and of the state when an approved text goes back for review. No trail event: every
     * pause in typing is a save.
     */
    async save(
      facts: FeedbackAuditFacts,
      record: FeedbackRecord,
      words: FeedbackWords,
      text: FeedbackText,
    ): Promise<SaveOutcome> {
      const result = moveFeedback(
        factsOf(record, words),
        facts,
        deps.me,
        { kind: 'edit', text },
        { now: deps.now(), settings: await settings(), allowed: deps.allowed },
      );
      if (result.kind === 'refused') return result;
      try {
        const saved = await updateWords(words, {
          WorkedWell: text.workedWell,
          DoDifferently: text.doDifferently,
          DifferenceForChild: text.differenceForChild,
        });
        const stage = result.changes.stage;
        const state =
          stage === record.stage
            ? record
            : await updateState(record, { Status: stage }, (s) => s.fields['Status'] === stage);
        return { kind: 'saved', record: state, words: saved };
      } catch (e) {
        if (e instanceof ConflictError) return { kind: 'conflict', reason: CHANGED };
        throw e;
      }
    },

    /**
     * Sends many at once (a whole theme's feedback), one after another, saying how far it has got.
     * Each is the same move as sending one (shared, moved with If-Match, on the trail, its card
     * queued): a refusal is kept with its reason and the rest go on. The cards are paced by the
     * outbox within Teams' limits when it drains.
     */
    async sendMany(
      jobs: ReadonlyArray<{ readonly facts: FeedbackAuditFacts; readonly record: FeedbackRecord }>,
      onProgress?: (done: number, total: number) => void,
    ): Promise<{
      sent: number;
      refused: Array<{ record: FeedbackRecord; reason: string }>;
    }> {
      let sent = 0;
      const refused: Array<{ record: FeedbackRecord; reason: string }> = [];
      onProgress?.(0, jobs.length);
      for (const [i, job] of jobs.entries()) {
        const words = await wordsOf(job.record);
        const outcome = await this.apply(job.facts, job.record, words, { kind: 'send' });
        if (outcome.kind === 'moved') sent++;
        else refused.push({ record: job.record, reason: outcome.reason });
        onProgress?.(i + 1, jobs.length);
      }
      return { sent, refused };
    },

    /**
     * Makes a move other than an edit: refused with the domain's sentence, or stored. Sending
     * shares the words and the state with the practitioner first (both safe to repeat), then
     * moves the state with If-Match, then writes the trail event and queues the card.
     */
    async apply(
      facts: FeedbackAuditFacts,
      record: FeedbackRecord,
      words: FeedbackWords | undefined,
      m: Exclude<FeedbackMove, { kind: 'edit' }>,
    ): Promise<FeedbackOutcome> {
      const now = deps.now();
      const result = moveFeedback(factsOf(record, words), facts, deps.me, m, {
        now,
        settings: await settings(),
        allowed: deps.allowed,
      });
      if (result.kind === 'refused') return result;
      const c = result.changes;
      try {
        let nextWords = words;
        if (PRACTITIONER_MOVES.includes(m.kind))
          // The practitioner reads the state and the words; their moves go to their own reply.
          return await reply(record, c);
        if (m.kind === 'send') {
          if (!deps.itemPermissions || !words)
            return {
              kind: 'refused',
              reason:
                "This tab cannot reach SharePoint's permissions, so the feedback cannot be shared with the practitioner alone: nothing was sent.",
            };
          const people = await peopleOf(facts, record, {
            sender: deps.me,
            practitioner: record.practitioner,
          });
          await deps.itemPermissions.feedbackItem('words', words.id, people);
          // The practitioner's reply, made once and theirs before the state says it was sent.
          for (const part of REPLY_PARTS) {
            const item = await createOnce(
              client,
              lists,
              {
                list: 'FeedbackReplies',
                keyField: 'ReplyKey',
                fields: {
                  Title: `Reply on ${record.caseReference}`,
                  ReplyKey: replyKey(record.key, part),
                  Part: part,
                  AuditId: Number(record.auditId),
                  Agency: record.agency,
                  PractitionerId: record.practitioner.id,
                  PractitionerName: record.practitioner.displayName,
                  // The report's timeliness reads these (feedbackTimingOf); a repeat after a lost
                  // answer finds the item the first try made, with that try's instant.
                  ...(part === 'dates' ? timingFields(facts, record, c.sentAt) : {}),
                },
              },
              policy,
            );
            await deps.itemPermissions.feedbackItem(
              part === 'dates' ? 'replyDates' : 'reflection',
              item.id,
              people,
            );
          }
          await deps.itemPermissions.feedbackItem('state', record.id, people);
        }
        if (words && c.reviewComments !== undefined)
          nextWords = await updateWords(words, { ReviewComments: c.reviewComments });
        const fields: Record<string, unknown> = { Status: c.stage };
        const put = (name: string, value: string | undefined) => {
          if (value !== undefined) fields[name] = value;
        };
        put('SentAt', c.sentAt);
        if (c.sentBy) {
          fields['SentById'] = c.sentBy.id;
          fields['SentByName'] = c.sentBy.displayName;
        }
        const stamp = Object.entries(fields).find(
          ([k, v]) => k.endsWith('At') && typeof v === 'string',
        );
        const stored = await updateState(
          record,
          fields,
          (s) =>
            s.fields['Status'] === c.stage &&
            (stamp === undefined || sameInstant(s.fields[stamp[0]], stamp[1] as string)),
        );
        // Keyed by the version moved from: the same move is on the trail once, however often tried.
        await createOnce(
          client,
          lists,
          {
            list: 'AuditEvents',
            keyField: 'EventKey',
            fields: eventFields(
              {
                key: `${result.event.type}|feedback:${record.id}|${stableHash(record.eTag)}`,
                auditId: record.auditId,
                type: result.event.type,
                actor: result.event.actor,
                details: result.event.details,
              },
              result.event.at,
            ),
          },
          policy,
        );
        const cards: OutboxEntry[] = result.cards.flatMap((card): OutboxEntry[] =>
          card.kind === 'feedbackReady'
            ? [
                {
                  recordId: `feedback:${record.id}`,
                  event: 'feedbackReady',
                  recipient: { kind: 'chat', userId: card.to.id },
                  card: {
                    kind: 'feedbackReady',
                    data: { feedback: { id: record.id, caseReference: record.caseReference } },
                  },
                },
              ]
            : // A practitioner cannot reach the outbox: the reminders queue this card.
              [],
        );
        if (cards.length > 0) await deps.outbox.enqueue(cards);
        return { kind: 'moved', record: stored, ...(nextWords ? { words: nextWords } : {}) };
      } catch (e) {
        if (e instanceof ConflictError) return { kind: 'conflict', reason: CHANGED };
        throw e;
      }
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;

/** Feedback as the domain's timeliness counts it: from its agency's agreed grades to sent to acknowledged. */
export function feedbackTimings(
  records: readonly FeedbackRecord[],
  audits: readonly Audit[],
): FeedbackTiming[] {
  const byId = new Map<string, Audit>(audits.map((a) => [a.id, a]));
  return records.map((r) => {
    const audit = byId.get(r.auditId);
    return {
      auditId: r.auditId,
      agency: r.agency,
      agreedAt: audit ? gradesAgreedAt(audit, r.agency) : undefined,
      sentAt: r.sentAt,
      acknowledgedAt: r.acknowledgedAt,
    };
  });
}

/**
 * Cards the business manager who commissioned an audit queues with the reminders: "feedback
 * waiting" to a practitioner past their days to acknowledge it, and "a conversation is requested"
 * to the auditor who sent the feedback. Each is keyed by feedback and event, so each goes once.
 */
export function feedbackReminderEntries(
  records: readonly FeedbackRecord[],
  audits: readonly Audit[],
  now: Date,
  acknowledgementWorkingDays: number,
  queuer: string,
  calendar: HolidayCalendar = ENGLAND_AND_WALES,
): OutboxEntry[] {
  const mine = new Set<string>(
    audits.filter((a) => a.commissionedBy?.id === queuer).map((a) => a.id),
  );
  const ours = records.filter((r) => mine.has(r.auditId));
  const ref = (r: FeedbackRecord) => ({ id: r.id, caseReference: r.caseReference });
  const reminders = acknowledgementRemindersDue(
    ours,
    now,
    acknowledgementWorkingDays,
    calendar,
  ).map((r): OutboxEntry => ({
    recordId: `feedback:${r.id}`,
    event: 'feedbackReminder',
    recipient: { kind: 'chat', userId: r.practitioner.id },
    card: { kind: 'feedbackReminder', data: { feedback: ref(r), sentAt: r.sentAt as string } },
  }));
  const conversations = ours.flatMap((r): OutboxEntry[] =>
    r.conversationRequestedAt && r.sentBy
      ? [
          {
            recordId: `feedback:${r.id}`,
            event: 'conversationRequested',
            recipient: { kind: 'chat', userId: r.sentBy.id },
            card: { kind: 'conversationRequested', data: { feedback: ref(r), agency: r.agency } },
          },
        ]
      : [],
  );
  return [...reminders, ...conversations];
}
