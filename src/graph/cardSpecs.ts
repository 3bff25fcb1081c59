import {
  auditAssignedCard,
  auditDueCard,
  auditReturnedCard,
  auditsCommissionedCard,
  auditSignedOffCard,
  type CardContext,
  childAtRiskCard,
  programmePublishedCard,
  readyForSignOffCard,
  signOffOverdueCard,
} from '../domain/cards/cards.js';
import type { AuditSummary, CardMessage } from '../domain/cards/cards.types.js';
import {
  conversationRequestedCard,
  type FeedbackRef,
  feedbackReadyCard,
  feedbackReminderCard,
} from '../domain/cards/feedbackCards.js';
import { type AgencyId, isAgencyId } from '../domain/agencies.js';
import { deepLink } from '../domain/cards/links.js';
import { actionDueCard } from '../domain/cards/actionCards.js';
import { CATEGORIES, type Category, PRIORITY_SOURCES } from '../domain/records.js';

/**
 * What the outbox stores for a card: its kind and the data the product's own builder takes,
 * never the card itself. The sender checks the data and builds the card again at send time, so
 * an item written by hand (any member of the site can write one) can only ever become a card the
 * product could have made: the guard runs on every string, and links are the app's own.
 */
export type CardSpec =
  | {
      readonly kind: 'programmePublished';
      readonly data: Parameters<typeof programmePublishedCard>[1];
    }
  | {
      readonly kind: 'auditsCommissioned';
      readonly data: Parameters<typeof auditsCommissionedCard>[1];
    }
  | { readonly kind: 'auditAssigned'; readonly data: Parameters<typeof auditAssignedCard>[1] }
  | { readonly kind: 'auditDue'; readonly data: Parameters<typeof auditDueCard>[1] }
  | { readonly kind: 'childAtRisk'; readonly data: Parameters<typeof childAtRiskCard>[1] }
  | {
      readonly kind: 'readyForSignOff';
      readonly data: Parameters<typeof readyForSignOffCard>[1];
    }
  | { readonly kind: 'auditReturned'; readonly data: Parameters<typeof auditReturnedCard>[1] }
  | { readonly kind: 'auditSignedOff'; readonly data: Parameters<typeof auditSignedOffCard>[1] }
  | { readonly kind: 'signOffOverdue'; readonly data: Parameters<typeof signOffOverdueCard>[1] }
  | { readonly kind: 'feedbackReady'; readonly data: Parameters<typeof feedbackReadyCard>[1] }
  | {
      readonly kind: 'feedbackReminder';
      readonly data: Parameters<typeof feedbackReminderCard>[1];
    }
  | {
      readonly kind: 'conversationRequested';
      readonly data: Parameters<typeof conversationRequestedCard>[1];
    }
  | { readonly kind: 'actionDue'; readonly data: Parameters<typeof actionDueCard>[1] };

export type CardKind = CardSpec['kind'];
export const CARD_KINDS: readonly CardKind[] = [
  'programmePublished',
  'auditsCommissioned',
  'auditAssigned',
  'auditDue',
  'childAtRisk',
  'readyForSignOff',
  'auditReturned',
  'auditSignedOff',
  'signOffOverdue',
  'feedbackReady',
  'feedbackReminder',
  'conversationRequested',
  'actionDue',
];

/** The card of a spec, made by the product's own builder (which runs the guard and size check). */
export function buildCard(ctx: CardContext, spec: CardSpec): CardMessage {
  const message = build(ctx, spec);
  assertOwnLinks(ctx, message);
  return message;
}

