import { describe, expect, it } from '@jest/globals';
import {
  detailsOf,
  failureOf,
  MESSAGES,
  type MessageName,
  notificationsWaiting,
  PlainError,
  sentenceOf,
  type UserMessage,
} from './messages.js';

/** An error as the Graph SDK throws it (GraphError): status, code and Graph's own message. */
function graphError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'GraphError', statusCode, code });
}

/** Realistic failures, each with the raw words that must never reach the sentence. */
const FAILURES: ReadonlyArray<{ name: string; error: unknown; raw: readonly string[] }> = [
  {
    name: 'a 429 with Retry-After',
    error: graphError(429, 'TooManyRequests', 'Injected fault: 429. Retry after 1 seconds.'),
    raw: ['Injected fault', '429', 'TooManyRequests', 'Retry after'],
  },
  {
    name: 'a 503',
    error: graphError(503, 'serviceNotAvailable', 'Service Unavailable'),
    raw: ['503', 'serviceNotAvailable', 'Service Unavailable'],
  },
  {
    name: 'a 412',
    error: graphError(412, 'preconditionFailed', 'ETag does not match the current item version.'),
    raw: ['412', 'preconditionFailed', 'ETag'],
  },
  {
    name: 'a conflict found by reading back',
    error: Object.assign(new Error('SectionAnswers item 12 was changed by someone else.'), {
      name: 'ConflictError',
    }),
    raw: ['SectionAnswers', 'item 12'],
  },
  {
    name: 'a 403',
    error: graphError(403, 'accessDenied', 'Access denied. You do not have permission.'),
    raw: ['403', 'accessDenied', 'Access denied'],
  },
  {
    name: 'a 404',
    error: graphError(404, 'itemNotFound', 'The resource could not be found.'),
    raw: ['404', 'itemNotFound', 'resource could not be found'],
  },
  {
    name: 'a network failure',
    error: new TypeError('Failed to fetch'),
    raw: ['Failed to fetch', 'TypeError'],
  },
  {
    name: 'a lost answer',
    error: graphError(
      504,
      'gatewayTimeout',
      'Injected fault: the write was applied but its answer was lost.',
    ),
    raw: ['504', 'gatewayTimeout', 'Injected fault', 'answer was lost.'],
  },
  {
    name: 'writes left undone after every try',
    error: Object.assign(new Error('3 records could not be written yet; try again.'), {
      name: 'TryAgainError',
    }),
    raw: ['3 records could not be written'],
  },
  {
    name: 'a 400 with an OData message',
    error: graphError(400, 'invalidRequest', "Request failed: field 'Foo' is not recognized."),
    raw: ['400', 'invalidRequest', 'Request failed', "field 'Foo'"],
  },
  {
    name: 'a SharePoint REST refusal',
    error: Object.assign(new Error('Request failed with status 500'), {
      name: 'SharePointRestError',
      status: 500,
      code: '-2147024891, System.UnauthorizedAccessException',
    }),
    raw: ['Request failed', '500', 'System.UnauthorizedAccessException'],
  },
  {
    name: 'something thrown that is not an Error',
    error: 'boom: undefined is not a function',
    raw: ['boom', 'undefined is not a function'],
  },
];

/** Every builder of the catalogue with the arguments its situation gives. */
const BUILDERS: Record<MessageName, (error: unknown) => UserMessage> = {
  startFailed: (e) => MESSAGES.startFailed(e),
  loadFailed: (e) => MESSAGES.loadFailed('the themes', e),
  saveRetrying: (e) => MESSAGES.saveRetrying(e, 4),
  submitFailed: (e) => MESSAGES.submitFailed(e),
  commissionFailed: (e) => MESSAGES.commissionFailed(e),
  publishFailed: (e) => MESSAGES.publishFailed(e),
  themeSaveFailed: (e) => MESSAGES.themeSaveFailed(e),
  childAtRiskFailed: (e) => MESSAGES.childAtRiskFailed(e),
  peopleSearchFailed: (e) => MESSAGES.peopleSearchFailed(e),
  leadOpenFailed: (e) => MESSAGES.leadOpenFailed(e),
  returnFailed: (e) => MESSAGES.returnFailed(e),
  notificationsFailed: (e) => MESSAGES.notificationsFailed(e, 12),
  remindersFailed: (e) => MESSAGES.remindersFailed(e),
  feedbackFailed: (e) => MESSAGES.feedbackFailed(e),
  finishFailed: (e) => MESSAGES.finishFailed('NSP-CP-1023', e),
  moveFailed: (e) => MESSAGES.moveFailed(e),
  decisionFailed: (e) => MESSAGES.decisionFailed(e),
  agreementFailed: (e) => MESSAGES.agreementFailed(e),
};

