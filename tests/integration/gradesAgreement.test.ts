/**
 * Moderation agrees one agency's grades at a time, against the emulator, each person with their own
 * token: the lead auditor is refused until every area the agency graded has its multi-agency grade
 * (the refusal names them); two tabs of the lead agreeing from the same version meet a 412 (one
 * agreement, one trail event); social care's auditor sends feedback as soon as social care is
 * agreed, with the audit still in moderation, while health's is refused; an agreed agency's grade
 * cannot be changed nor its contribution returned until the lead undoes the agreement; agreeing
 * again with every answer lost is recorded once; a trail event dropped by the network is written
 * when the lead's tab reopens; sending for sign-off agrees health at that moment, and health's
 * feedback may go.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { type ContributorId, MULTI_AGENCY } from '../../src/domain/agencies.js';
import { EMPTY_ANSWER, type SectionAnswer } from '../../src/domain/answers.js';
import { feedbackTimeliness } from '../../src/domain/feedback.js';
import type { Grade } from '../../src/domain/grading.js';
import type { PersonRef } from '../../src/domain/records.js';
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
  createFeedbackService,
  feedbackAuditFacts,
  feedbackTimings,
} from '../../src/graph/feedback.js';
import { createLifecycleService, type LifecycleService } from '../../src/graph/lifecycle.js';
import { findSiteLists, type SiteLists } from '../../src/graph/listItems.js';
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
  clientFor,
  restFor,
  type TestEmulator,
  testEmulator,
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
const JO = 10;
const ALEX = 11;
const cards = {
  links: { mode: 'local' as const, tabUrl: 'http://localhost:53000' },
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
};
const channel = { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID };
const tool = toolVersion('childProtection', 2);
const GOOD = {
  workedWell: 'The visits were regular and the records show what the child said each time.',
  doDifferently: 'Escalate sooner when the health visits are missed twice in a row.',
  differenceForChild: 'The child would have had a plan that changed when things got worse.',
};

let emulator: TestEmulator;
let lists: SiteLists;
let auditId: string;

const clientOf = (n: number, retries = 10) => clientFor(emulator, upn(n), retries);
const fastPolicy = (): WritePolicy => ({ attempts: 30, sleep: async () => {} });
const itemPermissionsOf = (n: number) =>
  createItemPermissions(restFor(emulator, upn(n)), lists.listIds, userPrincipalNameOf(clientOf(n)));

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
    itemPermissions: itemPermissionsOf(n),
  });
}
function feedbackOf(n: number) {
  const client = clientOf(n);
  return createFeedbackService(client, lists, {
    outbox: createOutbox(client, lists, { me: user(n), cards, policy: fastPolicy() }),
    me: user(n),
    now: () => new Date(),
    allowed: [cards.caseReference],
    policy: fastPolicy(),
    itemPermissions: itemPermissionsOf(n),
  });
}

const graded = (grade: Grade, text: string): SectionAnswer => ({
  ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
  grade,
  evidence: text,
  impact: `Impact: ${text}`,
});

/** A contributor answers the graded sections of theirs (all, or those picked) and may submit. */
async function answer(
  n: number,
  contributor: ContributorId,
  grade: Grade,
  options: { only?: (id: string) => boolean; submit?: boolean } = {},
) {
  const ws = createAuditWorkspace(clientOf(n), lists);
  const current = await ws.load(auditId);
  const changes = sectionsFor(tool, contributor)
    .filter((s) => s.graded && (options.only?.(s.id) ?? true))
    .map((s) => ({
      sectionId: s.id,
      answer: graded(grade, `${contributor} on ${s.title}.`),
      base: current.answers.find((a) => a.contributor === contributor && a.sectionId === s.id),
    }));
  const outcomes = await ws.saveSections(auditId, contributor, changes);
  expect(outcomes.every((o) => o.kind === 'saved')).toBe(true);
  if (options.submit === false) return;
  const mine = current.contributions.find((c) => c.contributor === contributor)!;
  await ws.setStatus(mine, 'submitted', user(n), new Date());
}

