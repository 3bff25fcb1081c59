import { counted, pluralForm } from './plural.js';

/**
 * Every message a person reads after something went wrong, in one catalogue: a plain sentence of
 * the product's saying what happened, what was kept and what to do next. What Graph (or the
 * network) said (its message, status and code) never enters the sentence: it goes to the
 * message's details, shown under it behind a "Details" disclosure, for whoever supports the
 * person. docs/messages.md has the convention.
 */

/** What kind of failure it was, read from the error the way Graph and fetch report them. */
export type FailureKind =
  | 'throttled'
  | 'unavailable'
  | 'lostAnswer'
  | 'offline'
  | 'conflict'
  | 'forbidden'
  | 'notFound'
  | 'refused'
  | 'product'
  | 'unexpected';

export type Failure = {
  readonly kind: FailureKind;
  /** The product's own sentence, for a failure the product itself explained (`PlainError`). */
  readonly sentence?: string;
  /** What Graph, SharePoint or the network said, for the details; never for the sentence. */
  readonly details: string;
};

/**
 * An error whose message is already a sentence of the product's (a refusal, a commission left
 * part way): shown as it is, with what caused it, if anything, in the details.
 */
export class PlainError extends Error {
  readonly plain = true;
  constructor(sentence: string, options?: { cause?: unknown }) {
    super(sentence, options);
    this.name = 'PlainError';
  }
}

type Readable = {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly statusCode?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly plain?: unknown;
  readonly cause?: unknown;
};

const asReadable = (e: unknown): Readable =>
  typeof e === 'object' && e !== null ? (e as Readable) : { message: String(e) };

const statusOf = (r: Readable): number | undefined => {
  const s = typeof r.statusCode === 'number' ? r.statusCode : r.status;
  return typeof s === 'number' && s > 0 ? s : undefined;
};

/** What the error itself said, as it said it: for the details only. */
export function detailsOf(error: unknown): string {
  const r = asReadable(error);
  const status = statusOf(r);
  const code = typeof r.code === 'string' && r.code !== '' ? r.code : undefined;
  const message = typeof r.message === 'string' ? r.message : '';
  const head = [status, code].filter((x) => x !== undefined).join(' ');
  const own = [head, message].filter((x) => x !== '').join(': ');
  const cause = r.cause === undefined ? '' : detailsOf(r.cause);
  return [own, cause].filter((x) => x !== '').join(' (caused by: ') + (cause ? ')' : '');
}

/** Reads an error structurally (the Graph SDK is not the domain's to import). */
export function failureOf(error: unknown): Failure {
  const r = asReadable(error);
  const message = typeof r.message === 'string' ? r.message : '';
  if (r.plain === true) {
    return {
      kind: 'product',
      sentence: message,
      details: r.cause === undefined ? '' : detailsOf(r.cause),
    };
  }
  const details = detailsOf(error);
  const status = statusOf(r);
  const kind: FailureKind =
    status === 429
      ? 'throttled'
      : status === 504 || r.name === 'TryAgainError'
        ? 'lostAnswer'
        : status !== undefined && status >= 500
          ? 'unavailable'
          : status === 412 || status === 409 || r.name === 'ConflictError'
            ? 'conflict'
            : status === 401 || status === 403
              ? 'forbidden'
              : status === 404
                ? 'notFound'
                : status !== undefined && status >= 400
                  ? 'refused'
                  : (r.name === 'TypeError' && /fetch|network|load failed/i.test(message)) ||
                      r.name === 'NetworkError'
                    ? 'offline'
                    : 'unexpected';
  return { kind, details };
}

/** Why, in the product's words: the end of a sentence that begins "… because". */
const BECAUSE: Record<Exclude<FailureKind, 'product'>, string> = {
  throttled: 'Microsoft 365 is busy and asked us to wait',
  unavailable: 'Microsoft 365 is not answering just now',
  lostAnswer: 'the answer from Microsoft 365 was lost on the way, so it is not yet certain',
  offline: 'this device could not reach Microsoft 365 (the network may be down)',
  conflict: 'someone else changed the same record at the same time',
  forbidden: 'your account does not have permission for it',
  notFound: 'the record is no longer there (it may have been removed)',
  refused: 'Microsoft 365 did not accept it',
  unexpected: 'something unexpected went wrong',
};

