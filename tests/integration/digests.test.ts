/**
 * The Digests list against the emulator: a window of days read cold in a few large pages through
 * the indexed SignedOffAt filter (and a delta token taken first), a second opening reading only
 * what changed through delta (added, changed, moved out of the window, deleted, unreadable), a
 * delta token Graph no longer honours starting again cold, and a digest kept once however often
 * sign-off's follow-up is tried.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GRADES } from '../../src/domain/grading.js';
import type { AuditDigest } from '../../src/domain/report/digest.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { createGraphClient } from '../../src/graph/client.js';
import {
  createDigestReader,
  type DigestCache,
  digestFields,
  storeDigest,
} from '../../src/graph/digests.js';
import { itemPath, itemsPath, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { provisionSite } from '../../src/graph/provision.js';
import { createAllOnce } from '../../src/graph/writes.js';
import {
  BUSINESS_MANAGER,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

let emulator: TestEmulator;
let lists: SiteLists;
let requests = 0;
let client: ReturnType<typeof createGraphClient>;

const YEAR = { from: '2026-04-01', to: '2027-03-31' };

const digest = (id: number, signedOffAt: string, grade = GRADES[id % 4]!): AuditDigest => ({
  auditId: String(id),
  caseReference: `NSP-CP-${String(id).padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId: '3',
  signedOffAt,
  agencies: ['socialCare', 'health'],
  auditors: [{ agency: 'health', id: 'u-health', name: 'Fictional Auditor' }],
  areas: [
    {
      sectionId: 'planning',
      multiAgency: grade,
      agencies: [{ agency: 'health', grade, moderated: grade }],
    },
  ],
  reauditOf: undefined,
});

beforeAll(async () => {
  emulator = await testEmulator();
  const token = tokenFor(BUSINESS_MANAGER);
  client = createGraphClient({
    baseUrl: emulator.url,
    // One token a request: the middleware asks before each request it sends.
    tokens: {
      getToken: async () => {
        requests += 1;
        return token;
      },
    },
  });
  const provisioned = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = { siteId: provisioned.siteId, listIds: provisioned.listIds };
  // 6,000 in the year (more than one page), a few either side of it.
  const inYear = Array.from({ length: 6000 }, (_, i) =>
    digest(i + 1, new Date(Date.UTC(2026, 3, 2) + (i % 360) * 86_400_000).toISOString()),
  );
  const outside = [
    digest(7001, '2026-03-30T12:00:00Z'),
    digest(7002, '2027-04-02T12:00:00Z'),
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time): in the year.
    digest(7003, '2026-03-31T23:30:00Z'),
  ];
  await createAllOnce(
    client,
    lists,
    [...inYear, ...outside].map((d) => ({
      list: 'Digests' as const,
      keyField: 'DigestKey',
      fields: digestFields(d),
    })),
  );
  // Six thousand keyed creates take about a minute on an idle machine and three on a busy one.
}, 600_000);

afterAll(async () => {
  await emulator.dispose();
});

describe("a year's digests", () => {
  const cache: DigestCache = new Map();

  it('cold: the year in three requests (a delta token, two pages of 5,000), London days', async () => {
    requests = 0;
    const read = await createDigestReader(client, lists, cache).read([YEAR]);
    expect(requests).toBe(3);
    expect(read.digests).toHaveLength(6001);
    expect(read.digests.map((d) => d.auditId)).toContain('7003');
    expect(read.digests.map((d) => d.auditId)).not.toContain('7001');
    expect(read.digests.map((d) => d.auditId)).not.toContain('7002');
    expect(read.unreadable).toEqual([]);
  });

  it('warm: one delta request brings what was added, changed, moved out, deleted or unreadable', async () => {
    const [first, second, third] = await readItems(client, lists, 'Digests', {
      filter: 'fields/AuditId le 3',
    });
    await client.api(`${itemPath(lists, 'Digests', first!.id)}/fields`).patch({
      Digest: digestFields(
        digest(Number(first!.fields['AuditId']), '2026-06-01T09:00:00Z', 'inadequate'),
      ).Digest,
    });
    await client.api(`${itemPath(lists, 'Digests', second!.id)}/fields`).patch({
      Digest: digestFields(digest(Number(second!.fields['AuditId']), '2025-06-01T09:00:00Z'))
        .Digest,
    });
    await client.api(itemPath(lists, 'Digests', third!.id)).delete();
    await client.api(itemsPath(lists, 'Digests')).post({
      fields: digestFields(digest(8001, '2026-09-09T10:00:00Z')),
    });
    const bad = await client.api(itemsPath(lists, 'Digests')).post({
      fields: { DigestKey: '8002', AuditId: 8002, Digest: '{"v":9}' },
    });

    requests = 0;
    const read = await createDigestReader(client, lists, cache).read([YEAR]);
    expect(requests).toBe(1);
    const ids = read.digests.map((d) => d.auditId);
    expect(read.digests).toHaveLength(6001 - 2 + 1);
    expect(ids).toContain('8001');
    expect(ids).not.toContain(String(second!.fields['AuditId']));
    expect(ids).not.toContain(String(third!.fields['AuditId']));
    expect(
      read.digests.find((d) => d.auditId === String(first!.fields['AuditId']))?.areas[0]
        ?.multiAgency,
    ).toBe('inadequate');
    expect(read.unreadable).toEqual([
      {
        itemId: bad.id,
        reason: 'A stored audit digest cannot be read: it is version 9, not 1 or 2.',
      },
    ]);

    // Nothing changed since: one request, the same digests.
    requests = 0;
    const again = await createDigestReader(client, lists, cache).read([YEAR]);
    expect(requests).toBe(1);
    expect(again.digests).toHaveLength(read.digests.length);
  });

  it('a delta token Graph refuses (410) starts again cold, and the figures are whole', async () => {
    const state = cache.values().next().value!;
    state.deltaLink = state.deltaLink.replace(/token=[^&]+/, 'token=forged.token');
    requests = 0;
    const read = await createDigestReader(client, lists, cache).read([YEAR]);
    expect(requests).toBe(4);
    expect(read.digests).toHaveLength(6000);
  });
});

describe('keeping a digest at sign-off', () => {
  it('is done once, however often it is tried', async () => {
    const d = digest(9001, '2026-10-10T10:00:00Z');
    const source = {
      audit: {
        id: d.auditId,
        caseReference: d.caseReference,
        category: d.category,
        status: 'signedOff' as const,
        toolVersion: d.toolVersion,
        agencies: d.agencies,
        childAtRiskReason: undefined,
        themeId: d.themeId,
        leadAuditor: undefined,
        signOffManager: undefined,
        commissionedBy: undefined,
        dueDate: undefined,
        childAtRisk: false,
        eTag: '"1"',
      },
      auditItem: { id: d.auditId, fields: { ReauditOfId: 12 } },
      contributions: [],
      summary: {
        areas: [],
        findings: [],
        readiness: { kind: 'ready' },
      },
      signedOffAt: d.signedOffAt,
    } as unknown as Parameters<typeof storeDigest>[2];
    await storeDigest(client, lists, source);
    await storeDigest(client, lists, source);
    const kept = await readItems(client, lists, 'Digests', {
      filter: "fields/DigestKey eq '9001'",
    });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.fields).toMatchObject({ AuditId: 9001, ReauditOfId: 12, Title: 'NSP-CP-9001' });
    expect(JSON.parse(String(kept[0]!.fields['Digest']))).toMatchObject({ id: '9001', re: '12' });
  });
});
