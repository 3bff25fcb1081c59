/**
 * The audit's lifecycle against the emulator, each person with their own token: agencies submit,
 * the lead auditor moderates (a changed grade needs a reason), returns a contribution with
 * comments its auditor reads, sends for sign-off; the sign-off manager returns it (the guard
 * refuses identifying detail first), then signs it off; the cards go out (the signed-off card as
 * a reply in the commissioning card's thread); the business manager releases the contributions'
 * permissions. Also: a stale view meets a conflict, a lost answer is read back, 429s are waited
 * out for as long as Retry-After says; a sign-off whose tab failed after the move has its findings
 * and cards finished, once, when that person opens the audit again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { EMPTY_ANSWER, type SectionAnswer } from '../../src/domain/answers.js';
import { type ContributorId, MULTI_AGENCY } from '../../src/domain/agencies.js';
import type { Grade } from '../../src/domain/grading.js';
import type { Audit, PersonRef } from '../../src/domain/records.js';
import { decodeDigest } from '../../src/domain/report/digest.js';
import { decodeNotes } from '../../src/domain/report/notes.js';
import { sectionsFor, toolVersion } from '../../src/domain/tools/index.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import { createAuditWorkspace } from '../../src/graph/auditWorkspace.js';
import {
  type AuditCase,
  createLifecycleService,
  type LifecycleService,
  signOffOverdueEntries,
} from '../../src/graph/lifecycle.js';
import { findSiteLists, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { createOutbox } from '../../src/graph/outbox.js';
import { applySitePermissions, createItemPermissions } from '../../src/graph/permissions.js';
import { createProgrammeService } from '../../src/graph/programme.js';
import { provisionSite } from '../../src/graph/provision.js';
import { userPrincipalNameOf } from '../../src/graph/people.js';
import { createRepositories } from '../../src/graph/repositories.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import type { WritePolicy } from '../../src/graph/writes.js';
import {
  BUSINESS_MANAGER,
  call,
  clientFor,
  restFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

const user = (n: number): PersonRef => ({
  id: SEED_USERS[n - 1]!.id,
  displayName: SEED_USERS[n - 1]!.displayName,
});
const upn = (n: number) => SEED_USERS[n - 1]!.userPrincipalName;
const MANAGER = 1;
const SOCIAL_CARE = 2;
const HEALTH = 3;
const LEAD = 7;
const SIGN_OFF = 8;
const cards = {
  links: { mode: 'local' as const, tabUrl: 'http://localhost:53000' },
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
};
const channel = { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID };
const tool = toolVersion('childProtection', 2);

let emulator: TestEmulator;
let lists: SiteLists;
let auditId: string;

const clientOf = (n: number, retries = 10) => clientFor(emulator, upn(n), retries);
const outboxOf = (n: number) =>
  createOutbox(clientOf(n), lists, { me: user(n), cards, policy: fastPolicy() });
function fastPolicy(waits: number[] = []): WritePolicy {
  return {
    attempts: 30,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}
function lifecycleOf(n: number, options: { retries?: number; policy?: WritePolicy } = {}) {
  const client = clientOf(n, options.retries ?? 10);
  return createLifecycleService(client, lists, {
    outbox: createOutbox(client, lists, { me: user(n), cards }),
    me: user(n),
    isBusinessManager: n === MANAGER,
    now: () => new Date(),
    allowed: [cards.caseReference],
    channel,
    policy: options.policy ?? fastPolicy(),
    itemPermissions: createItemPermissions(
      restFor(emulator, upn(n)),
      lists.listIds,
      userPrincipalNameOf(clientOf(n)),
    ),
  });
}

const graded = (grade: Grade, text: string): SectionAnswer => ({
  ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
  grade,
  evidence: text,
  impact: `Impact: ${text}`,
});

/** A contributor answers every graded section of theirs and submits. */
async function submit(n: number, contributor: ContributorId, grade: Grade) {
  const ws = createAuditWorkspace(clientOf(n), lists);
  const current = await ws.load(auditId);
  const changes = sectionsFor(tool, contributor)
    .filter((s) => s.graded)
    .map((s) => ({
      sectionId: s.id,
      answer: graded(grade, `${contributor} on ${s.title}.`),
      base: current.answers.find((a) => a.contributor === contributor && a.sectionId === s.id),
    }));
  const outcomes = await ws.saveSections(auditId, contributor, changes);
  expect(outcomes.every((o) => o.kind === 'saved')).toBe(true);
  const mine = current.contributions.find((c) => c.contributor === contributor)!;
  await ws.setStatus(mine, 'submitted', user(n), new Date());
}

