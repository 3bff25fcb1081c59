import type { IsoDay } from '../workingDays.js';
import type { CardMessage } from './cards.types.js';
import { type CardContext, dueLabel, finish, open, text } from './cards.js';
import { deepLink } from './links.js';

/**
 * The action plan's cards (docs/report.md), to an action's owner in a one-to-one chat: its due
 * day is near, or it has passed. They carry the action's own words (what will be done, and the
 * recommendation it answers) and its due day without the year, never a case: actions come from a
 * report about many audits, and the guard checks every string as for every card.
 */
export type ActionCardInput = {
  readonly kind: 'dueSoon' | 'overdue';
  readonly action: {
    readonly id: string;
    readonly title: string;
    readonly recommendation: string;
  };
  readonly due: IsoDay;
};

export function actionDueCard(ctx: CardContext, input: ActionCardInput): CardMessage {
  const heading = input.kind === 'dueSoon' ? 'Action due soon' : 'Action overdue';
  const line =
    input.kind === 'dueSoon'
      ? `An action you own in the partnership's action plan is due ${dueLabel(input.due)}. Update its status, or mark it done with the evidence.`
      : `An action you own in the partnership's action plan was due ${dueLabel(input.due)}. Update its status, or say what is holding it up.`;
  const body = [
    text(heading, { size: 'Large', weight: 'Bolder' }),
    text(line),
    text(input.action.title, { weight: 'Bolder' }),
    ...(input.action.recommendation === ''
      ? []
      : [text(`Recommendation: ${input.action.recommendation}`, { isSubtle: true })]),
  ];
  return finish(
    ctx,
    body,
    [open('Open the action', deepLink(ctx.links, { kind: 'action', id: input.action.id }))],
    line,
    `${heading}: ${input.action.title}`,
  );
}