/** Failures that pass on their own: trying again later is the whole remedy. */
const PASSING: ReadonlySet<FailureKind> = new Set([
  'throttled',
  'unavailable',
  'lostAnswer',
  'offline',
]);

export const isPassing = (f: Failure): boolean => PASSING.has(f.kind);

export type UserMessage = {
  /** What happened, in the product's words. */
  readonly happened: string;
  /** What was kept (nothing is ever lost silently). */
  readonly kept: string;
  /** What to do next, or what the product will do. */
  readonly next: string;
  /** What Graph or the network said, shown behind "Details"; empty when there is nothing. */
  readonly details: string;
};

/** The sentence a person reads: what happened, what was kept, what to do next. */
export const sentenceOf = (m: UserMessage): string => `${m.happened} ${m.kept} ${m.next}`;

/** "Could not load the themes because …." or the product's own sentence. */
function happened(lead: string, f: Failure): string {
  if (f.kind === 'product' && f.sentence) return `${lead}: ${lowerFirst(stripStop(f.sentence))}.`;
  // A product failure with no sentence of its own says so plainly, never "because undefined".
  return `${lead} because ${BECAUSE[f.kind === 'product' ? 'unexpected' : f.kind]}.`;
}

const stripStop = (s: string) => s.trim().replace(/[.!]+$/, '');
const lowerFirst = (s: string) =>
  /^[A-Z][a-z]/.test(s) && !/^(I|Graph|Microsoft|SharePoint|Teams|Audit|NSP)\b/.test(s)
    ? s[0]!.toLowerCase() + s.slice(1)
    : s;

const inSeconds = (seconds: number) =>
  seconds <= 0 ? 'now' : `in ${counted(Math.ceil(seconds), 'second')}`;

/** What to do next when the cause is the person's rights, a vanished record or a refusal. */
function nextFor(f: Failure, passing: string): string {
  switch (f.kind) {
    case 'forbidden':
      return 'If you need to do this, ask the business manager to check your access.';
    case 'notFound':
      return 'Go back to the list and open it again.';
    case 'conflict':
      return 'Reload the page to see their change, then try again.';
    case 'refused':
    case 'unexpected':
      return `${passing} If it happens again, tell the business manager, with the details below.`;
    default:
      return passing;
  }
}

/**
 * The catalogue: one builder per situation where a failure reaches a person. Each takes the
 * error as thrown (and what it needs of the situation) and returns the whole message.
 */
