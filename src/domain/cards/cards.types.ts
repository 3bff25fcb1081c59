import type { Category } from '../records.js';

export type Area = 'myAudits' | 'programme' | 'reports' | 'actions' | 'feedback';

/** An Adaptive Card 1.5 as JSON: what Teams renders reliably. */
export type AdaptiveCard = {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.5';
  readonly body: readonly unknown[];
  readonly actions: readonly unknown[];
};

/** A notification ready to send: the card, the plain text of the message, and a short preview. */
export type CardMessage = {
  readonly card: AdaptiveCard;
  /** Plain text shown with the card (and read by screen readers before it). */
  readonly text: string;
  /** At most 150 characters, as activity previews allow. */
  readonly preview: string;
};

export type AuditSummary = {
  readonly id: string;
  readonly caseReference: string;
  readonly category: Category;
};
