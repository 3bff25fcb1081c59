/**
 * The action plan against the emulator, each person with their own token: the business manager
 * turns a recommendation into an action owned by Health's agency lead (created once, however
 * often tried; the item gets its own permissions); that lead updates it (done needs evidence);
 * another agency's lead is refused, by the domain in words and by SharePoint itself when the rule
 * is bypassed (item permissions, not hidden buttons); a stale version meets a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PersonRef } from '../../src/domain/records.js';
import type { Recommendation } from '../../src/domain/report/report.js';
import { PARTNERSHIP_SITE_PATH, SEED_USERS, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { createActionPlan, type StoredAction } from '../../src/graph/actionPlan.js';
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
const policy = { attempts: 5, sleep: async () => {} };

let emulator: TestEmulator;
let lists: SiteLists;

function planOf(n: number) {
  const client = clientFor(emulator, upn(n));
  return createActionPlan(client, lists, {
    actor: {
      person: user(n),
      isBusinessManager: n === MANAGER,
      leadsAgencies: n === LEAD_HEALTH ? ['health'] : n === LEAD_POLICE ? ['police'] : [],
    },
    now,
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
    const first = await plan.add({ reportId: 'a1b2c3' }, recommendation, 1, draft);
    const again = await plan.add({ reportId: 'a1b2c3' }, recommendation, 1, draft);
    if (first.kind !== 'saved' || again.kind !== 'saved') throw new Error('not saved');
    expect(again.action.itemId).toBe(first.action.itemId);
    action = first.action;
    expect(action).toMatchObject({
      agency: 'health',
      owner: user(LEAD_HEALTH),
      dueDate: '2027-01-29',
      status: 'notStarted',
      recommendation: recommendation.text,
    });
    expect(await readItems(clientFor(emulator, BUSINESS_MANAGER), lists, 'Actions')).toHaveLength(
      1,
    );
  });

  it('an agency lead cannot add one, and a draft with problems is refused in words', async () => {
    await expect(
      planOf(LEAD_HEALTH).add({ reportId: 'a1b2c3' }, recommendation, 2, draft),
    ).resolves.toEqual({
      kind: 'refused',
      reason: 'Only the business manager adds actions to the plan.',
    });
    const refused = await planOf(MANAGER).add({ reportId: 'a1b2c3' }, recommendation, 2, {
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
