import { contributorLabel, type AgencyId } from '../agencies.js';
import { type CardContext, dueLabel, finish, open, text } from './cards.js';
import type { CardMessage } from './cards.types.js';
import { deepLink } from './links.js';

/**
 * Cards about feedback to practitioners. They say only that feedback on a case reference is ready
 * (or waits, or that a conversation is asked for) and link to it: the words of the feedback stay in
 * SharePoint, readable by the practitioner and the audit team, never in a chat.
 */

export type FeedbackRef = { readonly id: string; readonly caseReference: string };

/** To the practitioner, 1:1 from the person who sent it. */
export function feedbackReadyCard(ctx: CardContext, input: { feedback: FeedbackRef }): CardMessage {
  const ref = input.feedback.caseReference;
  return finish(
    ctx,
    [
      text(`Feedback on case ${ref}`, { size: 'Large', weight: 'Bolder' }),
      text(
        'The multi-agency audit of a case you worked on has feedback for you: what worked well, what to do differently, and the difference it made to the child. It is about practice, not blame.',
      ),
      text(
        'Open it to read it in full and acknowledge it. You can add a reflection and ask for a conversation with the auditor.',
      ),
    ],
    [open('Read the feedback', deepLink(ctx.links, { kind: 'feedback', id: input.feedback.id }))],
    `Feedback on case ${ref} is ready for you.`,
    `Feedback on case ${ref} is ready`,
  );
}

/** To the practitioner whose feedback waits for acknowledgement past the partnership's days. */
export function feedbackReminderCard(
  ctx: CardContext,
  input: { feedback: FeedbackRef; sentAt: string },
): CardMessage {
  const ref = input.feedback.caseReference;
  return finish(
    ctx,
    [
      text(`Feedback waiting: ${ref}`, { size: 'Large', weight: 'Bolder' }),
      text(
        `Feedback on case ${ref} was sent to you on ${dueLabel(input.sentAt)} and has not been acknowledged yet. Please read it and acknowledge it.`,
      ),
    ],
    [open('Read the feedback', deepLink(ctx.links, { kind: 'feedback', id: input.feedback.id }))],
    `Feedback on case ${ref} is waiting for you to acknowledge it.`,
    `Feedback waiting: ${ref}`,
  );
}

/** To the agency's auditor (or the lead auditor) when a practitioner asks to talk it through. */
export function conversationRequestedCard(
  ctx: CardContext,
  input: { feedback: FeedbackRef; agency: AgencyId },
): CardMessage {
  const ref = input.feedback.caseReference;
  const agency = contributorLabel(input.agency);
  return finish(
    ctx,
    [
      text(`A conversation is requested: ${ref}`, { size: 'Large', weight: 'Bolder' }),
      text(
        `A ${agency} practitioner would like a conversation about their feedback on case ${ref}. Open the feedback to see who, and any reflection they added.`,
      ),
    ],
    [open('Open the feedback', deepLink(ctx.links, { kind: 'feedback', id: input.feedback.id }))],
    `A practitioner asks for a conversation about their feedback on case ${ref}.`,
    `A conversation is requested: ${ref}`,
  );
}