const agreementEvents = async () =>
  (await lifecycleOf(LEAD).trail(auditId)).filter((e) =>
    ['agencyGradesAgreed', 'agencyAgreementUndone'].includes(e.type),
  );

async function facts() {
  const ws = await createAuditWorkspace(clientOf(MANAGER), lists).load(auditId);
  return feedbackAuditFacts(ws.audit, ws.contributions);
}

/** Names a practitioner of the agency, writes the three parts, and tries to send. */
async function writeAndSend(n: number, agency: 'socialCare' | 'health', practitioner: number) {
  const service = feedbackOf(n);
  const f = await facts();
  const named = await service.name(f, agency, user(practitioner));
  if (named.kind !== 'moved' || !named.words) throw new Error(JSON.stringify(named));
  const saved = await service.save(f, named.record, named.words, GOOD);
  if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
  return service.apply(await facts(), saved.record, saved.words, { kind: 'send' });
}

const agreed = async (service: LifecycleService, agency: 'socialCare' | 'health') => {
  const outcome = await service.agree(await service.load(auditId), agency);
  if (outcome.kind !== 'agreed') throw new Error(JSON.stringify(outcome));
  return outcome.audit;
};

beforeAll(async () => {
  emulator = await testEmulator();
  const manager = clientOf(MANAGER);
  const provisioned = await provisionSite(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await applySitePermissions(restFor(emulator, BUSINESS_MANAGER), provisioned.listIds);
  await seedDemoData(manager, provisioned);
  lists = await findSiteLists(manager, provisioned.siteId, LIST_NAMES);
  const service = createProgrammeService(manager, lists, {
    outbox: createOutbox(manager, lists, { me: user(MANAGER), cards }),
    me: user(MANAGER),
    now: () => new Date(),
    channel,
    cards,
    itemPermissions: itemPermissionsOf(MANAGER),
  });
  const theme = (await createRepositories(manager, lists).programme.list())[0]!;
  [auditId] = (await service.commission(
    {
      themeId: theme.id,
      themeTitle: theme.title,
      caseReferences: ['NSP-CP-0921'],
      category: 'childProtection',
      periodStart: '2025-11-01',
      periodEnd: '2026-10-31',
      agencies: ['socialCare', 'health'],
      auditors: { socialCare: user(SOCIAL_CARE), health: user(HEALTH) },
      leadAuditor: user(LEAD),
      signOffManager: user(SIGN_OFF),
      dueDate: '2027-01-15',
    },
    'commission-agreement-1',
  )) as [string];
  await answer(SOCIAL_CARE, 'socialCare', 'good');
  await answer(HEALTH, 'health', 'requiresImprovement');
  const lead = lifecycleOf(LEAD);
  const moved = await lead.apply(await lead.load(auditId), { kind: 'sendToModeration' });
  expect(moved.kind).toBe('moved');
});
afterAll(async () => {
  await emulator?.dispose();
});

describe("agreeing one agency's grades in moderation", () => {
  it('is refused until every area the agency graded has its multi-agency grade, naming those missing', async () => {
    const lead = lifecycleOf(LEAD);
    const careAreas = sectionsFor(tool, 'socialCare').filter((s) => s.graded);
    // The lead grades every area but the last two of social care's.
    const missing = careAreas.slice(-2);
    await answer(LEAD, MULTI_AGENCY, 'good', {
      only: (id) => !missing.some((s) => s.id === id),
      submit: false,
    });
    expect(await lead.agree(await lead.load(auditId), 'socialCare')).toEqual({
      kind: 'refused',
      reason: `Give the multi-agency grade for ${missing[0]!.title} and ${missing[1]!.title} before agreeing Children's social care's grades.`,
    });
    // Nobody but the lead auditor agrees, whatever the areas.
    const health = lifecycleOf(HEALTH);
    expect(await health.agree(await health.load(auditId), 'health')).toEqual({
      kind: 'refused',
      reason: "Only the audit's lead auditor can agree Health's grades.",
    });
    expect(await agreementEvents()).toEqual([]);
  });

  it('two tabs of the lead from the same version: the second meets a 412, nothing of it is saved', async () => {
    await answer(LEAD, MULTI_AGENCY, 'good', { submit: false });
    const tabA = lifecycleOf(LEAD);
    const tabB = lifecycleOf(LEAD);
    const [a, b] = [await tabA.load(auditId), await tabB.load(auditId)];
    const first = await tabA.agree(a, 'socialCare');
    expect(first.kind).toBe('agreed');
    expect(await tabB.agree(b, 'health')).toEqual({
      kind: 'conflict',
      reason:
        'Someone else changed this audit since you opened it: nothing was saved. Look at it again, then try once more.',
    });
    const now = (await tabA.load(auditId)).audit;
    expect(Object.keys(now.gradesAgreed ?? {})).toEqual(['socialCare']);
    expect(now.gradesAgreed?.socialCare?.by).toEqual(user(LEAD));
    expect(now.status).toBe('moderation');
    expect((await agreementEvents()).map((e) => [e.type, e.actor?.displayName])).toEqual([
      ['agencyGradesAgreed', user(LEAD).displayName],
    ]);
  });

  it("social care's feedback goes while the audit is still in moderation; health's is refused", async () => {
    const care = await writeAndSend(SOCIAL_CARE, 'socialCare', JO);
    expect(care.kind).toBe('moved');
    if (care.kind === 'moved') expect(care.record.stage).toBe('sent');
    expect(await writeAndSend(HEALTH, 'health', ALEX)).toEqual({
      kind: 'refused',
      reason:
        "Moderation has not yet agreed Health's grades: feedback can be sent once the lead auditor agrees them in moderation.",
    });
    const lead = lifecycleOf(LEAD);
    expect((await lead.load(auditId)).audit.status).toBe('moderation');
    // Its clock started at social care's agreement, not at sign-off (which has not happened).
    const ws = await createAuditWorkspace(clientOf(MANAGER), lists).load(auditId);
    const records = await feedbackOf(MANAGER).forAudit(auditId);
    const timings = feedbackTimings(records, [ws.audit]);
    expect(timings.find((t) => t.agency === 'socialCare')?.agreedAt).toBe(
      ws.audit.gradesAgreed?.socialCare?.at,
    );
    const t = feedbackTimeliness(
      timings,
      { sendWorkingDays: 10, acknowledgeWorkingDays: 10 },
      new Date(),
    );
    expect(t.byAgency.get('socialCare')?.toSend).toMatchObject({ done: 1, withinTarget: 1 });
    expect(t.byAgency.get('health')?.toSend).toMatchObject({ done: 0, waiting: 0 });
  });

  it("keeps an agreed agency's grades: no change, no return, until the lead undoes the agreement", async () => {
    const lead = lifecycleOf(LEAD);
    const c = await lead.load(auditId);
    const area = sectionsFor(tool, 'socialCare').find((s) => s.graded)!;
    const change = {
      sectionId: area.id,
      agency: 'socialCare' as const,
      moderatedGrade: 'inadequate' as const,
      reason: 'Not seen alone.',
    };
    const locked = (doing: string) => ({
      kind: 'refused',
      reason: `Children's social care's grades are agreed, so you cannot ${doing} now: undo the agreement of Children's social care's grades first.`,
    });
    expect(await lead.decide(c, change)).toEqual(locked("change Children's social care's grade"));
    expect(
      await lead.apply(c, {
        kind: 'returnContribution',
        agency: 'socialCare',
        comments: 'Add the supervision notes.',
      }),
    ).toEqual(locked('return its contribution'));
    expect((await lead.load(auditId)).decisions).toEqual([]);

    const undone = await lead.undoAgreement(c, 'socialCare');
    expect(undone.kind).toBe('undone');
    if (undone.kind !== 'undone') return;
    expect(undone.audit.gradesAgreed).toEqual({});
    expect((await lead.decide(await lead.load(auditId), change)).kind).toBe('saved');
    expect((await agreementEvents()).map((e) => e.type)).toEqual([
      'agencyGradesAgreed',
      'agencyAgreementUndone',
    ]);
  });

  it('agrees again once although every answer is lost', async () => {
    const lead = lifecycleOf(LEAD);
    const c = await lead.load(auditId);
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    let outcome;
    try {
      outcome = await lead.agree(c, 'socialCare');
    } finally {
      emulator.setFaults({ lostRate: 0 });
    }
    expect(outcome.kind).toBe('agreed');
    expect(Object.keys((await lead.load(auditId)).audit.gradesAgreed ?? {})).toEqual([
      'socialCare',
    ]);
    expect((await agreementEvents()).map((e) => e.type)).toEqual([
      'agencyGradesAgreed',
      'agencyAgreementUndone',
      'agencyGradesAgreed',
    ]);
  });

  it("a trail event the network dropped is written when the lead's tab reopens, once", async () => {
    const failing = lifecycleOf(LEAD, { retries: 0, policy: { ...fastPolicy(), attempts: 1 } });
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
        failing.undoAgreement(await failing.load(auditId), 'socialCare'),
      ).rejects.toThrow('fetch failed');
    } finally {
      globalThis.fetch = realFetch;
    }
    const lead = lifecycleOf(LEAD);
    const stopped = await lead.load(auditId);
    expect(stopped.audit.gradesAgreed).toEqual({});
    expect(stopped.lastAgreement?.event.type).toBe('agencyAgreementUndone');
    expect(await agreementEvents()).toHaveLength(3);
    // Someone else's tab does not write it; the lead's does, once.
    expect(await lifecycleOf(HEALTH).resume(stopped, await lead.trail(auditId))).toBe('none');
    expect(await agreementEvents()).toHaveLength(3);
    expect(await lead.resume(stopped, await lead.trail(auditId))).toBe('resumed');
    expect(await lead.resume(stopped, await lead.trail(auditId))).toBe('none');
    expect((await agreementEvents()).map((e) => e.type)).toEqual([
      'agencyGradesAgreed',
      'agencyAgreementUndone',
      'agencyGradesAgreed',
      'agencyAgreementUndone',
    ]);
  });

  it('sending for sign-off agrees the agencies not agreed yet, at that moment; their feedback may go', async () => {
    const lead = lifecycleOf(LEAD);
    await agreed(lead, 'socialCare');
    const before = (await lead.load(auditId)).audit.gradesAgreed?.socialCare;
    const sent = await lead.apply(await lead.load(auditId), { kind: 'sendForSignOff' });
    if (sent.kind !== 'moved') throw new Error(JSON.stringify(sent));
    expect(sent.audit.status).toBe('awaitingSignOff');
    expect(sent.audit.gradesAgreed?.socialCare).toEqual(before);
    // The very moment it was sent (the date column keeps whole seconds, the agreement the rest).
    const health = sent.audit.gradesAgreed?.health;
    expect(health?.by).toEqual(user(LEAD));
    expect(Math.floor(Date.parse(health!.at) / 1000) * 1000).toBe(
      Date.parse(sent.audit.sentForSignOffAt!),
    );
    // No longer in moderation: the agreement cannot be undone now.
    expect(await lead.undoAgreement(await lead.load(auditId), 'health')).toEqual({
      kind: 'refused',
      reason:
        "The audit is not in moderation, so no one can undo the agreement of Health's grades now: that can be done only while the lead auditor moderates it.",
    });
    const auditor = feedbackOf(HEALTH);
    const alex = (await auditor.forAudit(auditId)).find((r) => r.agency === 'health')!;
    const words = await auditor.words(alex);
    expect((await auditor.apply(await facts(), alex, words, { kind: 'send' })).kind).toBe('moved');
  });
});
