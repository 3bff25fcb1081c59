/** Provisioning, demo seeding and the repositories against the emulator, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { provisionSite } from '../../src/graph/provision.js';
import { findSiteLists } from '../../src/graph/listItems.js';
import { createRepositories } from '../../src/graph/repositories.js';
import { LIST_NAMES, SCHEMA } from '../../src/graph/schema.js';
import {
  AUDITOR,
  BUSINESS_MANAGER,
  clientFor,
  OUTSIDER,
  PRACTITIONER,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';

const SITE = `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

describe('provisionSite', () => {
  it('creates every list with its columns, then changes nothing on a second run', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const first = await provisionSite(client, SITE);
    expect(first.steps.filter((s) => s.kind === 'listCreated').map((s) => s.list)).toEqual([
      ...LIST_NAMES,
    ]);
    const again = await provisionSite(client, SITE);
    expect(again.steps.every((s) => s.kind === 'listUpToDate')).toBe(true);
    expect(again.listIds).toEqual(first.listIds);
    const columns = (
      await client
        .api(
          `/sites/${encodeURIComponent(first.siteId)}/lists/${first.listIds.NotificationOutbox}/columns`,
        )
        .get()
    ).value;
    const key = columns.find((c: { name: string }) => c.name === 'IdempotencyKey');
    expect(key).toMatchObject({ indexed: true, enforceUniqueValues: true });
  });

  it('adds a missing column and brings a column up to the schema (indexing before uniqueness)', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const grown = SCHEMA.map((l) =>
      l.name === 'Actions'
        ? {
            ...l,
            columns: [
              ...l.columns,
              { name: 'Theme', text: {}, indexed: true, enforceUniqueValues: true },
            ],
          }
        : l,
    );
    const result = await provisionSite(client, SITE, grown);
    expect(result.steps).toContainEqual({ kind: 'columnAdded', list: 'Actions', column: 'Theme' });
    const changed = grown.map((l) =>
      l.name === 'Feedback'
        ? {
            ...l,
            columns: l.columns.map((c) => (c.name === 'Agency' ? { ...c, indexed: false } : c)),
          }
        : l,
    );
    const update = await provisionSite(client, SITE, changed);
    expect(update.steps).toContainEqual({
      kind: 'columnUpdated',
      list: 'Feedback',
      column: 'Agency',
      changes: ['indexed'],
    });
    // Put it back, so that later tests see the schema as shipped.
    await provisionSite(client, SITE, grown);
  });

  it('is refused to a person who does not own the site', async () => {
    await expect(
      provisionSite(clientFor(emulator, AUDITOR), SITE, [
        { name: 'Audits', description: '', columns: [{ name: 'New', text: {} }] },
      ]),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('demo data and repositories', () => {
  it('seeds once through Graph; the repositories read it back as each person sees it', async () => {
    const manager = clientFor(emulator, BUSINESS_MANAGER);
    const lists = await provisionSite(manager, SITE);
    expect(await seedDemoData(manager, lists)).toBe('seeded');
    expect(await seedDemoData(manager, lists)).toBe('alreadySeeded');

    const auditorClient = clientFor(emulator, AUDITOR);
    const repos = createRepositories(
      auditorClient,
      await findSiteLists(auditorClient, lists.siteId, LIST_NAMES),
    );
    const mine = await repos.contributions.assignedTo('5eed0000-0000-4000-8000-000000000002');
    expect(mine.map((c) => c.contributor)).toEqual([
      'socialCare',
      'socialCare',
      'socialCare',
      'socialCare',
    ]);
    const themes = await repos.programme.list('2026-27');
    expect(themes.map((t) => t.plannedMonth)).toEqual(['2026-05', '2026-07', '2026-09', '2027-01']);
    const audits = await repos.audits.list();
    expect(audits).toHaveLength(5);
    expect((await repos.audits.get(audits[0]!.id)).caseReference).toBe(audits[0]!.caseReference);

    const practitioner = clientFor(emulator, PRACTITIONER);
    const practitionerRepos = createRepositories(
      practitioner,
      await findSiteLists(practitioner, lists.siteId, LIST_NAMES),
    );
    const feedback = await practitionerRepos.feedback.forPractitioner(
      '5eed0000-0000-4000-8000-000000000010',
    );
    expect(feedback).toHaveLength(1);
    expect(feedback[0]!.status).toBe('sent');

    const outsider = clientFor(emulator, OUTSIDER);
    await expect(findSiteLists(outsider, lists.siteId, LIST_NAMES)).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('names the missing lists when the site was never provisioned', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const site = (await client.api(`/sites/${SHAREPOINT_HOST}:/`).get()) as { id: string };
    await expect(findSiteLists(client, site.id, LIST_NAMES)).rejects.toThrow(
      /not been provisioned: the lists AuditProgrammes, Audits/,
    );
  });
});
