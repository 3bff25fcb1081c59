/**
 * Every write safe to repeat, every notification sent once by the right person: two tabs at
 * once, 50% injected faults (429, 503 and 504 with a real Retry-After of one second, lost answers
 * of single writes, of whole batches and of writes inside batches), counted by reading back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Audit } from '../../src/domain/records.js';
import { createChildAtRisk } from '../../src/graph/childAtRisk.js';
import { createOutbox, idempotencyKey, attachmentIdFor } from '../../src/graph/outbox.js';
import { itemsPath, readItems, type SiteLists } from '../../src/graph/listItems.js';
import {
  AGENCY_LEADS,
  auditsForRaises,
  CARDS,
  commissionings,
  countRaises,
  deliveries,
  drainAll,
  faultsAt,
  ME,
  NO_FAULTS,
  notifications,
  openTwoTabs,
  person,
  raises,
  sectionSaves,
  type Tab,
} from '../support/reliability.js';
import {
  AUDITOR,
  BUSINESS_MANAGER,
  clientFor,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';
import { findSeedUser, SEED_USERS } from '../../src/emulator/tenant.js';

let emulator: TestEmulator;
let lists: SiteLists;
let tabs: Tab[];

beforeAll(async () => {
  emulator = await testEmulator();
  ({ lists, tabs } = await openTwoTabs(emulator));
});
afterAll(async () => {
  await emulator?.dispose();
});

/** Runs with faults on, and always turns them off again. */
async function withFaults<T>(level: number, seed: number, run: () => Promise<T>): Promise<T> {
  emulator.setFaults(faultsAt(level, seed));
  try {
    return await run();
  } finally {
    emulator.setFaults(NO_FAULTS);
  }
}

describe('two tabs through 50% faults', () => {
  it('saves sections: none lost, none doubled', async () => {
    const before = emulator.stats();
    const tally = await withFaults(0.5, 21, () =>
      sectionSaves(tabs, lists, { editors: 2, sections: 5, rounds: 3, firstAudit: 9100 }),
    );
    expect(tally).toMatchObject({ expected: 60, lost: 0, doubled: 0 });
    const after = emulator.stats();
    expect(after.injectedFaults - before.injectedFaults).toBeGreaterThan(10);
    expect(after.lostAnswers - before.lostAnswers).toBeGreaterThan(3);
  }, 600_000); // two tabs through 50% faults with a real Retry-After: minutes on a busy machine

  it('sends notifications once each, with both tabs draining at once', async () => {
    const tally = await withFaults(0.5, 22, () =>
      notifications(tabs, lists, { count: 40, first: 9000 }),
    );
    expect(tally).toMatchObject({ expected: 40, lost: 0, doubled: 0 });
  }, 600_000); // two tabs through 50% faults with a real Retry-After: minutes on a busy machine

  it('commissions once however often both tabs submit it: no duplicate audit, no missing card', async () => {
    const theme = await tabs[0]!.programme.addTheme(
      {
        title: 'Neglect',
        year: '2026-27',
        prioritySource: 'baseline',
        categories: ['childProtection'],
        plannedMonth: '2026-12',
        sampleSize: 6,
      },
      'theme-reliability-1',
    );
    const tally = await withFaults(0.5, 23, () =>
      commissionings(tabs, lists, { count: 6, first: 900, themeId: theme.id }),
    );
    expect(tally).toMatchObject({ expected: 6, lost: 0, doubled: 0 });
  }, 600_000); // two tabs through 50% faults with a real Retry-After: minutes on a busy machine

  it('raises child at risk once from both tabs; the flag, the event and every card follow', async () => {
    const audits = await auditsForRaises(tabs[0]!, lists, { count: 6, first: 900 });
    const tally = await withFaults(0.5, 24, async () => {
      const t = await raises(tabs, lists, audits);
      await drainAll(tabs, lists);
      return t;
    });
    expect(tally).toMatchObject({ expected: 6, lost: 0, doubled: 0 });
    // Each card reached the business manager who commissioned the audit and both agency leads,
    // once: counted in their chats.
    const recipients = [person(1).id, AGENCY_LEADS.police.id, AGENCY_LEADS.health.id];
    const delivered = await deliveries(tabs[0]!.client, recipients);
    const outbox = await readItems(tabs[0]!.client, lists, 'NotificationOutbox', { top: 5000 });
    for (const audit of audits) {
      const cards = outbox.filter((o) =>
        String(o.fields['RecordId']).startsWith(`risk:${audit.id}:`),
      );
      expect(cards).toHaveLength(3);
      for (const card of cards) {
        expect(card.fields['Status']).toBe('sent');
        expect(delivered.get(attachmentIdFor(String(card.fields['IdempotencyKey'])))).toBe(1);
      }
    }
  }, 600_000); // two tabs through 50% faults with a real Retry-After: minutes on a busy machine

  it('adds a theme and appends a trail event once each, their answers lost', async () => {
    const result = await withFaults(0.5, 25, async () => {
      emulator.setFaults({ lostRate: 1 });
      const theme = await tabs[1]!.programme.addTheme(
        {
          title: 'Hidden harm',
          year: '2026-27',
          prioritySource: 'baseline',
          categories: ['childInNeed'],
          plannedMonth: '2027-02',
          sampleSize: 4,
        },
        'theme-reliability-2',
      );
      await tabs[1]!.workspace.appendEvent(
        { key: 'test|event|1', auditId: '1', type: 'noteAdded', actor: ME, details: 'A note.' },
        new Date(),
      );
      return theme;
    });
    const themes = await readItems(tabs[0]!.client, lists, 'AuditProgrammes', { top: 500 });
    expect(themes.filter((t) => t.fields['Title'] === 'Hidden harm').map((t) => t.id)).toEqual([
      result.id,
    ]);
    const events = await readItems(tabs[0]!.client, lists, 'AuditEvents', { top: 5000 });
    expect(events.filter((e) => e.fields['EventType'] === 'noteAdded')).toHaveLength(1);
  }, 120_000);
});

