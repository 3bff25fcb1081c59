import { describe, expect, it } from '@jest/globals';
import {
  FEEDBACK_MOVE_KINDS,
  FEEDBACK_PART_LABELS,
  FEEDBACK_STAGES,
  FEEDBACK_TRANSITIONS,
  TEAMS_LIMITS,
  type FeedbackAuditFacts,
  type FeedbackFacts,
  type FeedbackMove,
  type FeedbackMoveKind,
  type FeedbackMoveResult,
  type FeedbackStage,
  type FeedbackText,
  acknowledgementRemindersDue,
  availableFeedbackMoves,
  describeInterval,
  fastestSendSeconds,
  feedbackGrants,
  feedbackRolesOf,
  feedbackTextProblems,
  feedbackTimeliness,
  overallTimeliness,
  mayFeedBack,
  missingParts,
  moveFeedback,
  withReply,
} from './feedback.js';
import type { PersonRef } from './records.js';

const person = (id: string, displayName: string): PersonRef => ({ id, displayName });
const LEAD = person('u-lead', 'Lead Auditor');
const HEALTH = person('u-health', 'Health Auditor');
const POLICE = person('u-police', 'Police Auditor');
const NURSE = person('u-nurse', 'Practitioner One');
const OFFICER = person('u-officer', 'Practitioner Two');
const STRANGER = person('u-other', 'Someone Else');

// Friday 27 November 2026, 10:00 UTC.
const NOW = new Date('2026-11-27T10:00:00Z');
const NO_REVIEW = { now: NOW, settings: { reviewFirst: false } };
const REVIEW = { now: NOW, settings: { reviewFirst: true } };

const GOOD_TEXT: FeedbackText = {
  workedWell: 'The health visitor shared the concern with the school nurse the same day.',
  doDifferently: 'Record the reason for each missed appointment and escalate after the second.',
  differenceForChild: 'The child was seen sooner and the dental pain was treated within a week.',
};

const audit = (over: Partial<FeedbackAuditFacts> = {}): FeedbackAuditFacts => ({
  id: '42',
  caseReference: 'NSP-CP-0101',
  status: 'moderation',
  leadAuditor: LEAD,
  contributions: [
    { agency: 'health', auditor: HEALTH, gradesAgreedAt: '2026-11-20T09:00:00Z' },
    { agency: 'police', auditor: POLICE, gradesAgreedAt: undefined },
  ],
  ...over,
});

const feedback = (stage: FeedbackStage, over: Partial<FeedbackFacts> = {}): FeedbackFacts => ({
  stage,
  agency: 'health',
  practitioner: NURSE,
  text: GOOD_TEXT,
  ...(stage === 'sent' || stage === 'acknowledged' ? { sentAt: '2026-11-23T09:00:00Z' } : {}),
  ...over,
});

const MOVES: Record<FeedbackMoveKind, FeedbackMove> = {
  edit: { kind: 'edit', text: GOOD_TEXT },
  submitForReview: { kind: 'submitForReview' },
  approve: { kind: 'approve' },
  returnToWriter: { kind: 'returnToWriter', comments: 'Say more about the difference it made.' },
  send: { kind: 'send' },
  read: { kind: 'read' },
  acknowledge: { kind: 'acknowledge', reflection: '' },
  requestConversation: { kind: 'requestConversation' },
};

const moved = (r: FeedbackMoveResult) => {
  if (r.kind !== 'moved') throw new Error(`expected a move, got: ${r.reason}`);
  return r;
};
const refused = (r: FeedbackMoveResult): string => {
  if (r.kind !== 'refused') throw new Error(`expected a refusal, got a move to ${r.changes.stage}`);
  return r.reason;
};

describe('who holds which role on feedback', () => {
  it("makes the agency's auditor a writer, the lead auditor writer and reviewer, the practitioner its reader", () => {
    const f = feedback('draft');
    expect(feedbackRolesOf(HEALTH, f, audit())).toEqual(['writer']);
    expect(feedbackRolesOf(LEAD, f, audit())).toEqual(['writer', 'reviewer']);
    expect(feedbackRolesOf(NURSE, f, audit())).toEqual(['practitioner']);
    // Another agency's auditor writes only for their own agency's practitioners.
    expect(feedbackRolesOf(POLICE, f, audit())).toEqual([]);
    expect(feedbackRolesOf(STRANGER, f, audit())).toEqual([]);
    // Feedback for an agency the audit does not have: only the lead auditor writes it.
    const education = feedback('draft', { agency: 'education' });
    expect(feedbackRolesOf(LEAD, education, audit())).toEqual(['writer', 'reviewer']);
    expect(refused(moveFeedback(education, audit(), LEAD, MOVES.send, NO_REVIEW))).toBe(
      'Education is not one of the agencies on this audit.',
    );
  });
});

