import { describe, expect, it } from '@jest/globals';
import {
  LIFECYCLE_ROLES,
  ROLE_PHRASES,
  type Actor,
  type AuditFacts,
  type Move,
  type MoveKind,
  type MoveResult,
  MOVE_KINDS,
  TRANSITIONS,
  availableMoves,
  move,
  rolesOf,
} from './lifecycle.js';
import { AUDIT_STATUSES, type AuditStatus, type PersonRef } from './records.js';
import { holidayCalendar } from './workingDays.js';

const person = (id: string, displayName: string): PersonRef => ({ id, displayName });
const MORGAN = person('u-bm', 'Morgan Ellis'); // business manager
const HEALTH = person('u-health', 'Health Auditor');
const POLICE = person('u-police', 'Police Auditor');
const LEAD = person('u-lead', 'Lead Auditor');
const SIGNER = person('u-som', 'Sign-off Manager');
const STRANGER = person('u-other', 'Someone Else');

const as = (p: PersonRef, isBusinessManager = false): Actor => ({ person: p, isBusinessManager });
const bm = as(MORGAN, true);
const health = as(HEALTH);
const police = as(POLICE);
const lead = as(LEAD);
const signer = as(SIGNER);
const stranger = as(STRANGER);

const audit = (status: AuditStatus, over: Partial<AuditFacts> = {}): AuditFacts => ({
  id: '42',
  status,
  leadAuditor: LEAD,
  signOffManager: SIGNER,
  contributions: [
    { agency: 'health', auditor: HEALTH, status: 'submitted' },
    { agency: 'police', auditor: POLICE, status: 'submitted' },
  ],
  ...over,
});

// Friday 27 November 2026, 10:00 UTC.
const NOW = new Date('2026-11-27T10:00:00Z');
const ctx = { now: NOW };
const READY = { areasWithoutGrade: [], changesWithoutReason: [] };

const MOVES: Record<MoveKind, Move> = {
  start: { kind: 'start' },
  sendToModeration: { kind: 'sendToModeration' },
  returnContribution: {
    kind: 'returnContribution',
    agency: 'health',
    comments: 'Add the evidence.',
  },
  sendForSignOff: { kind: 'sendForSignOff', readiness: READY, signOffWorkingDays: 5 },
  signOff: { kind: 'signOff', note: '' },
  returnToModeration: { kind: 'returnToModeration', comments: 'Explain the police grade.' },
  close: {
    kind: 'close',
    feedback: [{ status: 'acknowledged' }],
    acknowledgementWorkingDays: 10,
  },
  withdraw: { kind: 'withdraw', reason: 'The case was audited last quarter.' },
};

/** The actor who may make each move, when every condition holds. */
const ALLOWED: Record<MoveKind, Actor> = {
  start: health,
  sendToModeration: police,
  returnContribution: lead,
  sendForSignOff: lead,
  signOff: signer,
  returnToModeration: signer,
  close: bm,
  withdraw: bm,
};

function moved(r: MoveResult): Extract<MoveResult, { kind: 'moved' }> {
  if (r.kind !== 'moved') throw new Error(`Expected a move, got the refusal: ${r.reason}`);
  return r;
}
function refusal(r: MoveResult): string {
  if (r.kind !== 'refused') throw new Error(`Expected a refusal, got a move to ${r.to}`);
  return r.reason;
}