function build(ctx: CardContext, spec: CardSpec): CardMessage {
  switch (spec.kind) {
    case 'programmePublished':
      return programmePublishedCard(ctx, spec.data);
    case 'auditsCommissioned':
      return auditsCommissionedCard(ctx, spec.data);
    case 'auditAssigned':
      return auditAssignedCard(ctx, spec.data);
    case 'auditDue':
      return auditDueCard(ctx, spec.data);
    case 'childAtRisk':
      return childAtRiskCard(ctx, spec.data);
    case 'readyForSignOff':
      return readyForSignOffCard(ctx, spec.data);
    case 'auditReturned':
      return auditReturnedCard(ctx, spec.data);
    case 'auditSignedOff':
      return auditSignedOffCard(ctx, spec.data);
    case 'signOffOverdue':
      return signOffOverdueCard(ctx, spec.data);
    case 'feedbackReady':
      return feedbackReadyCard(ctx, spec.data);
    case 'feedbackReminder':
      return feedbackReminderCard(ctx, spec.data);
    case 'conversationRequested':
      return conversationRequestedCard(ctx, spec.data);
    case 'actionDue':
      return actionDueCard(ctx, spec.data);
  }
}

/** Every button opens the app's own record or area: nothing else can be on a card we send. */
function assertOwnLinks(ctx: CardContext, message: CardMessage): void {
  const base = deepLink(ctx.links, { kind: 'area', area: 'myAudits' });
  const prefix =
    ctx.links.mode === 'local'
      ? base.slice(0, base.indexOf('#') + 1)
      : base.slice(0, base.indexOf('?'));
  for (const action of message.card.actions as Array<{ url?: unknown }>)
    if (typeof action.url !== 'string' || !action.url.startsWith(prefix))
      throw new CardSpecError('a button leads outside the app');
}

export class CardSpecError extends Error {
  constructor(reason: string) {
    super(`Not a card the product makes: ${reason}.`);
  }
}

type Json = Record<string, unknown>;
const fail = (reason: string): never => {
  throw new CardSpecError(reason);
};
const obj = (v: unknown, what: string): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Json)
    : fail(`${what} is not an object`);
const str = (v: unknown, what: string, max = 200): string =>
  typeof v === 'string' && v.length <= max
    ? v
    : fail(`${what} is not text of at most ${max} characters`);
const optionalIso = (v: unknown, what: string): string | undefined =>
  v === undefined || v === null
    ? undefined
    : typeof v === 'string' && !Number.isNaN(Date.parse(v))
      ? v
      : fail(`${what} is not a date`);
const list = (v: unknown, what: string, max: number): unknown[] =>
  Array.isArray(v) && v.length <= max ? v : fail(`${what} is not a list of at most ${max}`);
const category = (v: unknown): Category =>
  (CATEGORIES as readonly unknown[]).includes(v) ? (v as Category) : fail('a category is unknown');
const auditSummary = (v: unknown): AuditSummary => {
  const a = obj(v, 'an audit');
  const id = str(a['id'], 'an audit id', 12);
  if (!/^\d+$/.test(id)) fail('an audit id is not a number');
  return {
    id,
    caseReference: str(a['caseReference'], 'a case reference', 32),
    category: category(a['category']),
  };
};

const feedbackRef = (v: unknown): FeedbackRef => {
  const f = obj(v, 'a feedback');
  const id = str(f['id'], 'a feedback id', 12);
  if (!/^\d+$/.test(id)) fail('a feedback id is not a number');
  return { id, caseReference: str(f['caseReference'], 'a case reference', 32) };
};