describe('every move from every stage', () => {
  // Whoever may make each move, so that only the stage decides here.
  const ACTOR: Record<FeedbackMoveKind, PersonRef> = {
    edit: HEALTH,
    submitForReview: HEALTH,
    approve: LEAD,
    returnToWriter: LEAD,
    send: HEALTH,
    read: NURSE,
    acknowledge: NURSE,
    requestConversation: NURSE,
  };
  for (const kind of FEEDBACK_MOVE_KINDS)
    for (const stage of FEEDBACK_STAGES) {
      const allowed = FEEDBACK_TRANSITIONS[kind].from.includes(stage);
      it(`${kind} from ${stage} is ${allowed ? 'allowed by stage' : 'refused, naming the stage'}`, () => {
        const ctx = kind === 'submitForReview' || kind === 'approve' ? REVIEW : NO_REVIEW;
        const r = moveFeedback(feedback(stage), audit(), ACTOR[kind], MOVES[kind], ctx);
        if (allowed) {
          // Any refusal left is about something other than the stage.
          if (r.kind === 'refused') expect(r.reason).not.toMatch(/so no one can/);
        } else {
          expect(refused(r)).toMatch(
            new RegExp(
              `^The feedback is [a-z ]+, so no one can ${FEEDBACK_TRANSITIONS[kind].doing}`,
            ),
          );
        }
      });
    }
});

describe('who may make each move', () => {
  it('refuses a person without the role, naming who can', () => {
    expect(refused(moveFeedback(feedback('draft'), audit(), POLICE, MOVES.send, NO_REVIEW))).toBe(
      "Only the agency's auditor or the lead auditor can send the feedback.",
    );
    expect(
      refused(moveFeedback(feedback('awaitingReview'), audit(), HEALTH, MOVES.approve, REVIEW)),
    ).toBe("Only the audit's lead auditor can approve the feedback.");
    expect(
      refused(moveFeedback(feedback('sent'), audit(), HEALTH, MOVES.acknowledge, NO_REVIEW)),
    ).toBe('Only the practitioner it was written for can acknowledge the feedback.');
    // Another practitioner cannot even read it.
    expect(refused(moveFeedback(feedback('sent'), audit(), OFFICER, MOVES.read, NO_REVIEW))).toBe(
      'Only the practitioner it was written for can read it.',
    );
  });
});