describe('the transitions table', () => {
  it('names, for every move, where it starts, where it leads and who may make it', () => {
    expect(TRANSITIONS).toEqual({
      start: {
        from: ['commissioned'],
        to: 'inProgress',
        roles: ['agencyAuditor', 'leadAuditor'],
        doing: 'start the audit',
      },
      sendToModeration: {
        from: ['commissioned', 'inProgress'],
        to: 'moderation',
        roles: ['agencyAuditor', 'leadAuditor'],
        doing: 'send the audit to moderation',
      },
      returnContribution: {
        from: ['inProgress', 'moderation', 'returned'],
        to: 'inProgress',
        roles: ['leadAuditor'],
        doing: "return an agency's contribution",
      },
      sendForSignOff: {
        from: ['moderation', 'returned'],
        to: 'awaitingSignOff',
        roles: ['leadAuditor'],
        doing: 'send the audit for sign-off',
      },
      signOff: {
        from: ['awaitingSignOff'],
        to: 'signedOff',
        roles: ['signOffManager'],
        doing: 'sign the audit off',
      },
      returnToModeration: {
        from: ['awaitingSignOff'],
        to: 'returned',
        roles: ['signOffManager'],
        doing: 'return the audit to moderation',
      },
      close: {
        from: ['signedOff'],
        to: 'closed',
        roles: ['businessManager'],
        doing: 'close the audit',
      },
      withdraw: {
        from: ['commissioned', 'inProgress', 'moderation', 'awaitingSignOff', 'returned'],
        to: 'withdrawn',
        roles: ['businessManager'],
        doing: 'withdraw the audit',
      },
    });
    expect(MOVE_KINDS).toEqual([
      'start',
      'sendToModeration',
      'returnContribution',
      'sendForSignOff',
      'signOff',
      'returnToModeration',
      'close',
      'withdraw',
    ]);
  });

  it('has withdrawn among the statuses, and nothing leaves closed or withdrawn', () => {
    expect(AUDIT_STATUSES).toContain('withdrawn');
    for (const status of ['closed', 'withdrawn'] as const)
      for (const kind of MOVE_KINDS)
        expect(refusal(move(audit(status), ALLOWED[kind], MOVES[kind], ctx))).toMatch(
          new RegExp(`^The audit is ${status}, so no one can`),
        );
  });
});

describe('every move from every status', () => {
  // Written out rather than read from TRANSITIONS, so that a change to the table shows here.
  const FROM: Record<MoveKind, readonly AuditStatus[]> = {
    start: ['commissioned'],
    sendToModeration: ['commissioned', 'inProgress'],
    returnContribution: ['inProgress', 'moderation', 'returned'],
    sendForSignOff: ['moderation', 'returned'],
    signOff: ['awaitingSignOff'],
    returnToModeration: ['awaitingSignOff'],
    close: ['signedOff'],
    withdraw: ['commissioned', 'inProgress', 'moderation', 'awaitingSignOff', 'returned'],
  };
  const TO: Record<MoveKind, AuditStatus> = {
    start: 'inProgress',
    sendToModeration: 'moderation',
    returnContribution: 'inProgress',
    sendForSignOff: 'awaitingSignOff',
    signOff: 'signedOff',
    returnToModeration: 'returned',
    close: 'closed',
    withdraw: 'withdrawn',
  };
  for (const kind of Object.keys(FROM) as MoveKind[]) {
    it(`${kind}: made from ${FROM[kind].join(', ')}; refused from every other status`, () => {
      for (const status of AUDIT_STATUSES) {
        const r = move(audit(status), ALLOWED[kind], MOVES[kind], ctx);
        if (FROM[kind].includes(status)) {
          const m = moved(r);
          expect([status, m.from, m.to]).toEqual([status, status, TO[kind]]);
          expect(m.changes.status).toBe(TO[kind]);
        } else {
          expect([status, r.kind]).toEqual([status, 'refused']);
        }
      }
    });
  }

  it('says which stage the audit is at and when the move can be made', () => {
    expect(refusal(move(audit('signedOff'), bm, MOVES.withdraw, ctx))).toBe(
      'The audit is signed off, so no one can withdraw the audit now: that can be done only when it is commissioned, in progress, in moderation, awaiting sign-off or returned for changes.',
    );
    expect(refusal(move(audit('moderation'), signer, MOVES.signOff, ctx))).toBe(
      'The audit is in moderation, so no one can sign the audit off now: that can be done only when it is awaiting sign-off.',
    );
    expect(refusal(move(audit('awaitingSignOff'), lead, MOVES.sendForSignOff, ctx))).toBe(
      'The audit is awaiting sign-off, so no one can send the audit for sign-off now: that can be done only when it is in moderation or returned for changes.',
    );
  });
});

