/**
 * Workloads that put the product's writes through injected faults with two tabs at once, and
 * count the result by reading it back: what was lost and what was doubled. Shared by the
 * integration tests (small counts) and `npm run bench -- reliability` (the full counts).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { EMPTY_ANSWER, type SectionAnswer } from '../../src/domain/answers.js';
import type { CardContext } from '../../src/domain/cards/cards.js';
import { MULTI_AGENCY } from '../../src/domain/agencies.js';
import type { CommissionRequest } from '../../src/domain/commissioning.js';
import type { Audit, PersonRef } from '../../src/domain/records.js';
import type { Emulator } from '../../src/emulator/server.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import {
  createAuditWorkspace,
  type SaveOutcome,
  type SectionChange,
} from '../../src/graph/auditWorkspace.js';
import { createChildAtRisk } from '../../src/graph/childAtRisk.js';
import { auditFields } from '../../src/graph/fields.js';
import { type ListItem, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { toAudit } from '../../src/graph/mappers.js';
import {
  attachmentIdFor,
  createOutbox,
  idempotencyKey,
  type OutboxEntry,
} from '../../src/graph/outbox.js';
import { createProgrammeService } from '../../src/graph/programme.js';
import { provisionSite } from '../../src/graph/provision.js';
import type { StoredSectionAnswer } from '../../src/graph/sectionAnswers.js';
import { createAllOnce, isTransient } from '../../src/graph/writes.js';
import { clientFor } from './emulator.js';

export const CARDS: CardContext = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' },
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
};

export const person = (n: number): PersonRef => ({
  id: SEED_USERS[n]!.id,
  displayName: SEED_USERS[n]!.displayName,
});
/** The business manager: the person of both tabs. */
export const ME = person(0);
const CHANNEL = { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID };
export const AGENCY_LEADS = { police: person(10), health: person(11) };

/** Faults at a level: that share of requests answered 429, 503 or 504 with a real Retry-After,
 * and half that share of answers lost (single writes, whole batches, writes inside batches). */
export function faultsAt(level: number, seed: number) {
  return {
    rate: level,
    statuses: [429, 503, 504],
    retryAfterSeconds: 1,
    lostRate: level / 2,
    batchLostRate: level / 2,
    batchItemLostRate: level / 2,
    rateLimits: true,
    seed,
  };
}
export const NO_FAULTS = {
  rate: 0,
  lostRate: 0,
  batchLostRate: 0,
  batchItemLostRate: 0,
  rateLimits: false,
};

export type Tab = {
  readonly name: string;
  readonly client: Client;
  readonly outbox: ReturnType<typeof createOutbox>;
  readonly programme: ReturnType<typeof createProgrammeService>;
  readonly childAtRisk: ReturnType<typeof createChildAtRisk>;
  readonly workspace: ReturnType<typeof createAuditWorkspace>;
};

/** Provisions the site and opens two tabs of the business manager: two clients, two drainers. */
export async function openTwoTabs(emulator: Emulator): Promise<{ lists: SiteLists; tabs: Tab[] }> {
  const upn = SEED_USERS[0]!.userPrincipalName;
  const lists = await provisionSite(
    clientFor(emulator, upn),
    `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`,
  );
  const tabs = ['tab A', 'tab B'].map((name) => {
    const client = clientFor(emulator, upn);
    const now = () => new Date();
    const outbox = createOutbox(client, lists, { me: ME, cards: CARDS, now });
    return {
      name,
      client,
      outbox,
      programme: createProgrammeService(client, lists, {
        outbox,
        cards: CARDS,
        channel: CHANNEL,
        me: ME,
        now,
      }),
      childAtRisk: createChildAtRisk(client, lists, {
        outbox,
        agencyLeads: AGENCY_LEADS,
        me: ME,
        now,
      }),
      workspace: createAuditWorkspace(client, lists),
    };
  });
  return { lists, tabs };
}

export type Tally = {
  readonly what: string;
  readonly expected: number;
  readonly lost: number;
  readonly doubled: number;
  readonly ms: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Tries an operation again while it fails transiently (Graph unreachable past every retry), as
 * a person pressing "try again" or the tab's own timer would. Any other failure is thrown.
 */
export async function persist<T>(op: () => Promise<T>, limit = 60): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!isTransient(e) || attempt >= limit) throw e;
      await sleep(1000);
    }
  }
}

/** Runs tasks a few at a time. */
async function pool<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

