/**
 * Re-audits due against the emulator: signed-off cases whose grades call for a re-audit, read from
 * the Digests list, less those already commissioned as a re-audit (Audits' ReauditOfId); the
 * partnership's setting brings "requires improvement" in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Grade } from '../../src/domain/grading.js';
import type { AuditDigest } from '../../src/domain/report/digest.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
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
