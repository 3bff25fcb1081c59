import {
  CATEGORY_LABELS,
  PRIORITY_SOURCE_LABELS,
  type Category,
  type PrioritySource,
} from '../records.js';
import { assertNoIdentifyingDetail } from '../guard/identifyingDetail.js';
import type { AdaptiveCard, AuditSummary, CardMessage } from './cards.types.js';
import { deepLink, type LinkBase } from './links.js';
import { counted } from '../plural.js';

/**
 * Adaptive Card 1.5 builders, one per event. Pure: data in, card out. Every text passes the
 * identifying-detail guard before it is put on a card, and a card larger than Teams accepts is
 * refused here rather than by Teams.
 */

export const MAX_CARD_BYTES = 28 * 1024;

export class CardTooLargeError extends Error {}

export type CardContext = {
  readonly links: LinkBase;
  /** The partnership's case reference format: references are pseudonyms, so they may travel. */
  readonly caseReference: RegExp;
};

const MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** A due date without its year: a day and month cannot be mistaken for a date of birth. */
export const dueLabel = (iso: string | undefined): string =>
  iso ? MONTH.format(new Date(iso)) : 'no date set';

export const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const facts = (pairs: ReadonlyArray<[string, string]>) => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});
export const open = (title: string, url: string) => ({ type: 'Action.OpenUrl', title, url });

export function finish(
  ctx: CardContext,
  body: unknown[],
  actions: unknown[],
  message: string,
  preview: string,
): CardMessage {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
  };
  // Every string on the card, and the message, is checked: titles, facts, button labels.
  const strings: string[] = [message, preview];
  const walk = (node: unknown) => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) if (k !== 'url' && k !== 'type') walk(v);
  };
  walk(body);
  walk(actions);
  for (const s of strings) assertNoIdentifyingDetail('Notification', s, [ctx.caseReference]);
  const bytes = new TextEncoder().encode(JSON.stringify(card)).length;
  if (bytes > MAX_CARD_BYTES)
    throw new CardTooLargeError(
      `The card is ${bytes} bytes; Teams accepts at most ${MAX_CARD_BYTES}.`,
    );
  return {
    card,
    text: message,
    preview: preview.length > 150 ? `${preview.slice(0, 147)}...` : preview,
  };
}

/** A button for each audit (once each, five at most: a card's actions are few). */
const openAudits = (ctx: CardContext, audits: readonly AuditSummary[]) =>
  [...new Map(audits.map((a) => [a.id, a])).values()]
    .slice(0, 5)
    .map((a) => open(`Open ${a.caseReference}`, deepLink(ctx.links, { kind: 'audit', id: a.id })));

const categories = (list: readonly Category[]) => list.map((c) => CATEGORY_LABELS[c]).join(', ');

export function programmePublishedCard(
  ctx: CardContext,
  input: {
    year: string;
    themes: ReadonlyArray<{
      title: string;
      prioritySource: PrioritySource;
      categories: readonly Category[];
      plannedMonth: string;
      sampleSize: number;
    }>;
  },
): CardMessage {
  const body = [
    text(`Audit programme ${input.year} published`, { size: 'Large', weight: 'Bolder' }),
    text(
      `${input.themes.length} themes of multi-agency case audit this year. Agencies can prepare: practice will be audited against the partnership's tools and grades.`,
    ),
    ...input.themes.map((t) => ({
      type: 'Container',
      separator: true,
      items: [
        text(t.title, { weight: 'Bolder' }),
        facts([
          ['Planned', t.plannedMonth],
          ['Cases', categories(t.categories)],
          ['Sample', String(t.sampleSize)],
          ['Why', PRIORITY_SOURCE_LABELS[t.prioritySource]],
        ]),
      ],
    })),
  ];
  return finish(
    ctx,
    body,
    [open('Open the programme', deepLink(ctx.links, { kind: 'area', area: 'programme' }))],
    `The audit programme for ${input.year} has been published.`,
    `Audit programme ${input.year} published: ${input.themes.length} themes`,
  );
}

export function auditsCommissionedCard(
  ctx: CardContext,
  input: { themeTitle: string; audits: readonly AuditSummary[]; due: string | undefined },
): CardMessage {
  const body = [
    text(`${input.audits.length === 1 ? 'Audit' : `${input.audits.length} audits`} commissioned`, {
      size: 'Large',
      weight: 'Bolder',
    }),
    text(`Theme: ${input.themeTitle}`),
    facts(input.audits.map((a) => [a.caseReference, CATEGORY_LABELS[a.category]])),
    text(`Due ${dueLabel(input.due)}. Auditors have been told in a chat of their own.`, {
      isSubtle: true,
    }),
  ];
  const actions = openAudits(ctx, input.audits);
  return finish(
    ctx,
    body,
    actions,
    `${counted(input.audits.length, 'audit')} commissioned for the theme ${input.themeTitle}.`,
    `Commissioned: ${input.audits.map((a) => a.caseReference).join(', ')}`,
  );
}