export const MESSAGES = {
  /** The tab could not start (sign-in, the site, the configuration). */
  startFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The audit tab could not start', f),
      kept: 'Nothing of yours was changed.',
      next: nextFor(f, 'Try again in a moment.'),
      details: f.details,
    };
  },

  /** A page or a panel could not be read. */
  loadFailed(what: string, error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened(`Could not load ${what}`, f),
      kept: 'Nothing was changed.',
      next: nextFor(f, 'Try again in a moment.'),
      details: f.details,
    };
  },

  /** The audit form's autosave failed; it tries again by itself. */
  saveRetrying(error: unknown, seconds: number): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Not saved yet', f),
      kept: 'Your text is kept here.',
      next: isPassing(f)
        ? `Trying again ${inSeconds(seconds)}.`
        : `Trying again ${inSeconds(seconds)}; ${lowerFirst(nextFor(f, 'keep the page open.'))}`,
      details: f.details,
    };
  },

  /** Submitting a contribution failed after its answers were saved. */
  submitFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Not submitted', f),
      kept: 'Your answers are saved.',
      next: nextFor(f, 'Submit again in a moment.'),
      details: f.details,
    };
  },

  /** Commissioning stopped part way, or before it began. */
  commissionFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Commissioning did not finish', f),
      kept: 'Whatever was already created is kept, and the form is as you filled it.',
      next: nextFor(
        f,
        'Commission again from this form to finish: nothing already created is made twice.',
      ),
      details: f.details,
    };
  },

  /** Publishing the programme failed. */
  publishFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The programme was not published', f),
      kept: 'Your themes are kept as they were saved.',
      next: nextFor(f, 'Publish again in a moment: nothing is posted twice.'),
      details: f.details,
    };
  },

  /** A theme could not be saved from its dialog. */
  themeSaveFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The theme was not saved', f),
      kept: 'What you entered is still in the form.',
      next: nextFor(f, 'Save again in a moment.'),
      details: f.details,
    };
  },

  /** Raising "child at risk now" failed: said so the person also acts outside the product. */
  childAtRiskFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Child at risk now was not raised', f),
      kept: 'Your reason is still in the form.',
      next: nextFor(
        f,
        'Raise it again now; if it still fails, tell the business manager by phone at once.',
      ),
      details: f.details,
    };
  },

  /** The people picker's search failed. */
  peopleSearchFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('People could not be searched', f),
      kept: 'Nothing was changed.',
      next: nextFor(f, 'Type again to search again.'),
      details: f.details,
    };
  },

  /** The lead auditor's multi-agency judgement could not be opened for writing. */
  leadOpenFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The multi-agency judgement could not be opened', f),
      kept: 'Nothing was changed.',
      next: nextFor(f, 'Reload the page to try again.'),
      details: f.details,
    };
  },

  /** Returning a submitted contribution to its auditor failed. */
  returnFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The contribution was not returned', f),
      kept: 'It is still submitted, as it was.',
      next: nextFor(f, 'Return it again in a moment.'),
      details: f.details,
    };
  },

  /** The outbox itself could not be read or written; the notifications wait in it. */
  notificationsFailed(error: unknown, seconds: number): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Notifications could not be sent', f),
      kept: 'They are kept, waiting to be sent.',
      next: `They will be tried again ${inSeconds(seconds)}, and when you next open the tab.`,
      details: f.details,
    };
  },

  /** Finishing a commissioning left part done (from the register) failed. */
  finishFailed(caseReference: string, error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened(`The commissioning of ${caseReference} could not be finished`, f),
      kept: 'Everything already made is kept.',
      next: nextFor(f, 'Try again in a moment: nothing is made twice.'),
      details: f.details,
    };
  },

  /** A move of the audit's lifecycle (send for sign-off, sign off, return, …) failed. */
  moveFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The audit did not move on', f),
      kept: 'It is still as it was, and what you wrote is still in the form.',
      next: nextFor(f, 'Try again in a moment: nothing is done twice.'),
      details: f.details,
    };
  },

  /** The lead auditor's moderation decision on an agency's grade could not be saved. */
  decisionFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The moderated grade was not saved', f),
      kept: 'Your choice and reason are still in the form.',
      next: nextFor(f, 'Save it again in a moment.'),
      details: f.details,
    };
  },

  /** Agreeing an agency's grades in moderation (or undoing it) did not go through. */
  agreementFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened("The agency's agreed grades did not change", f),
      kept: 'Moderation is as it was before.',
      next: nextFor(f, 'Open the audit again, then try once more: nothing is recorded twice.'),
      details: f.details,
    };
  },

  /** A move on feedback (naming, sending, acknowledging, asking to talk) did not go through. */
  feedbackFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('The feedback was not changed', f),
      kept: 'What you wrote is still in the form.',
      next: nextFor(f, 'Try again in a moment: nothing is done twice.'),
      details: f.details,
    };
  },

  /** Reminders (due soon, overdue) could not be queued when the tab opened. */
  remindersFailed(error: unknown): UserMessage {
    const f = failureOf(error);
    return {
      happened: happened('Reminders could not be queued', f),
      kept: 'Everything else works as usual.',
      next: 'They will be queued when you next open the tab.',
      details: f.details,
    };
  },
} as const;

export type MessageName = keyof typeof MESSAGES;

/** Notifications waiting in the outbox, and when they are tried again (a countdown). */
export function notificationsWaiting(count: number, seconds: number): UserMessage {
  return {
    happened: `${counted(count, 'notification')} could not be sent yet.`,
    kept: `${pluralForm(count, 'It is', 'They are')} kept, waiting to be sent.`,
    next: `${pluralForm(count, 'It', 'They')} will be tried again ${inSeconds(seconds)}.`,
    details: '',
  };
}