async function events(): Promise<string[]> {
  return (await lifecycleOf(LEAD).trail(auditId)).map((e) => e.type);
}

const moved = async (
  service: LifecycleService,
  c: AuditCase,
  request: Parameters<LifecycleService['apply']>[1],
) => {
  const outcome = await service.apply(c, request);
  if (outcome.kind !== 'moved') throw new Error(`${request.kind}: ${JSON.stringify(outcome)}`);
  return outcome.audit;
};

beforeAll(async () => {
  emulator = await testEmulator();
  const manager = clientOf(MANAGER);
  const provisioned = await provisionSite(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await applySitePermissions(restFor(emulator, BUSINESS_MANAGER), provisioned.listIds);
  await seedDemoData(manager, provisioned);
  lists = await findSiteLists(manager, provisioned.siteId, LIST_NAMES);
  const managerOutbox = outboxOf(MANAGER);
  const service = createProgrammeService(manager, lists, {
    outbox: managerOutbox,
    me: user(MANAGER),
    now: () => new Date(),
    channel,
    cards,
    itemPermissions: createItemPermissions(
      restFor(emulator, BUSINESS_MANAGER),
      lists.listIds,
      userPrincipalNameOf(manager),
    ),
  });
  const theme = (await createRepositories(manager, lists).programme.list())[0]!;
  [auditId] = (await service.commission(
    {
      themeId: theme.id,
      themeTitle: theme.title,
      caseReferences: ['NSP-CP-0901'],
      category: 'childProtection',
      periodStart: '2025-11-01',
      periodEnd: '2026-10-31',
      agencies: ['socialCare', 'health'],
      auditors: { socialCare: user(SOCIAL_CARE), health: user(HEALTH) },
      leadAuditor: user(LEAD),
      signOffManager: user(SIGN_OFF),
      dueDate: '2027-01-15',
    },
    'commission-lifecycle-1',
  )) as [string];
  // The commissioning card goes out, and the outbox keeps its message id for the thread.
  expect((await managerOutbox.drain()).sent).toBeGreaterThan(0);
});
afterAll(async () => {
  await emulator?.dispose();
});

describe('the lifecycle against the emulator', () => {
  it('starts under 429s, waiting each time at least as long as Retry-After, and records the move once', async () => {
    const waits: number[] = [];
    // No retries by the SDK: the service's own writes wait out every 429.
    const lead = lifecycleOf(LEAD, { retries: 0, policy: fastPolicy(waits) });
    const c = await lead.load(auditId);
    expect(lead.available(c)).toEqual(['start', 'sendToModeration']);
    emulator.setFaults({ rate: 0.5, statuses: [429], retryAfterSeconds: 2, seed: 7 });
    let outcome;
    try {
      outcome = await lead.apply(c, { kind: 'start' });
    } finally {
      emulator.setFaults({ rate: 0 });
    }
    expect(outcome.kind).toBe('moved');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 2000)).toBe(true);
    expect((await lead.load(auditId)).audit).toMatchObject({ status: 'inProgress' });
    expect((await events()).filter((t) => t === 'auditStarted')).toHaveLength(1);
  });

  it('refuses moderation until every agency has submitted, naming who has not', async () => {
    await submit(SOCIAL_CARE, 'socialCare', 'good');
    const lead = lifecycleOf(LEAD);
    const outcome = await lead.apply(await lead.load(auditId), { kind: 'sendToModeration' });
    expect(outcome).toEqual({
      kind: 'refused',
      reason: 'Every agency must submit before moderation: Health has still to submit.',
    });
  });

  it('sends to moderation once although every answer is lost, and a stale view meets a conflict', async () => {
    await submit(HEALTH, 'health', 'requiresImprovement');
    const lead = lifecycleOf(LEAD);
    const c = await lead.load(auditId);
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    try {
      await moved(lead, c, { kind: 'sendToModeration' });
    } finally {
      emulator.setFaults({ lostRate: 0 });
    }
    expect((await lead.load(auditId)).audit.status).toBe('moderation');
    expect((await events()).filter((t) => t === 'sentToModeration')).toHaveLength(1);
    // The same view, now stale: the withdrawal by the business manager is refused as a conflict.
    const manager = lifecycleOf(MANAGER);
    const before = (await events()).length;
    expect(await manager.apply(c, { kind: 'withdraw', reason: 'Duplicate' })).toMatchObject({
      kind: 'conflict',
    });
    expect((await events()).length).toBe(before);
    expect((await lead.load(auditId)).audit.status).toBe('moderation');
  });

  it('moderates: a changed grade needs a reason, and is kept on the lead auditor’s contribution', async () => {
    const lead = lifecycleOf(LEAD);
    const c = await lead.load(auditId);
    const area = sectionsFor(tool, 'health').find((s) => s.graded)!;
    expect(
      await lead.decide(c, {
        sectionId: area.id,
        agency: 'health',
        moderatedGrade: 'inadequate',
        reason: ' ',
      }),
    ).toEqual({
      kind: 'refused',
      reason: `Say why Health's grade for ${area.title} changes from Requires improvement to be good to Inadequate: a changed grade needs a reason.`,
    });
    const saved = await lead.decide(c, {
      sectionId: area.id,
      agency: 'health',
      moderatedGrade: 'inadequate',
      reason: 'No sign the child was seen alone.',
    });
    expect(saved.kind).toBe('saved');
    const again = await lead.load(auditId);
    expect(again.decisions).toEqual([
      {
        sectionId: area.id,
        agency: 'health',
        moderatedGrade: 'inadequate',
        reason: 'No sign the child was seen alone.',
      },
    ]);
    expect(lead.summary(again).findings).toHaveLength(1);
    // Another auditor cannot write moderation: SharePoint refuses the lead's contribution to them.
    const other = lifecycleOf(SOCIAL_CARE);
    await expect(
      other.decide(again, {
        sectionId: area.id,
        agency: 'health',
        moderatedGrade: 'good',
        reason: 'Mine.',
      }),
    ).rejects.toThrow();
  });

  it('returns a contribution with comments its auditor reads; it must be resubmitted before sign-off', async () => {
    const lead = lifecycleOf(LEAD);
    const c = await lead.load(auditId);
    expect(
      await lead.apply(c, { kind: 'returnContribution', agency: 'health', comments: '' }),
    ).toEqual({
      kind: 'refused',
      reason: 'Say what Health needs to change: its auditor sees these comments.',
    });
    const audit = await moved(lead, c, {
      kind: 'returnContribution',
      agency: 'health',
      comments: 'Add the GP record for the last 6 months.',
    });
    expect(audit.status).toBe('inProgress');
    const seenByHealth = (
      await createAuditWorkspace(clientOf(HEALTH), lists).load(auditId)
    ).contributions.find((k) => k.contributor === 'health')!;
    expect(seenByHealth).toMatchObject({
      status: 'returned',
      returnComments: 'Add the GP record for the last 6 months.',
    });
    await submit(HEALTH, 'health', 'requiresImprovement');
    await moved(lead, await lead.load(auditId), { kind: 'sendToModeration' });
  });

  it('sends for sign-off only once every area has a multi-agency grade, with the due day in working days', async () => {
    const lead = lifecycleOf(LEAD);
    const refused = await lead.apply(await lead.load(auditId), { kind: 'sendForSignOff' });
    expect(refused.kind).toBe('refused');
    expect((refused as { reason: string }).reason).toMatch(/^Give the multi-agency grade for /);
    await submit(LEAD, MULTI_AGENCY, 'good');
    const audit = await moved(lead, await lead.load(auditId), { kind: 'sendForSignOff' });
    expect(audit.status).toBe('awaitingSignOff');
    expect(audit.signOffDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await lifecycleOf(SIGN_OFF).awaitingSignOffBy(user(SIGN_OFF).id)).toEqual([
      expect.objectContaining({ id: auditId }),
    ]);
  });

  it('the sign-off manager returns it: identifying detail is refused without being repeated', async () => {
    const signer = lifecycleOf(SIGN_OFF);
    const c = await signer.load(auditId);
    expect(signer.available(c)).toEqual(['signOff', 'returnToModeration']);
    const detail = 'Born 14/03/2015: recheck the health visitor notes.';
    const refused = await signer.apply(c, { kind: 'returnToModeration', comments: detail });
    expect(refused.kind).toBe('refused');
    expect((refused as { reason: string }).reason).toMatch(/^The comments cannot be sent: /);
    expect((refused as { reason: string }).reason).not.toContain('14/03/2015');
    const audit = await moved(signer, c, {
      kind: 'returnToModeration',
      comments: 'Say more about the health visitor notes in moderation.',
    });
    expect(audit).toMatchObject({
      status: 'returned',
      returnComments: 'Say more about the health visitor notes in moderation.',
    });
  });

  it('the lead resends; the sign-off manager signs off with a note; findings, cards and the trail follow', async () => {
    const lead = lifecycleOf(LEAD);
    const sentEvents = async () => (await events()).filter((t) => t === 'sentForSignOff').length;
    const readyCards = async () =>
      (await readItems(clientOf(LEAD), lists, 'NotificationOutbox'))
        .filter((i) => String(i.fields['RecordId']).startsWith(`audit:${auditId}:sendForSignOff:`))
        .map((i) => String(i.fields['IdempotencyKey']));
    const [eventsBefore, cardsBefore] = [await sentEvents(), (await readyCards()).length];

    // The lead's tab fails between the move and its trail event: the network drops the event's
    // create, and the move (already stored) throws before anything follows it.
    const leadFailing = lifecycleOf(LEAD, { retries: 0, policy: { ...fastPolicy(), attempts: 1 } });
    const eventsPath = `/lists/${lists.listIds.AuditEvents}/items`;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if (method === 'POST' && url.includes(eventsPath)) throw new TypeError('fetch failed');
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      await expect(
        leadFailing.apply(await leadFailing.load(auditId), { kind: 'sendForSignOff' }),
      ).rejects.toThrow('fetch failed');
    } finally {
      globalThis.fetch = realFetch;
    }
    const stopped = await lead.load(auditId);
    expect(stopped.audit.status).toBe('awaitingSignOff');
    expect(stopped.lastMove?.event).toMatchObject({ type: 'sentForSignOff', actor: user(LEAD) });
    expect(await sentEvents()).toBe(eventsBefore);
    expect(await readyCards()).toHaveLength(cardsBefore);

    // Someone else opening it finishes nothing (cards go from the person who acts); the lead's
    // reopened tab writes the trail event and the cards from what the audit kept, once.
    expect(await lifecycleOf(SIGN_OFF).resume(stopped, await lead.trail(auditId))).toBe('none');
    expect(await sentEvents()).toBe(eventsBefore);
    expect(await lead.resume(stopped, await lead.trail(auditId))).toBe('resumed');
    expect(await sentEvents()).toBe(eventsBefore + 1);
    expect(await readyCards()).toHaveLength(cardsBefore + 1);
    const sent = await lead.load(auditId);
    expect(await lead.resume(sent, await lead.trail(auditId))).toBe('complete');
    expect(await lead.resume(stopped, await lead.trail(auditId))).toBe('complete');
    expect(await sentEvents()).toBe(eventsBefore + 1);
    expect(await readyCards()).toHaveLength(cardsBefore + 1);

    // The sign-off's tab fails after the move: the findings' batch is done but its answer is
    // lost, and with no second try the move throws before the cards are queued.
    const failing = lifecycleOf(SIGN_OFF, { retries: 0, policy: { ...fastPolicy(), attempts: 1 } });
    const before = await failing.load(auditId);
    emulator.setFaults({ batchLostRate: 1, retryAfterSeconds: 0 });
    try {
      await expect(
        failing.apply(before, { kind: 'signOff', note: 'Good moderation.' }),
      ).rejects.toThrow();
    } finally {
      emulator.setFaults({ batchLostRate: 0 });
    }
    const signedOffCards = async () =>
      (await readItems(clientOf(SIGN_OFF), lists, 'NotificationOutbox'))
        .filter((i) => String(i.fields['RecordId']).startsWith(`audit:${auditId}:signOff:`))
        .map((i) => i.fields['IdempotencyKey']);
    expect(await signedOffCards()).toEqual([]);

    // The tab opens again: the same person's load finds the move and finishes it, once.
    const signer = lifecycleOf(SIGN_OFF);
    const c = await signer.load(auditId);
    expect(c.audit).toMatchObject({
      status: 'signedOff',
      signedOffBy: user(SIGN_OFF),
      signOffNote: 'Good moderation.',
    });
    expect(await lifecycleOf(LEAD).resume(c, await signer.trail(auditId))).toBe('none');
    expect(await signer.resume(c, await signer.trail(auditId))).toBe('resumed');
    expect(await signer.resume(c, await signer.trail(auditId))).toBe('complete');
    const queued = await signedOffCards();
    expect(queued).toHaveLength(4);
    expect(new Set(queued).size).toBe(4);
    const findings = await readItems(clientOf(SIGN_OFF), lists, 'Findings', {
      filter: `fields/AuditId eq ${Number(auditId)}`,
    });
    expect(findings.map((f) => [f.fields['Agency'], f.fields['ModeratedGrade']])).toEqual([
      ['health', 'inadequate'],
    ]);
    // The overview report's digest of the audit, kept once at sign-off.
    const digests = await readItems(clientOf(SIGN_OFF), lists, 'Digests', {
      filter: `fields/AuditId eq ${Number(auditId)}`,
    });
    expect(digests).toHaveLength(1);
    expect(decodeDigest(String(digests[0]!.fields['Digest']))).toMatchObject({
      auditId,
      signedOffAt: c.audit.signedOffAt,
      agencies: expect.arrayContaining(['health']),
      // Sign-off's timing, worked out once (sent for sign-off twice: the last time counts).
      timing: {
        commissionedToSignedOff: expect.any(Number),
        sentToSignedOff: expect.any(Number),
        bySignOffDue: true,
        byAuditDue: expect.any(Boolean),
      },
    });
    // The words a report may quote, guarded and kept beside it: the lead auditor's, and
    // moderation's reason for Health's changed grade.
    const notes = decodeNotes(String(digests[0]!.fields['Notes']), []);
    expect(notes?.notes.filter((n) => n.kind === 'reason')).toEqual([
      {
        sectionId: expect.any(String),
        agency: 'health',
        kind: 'reason',
        text: 'No sign the child was seen alone.',
      },
    ]);
    expect(
      notes?.notes.filter((n) => n.kind === 'impact').every((n) => n.agency === undefined),
    ).toBe(true);
    expect(notes?.notes.find((n) => n.kind === 'impact')?.text).toMatch(/^Impact: multiAgency on /);
    expect(await events()).toEqual([
      'commissioned',
      'auditStarted',
      'contributionSubmitted',
      'contributionSubmitted',
      'sentToModeration',
      'contributionReturned',
      'contributionSubmitted',
      'sentToModeration',
      'contributionSubmitted',
      'sentForSignOff',
      'returnedToModeration',
      'sentForSignOff',
      'signedOff',
    ]);

    // The cards: ready for sign-off (twice: sent twice) to the sign-off manager, returned to the
    // lead, and signed off in the commissioning card's thread and to each auditor.
    expect((await outboxOf(LEAD).drain()).sent).toBe(2);
    expect((await outboxOf(SIGN_OFF).drain()).sent).toBe(5);
    const root = (
      await clientOf(MANAGER)
        .api(`/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`)
        .get()
    ).value.find((m: { attachments: Array<{ content: string }> }) =>
      m.attachments[0]?.content.includes('NSP-CP-0901'),
    );
    const replies = (
      await clientOf(MANAGER)
        .api(
          `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages/${root.id}/replies`,
        )
        .get()
    ).value;
    expect(replies).toHaveLength(1);
    expect(replies[0].replyToId).toBe(root.id);
    expect(replies[0].attachments[0].content).toContain('Signed off: NSP-CP-0901');
  });

  it("gives grading consistency's pairs: every agency's graded area, with the moderated grade", async () => {
    const manager = lifecycleOf(MANAGER);
    const audit = (await manager.load(auditId)).audit;
    const pairs = await manager.gradePairs([audit]);
    const graded = (agency: 'socialCare' | 'health') =>
      sectionsFor(tool, agency).filter((s) => s.graded).length;
    expect(pairs).toHaveLength(graded('socialCare') + graded('health'));
    expect(pairs.filter((p) => p.agencyGrade !== p.moderatedGrade)).toEqual([
      expect.objectContaining({
        agency: 'health',
        agencyGrade: 'requiresImprovement',
        moderatedGrade: 'inadequate',
        auditorId: user(HEALTH).id,
      }),
    ]);
  });

  it('the business manager gives the contributions back the list’s permissions, once', async () => {
    const items = `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds.AgencyContributions}/items`;
    const found = await call(
      emulator,
      'GET',
      `${items}?expand=fields&$filter=fields/AuditId eq ${auditId} and fields/Agency eq 'socialCare'`,
      { token: tokenFor(BUSINESS_MANAGER) },
    );
    const patch = () =>
      call(emulator, 'PATCH', `${items}/${found.body.value[0].id}/fields`, {
        token: tokenFor(upn(SOCIAL_CARE)),
        body: { Status: 'inProgress' },
      });
    expect((await patch()).status).toBe(200);
    const manager = lifecycleOf(MANAGER);
    const audit = (await manager.load(auditId)).audit;
    expect(await lifecycleOf(LEAD).releaseFinished([audit])).toBe(0);
    expect(await manager.releaseFinished([audit])).toBe(1);
    expect(await manager.releaseFinished([audit])).toBe(0);
    expect((await patch()).status).toBe(403);
  });

  it('a sign-off past due is an overdue card for its sign-off manager, from the commissioner', () => {
    const audit: Audit = {
      id: '5' as Audit['id'],
      caseReference: 'NSP-CP-0905',
      category: 'childProtection' as const,
      status: 'awaitingSignOff' as const,
      toolVersion: 2,
      agencies: [],
      childAtRiskReason: undefined,
      themeId: undefined,
      leadAuditor: user(LEAD),
      signOffManager: user(SIGN_OFF),
      commissionedBy: user(MANAGER),
      dueDate: undefined,
      childAtRisk: false,
      eTag: '"1"',
      signOffDue: '2026-11-20',
    };
    const now = new Date('2026-11-25T10:00:00Z');
    expect(signOffOverdueEntries([audit], now, user(LEAD).id)).toEqual([]);
    expect(signOffOverdueEntries([audit], now, user(MANAGER).id)).toEqual([
      {
        recordId: 'audit:5:signOffDue:2026-11-20',
        event: 'signOffOverdue',
        recipient: { kind: 'chat', userId: user(SIGN_OFF).id },
        card: {
          kind: 'signOffOverdue',
          data: {
            audit: { id: '5', caseReference: 'NSP-CP-0905', category: 'childProtection' },
            due: '2026-11-20',
            workingDaysLate: 3,
          },
        },
      },
    ]);
  });
});