describe('a raise left half done', () => {
  it("is finished by the raiser's next opening of the tab: event and cards, once", async () => {
    const [audit] = (await auditsForRaises(tabs[0]!, lists, { count: 1, first: 950 })) as [Audit];
    // The flag stored, then the tab closed: no event, no card, not marked as notified.
    await tabs[0]!.client
      .api(`${itemsPath(lists, 'Audits')}/${audit.id}/fields`)
      .header('If-Match', audit.eTag)
      .patch({
        ChildAtRisk: true,
        ChildAtRiskReason: 'Concern recorded.',
        ChildAtRiskRaisedById: ME.id,
        ChildAtRiskRaisedAt: '2026-11-27T10:00:00.000Z',
      });
    // Not marked as notified, no event, no card for any of the three.
    expect(await countRaises(tabs[0]!.client, lists, [audit])).toMatchObject({ lost: 5 });
    // Another person opening the tab finishes nothing of someone else's raise.
    const auditorClient = clientFor(emulator, AUDITOR);
    const other = createChildAtRisk(auditorClient, lists, {
      outbox: createOutbox(auditorClient, lists, { me: findSeedUser(AUDITOR)!, cards: CARDS }),
      agencyLeads: AGENCY_LEADS,
      me: findSeedUser(AUDITOR)!,
      now: () => new Date(),
    });
    expect(await other.finishPending()).toBe(0);
    // The raiser's tab opens again (a new session) under faults.
    const reopened = await withFaults(0.5, 26, async () => {
      const client = clientFor(emulator, BUSINESS_MANAGER);
      const service = createChildAtRisk(client, lists, {
        outbox: createOutbox(client, lists, { me: ME, cards: CARDS }),
        agencyLeads: AGENCY_LEADS,
        me: ME,
        now: () => new Date(),
      });
      const finished = await service.finishPending();
      return { finished, again: await service.finishPending() };
    });
    expect(reopened).toEqual({ finished: 1, again: 0 });
    expect(await countRaises(tabs[0]!.client, lists, [audit])).toMatchObject({
      lost: 0,
      doubled: 0,
    });
    await drainAll(tabs, lists);
    const delivered = await deliveries(tabs[0]!.client, [
      person(1).id,
      AGENCY_LEADS.police.id,
      AGENCY_LEADS.health.id,
    ]);
    const cards = (
      await readItems(tabs[0]!.client, lists, 'NotificationOutbox', { top: 5000 })
    ).filter((o) => String(o.fields['RecordId']).startsWith(`risk:${audit.id}:`));
    expect(cards).toHaveLength(3);
    for (const card of cards)
      expect(delivered.get(attachmentIdFor(String(card.fields['IdempotencyKey'])))).toBe(1);
  }, 180_000);
});