describe('writing and sending', () => {
  it('sends once moderation has agreed the agency grades, with a card that names only the case reference', () => {
    const r = moved(moveFeedback(feedback('draft'), audit(), HEALTH, MOVES.send, NO_REVIEW));
    expect(r.changes).toEqual({ stage: 'sent', sentAt: NOW.toISOString(), sentBy: HEALTH });
    expect(r.cards).toEqual([{ kind: 'feedbackReady', to: NURSE, caseReference: 'NSP-CP-0101' }]);
    expect(r.event).toEqual({
      type: 'feedbackSent',
      actor: HEALTH,
      at: NOW.toISOString(),
      details: 'Health feedback sent',
    });
  });

  it('does not wait for sign-off, but waits for moderation of that agency', () => {
    const police = feedback('draft', { agency: 'police', practitioner: OFFICER });
    expect(refused(moveFeedback(police, audit(), POLICE, MOVES.send, NO_REVIEW))).toBe(
      "Moderation has not yet agreed Police's grades: feedback can be sent once the lead auditor agrees them in moderation.",
    );
    // The same audit, still in moderation, lets Health's go.
    expect(moveFeedback(feedback('draft'), audit(), HEALTH, MOVES.send, NO_REVIEW).kind).toBe(
      'moved',
    );
  });

  it('refuses feedback from a withdrawn audit, or for an agency not on it', () => {
    expect(
      refused(
        moveFeedback(
          feedback('draft'),
          audit({ status: 'withdrawn' }),
          LEAD,
          MOVES.send,
          NO_REVIEW,
        ),
      ),
    ).toBe('The audit was withdrawn, so no feedback can be sent from it.');
    expect(mayFeedBack(audit(), 'education')).toEqual({
      ok: false,
      reason: 'Education is not one of the agencies on this audit.',
    });
    expect(mayFeedBack(audit(), 'health')).toEqual({ ok: true, agreedAt: '2026-11-20T09:00:00Z' });
  });

  it('names every empty part before sending', () => {
    const text = { ...GOOD_TEXT, doDifferently: '  ', differenceForChild: '' };
    expect(missingParts(text)).toEqual([
      FEEDBACK_PART_LABELS.doDifferently,
      FEEDBACK_PART_LABELS.differenceForChild,
    ]);
    expect(
      refused(moveFeedback(feedback('draft', { text }), audit(), HEALTH, MOVES.send, NO_REVIEW)),
    ).toBe(
      'Write every part before you send it: What to do differently; The difference it made, or could make, to the child are still empty.',
    );
    const one = { ...GOOD_TEXT, workedWell: '' };
    expect(
      refused(
        moveFeedback(feedback('draft', { text: one }), audit(), HEALTH, MOVES.send, NO_REVIEW),
      ),
    ).toBe('Write every part before you send it: What worked well is still empty.');
  });

  it('refuses identifying detail naming the part, the kind and the word, never the detail', () => {
    const text = { ...GOOD_TEXT, workedWell: 'Good work with Jayden Okafor at SW1A 1AA.' };
    const reason = refused(
      moveFeedback(feedback('draft', { text }), audit(), HEALTH, MOVES.send, NO_REVIEW),
    );
    expect(reason).toMatch(
      /^The feedback cannot go yet\. What worked well: This text seems to hold /,
    );
    expect(reason).toContain("a person's name (word 4)");
    expect(reason).toContain('a postcode (word 7)');
    expect(reason).not.toMatch(/Jayden|Okafor|SW1A/);
    // Two parts refused: one sentence each, in the parts' order, with a space between them.
    const both = refused(
      moveFeedback(
        feedback('draft', { text: { ...text, differenceForChild: 'Born 03/04/2019.' } }),
        audit(),
        HEALTH,
        MOVES.send,
        NO_REVIEW,
      ),
    );
    expect(both).toMatch(
      /^The feedback cannot go yet\. What worked well: .+ try again\. The difference it made, or could make, to the child: This text seems to hold a date of birth/,
    );
    expect(feedbackTextProblems(GOOD_TEXT)).toEqual([]);
    expect(feedbackTextProblems({ ...GOOD_TEXT, differenceForChild: 'Born 03/04/2019.' })).toEqual([
      expect.stringMatching(
        /^The difference it made, or could make, to the child: This text seems to hold a date of birth/,
      ),
    ]);
  });

  it("lets the partnership's case references through the guard", () => {
    const text = { ...GOOD_TEXT, workedWell: 'As in NSP-CP-0101, the plan was reviewed on time.' };
    const ctx = { ...NO_REVIEW, allowed: [/\bNSP-[A-Z]{2,3}-\d{4}\b/] };
    expect(moveFeedback(feedback('draft', { text }), audit(), HEALTH, MOVES.send, ctx).kind).toBe(
      'moved',
    );
  });

  it('keeps the stage on an edit, but an edit to approved feedback needs review again', () => {
    const text = { ...GOOD_TEXT, workedWell: 'Changed.' };
    expect(
      moved(moveFeedback(feedback('draft'), audit(), HEALTH, { kind: 'edit', text }, NO_REVIEW))
        .changes,
    ).toEqual({
      stage: 'draft',
      text,
    });
    expect(
      moved(moveFeedback(feedback('ready'), audit(), LEAD, { kind: 'edit', text }, REVIEW)).changes
        .stage,
    ).toBe('awaitingReview');
  });
});

describe('what each move writes to the trail', () => {
  it('names the agency in every trail entry, and only sending and asking for a conversation queue a card', () => {
    const details = (
      stage: FeedbackStage,
      actor: PersonRef,
      m: FeedbackMove,
      ctx = REVIEW,
    ): [string, number] => {
      const r = moved(moveFeedback(feedback(stage), audit(), actor, m, ctx));
      return [r.event.details, r.cards.length];
    };
    expect(details('draft', HEALTH, MOVES.edit)).toEqual(['Health feedback changed', 0]);
    expect(details('draft', HEALTH, MOVES.submitForReview)).toEqual([
      'Health feedback sent for review',
      0,
    ]);
    expect(details('awaitingReview', LEAD, MOVES.approve)).toEqual(['Health feedback approved', 0]);
    expect(details('awaitingReview', LEAD, MOVES.returnToWriter)).toEqual([
      'Health feedback returned to its writer',
      0,
    ]);
    expect(details('sent', NURSE, MOVES.read)).toEqual(['Health feedback read', 0]);
    expect(details('sent', NURSE, MOVES.acknowledge)).toEqual(['Health feedback acknowledged', 0]);
    expect(details('draft', HEALTH, MOVES.send, NO_REVIEW)).toEqual(['Health feedback sent', 1]);
    expect(details('sent', NURSE, MOVES.requestConversation)).toEqual([
      'A conversation about the Health feedback was asked for',
      1,
    ]);
  });
});

