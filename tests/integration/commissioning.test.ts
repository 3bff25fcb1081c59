/** Commissioning against the emulator: audits, contributions and trail, one channel card and one card per auditor. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import type { CommissionRequest } from '../../src/domain/commissioning.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import { createOutbox } from '../../src/graph/outbox.js';
import { applySitePermissions, createItemPermissions } from '../../src/graph/permissions.js';
import { createProgrammeService } from '../../src/graph/programme.js';
import { provisionSite } from '../../src/graph/provision.js';
import { userPrincipalNameOf } from '../../src/graph/people.js';
import { createRepositories } from '../../src/graph/repositories.js';
import {
  BUSINESS_MANAGER,
  call,
  clientFor,
  restFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

const user = (n: number) => ({
  id: SEED_USERS[n - 1]!.id,
  displayName: SEED_USERS[n - 1]!.displayName,
});

describe('commissioning', () => {
  it('commissioning 3 audits makes one channel card and one card per auditor, each once', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
    await seedDemoData(client, lists);
    const me = user(1);
    const cards = {
      links: { mode: 'local', tabUrl: 'http://localhost:53000' },
      caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
    } as const;
    const outbox = createOutbox(client, lists, { me, cards });
    const service = createProgrammeService(client, lists, {
      outbox,
      me,
      now: () => new Date(),
      channel: { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
      cards,
    });
    const repos = createRepositories(client, lists);
    const theme = (await repos.programme.list())[0]!;
    const req: CommissionRequest = {
      themeId: theme.id,
      themeTitle: theme.title,
      caseReferences: ['NSP-CP-0301', 'NSP-CP-0302', 'NSP-CP-0303'],
      category: 'childProtection',
      periodStart: '2025-11-01',
      periodEnd: '2026-10-31',
      agencies: ['socialCare', 'health', 'police'],
      auditors: { socialCare: user(2), health: user(3), police: user(4) },
      leadAuditor: user(7),
      signOffManager: user(8),
      dueDate: '2027-01-15',
    };
    const before = (
      await client
        .api(`/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`)
        .get()
    ).value.length;
    const ids = await service.commission(req, 'commission-0001');
    expect(ids).toHaveLength(3);
    const report = await outbox.drain();
    expect(report).toEqual({
      sent: 5,
      retrying: 0,
      failed: 0,
      skipped: 0,
      problems: [],
      waiting: 0,
      nextAttemptAt: undefined,
    });
    expect((await outbox.drain()).sent).toBe(0);

    const channel = (
      await client
        .api(`/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`)
        .get()
    ).value;
    expect(channel.length - before).toBe(1);
    const card = JSON.parse(channel[0].attachments[0].content);
    expect(JSON.stringify(card)).toContain('NSP-CP-0302');

    for (const n of [2, 3, 4, 7]) {
      const chat = await client.api('/chats').post({
        chatType: 'oneOnOne',
        members: [me.id, user(n).id].map((id) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          roles: ['owner'],
          'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
        })),
      });
      const messages = (await client.api(`/chats/${encodeURIComponent(chat.id)}/messages`).get())
        .value;
      expect({ to: user(n).displayName, messages: messages.length }).toEqual({
        to: user(n).displayName,
        messages: 1,
      });
      const assigned = JSON.stringify(JSON.parse(messages[0].attachments[0].content));
      for (const ref of req.caseReferences) expect(assigned).toContain(ref);
    }
    const audit = await repos.audits.get(ids[0]!);
    expect(audit).toMatchObject({
      status: 'commissioned',
      agencies: ['socialCare', 'health', 'police'],
      toolVersion: 2,
    });
    const contributions = await repos.contributions.assignedTo(user(3).id);
    expect(contributions.filter((c) => ids.includes(c.auditId)).map((c) => c.contributor)).toEqual([
      'health',
      'health',
      'health',
    ]);
  });
});

describe('commissioning with item permissions', () => {
  it("limits each new contribution to its auditor and the lead auditor, through SharePoint's REST API", async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
    const rest = restFor(emulator, BUSINESS_MANAGER);
    await applySitePermissions(rest, lists.listIds);
    const me = user(1);
    const permissions = createItemPermissions(rest, lists.listIds, userPrincipalNameOf(client));
    const cards = {
      links: { mode: 'local' as const, tabUrl: 'http://localhost:53000' },
      caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
    };
    const service = createProgrammeService(client, lists, {
      outbox: createOutbox(client, lists, { me, cards }),
      me,
      now: () => new Date(),
      channel: { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
      cards,
      itemPermissions: permissions,
    });
    const theme = (await createRepositories(client, lists).programme.list())[0]!;
    const [auditId] = await service.commission(
      {
        themeId: theme.id,
        themeTitle: theme.title,
        caseReferences: ['NSP-CP-0401'],
        category: 'childProtection',
        periodStart: '2025-11-01',
        periodEnd: '2026-10-31',
        agencies: ['socialCare', 'health'],
        auditors: { socialCare: user(2), health: user(3) },
        leadAuditor: user(7),
        signOffManager: user(8),
        dueDate: '2027-01-15',
      },
      'commission-access-1',
    );
    const items = `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds.AgencyContributions}/items`;
    const found = await call(
      emulator,
      'GET',
      `${items}?expand=fields&$filter=fields/AuditId eq ${auditId}`,
      {
        token: tokenFor(BUSINESS_MANAGER),
      },
    );
    const byAgency = new Map(
      (found.body.value as Array<{ id: string; fields: { Agency: string } }>).map((i) => [
        i.fields.Agency,
        i.id,
      ]),
    );
    const patch = (upn: string, agency: string) =>
      call(emulator, 'PATCH', `${items}/${byAgency.get(agency)}/fields`, {
        token: tokenFor(upn),
        body: { Status: 'inProgress' },
      });
    expect((await patch(SEED_USERS[1]!.userPrincipalName, 'socialCare')).status).toBe(200);
    expect((await patch(SEED_USERS[6]!.userPrincipalName, 'socialCare')).status).toBe(200);
    expect((await patch(SEED_USERS[2]!.userPrincipalName, 'socialCare')).status).toBe(403);
    expect((await patch(SEED_USERS[1]!.userPrincipalName, 'health')).status).toBe(403);
    expect((await patch(SEED_USERS[2]!.userPrincipalName, 'health')).status).toBe(200);

    // Signed off: the contribution goes back to the list's permissions, read-only for the team.
    await permissions.release('AgencyContributions', byAgency.get('socialCare')!);
    expect((await patch(SEED_USERS[1]!.userPrincipalName, 'socialCare')).status).toBe(403);
    expect((await patch(SEED_USERS[6]!.userPrincipalName, 'socialCare')).status).toBe(403);
  });
});