async function readAll(client: Client, lists: SiteLists, list: Parameters<typeof readItems>[2]) {
  return persist(() => readItems(client, lists, list, { top: 5000 }));
}

const answer = (text: string): SectionAnswer => ({
  ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
  grade: 'good',
  evidence: text,
});

/**
 * Section saves: each tab runs `editors` editors at once, each saving `sections` sections of its
 * own audit `rounds` times in `$batch` requests, as the form does (a section told "retry" is sent
 * again after Retry-After; a whole save that fails is sent again from the same versions).
 */
export async function sectionSaves(
  tabs: readonly Tab[],
  lists: SiteLists,
  shape: { editors: number; sections: number; rounds: number; firstAudit: number },
): Promise<Tally> {
  const started = performance.now();
  const auditIds: string[] = [];
  await Promise.all(
    tabs.map(async (tab, t) => {
      const editors = Array.from({ length: shape.editors }, (_, e) =>
        String(shape.firstAudit + t * shape.editors + e),
      );
      auditIds.push(...editors);
      await pool(editors, shape.editors, async (auditId) => {
        const base = new Map<string, StoredSectionAnswer>();
        for (let round = 0; round < shape.rounds; round++) {
          let pending = Array.from({ length: shape.sections }, (_, s) => `s${s}`);
          for (let tries = 0; pending.length > 0; tries++) {
            if (tries > 60) throw new Error(`audit ${auditId}: sections never saved`);
            const changes: SectionChange[] = pending.map((sectionId) => ({
              sectionId,
              answer: answer(`${auditId}/${sectionId}/r${round}`),
              base: base.get(sectionId),
            }));
            const outcomes: SaveOutcome[] = await persist(() =>
              tab.workspace.saveSections(auditId, 'police', changes),
            );
            let wait = 0;
            const again: string[] = [];
            for (const o of outcomes) {
              if (o.kind === 'saved') base.set(o.sectionId, o.stored);
              else if (o.kind === 'retry') {
                again.push(o.sectionId);
                wait = Math.max(wait, o.retryAfterSeconds * 1000);
              } else throw new Error(`audit ${auditId} ${o.sectionId}: unexpected conflict`);
            }
            pending = again;
            if (wait > 0) await sleep(wait);
          }
        }
      });
    }),
  );
  const ms = performance.now() - started;
  const stored = (await readAll(tabs[0]!.client, lists, 'SectionAnswers')).filter((i) =>
    auditIds.includes(String(i.fields['AuditId'])),
  );
  const byKey = countBy(stored, (i) => `${i.fields['AuditId']}:${i.fields['SectionId']}`);
  let lost = 0;
  for (const auditId of auditIds)
    for (let s = 0; s < shape.sections; s++) {
      const found = stored.filter(
        (i) => String(i.fields['AuditId']) === auditId && i.fields['SectionId'] === `s${s}`,
      );
      if (!found.some((i) => i.fields['Evidence'] === `${auditId}/s${s}/r${shape.rounds - 1}`))
        lost++;
    }
  return {
    what: 'section saves',
    expected: auditIds.length * shape.sections * shape.rounds,
    lost: lost * shape.rounds,
    doubled: extras(byKey),
    ms,
  };
}

const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};
const extras = (m: Map<string, number>) => [...m.values()].reduce((n, c) => n + c - 1, 0);

function notification(i: number, people: readonly string[]): OutboxEntry {
  return {
    recordId: `bench:${i}`,
    event: 'auditAssigned',
    recipient:
      i % 8 === 0
        ? { kind: 'channel', ...CHANNEL }
        : { kind: 'chat', userId: people[i % people.length]! },
    card: {
      kind: 'auditAssigned',
      data: {
        audits: [
          {
            id: String(i + 1),
            caseReference: `NSP-CP-${String(i).padStart(4, '0')}`,
            category: 'childProtection',
            role: 'Police',
          },
        ],
        due: '2027-01-15T00:00:00Z',
      },
    },
  };
}

/** Drains with every tab at once until nothing of mine is pending or being sent. */
export async function drainAll(tabs: readonly Tab[], lists: SiteLists, limitMs = 1_200_000) {
  const until = Date.now() + limitMs;
  let open = true;
  const monitor = async () => {
    const items = await readAll(tabs[0]!.client, lists, 'NotificationOutbox');
    open = items.some((i) => i.fields['Status'] === 'pending' || i.fields['Status'] === 'sending');
  };
  await monitor();
  await Promise.all(
    tabs.map(async (tab) => {
      while (open) {
        if (Date.now() > until) throw new Error('the outbox did not drain in time');
        await persist(() => tab.outbox.drain());
        await sleep(500);
        await monitor();
      }
    }),
  );
}