describe('review by the lead auditor, when the partnership asks for it', () => {
  it('goes draft, waiting for review, ready, sent', () => {
    const a = audit();
    expect(
      moved(moveFeedback(feedback('draft'), a, HEALTH, MOVES.submitForReview, REVIEW)).changes
        .stage,
    ).toBe('awaitingReview');
    expect(
      moved(moveFeedback(feedback('awaitingReview'), a, LEAD, MOVES.approve, REVIEW)).changes.stage,
    ).toBe('ready');
    expect(
      moved(moveFeedback(feedback('ready'), a, HEALTH, MOVES.send, REVIEW)).changes.stage,
    ).toBe('sent');
  });

  it('does not let a draft skip the review', () => {
    expect(refused(moveFeedback(feedback('draft'), audit(), HEALTH, MOVES.send, REVIEW))).toBe(
      'The partnership asks the lead auditor to review feedback before it is sent: ask for a review first.',
    );
  });

  it('refuses a review the partnership does not ask for', () => {
    expect(
      refused(moveFeedback(feedback('draft'), audit(), HEALTH, MOVES.submitForReview, NO_REVIEW)),
    ).toBe(
      'The partnership does not ask for feedback to be reviewed first: send it when it is ready.',
    );
  });

  it('checks the text before review and before approval', () => {
    const text = { ...GOOD_TEXT, doDifferently: '' };
    expect(
      refused(
        moveFeedback(feedback('draft', { text }), audit(), HEALTH, MOVES.submitForReview, REVIEW),
      ),
    ).toBe('Write every part before you ask for a review: What to do differently is still empty.');
    expect(
      refused(
        moveFeedback(feedback('awaitingReview', { text }), audit(), LEAD, MOVES.approve, REVIEW),
      ),
    ).toBe('Write every part before you approve it: What to do differently is still empty.');
  });

  it('returns feedback to its writer only with comments, and keeps them', () => {
    expect(
      refused(
        moveFeedback(
          feedback('awaitingReview'),
          audit(),
          LEAD,
          { kind: 'returnToWriter', comments: ' ' },
          REVIEW,
        ),
      ),
    ).toBe('Say what should change: returning feedback needs comments.');
    expect(
      moved(moveFeedback(feedback('awaitingReview'), audit(), LEAD, MOVES.returnToWriter, REVIEW))
        .changes,
    ).toEqual({
      stage: 'draft',
      reviewComments: 'Say more about the difference it made.',
    });
    // Kept as the writer will read them, without the spaces around.
    expect(
      moved(
        moveFeedback(
          feedback('ready'),
          audit(),
          LEAD,
          { kind: 'returnToWriter', comments: '  Name the missed appointments.\n' },
          REVIEW,
        ),
      ).changes.reviewComments,
    ).toBe('Name the missed appointments.');
  });
});

