/**
 * The register and the overview against the emulator, which refuses any filter or order on an
 * unindexed column as SharePoint does on a big list: paging, filters and sorting on a list of
 * hundreds of audits; a commissioning left part done and finished; a duplicate case refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { DEMO_AUDITS } from '../../src/cli/demoData.js';
import type { CommissionRequest } from '../../src/domain/commissioning.js';
import { type Audit, AUDIT_STATUSES, CATEGORIES } from '../../src/domain/records.js';
import { DEFAULT_FILTERS, matches, type RegisterFilters } from '../../src/domain/register.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import { auditFields } from '../../src/graph/fields.js';
import type { SiteLists } from '../../src/graph/listItems.js';
import { createOutbox } from '../../src/graph/outbox.js';
import { createProgrammeService, DuplicateReferenceError } from '../../src/graph/programme.js';
import { provisionSite } from '../../src/graph/provision.js';
import { createRegister, PAGE_SIZE } from '../../src/graph/register.js';
import { createRepositories } from '../../src/graph/repositories.js';
import { createAllOnce } from '../../src/graph/writes.js';
import { latestTool } from '../../src/domain/tools/index.js';
import {
  BUSINESS_MANAGER,
  clientFor,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';

let emulator: TestEmulator;
let client: Client;
let lists: SiteLists;
const NOW = new Date();
const DAY = 86_400_000;
const user = (n: number) => ({
  id: SEED_USERS[n - 1]!.id,
  displayName: SEED_USERS[n - 1]!.displayName,
});
const cards = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' },
  caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
} as const;
const service = (c: Client) =>
  createProgrammeService(c, lists, {
    outbox: createOutbox(c, lists, { me: user(1), cards }),
    me: user(1),
    now: () => new Date(),
    channel: { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
    cards,
    policy: { attempts: 3, sleep: async () => {} },
  });

const BULK = 260;
beforeAll(async () => {
  emulator = await testEmulator();
  client = clientFor(emulator, BUSINESS_MANAGER);
  lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await seedDemoData(client, lists);
  const theme = (await createRepositories(client, lists).programme.list())[0]!;
  // A big register: hundreds of audits across statuses, categories, agencies and due dates.
  const agencies = ['socialCare', 'health', 'police', 'education', 'earlyHelp'] as const;
  await createAllOnce(
    client,
    lists,
    Array.from({ length: BULK }, (_, i) => ({
      list: 'Audits' as const,
      keyField: 'AuditKey',
      fields: {
        ...auditFields({
          caseReference: `NSP-BK-${String(1000 + i)}`,
          category: CATEGORIES[i % 4]!,
          themeId: theme.id,
          status: AUDIT_STATUSES[i % 8]!,
          tool: latestTool(CATEGORIES[i % 4]!),
          periodStart: new Date(NOW.getTime() - 365 * DAY).toISOString(),
          periodEnd: new Date(NOW.getTime() - DAY).toISOString(),
          agencies: [agencies[i % 5]!, agencies[(i + 2) % 5]!],
          leadAuditor: user(7),
          signOffManager: user(8),
          commissionedBy: user(1),
          commissionedAt: new Date(NOW.getTime() - (i % 50) * DAY).toISOString(),
          dueDate: new Date(NOW.getTime() + ((i % 23) - 11) * DAY).toISOString(),
        }),
        ChildAtRisk: i % 7 === 0,
        AuditKey: `bulk:${i}`,
      },
    })),
  );
}, 120_000);
afterAll(async () => {
  await emulator?.dispose();
});

async function everyAudit(): Promise<Audit[]> {
  return createRepositories(client, lists).audits.list();
}

/** Every row of a filtered register, view after view. */
async function wholeRegister(f: RegisterFilters): Promise<{ refs: string[]; views: number }> {
  const register = createRegister(client, lists);
  const refs: string[] = [];
  let next: string | undefined;
  let views = 0;
  do {
    const page = await register.page(f, NOW, next);
    expect(page.rows.length).toBeLessThan(f.agency ? 2 * PAGE_SIZE : PAGE_SIZE + 1);
    refs.push(...page.rows.map((r) => r.audit.caseReference));
    next = page.next;
    views++;
  } while (next);
  return { refs, views };
}

