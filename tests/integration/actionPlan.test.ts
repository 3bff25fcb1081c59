/**
 * The action plan against the emulator, each person with their own token: the business manager
 * turns a recommendation into an action owned by Health's agency lead (created once, however
 * often tried; the item gets its own permissions); that lead updates it (done needs evidence);
 * another agency's lead is refused, by the domain in words and by SharePoint itself when the rule
 * is bypassed (item permissions, not hidden buttons); a stale version meets a conflict. Then the
 * cards: two business manager's tabs opening at once queue one "due soon" card and mark the
 * action once; a lost answer still leaves one "overdue" card and the day marked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PersonRef } from '../../src/domain/records.js';
import type { Recommendation } from '../../src/domain/report/report.js';
import { PARTNERSHIP_SITE_PATH, SEED_USERS, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { createActionPlan, type StoredAction } from '../../src/graph/actionPlan.js';
import { createOutbox, idempotencyKey } from '../../src/graph/outbox.js';
import { fieldsPath, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { applySitePermissions, createItemPermissions } from '../../src/graph/permissions.js';
import { provisionSite } from '../../src/graph/provision.js';
import { statusOf } from '../../src/graph/writes.js';
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
const LEAD_HEALTH = 14;
const LEAD_POLICE = 15;
const now = () => new Date('2026-11-27T10:00:00Z');
const source = { reportId: 'a1b2c3', version: 1, itemId: '7', title: 'Neglect theme overview' };
const policy = { attempts: 5, sleep: async () => {} };

let emulator: TestEmulator;
let lists: SiteLists;

function planOf(n: number, at: () => Date = now) {
  const client = clientFor(emulator, upn(n));
  return createActionPlan(client, lists, {
    actor: {
      person: user(n),
      isBusinessManager: n === MANAGER,
      leadsAgencies: n === LEAD_HEALTH ? ['health'] : n === LEAD_POLICE ? ['police'] : [],
    },
    now: at,
    policy,
    itemPermissions: createItemPermissions(
      restFor(emulator, upn(n)),
      lists.listIds,
      async (id) => SEED_USERS.find((u) => u.id === id)!.userPrincipalName,
    ),
  });
}

const recommendation: Recommendation = {
  id: 'R1',
  text: 'Health visitors join the first core group.',
  differenceForChildren: 'Babies are seen sooner.',
};
const draft = {
  recommendation: recommendation.text,
  title: 'Invite the health visitor to every first core group',
  agency: 'health',
  owner: user(LEAD_HEALTH),
  dueDate: '2027-01-29',
};

beforeAll(async () => {
  emulator = await testEmulator();
  const client = clientFor(emulator, BUSINESS_MANAGER);
  const provisioned = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await applySitePermissions(restFor(emulator, BUSINESS_MANAGER), provisioned.listIds);
  lists = { siteId: provisioned.siteId, listIds: provisioned.listIds };
}, 60_000);

afterAll(async () => {
  await emulator.dispose();
});

describe('the action plan', () => {
  let action: StoredAction;

  it('the business manager turns a recommendation into an action, once', async () => {
    const plan = planOf(MANAGER);
    const first = await plan.add(source, recommendation, 1, draft);
    const again = await plan.add(source, recommendation, 1, draft);
    if (first.kind !== 'saved' || again.kind !== 'saved') throw new Error('not saved');
    expect(again.action.itemId).toBe(first.action.itemId);
    action = first.action;
    expect(action).toMatchObject({
      agency: 'health',
      owner: user(LEAD_HEALTH),
      dueDate: '2027-01-29',
      status: 'notStarted',
      recommendation: recommendation.text,
      report: { key: 'a1b2c3:v1', title: 'Neglect theme overview', version: 1 },
    });
    const [stored] = await readItems(clientFor(emulator, BUSINESS_MANAGER), lists, 'Actions');
    expect(stored!.fields).toMatchObject({
      ReportId: 7,
      ReportSource: 'a1b2c3:v1',
      ReportVersion: 1,
    });
    expect(await readItems(clientFor(emulator, BUSINESS_MANAGER), lists, 'Actions')).toHaveLength(
      1,
    );
  });

  it('an agency lead cannot add one, and a draft with problems is refused in words', async () => {
    await expect(planOf(LEAD_HEALTH).add(source, recommendation, 2, draft)).resolves.toEqual({
      kind: 'refused',
      reason: 'Only the business manager adds actions to the plan.',
    });
    const refused = await planOf(MANAGER).add(source, recommendation, 2, {
      ...draft,
      dueDate: '2026-01-01',
    });
    expect(refused).toEqual({
      kind: 'refused',
      reason: 'The due day has passed: choose a day from today on.',
    });
  });

  it("Health's lead updates it; done needs the evidence", async () => {
    const plan = planOf(LEAD_HEALTH);
    const [mine] = await plan.list();
    const started = await plan.update(mine!, { status: 'inProgress', evidence: '' });
    if (started.kind !== 'saved') throw new Error(JSON.stringify(started));
    await expect(plan.update(started.action, { status: 'done', evidence: ' ' })).resolves.toEqual({
      kind: 'refused',
      reason:
        'Say what shows the action is done: marking it done needs the evidence of completion.',
    });
    const done = await plan.update(started.action, {
      status: 'done',
      evidence: 'Core group invitations now include the health visitor (template v3).',
    });
    expect(done).toMatchObject({ kind: 'saved', action: { status: 'done' } });
    action = (done as { action: StoredAction }).action;
  });

  it("another agency's lead is refused: in words, and by SharePoint when the rule is bypassed", async () => {
    await expect(
      planOf(LEAD_POLICE).update(action, { status: 'inProgress', evidence: 'x' }),
    ).resolves.toEqual({
      kind: 'refused',
      reason: "Only Health's agency lead or the business manager can update this action.",
    });
    // Straight to Graph, as a tampered tab would: the item's own permissions refuse the write.
    const police = clientFor(emulator, upn(LEAD_POLICE), 0);
    const error = await police
      .api(fieldsPath(lists, 'Actions', action.itemId))
      .headers({ 'If-Match': action.eTag })
      .patch({ Status: 'notStarted' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(statusOf(error)).toBe(403);
    // They still read it: the whole team sees the plan.
    expect((await planOf(LEAD_POLICE).list()).map((a) => a.status)).toEqual(['done']);
  });

  it('only the business manager reopens a done action; a stale version meets a conflict', async () => {
    await expect(
      planOf(LEAD_HEALTH).update(action, { status: 'inProgress', evidence: 'more' }),
    ).resolves.toEqual({
      kind: 'refused',
      reason: 'The action is done. Only the business manager can reopen it.',
    });
    const reopened = await planOf(MANAGER).update(action, {
      status: 'inProgress',
      evidence: 'Reopened: two core groups missed the invitation.',
    });
    expect(reopened).toMatchObject({ kind: 'saved', action: { status: 'inProgress' } });
    // The version read before the reopening is stale now.
    await expect(
      planOf(LEAD_HEALTH).update(action, { status: 'done', evidence: 'All invited.' }),
    ).resolves.toMatchObject({ kind: 'conflict' });
  });
});

describe("the action plan's cards", () => {
  const cards = {
    links: { mode: 'local', tabUrl: 'http://localhost:53000' },
    caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
  } as const;
  const manager = user(MANAGER);
  /** A business manager's tab: its own client, outbox and plan, at a moment. */
  const tab = (at: () => Date) => ({
    plan: planOf(MANAGER, at),
    outbox: createOutbox(clientFor(emulator, upn(MANAGER)), lists, {
      me: manager,
      cards,
      now: at,
      policy,
    }),
  });
  const outboxItems = async (key: string) =>
    (await readItems(clientFor(emulator, BUSINESS_MANAGER), lists, 'NotificationOutbox')).filter(
      (i) => i.fields['IdempotencyKey'] === key,
    );
  async function chatMessages() {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const chat = await client.api('/chats').post({
      chatType: 'oneOnOne',
      members: [manager.id, user(LEAD_HEALTH).id].map((id) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        roles: ['owner'],
        'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
      })),
    });
    return (await client.api(`/chats/${encodeURIComponent(chat.id)}/messages`).get())
      .value as Array<{ attachments: Array<{ content: string }> }>;
  }
  let action: StoredAction;

  beforeAll(async () => {
    // Due Wednesday 2 December: within five working days of Friday 27 November.
    const added = await planOf(MANAGER).add(source, recommendation, 9, {
      ...draft,
      title: 'Check every core group invitation list',
      dueDate: '2026-12-02',
    });
    if (added.kind !== 'saved') throw new Error(JSON.stringify(added));
    action = added.action;
  });

  it('two tabs opening at once queue one "due soon" card, mark the day once, and send it once', async () => {
    const [a, b] = [tab(now), tab(now)];
    const queued = await Promise.all([
      a.plan.queueCards(a.outbox, 5),
      b.plan.queueCards(b.outbox, 5),
    ]);
    expect(queued).toEqual([1, 1]);
    const key = idempotencyKey({
      recordId: `action:${action.id}`,
      event: 'actionDueSoon',
      recipient: { kind: 'chat', userId: user(LEAD_HEALTH).id },
    });
    expect(await outboxItems(key)).toHaveLength(1);
    const [mine] = (await planOf(MANAGER).list()).filter((x) => x.id === action.id);
    expect(mine).toMatchObject({ dueSoonSentOn: '2026-11-27' });
    expect(mine!.overdueSentOn).toBeUndefined();
    // Opened again the same day (or the next): nothing more to queue.
    await expect(tab(now).plan.queueCards(tab(now).outbox, 5)).resolves.toBe(0);

    const sent = await Promise.all([a.outbox.drain(), b.outbox.drain()]);
    expect(sent.reduce((n, r) => n + r.sent, 0)).toBe(1);
    const messages = await chatMessages();
    expect(messages).toHaveLength(1);
    const card = JSON.stringify(JSON.parse(messages[0]!.attachments[0]!.content));
    expect(card).toContain('Action due soon');
    expect(card).toContain('Check every core group invitation list');
    expect(card).toContain(`http://localhost:53000/index.html#/actions/${action.id}`);
  });

  it("an agency lead's tab queues none: the owner would be writing to themselves", async () => {
    const lead = planOf(LEAD_HEALTH, () => new Date('2026-12-03T09:00:00Z'));
    const outbox = createOutbox(clientFor(emulator, upn(LEAD_HEALTH)), lists, {
      me: user(LEAD_HEALTH),
      cards,
      policy,
    });
    await expect(lead.queueCards(outbox, 5)).resolves.toBe(0);
  });

  it('after a lost answer the overdue card is still queued once and the day marked', async () => {
    const later = () => new Date('2026-12-03T09:00:00Z');
    // The owner updates the action meanwhile: the tab marks the version it finds, not the stale one.
    const [read] = (await planOf(LEAD_HEALTH).list()).filter((x) => x.id === action.id);
    await planOf(LEAD_HEALTH).update(read!, { status: 'inProgress', evidence: '' });
    const first = tab(later);
    const lostBefore = emulator.stats().lostAnswers;
    emulator.setFaults({ lostRate: 1, batchItemLostRate: 1, retryAfterSeconds: 0 });
    try {
      await expect(first.plan.queueCards(first.outbox, 5)).resolves.toBe(1);
    } finally {
      emulator.setFaults({ lostRate: 0, batchItemLostRate: 0 });
    }
    // The writes were made but their answers lost (the outbox item's and the marking's).
    expect(emulator.stats().lostAnswers - lostBefore).toBeGreaterThanOrEqual(2);
    const key = idempotencyKey({
      recordId: `action:${action.id}`,
      event: 'actionOverdue',
      recipient: { kind: 'chat', userId: user(LEAD_HEALTH).id },
    });
    expect(await outboxItems(key)).toHaveLength(1);
    const [mine] = (await planOf(MANAGER).list()).filter((x) => x.id === action.id);
    expect(mine).toMatchObject({
      status: 'inProgress',
      dueSoonSentOn: '2026-11-27',
      overdueSentOn: '2026-12-03',
    });
    await expect(tab(later).plan.queueCards(tab(later).outbox, 5)).resolves.toBe(0);
    await first.outbox.drain();
    const messages = await chatMessages();
    expect(messages).toHaveLength(2);
    expect(JSON.stringify(JSON.parse(messages[0]!.attachments[0]!.content))).toContain(
      'Action overdue',
    );
  });
});