describe('who may make each move', () => {
  it('knows four roles, each named as a sentence names it', () => {
    expect(LIFECYCLE_ROLES).toEqual([
      'businessManager',
      'agencyAuditor',
      'leadAuditor',
      'signOffManager',
    ]);
    expect(ROLE_PHRASES).toEqual({
      businessManager: 'the business manager',
      agencyAuditor: 'an agency auditor on this audit',
      leadAuditor: "the audit's lead auditor",
      signOffManager: "the audit's sign-off manager",
    });
  });

  it('knows the roles a person holds on the audit', () => {
    expect(rolesOf(bm, audit('inProgress'))).toEqual(['businessManager']);
    expect(rolesOf(health, audit('inProgress'))).toEqual(['agencyAuditor']);
    expect(rolesOf(lead, audit('inProgress'))).toEqual(['leadAuditor']);
    expect(rolesOf(signer, audit('inProgress'))).toEqual(['signOffManager']);
    expect(rolesOf(stranger, audit('inProgress'))).toEqual([]);
    const everything = audit('inProgress', {
      leadAuditor: MORGAN,
      signOffManager: MORGAN,
      contributions: [{ agency: 'health', auditor: MORGAN, status: 'submitted' }],
    });
    expect(rolesOf(bm, everything)).toEqual([
      'businessManager',
      'agencyAuditor',
      'leadAuditor',
      'signOffManager',
    ]);
    // Nobody holds a role that the audit leaves unfilled.
    const unnamed = audit('inProgress', {
      leadAuditor: undefined,
      signOffManager: undefined,
      contributions: [{ agency: 'health', auditor: undefined, status: 'notStarted' }],
    });
    expect(rolesOf(lead, unnamed)).toEqual([]);
    expect(rolesOf(signer, unnamed)).toEqual([]);
  });

  it('refuses anyone else, saying who can', () => {
    const cases: Array<[MoveKind, AuditStatus, Actor, string]> = [
      [
        'start',
        'commissioned',
        stranger,
        "Only an agency auditor on this audit or the audit's lead auditor can start the audit.",
      ],
      [
        'sendToModeration',
        'inProgress',
        signer,
        "Only an agency auditor on this audit or the audit's lead auditor can send the audit to moderation.",
      ],
      [
        'returnContribution',
        'moderation',
        health,
        "Only the audit's lead auditor can return an agency's contribution.",
      ],
      [
        'sendForSignOff',
        'moderation',
        bm,
        "Only the audit's lead auditor can send the audit for sign-off.",
      ],
      [
        'signOff',
        'awaitingSignOff',
        lead,
        "Only the audit's sign-off manager can sign the audit off.",
      ],
      [
        'returnToModeration',
        'awaitingSignOff',
        bm,
        "Only the audit's sign-off manager can return the audit to moderation.",
      ],
      ['close', 'signedOff', lead, 'Only the business manager can close the audit.'],
      ['withdraw', 'inProgress', signer, 'Only the business manager can withdraw the audit.'],
    ];
    for (const [kind, status, actor, reason] of cases)
      expect(refusal(move(audit(status), actor, MOVES[kind], ctx))).toBe(reason);
  });

  it('lets the lead auditor start and send to moderation as well as an agency auditor', () => {
    expect(moved(move(audit('commissioned'), lead, MOVES.start, ctx)).to).toBe('inProgress');
    expect(moved(move(audit('inProgress'), lead, MOVES.sendToModeration, ctx)).to).toBe(
      'moderation',
    );
  });

  it('offers each person only the moves their role and the stage allow', () => {
    expect(availableMoves(audit('commissioned'), health)).toEqual(['start', 'sendToModeration']);
    expect(availableMoves(audit('commissioned'), bm)).toEqual(['withdraw']);
    expect(availableMoves(audit('moderation'), lead)).toEqual([
      'returnContribution',
      'sendForSignOff',
    ]);
    expect(availableMoves(audit('awaitingSignOff'), signer)).toEqual([
      'signOff',
      'returnToModeration',
    ]);
    expect(availableMoves(audit('signedOff'), bm)).toEqual(['close']);
    expect(availableMoves(audit('closed'), bm)).toEqual([]);
    expect(availableMoves(audit('moderation'), stranger)).toEqual([]);
  });
});

describe('start', () => {
  it('records when the audit started, and the trail says who', () => {
    const m = moved(move(audit('commissioned'), health, MOVES.start, ctx));
    expect(m.changes).toEqual({ status: 'inProgress', startedAt: '2026-11-27T10:00:00.000Z' });
    expect(m.event).toEqual({
      auditId: '42',
      type: 'auditStarted',
      actor: HEALTH,
      at: '2026-11-27T10:00:00.000Z',
      details: 'Audit started',
    });
    expect(m.contribution).toBeUndefined();
  });
});