describe('the register on a big list', () => {
  it('pages through every audit in due order with indexed queries only', async () => {
    const all = await everyAudit();
    expect(all.length).toBeGreaterThan(BULK);
    const { refs, views } = await wholeRegister(DEFAULT_FILTERS);
    expect(views).toBe(Math.ceil(all.length / PAGE_SIZE));
    expect(refs).toEqual(all.map((a) => a.caseReference)); // audits.list() reads in due order
  });

  it.each<[string, Partial<RegisterFilters>]>([
    ['status', { status: 'moderation' }],
    ['category and status', { category: 'childInNeed', status: 'inProgress' }],
    ['overdue', { overdue: true }],
    ['due this week', { dueThisWeek: true }],
    ['child at risk now', { childAtRisk: true }],
    ['agency', { agency: 'police' }],
    ['agency and overdue', { agency: 'education', overdue: true }],
    ['reference', { reference: 'NSP-BK-11' }],
  ])('filters by %s exactly as the rule says', async (_, partial) => {
    const f = { ...DEFAULT_FILTERS, ...partial };
    const expected = (await everyAudit()).filter((a) => matches(a, f, NOW));
    expect(expected.length).toBeGreaterThan(0);
    const { refs } = await wholeRegister(f);
    expect([...refs].sort()).toEqual(expected.map((a) => a.caseReference).sort());
  });

  it('sorts by case reference, either way', async () => {
    const f: RegisterFilters = {
      ...DEFAULT_FILTERS,
      reference: 'NSP-BK',
      sort: 'reference',
      descending: true,
    };
    const { refs } = await wholeRegister(f);
    expect(refs).toHaveLength(BULK);
    expect(refs).toEqual([...refs].sort().reverse());
  });

  it('counts the overview figures as the registers they open', async () => {
    const themes = await createRepositories(client, lists).programme.list();
    const o = await createRegister(client, lists).overview(themes, NOW);
    expect(o.figures.overdue).toBe(
      (await wholeRegister({ ...DEFAULT_FILTERS, overdue: true })).refs.length,
    );
    expect(o.figures.awaitingSignOff).toBe(
      (await wholeRegister({ ...DEFAULT_FILTERS, status: 'awaitingSignOff' })).refs.length,
    );
    expect(o.themes[0]!.commissioned).toBeGreaterThan(BULK / 2);
  });
});

const request = (refs: string[], theme: { id: string; title: string }): CommissionRequest => ({
  themeId: theme.id,
  themeTitle: theme.title,
  caseReferences: refs,
  category: 'childProtection',
  periodStart: '2025-11-01',
  periodEnd: '2026-10-31',
  agencies: ['socialCare', 'health'],
  auditors: { socialCare: user(2), health: user(3) },
  leadAuditor: user(7),
  signOffManager: user(8),
  dueDate: new Date(NOW.getTime() + 30 * DAY).toISOString().slice(0, 10),
});

/** A client whose `$batch` requests fail: commissioning makes its audits and nothing after. */
const batchFails = (c: Client): Client =>
  new Proxy(c, {
    get(target, prop, receiver) {
      if (prop === 'api')
        return (path: string) =>
          path.includes('$batch')
            ? {
                post: async () => {
                  throw new GraphError(503, 'The service is unavailable.');
                },
              }
            : target.api(path);
      return Reflect.get(target, prop, receiver);
    },
  });

describe('commissioning left part done, and finished', () => {
  it('shows what is missing, and finishing makes exactly that', async () => {
    const theme = (await createRepositories(client, lists).programme.list())[0]!;
    await expect(
      service(batchFails(client)).commission(
        request(['NSP-CP-1023'], theme),
        'commission-partial-1',
      ),
    ).rejects.toThrow();
    const register = createRegister(client, lists);
    const before = await register.page({ ...DEFAULT_FILTERS, reference: 'NSP-CP-1023' }, NOW);
    expect(before.rows).toHaveLength(1);
    expect(before.rows[0]!.missing).toEqual([
      { kind: 'contribution', contributor: 'socialCare' },
      { kind: 'contribution', contributor: 'health' },
      { kind: 'contribution', contributor: 'multiAgency' },
      { kind: 'trailEvent' },
    ]);

    const ids = await service(client).finish(before.rows[0]!.audit.id);
    expect(ids).toEqual([before.rows[0]!.audit.id]);
    const after = await register.page({ ...DEFAULT_FILTERS, reference: 'NSP-CP-1023' }, NOW);
    expect(after.rows).toHaveLength(1);
    expect(after.rows[0]!.missing).toEqual([]);
    expect(after.rows[0]!.progress).toEqual({ submitted: 0, total: 2 });
    // Finishing again changes nothing: every record is found by its key.
    await service(client).finish(before.rows[0]!.audit.id);
    const contributions = await client
      .api(`/sites/${lists.siteId}/lists/${lists.listIds.AgencyContributions}/items`)
      .expand('fields')
      .filter(`fields/AuditId eq ${Number(ids[0])}`)
      .get();
    expect(contributions.value).toHaveLength(3);
  });

  it('refuses a case already under audit, naming the audit; a re-audit links to it', async () => {
    const theme = (await createRepositories(client, lists).programme.list())[0]!;
    const open = DEMO_AUDITS.find((a) => a.status === 'inProgress')!.caseReference;
    const existing = (await everyAudit()).find((a) => a.caseReference === open)!;
    const refused = service(client).commission(
      request([open, 'NSP-CP-1024'], theme),
      'commission-dup-1',
    );
    await expect(refused).rejects.toBeInstanceOf(DuplicateReferenceError);
    await expect(refused).rejects.toMatchObject({
      existing: [{ auditId: existing.id, caseReference: open, status: existing.status }],
      message: expect.stringContaining(`${open} is already being audited`),
    });
    // Nothing was written, not even the other case.
    expect((await everyAudit()).some((a) => a.caseReference === 'NSP-CP-1024')).toBe(false);

    const [id] = await service(client).commission(
      { ...request([open], theme), reaudit: true },
      'commission-reaudit-1',
    );
    const page = await createRegister(client, lists).page(
      { ...DEFAULT_FILTERS, reference: open },
      NOW,
    );
    expect(page.rows.find((r) => r.audit.id === id)?.reauditOf).toBe(existing.id);
  });
});
