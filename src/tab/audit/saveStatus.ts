import { MESSAGES, sentenceOf } from '../../domain/messages.js';

/** Where the auditor's words are: said plainly in the form's status line. */
export type SaveStatus =
  | { readonly kind: 'saved'; readonly at: Date | undefined }
  | { readonly kind: 'unsaved' }
  | { readonly kind: 'saving' }
  /** A save failed (the error as thrown, read by the messages catalogue); tried again soon. */
  | { readonly kind: 'retrying'; readonly failure: unknown; readonly inSeconds: number }
  /** Submitting failed once every answer was saved. */
  | { readonly kind: 'notSubmitted'; readonly failure: unknown }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'readOnly'; readonly why: string };

const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function describeSaveStatus(status: SaveStatus): string {
  switch (status.kind) {
    case 'saved':
      return status.at ? `All changes saved at ${TIME.format(status.at)}.` : 'No changes yet.';
    case 'unsaved':
      return 'Changes not saved yet.';
    case 'saving':
      return 'Saving…';
    case 'retrying':
      return sentenceOf(MESSAGES.saveRetrying(status.failure, status.inSeconds));
    case 'notSubmitted':
      return sentenceOf(MESSAGES.submitFailed(status.failure));
    case 'conflict':
      return 'Someone else changed this contribution: choose what to keep.';
    case 'readOnly':
      return status.why;
  }
}

/** What Graph or the network said about a failure, for the status line's details. */
export function saveStatusDetails(status: SaveStatus): string {
  if (status.kind === 'retrying') return MESSAGES.saveRetrying(status.failure, 0).details;
  if (status.kind === 'notSubmitted') return MESSAGES.submitFailed(status.failure).details;
  return '';
}

/** Exponential backoff with jitter, at least what the server asked for, at most a minute. */
export function backoffSeconds(
  attempt: number,
  retryAfter: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(60, 2 ** Math.min(attempt, 6));
  return Math.max(retryAfter, Math.round(exponential * (0.5 + random() * 0.5)));
}