describe("the practitioner's side", () => {
  it('keeps the first time it was read', () => {
    const first = moved(moveFeedback(feedback('sent'), audit(), NURSE, MOVES.read, NO_REVIEW));
    expect(first.changes).toEqual({ stage: 'sent', readAt: NOW.toISOString() });
    const again = moved(
      moveFeedback(
        feedback('sent', { readAt: '2026-11-24T08:00:00Z' }),
        audit(),
        NURSE,
        MOVES.read,
        NO_REVIEW,
      ),
    );
    expect(again.changes.readAt).toBe('2026-11-24T08:00:00Z');
  });

  it('acknowledges with or without a reflection, and an acknowledgement counts as read', () => {
    const plain = moved(
      moveFeedback(feedback('sent'), audit(), NURSE, MOVES.acknowledge, NO_REVIEW),
    );
    expect(plain.changes).toEqual({
      stage: 'acknowledged',
      acknowledgedAt: NOW.toISOString(),
      readAt: NOW.toISOString(),
    });
    expect(plain.event.details).toBe('Health feedback acknowledged');
    const reflective = moved(
      moveFeedback(
        feedback('sent'),
        audit(),
        NURSE,
        { kind: 'acknowledge', reflection: '  I will record why each visit was missed.  ' },
        NO_REVIEW,
      ),
    );
    expect(reflective.changes.reflection).toBe('I will record why each visit was missed.');
    expect(reflective.event.details).toBe('Health feedback acknowledged, with a reflection');
  });

  it('refuses a reflection holding identifying detail without repeating it', () => {
    const reason = refused(
      moveFeedback(
        feedback('sent'),
        audit(),
        NURSE,
        { kind: 'acknowledge', reflection: 'I will call Mrs Okafor on 07700 900123.' },
        NO_REVIEW,
      ),
    );
    expect(reason).toMatch(/^Your reflection cannot be saved: This text seems to hold /);
    expect(reason).not.toMatch(/Okafor|07700/);
  });

  it("lets the partnership's case references through the guard in a reflection", () => {
    const reflection = 'As on NSP-CP-0101, I will check the plan with the school.';
    const m: FeedbackMove = { kind: 'acknowledge', reflection };
    // Without the partnership's patterns the reference reads as identifying detail.
    expect(refused(moveFeedback(feedback('sent'), audit(), NURSE, m, NO_REVIEW))).toMatch(
      /^Your reflection cannot be saved/,
    );
    const ctx = { ...NO_REVIEW, allowed: [/\bNSP-[A-Z]{2,3}-\d{4}\b/] };
    expect(moved(moveFeedback(feedback('sent'), audit(), NURSE, m, ctx)).changes.reflection).toBe(
      reflection,
    );
  });

  it("asks for a conversation once, telling the agency's auditor by card", () => {
    const r = moved(
      moveFeedback(feedback('acknowledged'), audit(), NURSE, MOVES.requestConversation, NO_REVIEW),
    );
    expect(r.changes).toEqual({
      stage: 'acknowledged',
      conversationRequestedAt: NOW.toISOString(),
    });
    expect(r.cards).toEqual([
      { kind: 'conversationRequested', to: HEALTH, caseReference: 'NSP-CP-0101', agency: 'health' },
    ]);
    const twice = feedback('sent', { conversationRequestedAt: '2026-11-24T08:00:00Z' });
    expect(refused(moveFeedback(twice, audit(), NURSE, MOVES.requestConversation, NO_REVIEW))).toBe(
      'You asked for a conversation on 2026-11-24; the auditor has been told.',
    );
  });

  it("tells the auditor of the feedback's own agency, not another agency's", () => {
    const police = feedback('sent', { agency: 'police', practitioner: OFFICER });
    expect(
      moved(moveFeedback(police, audit(), OFFICER, MOVES.requestConversation, NO_REVIEW)).cards,
    ).toEqual([
      { kind: 'conversationRequested', to: POLICE, caseReference: 'NSP-CP-0101', agency: 'police' },
    ]);
    // Feedback for an agency no longer on the audit: the lead auditor is told.
    const education = feedback('sent', { agency: 'education' });
    expect(
      moved(moveFeedback(education, audit(), NURSE, MOVES.requestConversation, NO_REVIEW)).cards[0]
        ?.to,
    ).toEqual(LEAD);
  });

  it('tells the lead auditor when the agency has no auditor named', () => {
    const a = audit({
      contributions: [
        { agency: 'health', auditor: undefined, gradesAgreedAt: '2026-11-20T09:00:00Z' },
      ],
    });
    expect(
      moved(moveFeedback(feedback('sent'), a, NURSE, MOVES.requestConversation, NO_REVIEW)).cards[0]
        ?.to,
    ).toEqual(LEAD);
    const none = audit({
      leadAuditor: undefined,
      contributions: [{ agency: 'health', auditor: undefined, gradesAgreedAt: undefined }],
    });
    // Only the practitioner can ask; with nobody to tell, the request is refused plainly.
    expect(
      refused(moveFeedback(feedback('sent'), none, NURSE, MOVES.requestConversation, NO_REVIEW)),
    ).toBe('No auditor is named for Health on this audit, so there is nobody to tell yet.');
  });
});

describe('the moves offered as buttons', () => {
  it('offers each person only what they could do now', () => {
    const a = audit();
    expect(availableFeedbackMoves(feedback('draft'), a, HEALTH, { reviewFirst: false })).toEqual([
      'edit',
      'send',
    ]);
    expect(availableFeedbackMoves(feedback('draft'), a, HEALTH, { reviewFirst: true })).toEqual([
      'edit',
      'submitForReview',
    ]);
    expect(
      availableFeedbackMoves(feedback('awaitingReview'), a, LEAD, { reviewFirst: true }),
    ).toEqual(['edit', 'approve', 'returnToWriter']);
    expect(availableFeedbackMoves(feedback('sent'), a, NURSE, { reviewFirst: false })).toEqual([
      'read',
      'acknowledge',
      'requestConversation',
    ]);
    expect(
      availableFeedbackMoves(
        feedback('acknowledged', { conversationRequestedAt: NOW.toISOString() }),
        a,
        NURSE,
        {
          reviewFirst: false,
        },
      ),
    ).toEqual(['read']);
    expect(availableFeedbackMoves(feedback('sent'), a, OFFICER, { reviewFirst: false })).toEqual(
      [],
    );
  });

  it('offers sending approved feedback, and no approval once the partnership stops asking for review', () => {
    const a = audit();
    expect(availableFeedbackMoves(feedback('ready'), a, HEALTH, { reviewFirst: true })).toEqual([
      'edit',
      'send',
    ]);
    // Waiting for review when the setting was switched off: it can still be returned or changed.
    expect(
      availableFeedbackMoves(feedback('awaitingReview'), a, LEAD, { reviewFirst: false }),
    ).toEqual(['edit', 'returnToWriter']);
  });
});