export function auditAssignedCard(
  ctx: CardContext,
  input: { audits: ReadonlyArray<AuditSummary & { role: string }>; due: string | undefined },
): CardMessage {
  const body = [
    text(
      input.audits.length === 1
        ? 'You have an audit to do'
        : `You have ${input.audits.length} audits to do`,
      { size: 'Large', weight: 'Bolder' },
    ),
    facts(input.audits.map((a) => [a.caseReference, `${CATEGORY_LABELS[a.category]}: ${a.role}`])),
    text(
      `Due ${dueLabel(input.due)}. Read the last 12 months of your agency's record; judge mainly on the last 6.`,
    ),
  ];
  const actions = openAudits(ctx, input.audits);
  return finish(
    ctx,
    body,
    actions,
    'You have been assigned an audit.',
    `Audit assigned: ${input.audits.map((a) => a.caseReference).join(', ')}, due ${dueLabel(input.due)}`,
  );
}

export function auditDueCard(
  ctx: CardContext,
  input: { kind: 'dueSoon' | 'overdue'; audit: AuditSummary; due: string | undefined },
): CardMessage {
  const heading =
    input.kind === 'dueSoon'
      ? `Due soon: ${input.audit.caseReference}`
      : `Overdue: ${input.audit.caseReference}`;
  const line =
    input.kind === 'dueSoon'
      ? `Your audit is due ${dueLabel(input.due)}.`
      : `Your audit was due ${dueLabel(input.due)}.`;
  return finish(
    ctx,
    [text(heading, { size: 'Large', weight: 'Bolder' }), text(line)],
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    line,
    heading,
  );
}

export function childAtRiskCard(ctx: CardContext, input: { audit: AuditSummary }): CardMessage {
  const body = [
    text('Child at risk now', { size: 'Large', weight: 'Bolder', color: 'Attention' }),
    text(
      `An auditor found that the child in case ${input.audit.caseReference} may be at risk now. Open the audit for the reason and act at once, outside the audit's pace.`,
    ),
  ];
  return finish(
    ctx,
    body,
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    `Child at risk now: ${input.audit.caseReference}. Open the audit and act at once.`,
    `Child at risk now: ${input.audit.caseReference}`,
  );
}

/**
 * The lifecycle's cards (docs/lifecycle.md). They carry the case reference and dates only: the
 * comments and notes stay in the audit, where the team reads them after signing in.
 */

/** To the sign-off manager, in a one-to-one chat: an audit is ready for their sign-off. */
export function readyForSignOffCard(
  ctx: CardContext,
  input: { audit: AuditSummary; due: string | undefined },
): CardMessage {
  const heading = `Ready for sign-off: ${input.audit.caseReference}`;
  return finish(
    ctx,
    [
      text(heading, { size: 'Large', weight: 'Bolder' }),
      text(
        `Moderation is finished and the audit is waiting for your sign-off, due ${dueLabel(input.due)}. Read it, then sign it off or return it with comments.`,
      ),
    ],
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    `An audit is ready for your sign-off: ${input.audit.caseReference}.`,
    `${heading}, due ${dueLabel(input.due)}`,
  );
}

/** To the lead auditor: the sign-off manager returned the audit to moderation with comments. */
export function auditReturnedCard(ctx: CardContext, input: { audit: AuditSummary }): CardMessage {
  const heading = `Returned for changes: ${input.audit.caseReference}`;
  return finish(
    ctx,
    [
      text(heading, { size: 'Large', weight: 'Bolder' }),
      text(
        'The sign-off manager returned the audit to moderation. Open it to read their comments, make the changes and send it for sign-off again.',
      ),
    ],
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    `The audit ${input.audit.caseReference} was returned to moderation with comments.`,
    heading,
  );
}

/**
 * Signed off: posted as a reply in the thread of the audit's commissioning card, and in a chat
 * to each of its auditors.
 */
export function auditSignedOffCard(
  ctx: CardContext,
  input: { audit: AuditSummary; signedOffAt: string; findings: number },
): CardMessage {
  const heading = `Signed off: ${input.audit.caseReference}`;
  return finish(
    ctx,
    [
      text(heading, { size: 'Large', weight: 'Bolder', color: 'Good' }),
      facts([
        ['Signed off', dueLabel(input.signedOffAt)],
        ['Moderation findings', String(input.findings)],
      ]),
      text('Feedback to the practitioners whose work was audited comes next.', {
        isSubtle: true,
      }),
    ],
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    `The audit ${input.audit.caseReference} has been signed off.`,
    heading,
  );
}

/** To the sign-off manager: a sign-off is past its due day (working days counted). */
export function signOffOverdueCard(
  ctx: CardContext,
  input: { audit: AuditSummary; due: string; workingDaysLate: number },
): CardMessage {
  const heading = `Sign-off overdue: ${input.audit.caseReference}`;
  const days = `${input.workingDaysLate} working ${input.workingDaysLate === 1 ? 'day' : 'days'}`;
  // Overdue the working day after the due day, even when only a weekend has passed since.
  const line =
    input.workingDaysLate === 0
      ? `Your sign-off was due ${dueLabel(input.due)}.`
      : `Your sign-off was due ${dueLabel(input.due)}: ${days} ago.`;
  return finish(
    ctx,
    [text(heading, { size: 'Large', weight: 'Bolder', color: 'Attention' }), text(line)],
    [open('Open the audit', deepLink(ctx.links, { kind: 'audit', id: input.audit.id }))],
    line,
    heading,
  );
}
