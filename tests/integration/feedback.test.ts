/**
 * Feedback to practitioners against the emulator, each person with their own token: the agency's
 * auditor names two practitioners and writes; the guard refuses identifying detail (kind and word
 * number, never the detail) and keeps the text; feedback cannot go before moderation agreed the
 * grades; once sent (under throttling and lost answers, recorded once) the practitioner alone
 * reads the words, acknowledges with a reflection, asks for a conversation; another practitioner
 * gets a 404 from SharePoint for both items; the agency lead reads the state but not the words;
 * the cards go through the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import type { PersonRef } from '../../src/domain/records.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import {
  createFeedbackService,
  feedbackAuditFacts,
  feedbackReminderEntries,
  type FeedbackRecord,
  practitionerFacts,
} from '../../src/graph/feedback.js';
import { findSiteLists, itemsPath, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { toAudit, toContribution } from '../../src/graph/mappers.js';
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
const JO = 10;
const ALEX = 11;
const CARE_LEAD = 16;
const cards = {
  links: { mode: 'local' as const, tabUrl: 'http://localhost:53000' },
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
};
const channel = { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID };
const GOOD = {
  workedWell: 'The visits were regular and the records show what the child said each time.',
  doDifferently: 'Escalate sooner when the health visits are missed twice in a row.',
  differenceForChild: 'The child would have had a plan that changed when things got worse.',
};

let emulator: TestEmulator;
let lists: SiteLists;
let auditId: string;
let siteId: string;

const clientOf = (n: number, retries = 10) => clientFor(emulator, upn(n), retries);
function fastPolicy(waits: number[] = []): WritePolicy {
  return {
    attempts: 30,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}
async function listsOf(n: number): Promise<SiteLists> {
  // A practitioner sees only the lists something is shared with them in.
  return findSiteLists(
    clientOf(n),
    siteId,
    LIST_NAMES,
    n >= JO && n <= 13 ? LIST_NAMES.filter((l) => l !== 'PartnershipSettings') : [],
  );
}
async function feedbackOf(n: number, options: { retries?: number; policy?: WritePolicy } = {}) {
  const client = clientOf(n, options.retries ?? 10);
  const mine = await listsOf(n);
  return createFeedbackService(client, mine, {
    outbox: createOutbox(client, mine, { me: user(n), cards, policy: fastPolicy() }),
    me: user(n),
    now: () => new Date(),
    allowed: [cards.caseReference],
    policy: options.policy ?? fastPolicy(),
    itemPermissions: createItemPermissions(
      restFor(emulator, upn(n)),
      mine.listIds,
      userPrincipalNameOf(clientOf(n)),
    ),
  });
}
async function facts() {
  const manager = clientOf(MANAGER);
  const audit = toAudit(
    await manager
      .api(`${itemsPath(lists, 'Audits')}/${auditId}`)
      .expand('fields')
      .get(),
  );
  const contributions = (
    await readItems(manager, lists, 'AgencyContributions', {
      filter: `fields/AuditId eq ${Number(auditId)}`,
    })
  ).map(toContribution);
  return feedbackAuditFacts(audit, contributions);
}
async function open(n: number, record: FeedbackRecord) {
  return (await feedbackOf(n)).open(record.id);
}
async function trail(): Promise<string[]> {
  return (
    await readItems(clientOf(MANAGER), lists, 'AuditEvents', {
      filter: `fields/AuditId eq ${Number(auditId)}`,
    })
  ).map((i) => String(i.fields['EventType']));
}

let jo: FeedbackRecord;
let alex: FeedbackRecord;

beforeAll(async () => {
  emulator = await testEmulator();
  const manager = clientOf(MANAGER);
  const provisioned = await provisionSite(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await applySitePermissions(restFor(emulator, BUSINESS_MANAGER), provisioned.listIds);
  await seedDemoData(manager, provisioned);
  lists = await findSiteLists(manager, provisioned.siteId, LIST_NAMES);
  siteId = provisioned.siteId;
  const service = createProgrammeService(manager, lists, {
    outbox: createOutbox(manager, lists, { me: user(MANAGER), cards }),
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
      caseReferences: ['NSP-CP-0911'],
      category: 'childProtection',
      periodStart: '2025-11-01',
      periodEnd: '2026-10-31',
      agencies: ['socialCare', 'health'],
      auditors: { socialCare: user(SOCIAL_CARE), health: user(HEALTH) },
      leadAuditor: user(LEAD),
      signOffManager: user(SIGN_OFF),
      dueDate: '2027-01-15',
    },
    'commission-feedback-1',
  )) as [string];
});
afterAll(async () => {
  await emulator?.dispose();
});

describe('feedback to practitioners against the emulator', () => {
  it("the agency's auditor names two practitioners; another agency's auditor cannot", async () => {
    const priya = await feedbackOf(SOCIAL_CARE);
    const f = await facts();
    const named = await priya.name(f, 'socialCare', user(JO));
    const again = await priya.name(f, 'socialCare', user(JO));
    if (named.kind !== 'moved' || again.kind !== 'moved') throw new Error('not named');
    // Named once, whatever the repeats.
    expect(again.record.id).toBe(named.record.id);
    jo = named.record;
    const second = await priya.name(f, 'socialCare', user(ALEX));
    if (second.kind !== 'moved') throw new Error('not named');
    alex = second.record;
    expect((await priya.forAudit(auditId)).map((r) => r.practitioner.displayName).sort()).toEqual([
      'Alex Kim',
      'Jo Fenwick',
    ]);
    expect(await (await feedbackOf(HEALTH)).name(f, 'socialCare', user(ALEX))).toEqual({
      kind: 'refused',
      reason: "Only the agency's auditor or the lead auditor can name its practitioners.",
    });
  });

  it('keeps the words to their writers: the agency lead and another auditor get 404, the lead auditor reads them', async () => {
    const { words } = await open(SOCIAL_CARE, jo);
    expect(words).toBeDefined();
    for (const n of [CARE_LEAD, HEALTH, SIGN_OFF]) {
      const res = await call(emulator, 'GET', `${itemsPath(lists, 'FeedbackWords')}/${words!.id}`, {
        token: tokenFor(upn(n)),
      });
      expect({ who: n, status: res.status }).toEqual({ who: n, status: 404 });
    }
    expect((await open(LEAD, jo)).words?.id).toBe(words!.id);
    // The agency lead sees the state of their agency's feedback.
    const states = await (await feedbackOf(CARE_LEAD)).forAgencies(['socialCare']);
    expect(states.map((r) => r.id)).toEqual(expect.arrayContaining([jo.id, alex.id]));
  });

  it('saves as typed; the guard refuses identifying detail by kind and word, never repeating it, and keeps the text', async () => {
    const priya = await feedbackOf(SOCIAL_CARE);
    const f = await facts();
    const { record, words } = await priya.open(jo.id);
    const risky = { ...GOOD, workedWell: 'Visits to 12 Acacia Road were regular.' };
    const saved = await priya.save(f, record, words!, risky);
    expect(saved.kind).toBe('saved');
    if (saved.kind !== 'saved') return;
    // Moderation has not agreed the grades yet.
    const early = await priya.apply(f, saved.record, saved.words, { kind: 'send' });
    expect(early.kind).toBe('refused');
    if (early.kind === 'refused') expect(early.reason).toMatch(/Moderation has not yet agreed/);
    // Moderation agreed: the audit goes for sign-off (the business manager stands in here).
    const manager = clientOf(MANAGER);
    await manager.api(`${itemsPath(lists, 'Audits')}/${auditId}/fields`).patch({
      Status: 'awaitingSignOff',
      SentForSignOffAt: new Date().toISOString(),
    });
    const refused = await priya.apply(await facts(), saved.record, saved.words, { kind: 'send' });
    expect(refused.kind).toBe('refused');
    if (refused.kind !== 'refused') return;
    expect(refused.reason).toMatch(/^The feedback cannot go yet\. What worked well: /);
    expect(refused.reason).toMatch(/word \d/);
    expect(refused.reason).not.toMatch(/Acacia/);
    // Nothing was sent, and the text is kept as it was written.
    const kept = await priya.open(jo.id);
    expect(kept.record.stage).toBe('draft');
    expect(kept.words?.text.workedWell).toBe(risky.workedWell);
    // A stale copy of the words meets a conflict rather than overwriting.
    expect(await priya.save(await facts(), kept.record, words!, GOOD)).toMatchObject({
      kind: 'conflict',
    });
  });

  it('sends once under 429s and lost answers, shared with the practitioner alone; the card goes out', async () => {
    const waits: number[] = [];
    const priya = await feedbackOf(SOCIAL_CARE, { retries: 0, policy: fastPolicy(waits) });
    const f = await facts();
    const current = await priya.open(jo.id);
    const fixed = await priya.save(f, current.record, current.words!, GOOD);
    if (fixed.kind !== 'saved') throw new Error(JSON.stringify(fixed));
    emulator.setFaults({ rate: 0.3, statuses: [429], retryAfterSeconds: 2, seed: 11 });
    let sent;
    try {
      sent = await priya.apply(f, fixed.record, fixed.words, { kind: 'send' });
    } finally {
      emulator.setFaults({ rate: 0 });
    }
    expect(sent.kind).toBe('moved');
    if (sent.kind !== 'moved') throw new Error(sent.kind);
    // The practitioner's dates item keeps when her agency's grades were agreed and when it went:
    // the overview report reads a year's feedback timeliness from these items alone.
    const [datesItem] = await readItems(clientOf(MANAGER), lists, 'FeedbackReplies', {
      filter: `fields/ReplyKey eq '${fixed.record.key}|dates'`,
    });
    expect({
      sent: Date.parse(String(datesItem?.fields['SentAt'])),
      agreed: Date.parse(String(datesItem?.fields['AgreedAt'])),
    }).toEqual({
      sent: Date.parse(sent.record.sentAt!),
      agreed: Date.parse(f.contributions.find((c) => c.agency === 'socialCare')!.gradesAgreedAt!),
    });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 2000)).toBe(true);
    // Alex's goes with every answer lost: still recorded once.
    const a = await priya.open(alex.id);
    const alexSaved = await priya.save(f, a.record, a.words!, GOOD);
    if (alexSaved.kind !== 'saved') throw new Error(JSON.stringify(alexSaved));
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    let alexSent;
    try {
      alexSent = await priya.apply(f, alexSaved.record, alexSaved.words, { kind: 'send' });
    } finally {
      emulator.setFaults({ lostRate: 0 });
    }
    expect(alexSent.kind).toBe('moved');
    expect((await trail()).filter((t) => t === 'feedbackSent')).toHaveLength(2);
    // The cards are queued by Priya and go 1:1 from her.
    const outbox = createOutbox(clientOf(SOCIAL_CARE), lists, {
      me: user(SOCIAL_CARE),
      cards,
      policy: fastPolicy(),
    });
    expect((await outbox.drain()).sent).toBe(2);
    const queued = (await readItems(clientOf(MANAGER), lists, 'NotificationOutbox')).filter(
      (i) => i.fields['EventType'] === 'feedbackReady',
    );
    expect(queued.map((i) => i.fields['RecipientId']).sort()).toEqual(
      [user(JO).id, user(ALEX).id].sort(),
    );
    expect(queued.every((i) => !String(i.fields['CardData']).includes('visits'))).toBe(true);
  });

  it('the practitioner reads and acknowledges with a reflection in a reply of their own, kept once after a lost answer', async () => {
    const mine = await feedbackOf(JO);
    const list = await mine.mine();
    const ours = list.find((r) => r.id === jo.id);
    expect(ours?.stage).toBe('sent');
    const { record, words } = await mine.open(jo.id);
    expect(words?.text).toEqual(GOOD);
    const read = await mine.apply(practitionerFacts(record), record, words, { kind: 'read' });
    if (read.kind !== 'moved') throw new Error(JSON.stringify(read));
    expect(read.record.readAt).toBeDefined();
    // Every answer to her writes is lost: the reflection and the dates are read back, kept once.
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    let ack;
    try {
      ack = await mine.apply(practitionerFacts(read.record), read.record, words, {
        kind: 'acknowledge',
        reflection: 'I will escalate sooner and say why in the record.',
      });
    } finally {
      emulator.setFaults({ lostRate: 0 });
    }
    if (ack.kind !== 'moved') throw new Error(JSON.stringify(ack));
    expect(ack.record.stage).toBe('acknowledged');
    // Opened afresh, by her and by the agency's auditor who wrote it.
    for (const n of [JO, SOCIAL_CARE]) {
      const again = (await open(n, jo)).record;
      expect({ who: n, stage: again.stage, reflection: again.reply?.reflection?.text }).toEqual({
        who: n,
        stage: 'acknowledged',
        reflection: 'I will escalate sooner and say why in the record.',
      });
    }
    // Her moves went to her reply: the state and the words are as the auditor left them.
    const state = await call(
      emulator,
      'GET',
      `${itemsPath(lists, 'Feedback')}/${jo.id}?expand=fields`,
      {
        token: tokenFor(upn(MANAGER)),
      },
    );
    expect(state.body.fields.Status).toBe('sent');
    expect(state.body.fields.AcknowledgedAt).toBeUndefined();
    const talk = await mine.apply(practitionerFacts(ack.record), ack.record, words, {
      kind: 'requestConversation',
    });
    expect(talk.kind).toBe('moved');
  });

  it("the practitioner cannot change the words, the state, or anyone else's reply; nobody else changes hers", async () => {
    const { record, words } = await open(JO, jo);
    const alexs = await open(SOCIAL_CARE, alex);
    const patch = (
      n: number,
      list: 'Feedback' | 'FeedbackWords' | 'FeedbackReplies',
      id: string,
      body: object,
    ) =>
      call(emulator, 'PATCH', `${itemsPath(lists, list)}/${id}/fields`, {
        token: tokenFor(upn(n)),
        body,
      });
    // Jo reads the words and the state (SharePoint gives her Read), and changes neither.
    expect(
      (await patch(JO, 'FeedbackWords', words!.id, { WorkedWell: 'Changed by Jo' })).status,
    ).toBe(403);
    expect((await patch(JO, 'Feedback', jo.id, { Status: 'draft' })).status).toBe(403);
    // Alex's reply and state are not even visible to her.
    const alexDates = alexs.record.reply?.dates?.id;
    if (!alexDates) throw new Error("Alex's feedback has no reply");
    expect(
      (await patch(JO, 'FeedbackReplies', alexDates, { AcknowledgedAt: new Date().toISOString() }))
        .status,
    ).toBe(404);
    expect((await patch(JO, 'Feedback', alex.id, { Status: 'acknowledged' })).status).toBe(404);
    // Her reflection is hers: the auditor who wrote the feedback and the lead auditor read it, never change it.
    const reflection = record.reply?.reflection?.id;
    if (!reflection) throw new Error("Jo's feedback has no reflection item");
    for (const n of [SOCIAL_CARE, LEAD])
      expect({
        who: n,
        status: (await patch(n, 'FeedbackReplies', reflection, { Reflection: 'Changed' })).status,
      }).toEqual({ who: n, status: 403 });

    // Alex, another practitioner, is refused all of Jo's items by SharePoint itself.
    for (const [list, id] of [
      ['Feedback', jo.id],
      ['FeedbackWords', words!.id],
      ['FeedbackReplies', reflection],
      ['FeedbackReplies', record.reply!.dates!.id],
    ] as const) {
      const res = await call(emulator, 'GET', `${itemsPath(lists, list)}/${id}`, {
        token: tokenFor(upn(ALEX)),
      });
      expect({ list, status: res.status }).toEqual({ list, status: 404 });
    }
    await expect((await feedbackOf(ALEX)).open(jo.id)).rejects.toMatchObject({ statusCode: 404 });
    // And the audit team, the lead auditor included, cannot change the state they read.
    const change = await patch(LEAD, 'Feedback', jo.id, { Status: 'sent' });
    expect(change.status).toBe(403);
  });

  it('the agency lead sees where it stands, and the reminders queue the conversation card to the sender', async () => {
    const states = await (await feedbackOf(CARE_LEAD)).forAgencies(['socialCare']);
    const ours = states.filter((r) => r.auditId === auditId);
    expect(ours.map((r) => [r.practitioner.displayName, r.stage]).sort()).toEqual([
      ['Alex Kim', 'sent'],
      ['Jo Fenwick', 'acknowledged'],
    ]);
    const manager = clientOf(MANAGER);
    const audits = (await readItems(manager, lists, 'Audits')).map(toAudit);
    const all = await (await feedbackOf(MANAGER)).all();
    const entries = feedbackReminderEntries(all, audits, new Date(), 10, user(MANAGER).id);
    const conversation = entries.filter((e) => e.event === 'conversationRequested');
    expect(conversation).toEqual([
      expect.objectContaining({ recipient: { kind: 'chat', userId: user(SOCIAL_CARE).id } }),
    ]);
    // Ten working days from now, Alex's unacknowledged feedback is reminded, once.
    const later = feedbackReminderEntries(
      all,
      audits,
      new Date(Date.now() + 20 * 86_400_000),
      10,
      user(MANAGER).id,
    ).filter((e) => e.event === 'feedbackReminder' && e.recordId === `feedback:${alex.id}`);
    expect(later).toHaveLength(1);
  });

  it("sends a theme's feedback at once, saying how far it got; an unfinished one is kept back with its reason", async () => {
    const lead = await feedbackOf(LEAD);
    const f = await facts();
    const chris = await lead.name(f, 'health', user(12));
    const nadia = await lead.name(f, 'health', user(13));
    if (chris.kind !== 'moved' || nadia.kind !== 'moved') throw new Error('not named');
    const written = await lead.save(f, chris.record, chris.words!, GOOD);
    if (written.kind !== 'saved') throw new Error(JSON.stringify(written));
    const progress: Array<[number, number]> = [];
    const result = await lead.sendMany(
      [
        { facts: f, record: written.record },
        { facts: f, record: nadia.record },
      ],
      (done, total) => progress.push([done, total]),
    );
    expect(result.sent).toBe(1);
    expect(result.refused.map((r) => [r.record.practitioner.displayName, r.reason])).toEqual([
      [
        'Nadia Hussain',
        expect.stringMatching(/^Write every part before you send it: What worked well; /),
      ],
    ]);
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect((await lead.open(chris.record.id)).record.stage).toBe('sent');
    expect((await lead.open(nadia.record.id)).record.stage).toBe('draft');
  });

  it("the agency lead reads their agency's sent words and reflections only while the partnership's setting allows it, enforced by SharePoint", async () => {
    const HEALTH_LEAD = 14;
    const { record, words } = await open(SOCIAL_CARE, jo);
    const reflection = record.reply!.reflection!.id;
    const dates = record.reply!.dates!.id;
    const get = async (n: number, list: 'FeedbackWords' | 'FeedbackReplies', id: string) =>
      (await call(emulator, 'GET', `${itemsPath(lists, list)}/${id}`, { token: tokenFor(upn(n)) }))
        .status;
    // Off (the default): the words and the reflection are not there for her; the dates are.
    expect(await get(CARE_LEAD, 'FeedbackWords', words!.id)).toBe(404);
    expect(await get(CARE_LEAD, 'FeedbackReplies', reflection)).toBe(404);
    expect(await get(CARE_LEAD, 'FeedbackReplies', dates)).toBe(200);
    const careLead = await feedbackOf(CARE_LEAD);
    expect(await careLead.agencyLeadsRead()).toBe(false);
    const seen = (await careLead.forAgencies(['socialCare'])).find((r) => r.id === jo.id);
    expect({ stage: seen?.stage, reflection: seen?.reply?.reflection }).toEqual({
      stage: 'acknowledged',
      reflection: undefined,
    });
    // Only the business manager may switch it: SharePoint refuses the audit team the setting.
    await expect(careLead.setAgencyLeadsRead(true)).rejects.toMatchObject({ statusCode: 403 });

    // On: the feedback already sent is shared with each agency's lead, and running it again changes nothing.
    const manager = await feedbackOf(MANAGER);
    const progress: Array<[number, number]> = [];
    const first = await manager.setAgencyLeadsRead(true, (done, total) =>
      progress.push([done, total]),
    );
    expect(first.items).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([first.items, first.items]);
    expect((await manager.setAgencyLeadsRead(true)).items).toBe(first.items);
    expect(await get(CARE_LEAD, 'FeedbackWords', words!.id)).toBe(200);
    expect(await get(CARE_LEAD, 'FeedbackReplies', reflection)).toBe(200);
    expect((await careLead.open(jo.id)).words?.text).toEqual(GOOD);
    const read = (await careLead.forAgencies(['socialCare'])).find((r) => r.id === jo.id);
    expect(read?.reply?.reflection?.text).toBe('I will escalate sooner and say why in the record.');
    // Still only their own agency's: the health lead reads none of social care's.
    expect(await get(HEALTH_LEAD, 'FeedbackWords', words!.id)).toBe(404);

    // Sent while it is on: shared with the agency's lead at send.
    const lead = await feedbackOf(LEAD);
    const f = await facts();
    const nadia = (await lead.forAudit(auditId)).find((r) => r.practitioner.id === user(13).id)!;
    const nadiaWords = (await lead.open(nadia.id)).words!;
    const written = await lead.save(f, nadia, nadiaWords, GOOD);
    if (written.kind !== 'saved') throw new Error(JSON.stringify(written));
    expect(await get(HEALTH_LEAD, 'FeedbackWords', nadiaWords.id)).toBe(404);
    const sent = await lead.apply(f, written.record, written.words, { kind: 'send' });
    expect(sent.kind).toBe('moved');
    expect(await get(HEALTH_LEAD, 'FeedbackWords', nadiaWords.id)).toBe(200);

    // Off again: taken back, from the feedback shared at send too.
    await manager.setAgencyLeadsRead(false);
    expect(await get(CARE_LEAD, 'FeedbackWords', words!.id)).toBe(404);
    expect(await get(CARE_LEAD, 'FeedbackReplies', reflection)).toBe(404);
    expect(await get(HEALTH_LEAD, 'FeedbackWords', nadiaWords.id)).toBe(404);
    expect(await get(CARE_LEAD, 'FeedbackReplies', dates)).toBe(200);
    // The practitioner and the writers keep theirs.
    expect(await get(JO, 'FeedbackWords', words!.id)).toBe(200);
    expect(await get(SOCIAL_CARE, 'FeedbackReplies', reflection)).toBe(200);
  });
});