describe('reminders to acknowledge', () => {
  it('picks sent feedback past its working days, not reminded yet', () => {
    // Sent Monday 16 November; 5 working days run to Monday 23 November.
    const items = [
      { id: 'a', stage: 'sent' as const, sentAt: '2026-11-16T09:00:00Z' },
      {
        id: 'b',
        stage: 'sent' as const,
        sentAt: '2026-11-16T09:00:00Z',
        remindedAt: '2026-11-24T09:00:00Z',
      },
      { id: 'c', stage: 'acknowledged' as const, sentAt: '2026-11-16T09:00:00Z' },
      // Sent Friday 20 November: due Friday 27 November, today, so not yet past.
      { id: 'd', stage: 'sent' as const, sentAt: '2026-11-20T09:00:00Z' },
      { id: 'e', stage: 'draft' as const },
      // Marked sent but with no sending date: no reminder, and the others still go.
      { id: 'f', stage: 'sent' as const },
    ];
    expect(acknowledgementRemindersDue(items, NOW, 5).map((i) => i.id)).toEqual(['a']);
    expect(
      acknowledgementRemindersDue(items, new Date('2026-11-30T09:00:00Z'), 5).map((i) => i.id),
    ).toEqual(['a', 'd']);
  });
});

describe('timeliness against the targets', () => {
  const targets = { sendWorkingDays: 10, acknowledgeWorkingDays: 5 };
  // Working days from Friday 13 November 2026: 20 Nov is 5, 27 Nov is 10, 30 Nov is 11.
  const items = [
    {
      auditId: '1',
      agency: 'health' as const,
      agreedAt: '2026-11-13T09:00:00Z',
      sentAt: '2026-11-20T09:00:00Z',
      acknowledgedAt: '2026-11-23T09:00:00Z',
    },
    {
      auditId: '1',
      agency: 'police' as const,
      agreedAt: '2026-11-13T09:00:00Z',
      sentAt: '2026-11-27T09:00:00Z',
      acknowledgedAt: undefined,
    },
    {
      auditId: '2',
      agency: 'health' as const,
      agreedAt: '2026-10-30T09:00:00Z',
      sentAt: '2026-11-20T09:00:00Z',
      acknowledgedAt: undefined,
    },
    {
      auditId: '2',
      agency: 'police' as const,
      agreedAt: '2026-11-02T09:00:00Z',
      sentAt: undefined,
      acknowledgedAt: undefined,
    },
    {
      auditId: '3',
      agency: 'police' as const,
      agreedAt: undefined,
      sentAt: undefined,
      acknowledgedAt: undefined,
    },
  ];
  // Worked out inside each test, not while the tests are collected, so that a mutation test
  // (which changes the code only while a test runs) sees the figures it changes.
  const timeliness = () => feedbackTimeliness(items, targets, NOW);

  it('counts working days to send against the target, median of those done', () => {
    const t = timeliness();
    // 5, 10 and 15 working days; 30 Oct to 20 Nov is 15.
    expect(t.overall.toSend).toEqual({
      done: 3,
      withinTarget: 2,
      late: 1,
      waiting: 1,
      waitingPastTarget: 1,
      medianWorkingDays: 10,
      shareWithinTarget: 2 / 3,
    });
  });

  it('counts working days to acknowledge, with waiting feedback past its days', () => {
    const t = timeliness();
    // One acknowledged after 1 working day; two waiting: sent today (0 days) and 20 Nov (5 days, not past).
    expect(t.overall.toAcknowledge).toEqual({
      done: 1,
      withinTarget: 1,
      late: 0,
      waiting: 2,
      waitingPastTarget: 0,
      medianWorkingDays: 1,
      shareWithinTarget: 1,
    });
    const later = feedbackTimeliness(items, targets, new Date('2026-11-30T09:00:00Z'));
    expect(later.overall.toAcknowledge.waitingPastTarget).toBe(1);
  });

  it("gives the same overall figures on their own, as the overview report asks for a year's", () => {
    const t = timeliness();
    expect(overallTimeliness(items, targets, NOW)).toEqual(t.overall);
    expect(overallTimeliness(items, targets, new Date('2026-11-30T09:00:00Z'))).toEqual(
      feedbackTimeliness(items, targets, new Date('2026-11-30T09:00:00Z')).overall,
    );
    expect(overallTimeliness([], targets, NOW).toSend).toEqual({
      done: 0,
      withinTarget: 0,
      late: 0,
      waiting: 0,
      waitingPastTarget: 0,
      medianWorkingDays: undefined,
      shareWithinTarget: undefined,
    });
  });

  it('breaks the figures down per agency and per audit', () => {
    const t = timeliness();
    expect(t.byAgency.get('health')?.toSend).toMatchObject({
      done: 2,
      withinTarget: 1,
      late: 1,
      medianWorkingDays: 10,
    });
    expect(t.byAgency.get('police')?.toSend).toMatchObject({
      done: 1,
      withinTarget: 1,
      waiting: 1,
    });
    expect(t.byAudit.get('1')?.toSend).toMatchObject({
      done: 2,
      withinTarget: 2,
      medianWorkingDays: 7.5,
    });
    expect(t.byAudit.get('3')?.toSend).toMatchObject({
      done: 0,
      waiting: 0,
      medianWorkingDays: undefined,
      shareWithinTarget: undefined,
    });
  });

  it('takes the median of the working days in any order, the middle one or the mean of the middle two', () => {
    // Agreed Friday 13 November 2026; sent after 15, 5, 10 and 1 working days (in that order).
    const sentAfter = (sentAt: string) => ({
      auditId: sentAt,
      agency: 'health' as const,
      agreedAt: '2026-11-13T09:00:00Z',
      sentAt,
      acknowledgedAt: undefined,
    });
    const fifteen = sentAfter('2026-12-04T09:00:00Z');
    const five = sentAfter('2026-11-20T09:00:00Z');
    const ten = sentAfter('2026-11-27T09:00:00Z');
    const one = sentAfter('2026-11-16T09:00:00Z');
    const later = new Date('2026-12-07T09:00:00Z');
    expect(overallTimeliness([fifteen, five, ten], targets, later).toSend.medianWorkingDays).toBe(
      10,
    );
    expect(
      overallTimeliness([fifteen, one, five, ten], targets, later).toSend.medianWorkingDays,
    ).toBe(7.5);
    expect(overallTimeliness([fifteen, one], targets, later).toSend.medianWorkingDays).toBe(8);
  });

  it('says it in words', () => {
    const t = timeliness();
    expect(describeInterval(t.overall.toSend, 10, 'sent')).toBe(
      '2 of 3 sent within 10 working days (median 10 working days); 1 waiting, 1 past the target',
    );
    expect(describeInterval(t.overall.toAcknowledge, 1, 'acknowledged')).toBe(
      '1 of 1 acknowledged within 1 working day (median 1 working day); 2 waiting',
    );
    expect(describeInterval(t.byAudit.get('3')!.toSend, 10, 'sent')).toBe('None sent yet');
  });
});

