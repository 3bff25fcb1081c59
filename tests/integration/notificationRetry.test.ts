/**
 * A notification throttled by Teams (429 with Retry-After on every try of its claim) is left
 * pending with its next try no sooner than Retry-After, and the tab's retrying drain sends it
 * while the tab stays open, with no other call: through the real outbox, against the emulator.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
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
import { createRetryingDrain, type DrainState } from '../../src/tab/services/retryingDrain.js';
import {
  BUSINESS_MANAGER,
  clientFor,
  type TestEmulator,
  testEmulator,
} from '../support/emulator.js';

let emulator: TestEmulator;
const realFetch = globalThis.fetch;
beforeAll(async () => {
  emulator = await testEmulator();
});
afterEach(() => {
  globalThis.fetch = realFetch;
});
afterAll(async () => {
  await emulator?.dispose();
});

const CHANNEL_MESSAGES = `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`;

/**
 * Teams throttling the channel: the next `times` posts of a message are answered 429 with
 * Retry-After, in Graph's error shape, before they reach the emulator.
 */
function throttleChannelPosts(times: number, retryAfterSeconds: number): { refused: number[] } {
  const refused: number[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method === 'POST' && url.endsWith(CHANNEL_MESSAGES) && refused.length < times) {
      refused.push(Date.now());
      return new Response(
        JSON.stringify({
          error: { code: 'TooManyRequests', message: 'Too many requests to this channel.' },
        }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': String(retryAfterSeconds) },
        },
      );
    }
    return realFetch(input, init);
  };
  return { refused };
}

describe('retrying notifications while the tab stays open', () => {
  it('sends a throttled notification at the time Retry-After allows, without another call', async () => {
    const client = clientFor(emulator, BUSINESS_MANAGER);
    const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
    const me = SEED_USERS[0]!;
    const outbox = createOutbox(client, lists, {
      me: { id: me.id },
      cards: {
        links: { mode: 'local', tabUrl: 'http://localhost:53000' },
        caseReference: /\bNSP-[A-Z]{2,3}-\d{4}\b/,
      },
      random: () => 0,
    });
    const entry: OutboxEntry = {
      recordId: 'audit:7',
      event: 'auditAssigned',
      recipient: { kind: 'channel', teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
      card: {
        kind: 'auditAssigned',
        data: {
          audits: [
            { id: '7', caseReference: 'NSP-CP-0007', category: 'childProtection', role: 'Police' },
          ],
          due: '2026-12-10T00:00:00Z',
        },
      },
    };
    await outbox.enqueue([entry]);

    // Four tries within the claim, each refused with Retry-After: 2 seconds.
    const { refused } = throttleChannelPosts(4, 2);
    const states: Array<DrainState & { when: number }> = [];
    const drainer = createRetryingDrain({
      drain: (onProgress) => outbox.drain(onProgress),
      onChange: (s) => states.push({ ...s, when: Date.now() }),
    });
    try {
      await drainer.run();
      const waiting = states.at(-1);
      expect(waiting).toMatchObject({ kind: 'waiting', count: 1 });
      // Never sooner than Retry-After after the last refusal.
      const at = (waiting as { at: Date }).at.getTime();
      expect(at).toBeGreaterThanOrEqual(refused.at(-1)! + 2000);
      const [item] = await outbox.list();
      expect(item).toMatchObject({ status: 'pending', attempts: 1 });
      expect(item!.lastError).toMatch(/^429/);

      // The tab stays open: the drainer tries again by itself once the time has come.
      const deadline = Date.now() + 30_000;
      while (states.at(-1)?.kind !== 'idle' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      expect(states.at(-1)?.kind).toBe('idle');
      expect(states.at(-1)!.when).toBeGreaterThanOrEqual(at);
    } finally {
      drainer.stop();
    }
    expect(refused).toHaveLength(4);
    const [sent] = await outbox.list();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    const messages = (await client.api(CHANNEL_MESSAGES).top(50).get()) as {
      value: Array<{ attachments?: Array<{ id: string }> }>;
    };
    const id = attachmentIdFor(idempotencyKey(entry));
    expect(messages.value.filter((m) => m.attachments?.some((a) => a.id === id))).toHaveLength(1);
  }, 60_000);
});