describe('the outbox sends only what its queuer could have sent', () => {
  it('sets aside forged, changed and malformed items with the reason, and sends the rest', async () => {
    const manager = tabs[0]!;
    const auditorClient = clientFor(emulator, AUDITOR);
    const auditor = findSeedUser(AUDITOR)!;
    const auditorOutbox = createOutbox(auditorClient, lists, { me: auditor, cards: CARDS });
    const entry = (n: number) => ({
      recordId: `guard:${n}`,
      event: 'auditAssigned',
      recipient: { kind: 'chat' as const, userId: person(5).id },
      card: {
        kind: 'auditAssigned' as const,
        data: {
          audits: [
            {
              id: String(n),
              caseReference: 'NSP-CP-0101',
              category: 'childProtection' as const,
              role: 'Police',
            },
          ],
          due: '2027-01-15T00:00:00Z',
        },
      },
    });
    await manager.outbox.enqueue([entry(1), entry(2), entry(3)]);
    const mine = async () =>
      (await readItems(manager.client, lists, 'NotificationOutbox', { top: 5000 })).filter((i) =>
        String(i.fields['RecordId']).startsWith('guard:'),
      );
    const [one, two] = (await mine()).sort((a, b) => Number(a.id) - Number(b.id));
    // A member of the site rewrites one of my items: a link of their own, and text with a name.
    await auditorClient.api(`${itemsPath(lists, 'NotificationOutbox')}/${one!.id}/fields`).patch({
      CardData: JSON.stringify({
        audits: [{ id: '1', caseReference: 'Jane Smith', category: 'childProtection', role: 'x' }],
      }),
    });
    // I break another myself (a bad value): it must not stop the rest.
    await manager.client
      .api(`${itemsPath(lists, 'NotificationOutbox')}/${two!.id}/fields`)
      .patch({ CardData: '{not json' });
    // A member queues an item as if I had queued it, with whatever they like.
    await auditorClient.api(itemsPath(lists, 'NotificationOutbox')).post({
      fields: {
        Title: 'forged',
        IdempotencyKey: 'guard:forged',
        RecordId: 'guard:forged',
        EventType: 'auditAssigned',
        RecipientKind: 'chat',
        RecipientId: person(5).id,
        QueuedById: ME.id,
        CardKind: 'auditAssigned',
        CardData: JSON.stringify(entry(4).card.data),
        Status: 'pending',
        Attempts: 0,
        NextAttemptAt: new Date(Date.now() - 1000).toISOString(),
      },
    });
    // The auditor's own item is theirs: my tab never sends it.
    await auditorOutbox.enqueue([entry(5)]);

    const report = await manager.outbox.drain();
    expect(report).toMatchObject({ sent: 1, failed: 3, problems: [] });
    const byRecord = new Map((await mine()).map((i) => [String(i.fields['RecordId']), i.fields]));
    expect(byRecord.get('guard:1')).toMatchObject({ Status: 'failed' });
    expect(String(byRecord.get('guard:1')!['LastError'])).toMatch(/changed by someone other/);
    expect(byRecord.get('guard:2')).toMatchObject({ Status: 'failed' });
    expect(String(byRecord.get('guard:2')!['LastError'])).toMatch(/not JSON/);
    expect(byRecord.get('guard:3')).toMatchObject({ Status: 'sent' });
    expect(byRecord.get('guard:forged')).toMatchObject({ Status: 'failed' });
    expect(String(byRecord.get('guard:forged')!['LastError'])).toMatch(/not queued by/);
    expect(byRecord.get('guard:5')).toMatchObject({ Status: 'pending' });

    // Only the one good card reached the chat; the auditor's own goes out from the auditor's tab.
    const delivered = await deliveries(manager.client, [person(5).id]);
    expect(delivered.get(attachmentIdFor(idempotencyKey(entry(3))))).toBe(1);
    for (const n of [1, 2, 4, 5])
      expect(delivered.get(attachmentIdFor(idempotencyKey(entry(n))))).toBeUndefined();
    expect(await auditorOutbox.drain()).toMatchObject({ sent: 1, failed: 0 });
  }, 120_000);

  it('refuses at queuing time a card its builders would refuse (the guard)', async () => {
    await expect(
      tabs[0]!.outbox.enqueue([
        {
          recordId: 'guard:name',
          event: 'auditAssigned',
          recipient: { kind: 'chat', userId: SEED_USERS[3]!.id },
          card: {
            kind: 'auditAssigned',
            data: {
              audits: [
                {
                  id: '7',
                  caseReference: 'NSP-CP-0101',
                  category: 'childProtection',
                  role: 'Mrs Jane Smith',
                },
              ],
              due: undefined,
            },
          },
        },
      ]),
    ).rejects.toThrow(/Notification/);
  });
});
