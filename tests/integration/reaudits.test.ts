/**
 * Re-audits due against the emulator: signed-off cases whose grades call for a re-audit, read from
 * the Digests list, less those already commissioned as a re-audit (Audits' ReauditOfId); the
 * partnership's setting brings "requires improvement" in. Commissioning a re-audit from the list
 * links the new audit to the original it named (not merely the latest audit of the case), and the
 * case then leaves the list.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Grade } from '../../src/domain/grading.js';
import type { AuditDigest } from '../../src/domain/report/digest.js';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import { createOutbox } from '../../src/graph/outbox.js';
import { createProgrammeService } from '../../src/graph/programme.js';
import { createRepositories } from '../../src/graph/repositories.js';
import { digestFields } from '../../src/graph/digests.js';
import { itemsPath, type SiteLists } from '../../src/graph/listItems.js';
import { provisionSite } from '../../src/graph/provision.js';
import { createReportService } from '../../src/graph/reports.js';
import {
  BUSINESS_MANAGER,
  clientFor,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';

let emulator: TestEmulator;
let lists: SiteLists;
const now = new Date('2026-11-27T10:00:00Z');

const digest = (id: number, grade: Grade, signedOffAt: string): AuditDigest => ({
  auditId: String(id),
  caseReference: `NSP-CP-${String(id).padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId: '1',
  signedOffAt,
  agencies: ['health'],
  auditors: [],
  areas: [{ sectionId: 'planning', multiAgency: grade, agencies: [] }],
  reauditOf: undefined,
});

beforeAll(async () => {
  emulator = await testEmulator();
  const client = clientFor(emulator, BUSINESS_MANAGER);
  const provisioned = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = { siteId: provisioned.siteId, listIds: provisioned.listIds };
  for (const d of [
    digest(11, 'inadequate', '2026-04-20T10:00:00Z'), // due 2026-10-20: overdue
    digest(12, 'good', '2026-04-20T10:00:00Z'),
    digest(13, 'inadequate', '2026-04-20T10:00:00Z'), // already commissioned as a re-audit
    digest(14, 'requiresImprovement', '2026-06-10T10:00:00Z'), // due 2026-12-10
    digest(15, 'inadequate', '2026-09-01T10:00:00Z'), // due 2027-03-01: beyond 60 days
  ])
    await client.api(itemsPath(lists, 'Digests')).post({ fields: digestFields(d) });
  await client.api(itemsPath(lists, 'Audits')).post({
    fields: { Title: 'NSP-CP-0013', CaseReference: 'NSP-CP-0013', ReauditOfId: 13 },
  });
}, 60_000);

afterAll(async () => {
  await emulator.dispose();
});

describe('re-audits due', () => {
  it('lists inadequate cases due within 60 days or overdue, not yet re-audited', async () => {
    const service = createReportService(clientFor(emulator, BUSINESS_MANAGER), lists, {
      cache: new Map(),
    });
    const due = await service.reauditsDue(now, { months: 6, includeRequiresImprovement: false });
    expect(due.map((e) => [e.audit.caseReference, e.due, e.overdue])).toEqual([
      ['NSP-CP-0011', '2026-10-20', true],
    ]);
  });

  it('takes "requires improvement" in when the partnership says so', async () => {
    const service = createReportService(clientFor(emulator, BUSINESS_MANAGER), lists, {
      cache: new Map(),
    });
    const due = await service.reauditsDue(now, { months: 6, includeRequiresImprovement: true });
    expect(due.map((e) => [e.audit.caseReference, e.due, e.overdue])).toEqual([
      ['NSP-CP-0011', '2026-10-20', true],
      ['NSP-CP-0014', '2026-12-10', false],
    ]);
  });
});

describe('commissioning a re-audit from the list', () => {
  const user = (n: number) => ({
    id: SEED_USERS[n - 1]!.id,
    displayName: SEED_USERS[n - 1]!.displayName,
  });

  it('links the new audit to the original named, and the case leaves the list', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const me = user(1);
    const cards = {
      links: { mode: 'local', tabUrl: 'http://localhost:53000' },
      caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
    } as const;
    const programme = createProgrammeService(client, lists, {
      outbox: createOutbox(client, lists, { me, cards }),
      me,
      now: () => now,
      channel: { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
      cards,
    });
    const request = {
      themeId: '1',
      themeTitle: 'Neglect',
      caseReferences: ['NSP-CP-0011'],
      category: 'childProtection',
      periodStart: '2026-05-01',
      periodEnd: '2026-11-26',
      agencies: ['health'],
      auditors: { health: user(3) },
      leadAuditor: user(7),
      signOffManager: user(8),
      dueDate: '2027-01-15',
    } as const;
    // A later audit of the same case: "the latest audit of the case" would pick it.
    const [later] = await programme.commission(request, 'commission-later-0011');
    const [id] = await programme.commission(
      {
        ...request,
        reaudit: true,
        originals: { 'NSP-CP-0011': '11' },
      },
      'commission-reaudit-0011',
    );
    const stored = await client
      .api(`${itemsPath(lists, 'Audits')}/${id}`)
      .expand('fields')
      .get();
    expect(stored.fields.ReauditOfId).toBe(11);
    expect(stored.fields.ReauditOfId).not.toBe(Number(later));
    expect((await createRepositories(client, lists).audits.get(id!)).caseReference).toBe(
      'NSP-CP-0011',
    );
    const service = createReportService(client, lists, { cache: new Map() });
    const due = await service.reauditsDue(now, { months: 6, includeRequiresImprovement: true });
    expect(due.map((e) => e.audit.caseReference)).toEqual(['NSP-CP-0014']);
  });
});