/** Every message in a chat or channel, page by page. */
async function messages(
  client: Client,
  path: string,
): Promise<Array<{ attachments?: Array<{ id: string }> }>> {
  const out: Array<{ attachments?: Array<{ id: string }> }> = [];
  let page = await persist(() => client.api(path).top(50).get());
  for (;;) {
    out.push(...page.value);
    const next = page['@odata.nextLink'] as string | undefined;
    if (!next) return out;
    page = await persist(() => client.api(next.replace(/^https?:\/\/[^/]+\/v1\.0/, '')).get());
  }
}

/** How often each card (by its attachment id) was delivered to these recipients. */
export async function deliveries(
  client: Client,
  people: readonly string[],
): Promise<Map<string, number>> {
  const paths = [`/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`];
  for (const id of people) {
    const chat = await persist(() =>
      client.api('/chats').post({
        chatType: 'oneOnOne',
        members: [ME.id, id].map((m) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          roles: ['owner'],
          'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${m}')`,
        })),
      }),
    );
    paths.push(`/chats/${encodeURIComponent(chat.id as string)}/messages`);
  }
  const delivered = new Map<string, number>();
  for (const path of paths)
    for (const m of await messages(client, path))
      for (const a of m.attachments ?? []) delivered.set(a.id, (delivered.get(a.id) ?? 0) + 1);
  return delivered;
}

/** Notifications: each tab queues half, then both drain at once. Counted in the chats. */
export async function notifications(
  tabs: readonly Tab[],
  lists: SiteLists,
  shape: { count: number; first: number },
): Promise<Tally> {
  const people = SEED_USERS.slice(1, 17).map((u) => u.id);
  const entries = Array.from({ length: shape.count }, (_, i) =>
    notification(shape.first + i, people),
  );
  const started = performance.now();
  await Promise.all(
    tabs.map((tab, t) =>
      persist(() => tab.outbox.enqueue(entries.filter((_, i) => i % tabs.length === t))),
    ),
  );
  await drainAll(tabs, lists);
  const ms = performance.now() - started;
  const delivered = await deliveries(tabs[0]!.client, people);
  let lost = 0;
  let doubled = 0;
  for (const e of entries) {
    const n = delivered.get(attachmentIdFor(idempotencyKey(e))) ?? 0;
    if (n === 0) lost++;
    if (n > 1) doubled += n - 1;
  }
  return { what: 'notifications', expected: shape.count, lost, doubled, ms };
}

/** Commissionings: both tabs submit every commission (the same id), each again until it passes. */
export async function commissionings(
  tabs: readonly Tab[],
  lists: SiteLists,
  shape: { count: number; first: number; themeId: string },
): Promise<Tally> {
  const jobs = Array.from({ length: shape.count }, (_, i) => {
    const n = shape.first + i;
    const req: CommissionRequest = {
      themeId: shape.themeId,
      themeTitle: 'Neglect',
      caseReferences: [`NSP-CM-${String(n).padStart(5, '0')}`],
      category: 'childProtection',
      periodStart: '2025-11-01',
      periodEnd: '2026-10-31',
      agencies: ['police', 'health'],
      auditors: { police: person(2 + (n % 4)), health: person(6 + (n % 3)) },
      leadAuditor: person(9),
      signOffManager: person(12),
      dueDate: '2027-01-15',
    };
    return { id: `commission-${String(n).padStart(6, '0')}`, req };
  });
  const started = performance.now();
  await Promise.all(
    tabs.map((tab, t) =>
      pool(t === 0 ? jobs : [...jobs].reverse(), 5, async (job) => {
        await persist(() => tab.programme.commission(job.req, job.id));
      }),
    ),
  );
  const ms = performance.now() - started;
  const client = tabs[0]!.client;
  const [audits, contributions, events, outbox] = await Promise.all([
    readAll(client, lists, 'Audits'),
    readAll(client, lists, 'AgencyContributions'),
    readAll(client, lists, 'AuditEvents'),
    readAll(client, lists, 'NotificationOutbox'),
  ]);
  let lost = 0;
  let doubled = 0;
  const tally = (found: number, want: number) => {
    if (found < want) lost += want - found;
    if (found > want) doubled += found - want;
  };
  for (const job of jobs) {
    const mine = audits.filter((a) => a.fields['CaseReference'] === job.req.caseReferences[0]);
    tally(mine.length, 1);
    const auditId = mine[0] ? Number(mine[0].id) : -1;
    // Each agency's contribution and the lead auditor's own multi-agency judgement, once each.
    for (const contributor of [...job.req.agencies, MULTI_AGENCY])
      tally(
        contributions.filter(
          (c) => c.fields['AuditId'] === auditId && c.fields['Agency'] === contributor,
        ).length,
        1,
      );
    tally(
      events.filter(
        (e) => e.fields['AuditId'] === auditId && e.fields['EventType'] === 'commissioned',
      ).length,
      1,
    );
    // One channel card, and one card each for the two auditors and the lead auditor.
    tally(outbox.filter((o) => o.fields['RecordId'] === `commission:${job.id}`).length, 4);
  }
  return { what: 'commissionings', expected: shape.count, lost, doubled, ms };
}

/** Audits to raise "child at risk now" on, made without faults. */
export async function auditsForRaises(
  tab: Tab,
  lists: SiteLists,
  shape: { count: number; first: number },
): Promise<Audit[]> {
  const keys = Array.from({ length: shape.count }, (_, i) => `risk-setup-${shape.first + i}`);
  await createAllOnce(
    tab.client,
    lists,
    keys.map((key, i) => ({
      list: 'Audits',
      keyField: 'AuditKey',
      fields: {
        ...auditFields({
          caseReference: `NSP-CR-${String(shape.first + i).padStart(5, '0')}`,
          category: 'childProtection',
          themeId: '1',
          status: 'inProgress',
          tool: { id: 'childProtection', version: 2 },
          periodStart: '2025-11-01T00:00:00Z',
          periodEnd: '2026-10-31T00:00:00Z',
          agencies: ['police', 'health'],
          leadAuditor: person(9),
          signOffManager: person(12),
          commissionedBy: person(1),
          commissionedAt: '2026-11-01T00:00:00Z',
          dueDate: '2027-01-15T00:00:00Z',
        }),
        AuditKey: key,
      },
    })),
  );
  const all = await readAll(tab.client, lists, 'Audits');
  return keys.map((k) => toAudit(all.find((a) => a.fields['AuditKey'] === k) as ListItem));
}

/** Child-at-risk raises: both tabs raise every audit at once, from the same view of it. */
export async function raises(
  tabs: readonly Tab[],
  lists: SiteLists,
  audits: readonly Audit[],
): Promise<Tally> {
  const started = performance.now();
  await Promise.all(
    tabs.map((tab, t) =>
      pool(t === 0 ? audits : [...audits].reverse(), 5, async (audit) => {
        await persist(() => tab.childAtRisk.raise(audit, 'Concern recorded in the case file.'));
      }),
    ),
  );
  const ms = performance.now() - started;
  return { ...(await countRaises(tabs[0]!.client, lists, audits)), ms };
}

/** The flag, one trail event and one card item per recipient for each audit, counted. */
export async function countRaises(
  client: Client,
  lists: SiteLists,
  audits: readonly Audit[],
): Promise<Omit<Tally, 'ms'>> {
  const [stored, events, outbox] = await Promise.all([
    readAll(client, lists, 'Audits'),
    readAll(client, lists, 'AuditEvents'),
    readAll(client, lists, 'NotificationOutbox'),
  ]);
  let lost = 0;
  let doubled = 0;
  const tally = (found: number, want: number) => {
    if (found < want) lost += want - found;
    if (found > want) doubled += found - want;
  };
  for (const audit of audits) {
    const item = stored.find((a) => a.id === audit.id);
    tally(item?.fields['ChildAtRisk'] === true && item.fields['ChildAtRiskNotifiedAt'] ? 1 : 0, 1);
    tally(
      events.filter(
        (e) =>
          e.fields['AuditId'] === Number(audit.id) && e.fields['EventType'] === 'childAtRiskRaised',
      ).length,
      1,
    );
    // The business manager who commissioned it and the leads of its two agencies.
    tally(
      outbox.filter((o) => String(o.fields['RecordId']).startsWith(`risk:${audit.id}:`)).length,
      3,
    );
  }
  return { what: 'child-at-risk raises', expected: audits.length, lost, doubled };
}