/** Words of Graph, HTTP and code that a person should never have to read in a sentence. */
const JARGON =
  /\b(graph|http|odata|etag|status|error code|request failed|fault|null|undefined|exception|(?<!Microsoft )\d{3})\b/i;

describe('every user-facing message of the catalogue', () => {
  it('has a builder in this test for every entry of the catalogue', () => {
    expect(Object.keys(BUILDERS).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  for (const [name, build] of Object.entries(BUILDERS)) {
    for (const failure of FAILURES) {
      it(`${name} after ${failure.name}: a plain sentence, Graph's words only in the details`, () => {
        const message = build(failure.error);
        const sentence = sentenceOf(message);
        for (const raw of failure.raw) expect(sentence).not.toContain(raw);
        expect(sentence).not.toMatch(JARGON);
        // What happened, what was kept, what to do next: each a sentence of its own.
        for (const part of [message.happened, message.kept, message.next]) {
          expect(part.length).toBeGreaterThan(10);
          expect(part).toMatch(/^[A-Z].*[.]$/s);
        }
        expect(message.kept).toMatch(/kept|saved|changed|as it was|as usual|still/i);
        // Graph's message is not lost: it is in the details, for whoever supports the person.
        const said = failure.error instanceof Error ? failure.error.message : String(failure.error);
        expect(message.details).toContain(said);
      });
    }
  }

  it('uses the product sentence of a failure the product explained, and its cause in the details', () => {
    const error = new PlainError(
      'Audit NSP-CP-1023 was created, but its police contribution could not be limited to its auditor and the lead auditor.',
      { cause: graphError(503, 'serviceNotAvailable', 'Injected fault: 503.') },
    );
    const message = MESSAGES.commissionFailed(error);
    expect(message.happened).toBe(
      'Commissioning did not finish: Audit NSP-CP-1023 was created, but its police contribution could not be limited to its auditor and the lead auditor.',
    );
    expect(sentenceOf(message)).not.toContain('Injected');
    expect(message.details).toBe('503 serviceNotAvailable: Injected fault: 503.');
  });

  it('says what to do according to the kind of failure', () => {
    const throttled = FAILURES[0]!.error;
    const forbidden = FAILURES[4]!.error;
    const missing = FAILURES[5]!.error;
    expect(MESSAGES.loadFailed('the themes', throttled).happened).toBe(
      'Could not load the themes because Microsoft 365 is busy and asked us to wait.',
    );
    expect(MESSAGES.loadFailed('the themes', throttled).next).toBe('Try again in a moment.');
    expect(MESSAGES.loadFailed('the themes', forbidden).next).toMatch(/ask the business manager/);
    expect(MESSAGES.loadFailed('the themes', missing).next).toBe(
      'Go back to the list and open it again.',
    );
    expect(sentenceOf(MESSAGES.saveRetrying(new TypeError('Failed to fetch'), 4))).toBe(
      'Not saved yet because this device could not reach Microsoft 365 (the network may be down). Your text is kept here. Trying again in 4 seconds.',
    );
    expect(MESSAGES.saveRetrying(throttled, 1).next).toBe('Trying again in 1 second.');
    expect(MESSAGES.saveRetrying(throttled, 0).next).toBe('Trying again now.');
  });
});

describe('the product sentence of a failure', () => {
  const happened = (sentence: string) => MESSAGES.submitFailed(new PlainError(sentence)).happened;

  it('begins in lower case after the lead, unless it begins with a name or an acronym', () => {
    expect(happened('The audit is closed.')).toBe('Not submitted: the audit is closed.');
    expect(happened('CAMHS Referral was not found.')).toBe(
      'Not submitted: CAMHS Referral was not found.',
    );
    expect(happened('Teams did not take the card.')).toBe(
      'Not submitted: Teams did not take the card.',
    );
    expect(happened('The card was not posted to Teams.')).toBe(
      'Not submitted: the card was not posted to Teams.',
    );
  });

  it('ends with one full stop, however the sentence ended, and keeps stops inside it', () => {
    expect(happened('The audit is closed... ')).toBe('Not submitted: the audit is closed.');
    expect(happened('Section 3.2 was not saved!!')).toBe(
      'Not submitted: section 3.2 was not saved.',
    );
  });

  it('falls back to a plain reason when the product gave no sentence', () => {
    expect(happened('')).toBe('Not submitted because something unexpected went wrong.');
    // Marked as the product's own but with a message that is not text: no sentence either.
    expect(MESSAGES.submitFailed({ plain: true, message: 42 }).happened).toBe(
      'Not submitted because something unexpected went wrong.',
    );
  });

  it('has no details when nothing caused it, and is named in logs', () => {
    expect(failureOf(new PlainError('The audit is closed.'))).toEqual({
      kind: 'product',
      sentence: 'The audit is closed.',
      details: '',
    });
    expect(String(new PlainError('The audit is closed.'))).toBe('PlainError: The audit is closed.');
  });
});

describe('what to do next, by the kind of failure', () => {
  it('asks for a reload after a conflict, and to tell the business manager after a refusal', () => {
    const conflict = graphError(412, 'preconditionFailed', 'ETag mismatch');
    expect(MESSAGES.submitFailed(conflict).next).toBe(
      'Reload the page to see their change, then try again.',
    );
    const refused = graphError(400, 'invalidRequest', 'Bad field');
    expect(MESSAGES.submitFailed(refused).next).toBe(
      'Submit again in a moment. If it happens again, tell the business manager, with the details below.',
    );
    expect(MESSAGES.submitFailed(new RangeError('Invalid array length')).next).toBe(
      'Submit again in a moment. If it happens again, tell the business manager, with the details below.',
    );
  });
});

describe('notificationsWaiting', () => {
  it('has no details: nothing failed that a person could report', () => {
    expect(notificationsWaiting(4, 12).details).toBe('');
  });

  it('counts the notifications and the seconds with proper plurals', () => {
    expect(sentenceOf(notificationsWaiting(4, 12))).toBe(
      '4 notifications could not be sent yet. They are kept, waiting to be sent. They will be tried again in 12 seconds.',
    );
    expect(sentenceOf(notificationsWaiting(1, 1))).toBe(
      '1 notification could not be sent yet. It is kept, waiting to be sent. It will be tried again in 1 second.',
    );
    expect(notificationsWaiting(2, 0.2).next).toBe('They will be tried again in 1 second.');
    expect(notificationsWaiting(2, 0).next).toBe('They will be tried again now.');
  });
});

describe('failureOf and detailsOf', () => {
  it('reads each kind from the status, the name or the message, never from Graph types', () => {
    expect(FAILURES.map((f) => failureOf(f.error).kind)).toEqual([
      'throttled',
      'unavailable',
      'conflict',
      'conflict',
      'forbidden',
      'notFound',
      'offline',
      'lostAnswer',
      'lostAnswer',
      'refused',
      'unavailable',
      'unexpected',
    ]);
    expect(failureOf(graphError(409, 'nameAlreadyExists', 'x')).kind).toBe('conflict');
    expect(failureOf(graphError(401, 'InvalidAuthenticationToken', 'x')).kind).toBe('forbidden');
    expect(failureOf(Object.assign(new Error('x'), { name: 'NetworkError' })).kind).toBe('offline');
    expect(failureOf(new TypeError('x is not a function')).kind).toBe('unexpected');
  });

  it('keeps the status, code and message as Graph gave them', () => {
    expect(detailsOf(FAILURES[0]!.error)).toBe(
      '429 TooManyRequests: Injected fault: 429. Retry after 1 seconds.',
    );
    expect(detailsOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(detailsOf(null)).toBe('null');
  });

  it('leaves out a status, code or message that is empty or not of its kind', () => {
    // A status of 0 (a request that never got an answer), or one given as text, is no status.
    expect(detailsOf({ status: 0, message: 'Failed to fetch' })).toBe('Failed to fetch');
    expect(detailsOf({ status: '500', message: 'Bad gateway' })).toBe('Bad gateway');
    expect(failureOf({ status: '500', message: 'Bad gateway' }).kind).toBe('unexpected');
    expect(detailsOf({ statusCode: 429, code: '', message: 'Slow down' })).toBe('429: Slow down');
    expect(detailsOf({ statusCode: 503, code: 7, message: 'Unavailable' })).toBe(
      '503: Unavailable',
    );
    expect(detailsOf({ statusCode: 503 })).toBe('503');
  });

  it("adds what caused an error after the error's own words", () => {
    const error = new Error('Save failed', {
      cause: graphError(503, 'serviceNotAvailable', 'Try later'),
    });
    expect(detailsOf(error)).toBe('Save failed (caused by: 503 serviceNotAvailable: Try later)');
  });

  it('reads a status below 400 as unexpected, and only a TypeError about the network as offline', () => {
    expect(failureOf(graphError(200, 'ok', 'Unexpected end of JSON input')).kind).toBe(
      'unexpected',
    );
    expect(failureOf(new Error('The network drive failed to load failed items')).kind).toBe(
      'unexpected',
    );
  });
});

describe("agreeing an agency's grades failed", () => {
  it('says the agreement did not change, that moderation is as it was, and what to do', () => {
    expect(sentenceOf(MESSAGES.agreementFailed(new TypeError('fetch failed')))).toBe(
      "The agency's agreed grades did not change because this device could not reach Microsoft 365 (the network may be down). Moderation is as it was before. Open the audit again, then try once more: nothing is recorded twice.",
    );
  });
});