describe('send to moderation', () => {
  it('moves once every agency has submitted', () => {
    const m = moved(move(audit('inProgress'), police, MOVES.sendToModeration, ctx));
    expect(m.changes).toEqual({
      status: 'moderation',
      moderationStartedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(m.event.type).toBe('sentToModeration');
    expect(m.event.details).toBe('Every agency has submitted: sent to moderation');
  });

  it('names the agencies still to submit', () => {
    const one = audit('inProgress', {
      contributions: [
        { agency: 'health', auditor: HEALTH, status: 'submitted' },
        { agency: 'police', auditor: POLICE, status: 'inProgress' },
      ],
    });
    expect(refusal(move(one, health, MOVES.sendToModeration, ctx))).toBe(
      'Every agency must submit before moderation: Police has still to submit.',
    );
    const three = audit('inProgress', {
      contributions: [
        { agency: 'health', auditor: HEALTH, status: 'notStarted' },
        { agency: 'police', auditor: POLICE, status: 'returned' },
        { agency: 'education', auditor: undefined, status: 'inProgress' },
        { agency: 'socialCare', auditor: undefined, status: 'submitted' },
      ],
    });
    expect(refusal(move(three, lead, MOVES.sendToModeration, ctx))).toBe(
      'Every agency must submit before moderation: Health, Police and Education have still to submit.',
    );
  });

  it('refuses an audit with no contributions', () => {
    expect(
      refusal(move(audit('inProgress', { contributions: [] }), lead, MOVES.sendToModeration, ctx)),
    ).toBe('The audit has no agency contributions, so there is nothing to moderate.');
  });
});

describe('return a contribution', () => {
  it('puts the audit back in progress and the contribution back with its auditor, with the comments', () => {
    const m = moved(
      move(
        audit('moderation'),
        lead,
        {
          kind: 'returnContribution',
          agency: 'police',
          comments: '  Add the strategy discussion.  ',
        },
        ctx,
      ),
    );
    expect(m.changes).toEqual({ status: 'inProgress' });
    expect(m.contribution).toEqual({
      agency: 'police',
      status: 'returned',
      comments: 'Add the strategy discussion.',
    });
    expect(m.event.type).toBe('contributionReturned');
    expect(m.event.details).toBe('Police: returned for changes. Add the strategy discussion.');
  });

  it('needs comments, a submitted contribution, and an agency of this audit', () => {
    expect(
      refusal(
        move(
          audit('moderation'),
          lead,
          { kind: 'returnContribution', agency: 'health', comments: ' ' },
          ctx,
        ),
      ),
    ).toBe('Say what Health needs to change: its auditor sees these comments.');
    const draft = audit('inProgress', {
      contributions: [{ agency: 'health', auditor: HEALTH, status: 'inProgress' }],
    });
    expect(refusal(move(draft, lead, MOVES.returnContribution, ctx))).toBe(
      'Health has not submitted its contribution, so there is nothing to return.',
    );
    expect(
      refusal(
        move(
          audit('moderation'),
          lead,
          { kind: 'returnContribution', agency: 'probation', comments: 'x' },
          ctx,
        ),
      ),
    ).toBe('Probation is not one of the agencies on this audit.');
  });
});

describe('send for sign-off', () => {
  it('records when it was sent and when sign-off is due, in working days', () => {
    // Monday 21 December 2026, five working days: 22, 23, 24, 29 and 30 December.
    const now = new Date('2026-12-21T15:00:00Z');
    const m = moved(move(audit('moderation'), lead, MOVES.sendForSignOff, { now }));
    expect(m.changes).toEqual({
      status: 'awaitingSignOff',
      sentForSignOffAt: '2026-12-21T15:00:00.000Z',
      signOffDue: '2026-12-30',
    });
    expect(m.event.type).toBe('sentForSignOff');
    expect(m.event.details).toBe('Sent for sign-off to Sign-off Manager, due 2026-12-30');
  });

  it('uses the calendar it is given', () => {
    const calendar = holidayCalendar({ 2026: ['2026-11-30'] });
    const m = moved(move(audit('returned'), lead, MOVES.sendForSignOff, { now: NOW, calendar }));
    expect(m.changes.signOffDue).toBe('2026-12-07'); // Monday 30 November is a holiday here
  });

  it('needs a sign-off manager', () => {
    expect(
      refusal(
        move(audit('moderation', { signOffManager: undefined }), lead, MOVES.sendForSignOff, ctx),
      ),
    ).toBe('No sign-off manager is named for this audit: the business manager names one first.');
  });

  it('needs every contribution submitted again after one was returned', () => {
    const returned = audit('returned', {
      contributions: [
        { agency: 'health', auditor: HEALTH, status: 'returned' },
        { agency: 'police', auditor: POLICE, status: 'inProgress' },
      ],
    });
    expect(refusal(move(returned, lead, MOVES.sendForSignOff, ctx))).toBe(
      'Health and Police must submit again before the audit can go for sign-off.',
    );
  });

  it('needs a multi-agency grade for every area, then a reason for every changed grade', () => {
    const gaps: Move = {
      kind: 'sendForSignOff',
      readiness: {
        areasWithoutGrade: ["The child's voice", 'Multi-agency working'],
        changesWithoutReason: ['Health, Identity: Good to Inadequate'],
      },
      signOffWorkingDays: 5,
    };
    expect(refusal(move(audit('moderation'), lead, gaps, ctx))).toBe(
      "Give the multi-agency grade for The child's voice and Multi-agency working before sending for sign-off.",
    );
    const reasons: Move = {
      kind: 'sendForSignOff',
      readiness: {
        areasWithoutGrade: [],
        changesWithoutReason: ['Health, Identity: Good to Inadequate'],
      },
      signOffWorkingDays: 5,
    };
    expect(refusal(move(audit('moderation'), lead, reasons, ctx))).toBe(
      'Give the reason for each changed grade before sending for sign-off: Health, Identity: Good to Inadequate.',
    );
    const two: Move = {
      kind: 'sendForSignOff',
      readiness: {
        areasWithoutGrade: [],
        changesWithoutReason: [
          'Health, Identity: Good to Inadequate',
          'Police, Oversight: Good to Outstanding',
        ],
      },
      signOffWorkingDays: 5,
    };
    expect(refusal(move(audit('moderation'), lead, two, ctx))).toBe(
      'Give the reason for each changed grade before sending for sign-off: Health, Identity: Good to Inadequate and Police, Oversight: Good to Outstanding.',
    );
  });
});

describe('sign off', () => {
  it('records who signed off and when, with the note when there is one', () => {
    const m = moved(
      move(audit('awaitingSignOff'), signer, { kind: 'signOff', note: ' Good work. ' }, ctx),
    );
    expect(m.changes).toEqual({
      status: 'signedOff',
      signedOffAt: '2026-11-27T10:00:00.000Z',
      signedOffBy: SIGNER,
      signOffNote: 'Good work.',
    });
    expect(m.event.type).toBe('signedOff');
    expect(m.event.details).toBe('Signed off by Sign-off Manager: Good work.');
    const plain = moved(move(audit('awaitingSignOff'), signer, MOVES.signOff, ctx));
    expect(plain.changes).toEqual({
      status: 'signedOff',
      signedOffAt: '2026-11-27T10:00:00.000Z',
      signedOffBy: SIGNER,
    });
    expect(plain.event.details).toBe('Signed off by Sign-off Manager');
  });

  it('refuses a sign-off manager who audited the case', () => {
    const ownAgency = audit('awaitingSignOff', { signOffManager: HEALTH });
    expect(refusal(move(ownAgency, health, MOVES.signOff, ctx))).toBe(
      'You audited this case (as the Health auditor), so you cannot sign it off: the business manager can name another sign-off manager.',
    );
    const led = audit('awaitingSignOff', { signOffManager: LEAD });
    expect(refusal(move(led, lead, MOVES.signOff, ctx))).toBe(
      'You audited this case (as the lead auditor), so you cannot sign it off: the business manager can name another sign-off manager.',
    );
  });

  it('refuses a note holding identifying detail, without repeating it', () => {
    const reason = refusal(
      move(
        audit('awaitingSignOff'),
        signer,
        { kind: 'signOff', note: 'Call 07700 900123 about it' },
        ctx,
      ),
    );
    expect(reason).toMatch(
      /^The sign-off note cannot be sent: This text seems to hold a phone number/,
    );
    expect(reason).not.toContain('07700');
  });
});

describe('return to moderation', () => {
  it('records the comments and when it was returned', () => {
    const m = moved(
      move(
        audit('awaitingSignOff'),
        signer,
        { kind: 'returnToModeration', comments: ' Say why police moved. ' },
        ctx,
      ),
    );
    expect(m.changes).toEqual({
      status: 'returned',
      returnedAt: '2026-11-27T10:00:00.000Z',
      returnComments: 'Say why police moved.',
    });
    expect(m.event.type).toBe('returnedToModeration');
    expect(m.event.details).toBe(
      'Returned to moderation by Sign-off Manager: Say why police moved.',
    );
  });

  it('lets a sign-off manager who audited the case still return it', () => {
    const ownAgency = audit('awaitingSignOff', { signOffManager: HEALTH });
    expect(moved(move(ownAgency, health, MOVES.returnToModeration, ctx)).to).toBe('returned');
  });

  it('needs comments', () => {
    expect(
      refusal(
        move(
          audit('awaitingSignOff'),
          signer,
          { kind: 'returnToModeration', comments: '\n ' },
          ctx,
        ),
      ),
    ).toBe('Say what needs to change: an audit is returned to moderation with comments.');
  });

  it('refuses comments holding identifying detail, without repeating them', () => {
    const reason = refusal(
      move(
        audit('awaitingSignOff'),
        signer,
        { kind: 'returnToModeration', comments: 'Check the NHS number 943 476 5919' },
        ctx,
      ),
    );
    expect(reason).toMatch(/^The comments cannot be sent: This text seems to hold an NHS number/);
    expect(reason).not.toContain('5919');
  });

  it('lets through the patterns it is told to allow (the partnership case references)', () => {
    // A reference in a format that reads as a phone number: refused, unless its pattern is allowed.
    const comments = 'See 01632 960001 first.';
    expect(
      refusal(
        move(audit('awaitingSignOff'), signer, { kind: 'returnToModeration', comments }, ctx),
      ),
    ).toMatch(/^The comments cannot be sent: This text seems to hold a phone number/);
    const m = move(
      audit('awaitingSignOff'),
      signer,
      { kind: 'returnToModeration', comments },
      {
        now: NOW,
        allowed: [/01632 960001/],
      },
    );
    expect(moved(m).changes.returnComments).toBe(comments);
  });
});

describe('close', () => {
  const closeWith = (
    feedback: Extract<Move, { kind: 'close' }>['feedback'],
    now = NOW,
  ): MoveResult =>
    move(
      audit('signedOff'),
      bm,
      { kind: 'close', feedback, acknowledgementWorkingDays: 10 },
      { now },
    );

  it('closes once all feedback is acknowledged', () => {
    const m = moved(closeWith([{ status: 'acknowledged' }, { status: 'acknowledged' }]));
    expect(m.changes).toEqual({ status: 'closed', closedAt: '2026-11-27T10:00:00.000Z' });
    expect(m.event.type).toBe('auditClosed');
    expect(m.event.details).toBe(
      'Closed: feedback sent to 2 practitioners, 2 acknowledged, 0 not acknowledged in time',
    );
  });

  it('closes with one practitioner, in the singular', () => {
    expect(moved(closeWith([{ status: 'acknowledged' }])).event.details).toBe(
      'Closed: feedback sent to 1 practitioner, 1 acknowledged, 0 not acknowledged in time',
    );
  });

  it('counts the days to acknowledge on the calendar it is given', () => {
    // Sent Friday 13 November; with 16 to 27 November all holidays, ten working days end 11 December.
    const holidays = Array.from(
      { length: 12 },
      (_, i) => `2026-11-${String(16 + i).padStart(2, '0')}`,
    );
    const calendar = holidayCalendar({ 2026: holidays });
    const r = move(
      audit('signedOff'),
      bm,
      {
        kind: 'close',
        feedback: [{ status: 'sent', sentAt: '2026-11-13' }],
        acknowledgementWorkingDays: 10,
      },
      { now: new Date('2026-11-30T09:00:00Z'), calendar },
    );
    expect(refusal(r)).toBe(
      '1 practitioner may still acknowledge their feedback (they have 10 working days): the audit can close after 2026-12-11.',
    );
  });

  it('closes when unacknowledged feedback has timed out', () => {
    // Sent Friday 13 November 2026; ten working days later is Friday 27 November; closing on the 30th.
    const m = moved(
      closeWith(
        [{ status: 'acknowledged' }, { status: 'sent', sentAt: '2026-11-13T09:00:00Z' }],
        new Date('2026-11-30T09:00:00Z'),
      ),
    );
    expect(m.event.details).toBe(
      'Closed: feedback sent to 2 practitioners, 1 acknowledged, 1 not acknowledged in time',
    );
  });

  it('waits while a practitioner may still acknowledge, up to and including the last day', () => {
    expect(refusal(closeWith([{ status: 'sent', sentAt: '2026-11-13T09:00:00Z' }]))).toBe(
      '1 practitioner may still acknowledge their feedback (they have 10 working days): the audit can close after 2026-11-27.',
    );
    expect(
      refusal(
        closeWith([
          { status: 'sent', sentAt: '2026-11-20T09:00:00Z' },
          { status: 'sent', sentAt: '2026-11-13T09:00:00Z' },
          { status: 'acknowledged' },
        ]),
      ),
    ).toBe(
      '2 practitioners may still acknowledge their feedback (they have 10 working days): the audit can close after 2026-12-04.',
    );
    const oneDay = (sentAt: string) =>
      move(
        audit('signedOff'),
        bm,
        { kind: 'close', feedback: [{ status: 'sent', sentAt }], acknowledgementWorkingDays: 1 },
        ctx,
      );
    // Sent on the 26th with one working day: the 27th (today) is the last day to acknowledge.
    expect(refusal(oneDay('2026-11-26'))).toBe(
      '1 practitioner may still acknowledge their feedback (they have 1 working day): the audit can close after 2026-11-27.',
    );
    // Sent on the 25th: the last day was the 26th, so it has timed out today.
    expect(moved(oneDay('2026-11-25')).to).toBe('closed');
  });

  it('needs all feedback sent, and some feedback at all', () => {
    expect(refusal(closeWith([{ status: 'draft' }, { status: 'acknowledged' }]))).toBe(
      'Feedback to 1 practitioner has not been sent yet.',
    );
    expect(refusal(closeWith([{ status: 'draft' }, { status: 'draft' }]))).toBe(
      'Feedback to 2 practitioners has not been sent yet.',
    );
    expect(refusal(closeWith([]))).toBe(
      'No feedback to practitioners is recorded yet: an audit closes once its feedback has been sent.',
    );
  });
});

describe('withdraw', () => {
  it('records the reason and when, from any stage before sign-off', () => {
    const m = moved(
      move(audit('awaitingSignOff'), bm, { kind: 'withdraw', reason: '  Duplicate case. ' }, ctx),
    );
    expect(m.changes).toEqual({
      status: 'withdrawn',
      withdrawnAt: '2026-11-27T10:00:00.000Z',
      withdrawalReason: 'Duplicate case.',
    });
    expect(m.event).toEqual({
      auditId: '42',
      type: 'auditWithdrawn',
      actor: MORGAN,
      at: '2026-11-27T10:00:00.000Z',
      details: 'Withdrawn: Duplicate case.',
    });
  });

  it('needs a reason', () => {
    expect(refusal(move(audit('inProgress'), bm, { kind: 'withdraw', reason: '' }, ctx))).toBe(
      'Give the reason for withdrawing the audit.',
    );
  });
});

describe('the whole cycle', () => {
  it('runs commission to close, through a return from sign-off, with a trail event for each move', () => {
    const steps: Array<[Actor, Move]> = [
      [health, MOVES.start],
      [police, MOVES.sendToModeration],
      [lead, MOVES.sendForSignOff],
      [signer, MOVES.returnToModeration],
      [lead, MOVES.sendForSignOff],
      [signer, MOVES.signOff],
      [bm, MOVES.close],
    ];
    let current = audit('commissioned');
    const trail: string[] = [];
    for (const [actor, m] of steps) {
      const r = moved(move(current, actor, m, ctx));
      trail.push(`${r.event.type}:${r.event.actor.id}`);
      current = { ...current, status: r.to };
    }
    expect(current.status).toBe('closed');
    expect(trail).toEqual([
      'auditStarted:u-health',
      'sentToModeration:u-police',
      'sentForSignOff:u-lead',
      'returnedToModeration:u-som',
      'sentForSignOff:u-lead',
      'signedOff:u-som',
      'auditClosed:u-bm',
    ]);
  });
});