describe("Teams' published limits", () => {
  it('sets the pace of a whole theme by the slower of messages and chats', () => {
    expect(TEAMS_LIMITS).toEqual({ chatMessagesPerSecond: 20, otherCallsPerSecond: 30 });
    // 500 cards at 20 a second is 25 seconds; opening 500 chats at 30 a second is under 17.
    expect(fastestSendSeconds(500, 500)).toBe(25);
    expect(fastestSendSeconds(500, 0)).toBe(25);
    expect(fastestSendSeconds(10, 600)).toBe(20);
  });
});

describe("who reads and changes each of a feedback's items", () => {
  const AGENCY_LEAD = person('u-agency-lead', 'Agency Lead');
  const base = {
    writers: [HEALTH, LEAD],
    agencyLeads: [AGENCY_LEAD],
    agencyLeadsReadWords: false,
  };
  const sent = { ...base, sender: HEALTH, practitioner: NURSE };
  const levels = (r: ReturnType<typeof feedbackGrants>) =>
    r.grants.map((g) => [g.person.id, g.level]);

  it('keeps unsent words to their writers, and the team away from them', () => {
    const r = feedbackGrants('words', base);
    expect(levels(r)).toEqual([
      ['u-health', 'share'],
      ['u-lead', 'share'],
    ]);
    expect(r.auditTeamReads).toBe(false);
  });

  it('lets the practitioner read the words and the state once sent, never change them', () => {
    expect(levels(feedbackGrants('words', sent))).toEqual([
      ['u-health', 'share'],
      ['u-lead', 'share'],
      ['u-nurse', 'read'],
    ]);
    const state = feedbackGrants('state', sent);
    expect(levels(state)).toEqual([
      ['u-health', 'share'],
      ['u-nurse', 'read'],
    ]);
    expect(state.auditTeamReads).toBe(true);
  });

  it('gives the reply to the practitioner alone to change; the writers read it and may share it again', () => {
    for (const kind of ['replyDates', 'reflection'] as const)
      expect(levels(feedbackGrants(kind, { ...sent, sender: LEAD }))).toEqual([
        ['u-health', 'readAndShare'],
        ['u-lead', 'readAndShare'],
        ['u-nurse', 'edit'],
      ]);
    // The dates are for the whole team (the agency lead sees where it stands); the reflection is not.
    expect(feedbackGrants('replyDates', sent).auditTeamReads).toBe(true);
    expect(feedbackGrants('reflection', sent).auditTeamReads).toBe(false);
  });

  it('before it is sent, the reply is for its writers alone', () => {
    for (const kind of ['replyDates', 'reflection'] as const)
      expect(levels(feedbackGrants(kind, base))).toEqual([
        ['u-health', 'readAndShare'],
        ['u-lead', 'readAndShare'],
      ]);
  });

  it('a sender who is not a writer may still share the reply again', () => {
    const other = person('u-other-sender', 'Another Sender');
    expect(levels(feedbackGrants('replyDates', { ...sent, sender: other }))).toContainEqual([
      'u-other-sender',
      'readAndShare',
    ]);
  });

  it("lets the agency's lead read the words and the reflection of sent feedback only when the partnership allows", () => {
    const allowed = { ...sent, agencyLeadsReadWords: true };
    expect(levels(feedbackGrants('words', allowed))).toContainEqual(['u-agency-lead', 'read']);
    expect(levels(feedbackGrants('reflection', allowed))).toContainEqual(['u-agency-lead', 'read']);
    expect(levels(feedbackGrants('replyDates', allowed))).not.toContainEqual([
      'u-agency-lead',
      'read',
    ]);
    expect(levels(feedbackGrants('state', allowed))).not.toContainEqual(['u-agency-lead', 'read']);
    // Not before it is sent, and not when the setting is off.
    expect(
      levels(feedbackGrants('words', { ...base, agencyLeadsReadWords: true })).map(([id]) => id),
    ).not.toContain('u-agency-lead');
    for (const kind of ['words', 'reflection'] as const)
      expect(levels(feedbackGrants(kind, sent)).map(([id]) => id)).not.toContain('u-agency-lead');
  });

  it('names a person once, with the first grant: a writer who also leads the agency keeps sharing', () => {
    const r = feedbackGrants('words', {
      ...sent,
      agencyLeads: [HEALTH],
      agencyLeadsReadWords: true,
    });
    expect(levels(r)).toEqual([
      ['u-health', 'share'],
      ['u-lead', 'share'],
      ['u-nurse', 'read'],
    ]);
  });
});

