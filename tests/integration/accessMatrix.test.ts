import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { applySitePermissions } from '../../src/graph/permissions.js';
import { provisionSite } from '../../src/graph/provision.js';
import { LIST_NAMES, type ListName } from '../../src/graph/schema.js';
import {
  call,
  clientFor,
  restFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

/**
 * The access matrix of docs/access.md, cell by cell, through plain HTTP with each person's
 * development token, after provisioning (lists and permissions) and the demo seed. An action is
 * "yes" when SharePoint (here the emulator) lets it happen, "no" when it refuses: 403, or 404 for
 * an item the person may not even see.
 */

type Role =
  | 'businessManager'
  | 'auditor'
  | 'leadAuditor'
  | 'signOffManager'
  | 'agencyLead'
  | 'practitioner'
  | 'outsider';
type Action = 'read' | 'create' | 'update' | 'delete';

const PEOPLE: Record<Role, string> = {
  businessManager: 'morgan.ellis@northshire.example',
  auditor: 'priya.shah@northshire.example',
  leadAuditor: 'ruth.adeyemi@northshire.example',
  signOffManager: 'helen.brooks@northshire.example',
  agencyLead: 'fatima.noor@northshire.example',
  practitioner: 'jo.fenwick@northshire.example',
  outsider: 'vic.stone@northshire.example',
};

/** What each role may do with the items of each list that carry the list's own permissions. */
const TEAM = ['auditor', 'leadAuditor', 'signOffManager', 'agencyLead'] as const;
type Row = Record<Action, boolean>;
const row = (read: boolean, create: boolean, update: boolean, del = false): Row => ({
  read,
  create,
  update,
  delete: del,
});
const NONE = row(false, false, false);
const LEVEL = {
  fullControl: row(true, true, true, true),
  read: row(true, false, false),
  addOnly: row(true, true, false),
  editItems: row(true, false, true),
  contributeWithoutDelete: row(true, true, true),
} as const;

const TEAM_LEVEL: Record<ListName, Row> = {
  AuditProgrammes: LEVEL.read,
  Audits: LEVEL.editItems,
  AgencyContributions: LEVEL.read,
  // Edit own items only: a probe the business manager wrote is not theirs to change.
  SectionAnswers: row(true, true, false),
  // Share feedback: auditors name practitioners and write; sent items carry their own permissions.
  Feedback: LEVEL.contributeWithoutDelete,
  Actions: LEVEL.editItems,
  OverviewReports: LEVEL.read,
  AuditEvents: LEVEL.addOnly,
  NotificationOutbox: LEVEL.contributeWithoutDelete,
  PartnershipSettings: LEVEL.read,
  // Findings are written at sign-off by the sign-off manager, from moderation's decisions.
  Findings: LEVEL.contributeWithoutDelete,
  // Items made by the feedback service get their own permissions at once; a probe keeps the list's.
  FeedbackWords: LEVEL.contributeWithoutDelete,
  // Digests too: the sign-off manager writes the audit's digest at sign-off.
  Digests: LEVEL.contributeWithoutDelete,
  // The practitioner's reply: made and shared by the sender at send; a probe keeps the list's.
  FeedbackReplies: LEVEL.contributeWithoutDelete,
};

function expected(role: Role, list: ListName): Row {
  if (role === 'businessManager') return LEVEL.fullControl;
  if ((TEAM as readonly string[]).includes(role)) return TEAM_LEVEL[list];
  if (role === 'practitioner') return list === 'PartnershipSettings' ? LEVEL.read : NONE;
  return NONE;
}

let emulator: TestEmulator;
let listIds: Record<ListName, string>;
let siteId: string;
const items = (list: ListName) =>
  `/sites/${encodeURIComponent(siteId)}/lists/${listIds[list]}/items`;
const token = (role: Role) => tokenFor(PEOPLE[role]);
let probeCount = 0;

/** An item the business manager writes, which inherits the list's permissions. */
async function probe(list: ListName): Promise<string> {
  const res = await call(emulator, 'POST', items(list), {
    token: token('businessManager'),
    body: { fields: { Title: `probe ${++probeCount}` } },
  });
  expect([`probe in ${list}`, res.status]).toEqual([`probe in ${list}`, 201]);
  return res.body.id as string;
}

async function attempt(role: Role, list: ListName, action: Action): Promise<boolean> {
  const t = token(role);
  switch (action) {
    case 'read': {
      const id = await probe(list);
      const res = await call(emulator, 'GET', `${items(list)}/${id}?expand=fields`, { token: t });
      if (res.status === 200) return true;
      expect([`${role} reading ${list}`, [403, 404]]).toEqual([
        `${role} reading ${list}`,
        expect.arrayContaining([res.status]),
      ]);
      return false;
    }
    case 'create': {
      const res = await call(emulator, 'POST', items(list), {
        token: t,
        body: { fields: { Title: `made by ${role}` } },
      });
      if (res.status === 201) return true;
      expect([`${role} creating in ${list}`, res.status]).toEqual([
        `${role} creating in ${list}`,
        403,
      ]);
      expect(res.body.error.code).toBe('accessDenied');
      return false;
    }
    case 'update': {
      const id = await probe(list);
      const res = await call(emulator, 'PATCH', `${items(list)}/${id}/fields`, {
        token: t,
        body: { Title: `changed by ${role}` },
      });
      if (res.status === 200) return true;
      expect([`${role} updating ${list}`, [403, 404]]).toEqual([
        `${role} updating ${list}`,
        expect.arrayContaining([res.status]),
      ]);
      return false;
    }
    case 'delete': {
      const id = await probe(list);
      const res = await call(emulator, 'DELETE', `${items(list)}/${id}`, { token: t });
      if (res.status === 204) return true;
      expect([`${role} deleting in ${list}`, [403, 404]]).toEqual([
        `${role} deleting in ${list}`,
        expect.arrayContaining([res.status]),
      ]);
      return false;
    }
  }
}

beforeAll(async () => {
  emulator = await testEmulator();
  const client = clientFor(emulator, PEOPLE.businessManager);
  const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  const rest = restFor(emulator, PEOPLE.businessManager);
  await applySitePermissions(rest, lists.listIds);
  await seedDemoData(client, lists, Date.now(), rest);
  listIds = lists.listIds;
  siteId = lists.siteId;
}, 120_000);

afterAll(async () => {
  await emulator.dispose();
});

describe('the access matrix (docs/access.md), every role x list x action', () => {
  const roles = Object.keys(PEOPLE) as Role[];
  for (const role of roles) {
    it(`${role}: read, create, update and delete on every list`, async () => {
      const got: Record<string, Row> = {};
      const want: Record<string, Row> = {};
      for (const list of LIST_NAMES) {
        got[list] = {
          read: await attempt(role, list, 'read'),
          create: await attempt(role, list, 'create'),
          update: await attempt(role, list, 'update'),
          delete: await attempt(role, list, 'delete'),
        };
        want[list] = expected(role, list);
      }
      expect(got).toEqual(want);
    }, 60_000);
  }
});

type Item = { id: string; fields: Record<string, unknown> };
async function readAll(role: Role, list: ListName): Promise<Item[]> {
  const res = await call(emulator, 'GET', `${items(list)}?expand=fields&$top=5000`, {
    token: token(role),
  });
  expect(res.status).toBe(200);
  return res.body.value as Item[];
}

describe('item-level rules', () => {
  it('a contribution is writable by its named auditor and the lead auditor only; the audit team reads it', async () => {
    const all = await readAll('businessManager', 'AgencyContributions');
    const priyas = all.find(
      (i) => i.fields['AuditorId'] === '5eed0000-0000-4000-8000-000000000002',
    );
    const toms = all.find((i) => i.fields['AuditorId'] === '5eed0000-0000-4000-8000-000000000003');
    if (!priyas || !toms) throw new Error('the demo seed has no contribution of Priya or of Tom');
    const patch = (role: Role | 'otherAuditor', id: string) =>
      call(emulator, 'PATCH', `${items('AgencyContributions')}/${id}/fields`, {
        token: role === 'otherAuditor' ? tokenFor('tom.okafor@northshire.example') : token(role),
        body: { Status: 'inProgress' },
      });
    expect((await patch('auditor', priyas.id)).status).toBe(200);
    expect((await patch('leadAuditor', priyas.id)).status).toBe(200);
    expect((await patch('otherAuditor', priyas.id)).status).toBe(403);
    expect((await patch('auditor', toms.id)).status).toBe(403);
    expect((await patch('signOffManager', priyas.id)).status).toBe(403);
    expect((await patch('agencyLead', priyas.id)).status).toBe(403);
    expect((await readAll('signOffManager', 'AgencyContributions')).length).toBe(all.length);
    const del = await call(emulator, 'DELETE', `${items('AgencyContributions')}/${priyas.id}`, {
      token: token('auditor'),
    });
    expect(del.status).toBe(403);
  });

  it('a practitioner reads and acknowledges only their own feedback; the audit team reads it but cannot change it', async () => {
    const all = await readAll('businessManager', 'Feedback');
    const mine = await readAll('practitioner', 'Feedback');
    expect(mine.map((i) => i.fields['PractitionerName'])).toEqual(['Jo Fenwick']);
    const others = all.filter((i) => i.fields['PractitionerName'] !== 'Jo Fenwick');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      const res = await call(emulator, 'GET', `${items('Feedback')}/${other.id}`, {
        token: token('practitioner'),
      });
      expect(res.status).toBe(404);
    }
    // She reads the state and the words and changes neither: her moves go to her own reply.
    const ack = await call(emulator, 'PATCH', `${items('Feedback')}/${mine[0]?.id}/fields`, {
      token: token('practitioner'),
      body: { Status: 'acknowledged', AcknowledgedAt: new Date().toISOString() },
    });
    expect(ack.status).toBe(403);
    const key = mine[0]?.fields['FeedbackKey'];
    const words = (await readAll('businessManager', 'FeedbackWords')).find(
      (i) => i.fields['FeedbackKey'] === key,
    );
    if (!words) throw new Error("the demo seed has no words for Jo's feedback");
    const reflect = await call(emulator, 'PATCH', `${items('FeedbackWords')}/${words.id}/fields`, {
      token: token('practitioner'),
      body: { Reflection: 'Read and discussed in supervision.' },
    });
    expect(reflect.status).toBe(403);
    const replies = await readAll('practitioner', 'FeedbackReplies');
    expect(replies.map((i) => i.fields['ReplyKey']).sort()).toEqual([
      `${key}|dates`,
      `${key}|reflection`,
    ]);
    const reflection = replies.find((i) => i.fields['Part'] === 'reflection');
    const dates = replies.find((i) => i.fields['Part'] === 'dates');
    for (const [id, body] of [
      [dates?.id, { AcknowledgedAt: new Date().toISOString() }],
      [reflection?.id, { Reflection: 'Read and discussed in supervision.' }],
    ] as const) {
      const own = await call(emulator, 'PATCH', `${items('FeedbackReplies')}/${id}/fields`, {
        token: token('practitioner'),
        body,
      });
      expect(own.status).toBe(200);
      // The lead auditor who wrote it reads her reply and cannot change it.
      const lead = await call(emulator, 'PATCH', `${items('FeedbackReplies')}/${id}/fields`, {
        token: token('leadAuditor'),
        body,
      });
      expect(lead.status).toBe(403);
    }
    // The agency lead sees her dates (where it stands), never her reflection nor the words.
    expect(
      (
        await call(emulator, 'GET', `${items('FeedbackReplies')}/${dates?.id}`, {
          token: token('agencyLead'),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(emulator, 'GET', `${items('FeedbackReplies')}/${reflection?.id}`, {
          token: token('agencyLead'),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(emulator, 'GET', `${items('FeedbackWords')}/${words.id}`, {
          token: token('agencyLead'),
        })
      ).status,
    ).toBe(404);
    expect((await readAll('agencyLead', 'Feedback')).length).toBe(all.length);
    expect((await readAll('auditor', 'Feedback')).length).toBe(all.length);
    const teamChange = await call(emulator, 'PATCH', `${items('Feedback')}/${mine[0]?.id}/fields`, {
      token: token('leadAuditor'),
      body: { Status: 'draft' },
    });
    expect(teamChange.status).toBe(403);
    // Another practitioner, and anyone outside the partnership, sees none of it.
    expect(
      (
        await call(emulator, 'GET', `${items('Feedback')}?expand=fields`, {
          token: tokenFor('chris.doyle@northshire.example'),
        })
      ).status,
    ).toBe(403);
  });

  it('section answers: each person edits only the answers they wrote', async () => {
    const mine = await call(emulator, 'POST', items('SectionAnswers'), {
      token: token('auditor'),
      body: { fields: { Title: 'Priya child voice', AnswerKey: 'm:1:socialCare:voice' } },
    });
    expect(mine.status).toBe(201);
    const edit = (role: Role | 'otherAuditor') =>
      call(emulator, 'PATCH', `${items('SectionAnswers')}/${mine.body.id}/fields`, {
        token: role === 'otherAuditor' ? tokenFor('tom.okafor@northshire.example') : token(role),
        body: { Evidence: `by ${role}` },
      });
    expect((await edit('auditor')).status).toBe(200);
    expect((await edit('otherAuditor')).status).toBe(403);
    expect((await edit('leadAuditor')).status).toBe(403);
    expect((await edit('businessManager')).status).toBe(200);
  });

  it('nobody but a site owner changes or deletes a trail event or a setting', async () => {
    for (const list of ['AuditEvents', 'PartnershipSettings'] as const) {
      const [first] = await readAll('businessManager', list);
      if (!first) throw new Error(`no seeded item in ${list}`);
      for (const role of Object.keys(PEOPLE) as Role[]) {
        const patch = await call(emulator, 'PATCH', `${items(list)}/${first.id}/fields`, {
          token: token(role),
          body: list === 'PartnershipSettings' ? { Value: '.+' } : { Details: 'rewritten' },
        });
        const del = await call(emulator, 'DELETE', `${items(list)}/${first.id}`, {
          token: token(role),
          headers: { 'If-Match': '"00000000-0000-0000-0000-000000000000,1"' },
        });
        if (role === 'businessManager') {
          expect(patch.status).toBe(200);
          // The owner may delete; the stale If-Match keeps the item for the other roles' turns.
          expect(del.status).toBe(412);
        } else {
          expect([`${role} changing ${list}`, [403, 404]]).toEqual([
            `${role} changing ${list}`,
            expect.arrayContaining([patch.status]),
          ]);
          expect([`${role} deleting in ${list}`, [403, 404]]).toEqual([
            `${role} deleting in ${list}`,
            expect.arrayContaining([del.status]),
          ]);
        }
      }
    }
  });

  it('no one outside the partnership reads anything: not the site, its lists or an item', async () => {
    const t = token('outsider');
    expect(
      (await call(emulator, 'GET', `/sites/${encodeURIComponent(siteId)}`, { token: t })).status,
    ).toBe(403);
    expect(
      (await call(emulator, 'GET', `/sites/${encodeURIComponent(siteId)}/lists`, { token: t }))
        .status,
    ).toBe(403);
    for (const list of LIST_NAMES) {
      const res = await call(emulator, 'GET', `${items(list)}?expand=fields`, { token: t });
      expect([list, res.status]).toEqual([list, 403]);
      expect(res.body.error.code).toBe('accessDenied');
    }
  });
});
