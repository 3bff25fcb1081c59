import { AdaptiveCard, SerializationContext, Versions } from 'adaptivecards';
import type { CardMessage } from '../../src/domain/cards/cards.types.js';

/** What the official renderer's parser finds wrong with a card at version 1.5: none, for a good card. */
export function parseProblems(message: CardMessage): string[] {
  const context = new SerializationContext(Versions.v1_5);
  const card = new AdaptiveCard();
  card.parse(message.card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}
