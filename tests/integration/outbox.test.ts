/**
 * The outbox against the emulator: 200 notifications through 30% injected 429/503 and lost answers
 * end with none lost and none doubled, and the sender never exceeds the per-channel rate.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_PATH,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import {
  attachmentIdFor,
  createOutbox,
  idempotencyKey,
  type OutboxEntry,
} from '../../src/graph/outbox.js';
import { provisionSite } from '../../src/graph/provision.js';
import { isTransient } from '../../src/graph/writes.js';
import {
  BUSINESS_MANAGER,
  clientFor,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';

let emulator: TestEmulator;
const ctx = {
  links: { mode: 'local', tabUrl: 'http://localhost:53000' } as const,
  caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
};
const manager = SEED_USERS[0]!;

beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

function entry(i: number, recipient: OutboxEntry['recipient']): OutboxEntry {
  const ref = `NSP-CP-${String(i).padStart(4, '0')}`;
  return {
    recordId: `audit:${i}`,
    event: 'auditAssigned',
    recipient,
    card: {
      kind: 'auditAssigned',
      data: {
        audits: [
          { id: String(i), caseReference: ref, category: 'childProtection', role: 'Police' },
        ],
        due: '2026-12-10T00:00:00Z',
      },
    },
  };
}

async function allMessages(
  client: ReturnType<typeof clientFor>,
  path: string,
): Promise<Array<{ attachments: Array<{ id: string }> }>> {
  const out: Array<{ attachments: Array<{ id: string }> }> = [];
  let page = await client.api(path).top(50).get();
  for (;;) {
    out.push(...page.value);
    if (!page['@odata.nextLink']) return out;
    page = await client.api(page['@odata.nextLink'].replace(/^https?:\/\/[^/]+\/v1\.0/, '')).get();
  }
}

describe('the notification outbox', () => {
  it('delivers 200 notifications through 30% faults and lost answers: none lost, none doubled, within the rate', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
    let clock = Date.parse('2026-11-26T09:00:00Z');
    const outbox = createOutbox(client, lists, {
      me: { id: manager.id },
      cards: ctx,
      now: () => new Date(clock),
      random: () => 0.5,
      perSecond: 3,
    });
    // Twenty people and the partnership's channel, interleaved as commissioning would enqueue them.
    const people = SEED_USERS.slice(1, 16).map((u) => u.id);
    const entries = Array.from({ length: 200 }, (_, i) =>
      entry(
        i,
        i % 8 === 0
          ? { kind: 'channel', teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID }
          : { kind: 'chat', userId: people[i % people.length]! },
      ),
    );
    await outbox.enqueue(entries);
    await outbox.enqueue(entries.slice(0, 30)); // again: the keys keep each one single

    emulator.setFaults({
      rate: 0.3,
      statuses: [429, 503],
      retryAfterSeconds: 0,
      lostRate: 0.15,
      rateLimits: true,
      seed: 3,
    });
    let rounds = 0;
    try {
      for (;;) {
        rounds++;
        // A read that failed past the SDK's retries (transient, checked): the next round picks
        // it up. Anything else fails the test.
        const report = await outbox.drain().catch((e: unknown) => {
          if (!isTransient(e)) throw e;
          return undefined;
        });
        expect(report?.problems.filter((p) => !/Injected fault|lost/.test(p)) ?? []).toEqual([]);
        const items = await outbox.list().catch((e: unknown) => {
          if (!isTransient(e)) throw e;
          return undefined;
        });
        if (items && items.every((i) => i.status === 'sent')) break;
        if (rounds > 60)
          throw new Error(
            `not converged: ${JSON.stringify(items?.filter((i) => i.status !== 'sent').map((i) => [i.status, i.attempts]))}`,
          );
        clock += 10 * 60_000; // time passes: backed-off items come due
      }
    } finally {
      emulator.setFaults({ rate: 0, lostRate: 0, rateLimits: false });
    }
    const items = await outbox.list();
    expect(items).toHaveLength(200);
    expect(items.every((i) => i.status === 'sent')).toBe(true);

    // Every notification is in its chat or channel exactly once.
    const delivered = new Map<string, number>();
    const channel = await allMessages(
      client,
      `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`,
    );
    const chatIds = new Set<string>();
    for (const id of people) {
      const chat = await client.api('/chats').post({
        chatType: 'oneOnOne',
        members: [manager.id, id].map((m) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          roles: ['owner'],
          'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${m}')`,
        })),
      });
      chatIds.add(chat.id);
    }
    const chatMessages = (
      await Promise.all(
        [...chatIds].map((id) => allMessages(client, `/chats/${encodeURIComponent(id)}/messages`)),
      )
    ).flat();
    for (const m of [...channel, ...chatMessages])
      for (const a of m.attachments) delivered.set(a.id, (delivered.get(a.id) ?? 0) + 1);
    for (const e of entries)
      expect([idempotencyKey(e), delivered.get(attachmentIdFor(idempotencyKey(e)))]).toEqual([
        idempotencyKey(e),
        1,
      ]);
    expect(delivered.size).toBe(200);

    const stats = emulator.stats();
    expect(stats.injectedFaults).toBeGreaterThan(20);
    expect(stats.lostAnswers).toBeGreaterThan(5);
    expect(stats.rateLimited).toBe(0);
    for (const [key, peak] of Object.entries(stats.peakPerSecond))
      expect({ key, withinLimit: peak <= 4 }).toEqual({ key, withinLimit: true });
  }, 240_000);
});