/** Reads a stored spec back, checking every value's shape; what the builder checks it leaves to it. */
export function parseCardSpec(kind: string, json: string): CardSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('its data is not JSON');
  }
  const d = obj(raw, 'its data');
  switch (kind) {
    case 'programmePublished':
      return {
        kind,
        data: {
          year: str(d['year'], 'the year', 9),
          themes: list(d['themes'], 'the themes', 50).map((t) => {
            const o = obj(t, 'a theme');
            const source = o['prioritySource'];
            if (!(PRIORITY_SOURCES as readonly unknown[]).includes(source))
              fail('a priority source is unknown');
            const sample = o['sampleSize'];
            if (
              typeof sample !== 'number' ||
              !Number.isInteger(sample) ||
              sample < 0 ||
              sample > 1000
            )
              fail('a sample size is not a whole number');
            return {
              title: str(o['title'], 'a theme title'),
              prioritySource: source as (typeof PRIORITY_SOURCES)[number],
              categories: list(o['categories'], 'categories', 4).map(category),
              plannedMonth: str(o['plannedMonth'], 'a planned month', 32),
              sampleSize: sample as number,
            };
          }),
        },
      };
    case 'auditsCommissioned':
      return {
        kind,
        data: {
          themeTitle: str(d['themeTitle'], 'the theme title'),
          audits: list(d['audits'], 'the audits', 100).map(auditSummary),
          due: optionalIso(d['due'], 'the due date'),
        },
      };
    case 'auditAssigned':
      return {
        kind,
        data: {
          audits: list(d['audits'], 'the audits', 100).map((a) => ({
            ...auditSummary(a),
            role: str(obj(a, 'an audit')['role'], 'a role', 64),
          })),
          due: optionalIso(d['due'], 'the due date'),
        },
      };
    case 'auditDue': {
      const due = d['kind'];
      if (due !== 'dueSoon' && due !== 'overdue')
        fail('a reminder is neither due soon nor overdue');
      return {
        kind,
        data: {
          kind: due as 'dueSoon' | 'overdue',
          audit: auditSummary(d['audit']),
          due: optionalIso(d['due'], 'the due date'),
        },
      };
    }
    case 'childAtRisk':
      return { kind, data: { audit: auditSummary(d['audit']) } };
    case 'readyForSignOff':
      return {
        kind,
        data: { audit: auditSummary(d['audit']), due: optionalIso(d['due'], 'the due day') },
      };
    case 'auditReturned':
      return { kind, data: { audit: auditSummary(d['audit']) } };
    case 'auditSignedOff': {
      const findings = d['findings'];
      if (typeof findings !== 'number' || !Number.isInteger(findings) || findings < 0)
        fail('the number of findings is not a whole number');
      return {
        kind,
        data: {
          audit: auditSummary(d['audit']),
          signedOffAt:
            optionalIso(d['signedOffAt'], 'the sign-off time') ??
            fail('the sign-off time is missing'),
          findings: findings as number,
        },
      };
    }
    case 'signOffOverdue': {
      const late = d['workingDaysLate'];
      if (typeof late !== 'number' || !Number.isInteger(late) || late < 0 || late > 1000)
        fail('the working days late are not a whole number');
      return {
        kind,
        data: {
          audit: auditSummary(d['audit']),
          due: optionalIso(d['due'], 'the due day') ?? fail('the due day is missing'),
          workingDaysLate: late as number,
        },
      };
    }
    case 'feedbackReady':
      return { kind, data: { feedback: feedbackRef(d['feedback']) } };
    case 'feedbackReminder':
      return {
        kind,
        data: {
          feedback: feedbackRef(d['feedback']),
          sentAt: optionalIso(d['sentAt'], 'the day sent') ?? fail('the day sent is missing'),
        },
      };
    case 'conversationRequested': {
      const agency = d['agency'];
      if (typeof agency !== 'string' || !isAgencyId(agency)) fail('an agency is unknown');
      return {
        kind,
        data: { feedback: feedbackRef(d['feedback']), agency: agency as AgencyId },
      };
    }
    case 'actionDue': {
      const due = d['kind'];
      if (due !== 'dueSoon' && due !== 'overdue')
        fail('an action card is neither due soon nor overdue');
      const a = obj(d['action'], 'an action');
      const id = str(a['id'], 'an action id', 12);
      if (!/^\d+$/.test(id)) fail('an action id is not a number');
      const day = str(d['due'], 'the due day', 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
        fail('the due day is not a day');
      return {
        kind,
        data: {
          kind: due as 'dueSoon' | 'overdue',
          action: {
            id,
            title: str(a['title'], 'the action', 255),
            recommendation: str(a['recommendation'], 'the recommendation', 2000),
          },
          due: day,
        },
      };
    }
    default:
      return fail(`the kind '${kind.slice(0, 40)}' is unknown`);
  }
}