describe("the practitioner's reply over the state", () => {
  const state = {
    stage: 'sent' as FeedbackStage,
    readAt: undefined as string | undefined,
    acknowledgedAt: undefined as string | undefined,
    conversationRequestedAt: undefined as string | undefined,
    id: '7',
  };

  it('is the state as it is without a reply', () => {
    expect(withReply(state, undefined)).toBe(state);
    expect(withReply(state, {})).toEqual(state);
  });

  it("takes the practitioner's dates from the reply, and acknowledged from its date", () => {
    const merged = withReply(state, {
      readAt: '2026-11-20T09:00:00Z',
      acknowledgedAt: '2026-11-21T09:00:00Z',
      conversationRequestedAt: '2026-11-22T09:00:00Z',
    });
    expect(merged).toEqual({
      id: '7',
      stage: 'acknowledged',
      readAt: '2026-11-20T09:00:00Z',
      acknowledgedAt: '2026-11-21T09:00:00Z',
      conversationRequestedAt: '2026-11-22T09:00:00Z',
    });
  });

  it('keeps the dates feedback sent before replies had items kept on its state', () => {
    const old = {
      ...state,
      stage: 'acknowledged' as FeedbackStage,
      readAt: '2026-10-01T09:00:00Z',
      acknowledgedAt: '2026-10-02T09:00:00Z',
      conversationRequestedAt: '2026-10-03T09:00:00Z',
    };
    expect(withReply(old, {})).toEqual(old);
    expect(withReply({ ...old, stage: 'sent' }, {}).stage).toBe('acknowledged');
  });

  it('read but not acknowledged stays sent; other stages are never changed by a reply', () => {
    expect(withReply(state, { readAt: '2026-11-20T09:00:00Z' }).stage).toBe('sent');
    expect(
      withReply({ ...state, stage: 'draft' }, { acknowledgedAt: '2026-11-21T09:00:00Z' }).stage,
    ).toBe('draft');
  });
});
