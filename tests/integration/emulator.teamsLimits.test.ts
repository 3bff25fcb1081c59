/**
 * Teams' per-app limits, as Graph enforces them per app and tenant: 20 chat messages a second and
 * 30 other Teams calls a second; past them, 429 Too Many Requests with Retry-After and Graph's
 * error body (code TooManyRequests).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SEED_USERS } from '../../src/emulator/tenant.js';
import { call, type TestEmulator, testEmulator, tokenFor } from '../support/emulator.js';

const MANAGER = SEED_USERS[0]!;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

const oneOnOne = (userId: string) => ({
  chatType: 'oneOnOne',
  members: [MANAGER.id, userId].map((id) => ({
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: ['owner'],
    'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
  })),
});

describe("Teams' per-app limits", () => {
  it('refuses chat messages past 20 a second and other Teams calls past 30, with Retry-After', async () => {
    emulator.setFaults({ rateLimits: true });
    try {
      const token = tokenFor(MANAGER.userPrincipalName);
      const others = SEED_USERS.slice(1);
      const chats: string[] = [];
      for (const u of others) {
        const res = await call(emulator, 'POST', '/chats', { token, body: oneOnOne(u.id) });
        expect(res.status).toBe(201);
        chats.push(res.body.id as string);
      }
      // A fresh second: 30 messages at once, at most two per chat (each chat allows four).
      await new Promise((r) => setTimeout(r, 1100));
      const sent = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          call(emulator, 'POST', `/chats/${chats[i % chats.length]}/messages`, {
            token,
            body: { body: { content: `m${i}` } },
          }),
        ),
      );
      expect(sent.filter((r) => r.status === 201).length).toBe(20);
      const refused = sent.filter((r) => r.status === 429);
      expect(refused.length).toBe(10);
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused[0]!.body.error.code).toBe('TooManyRequests');

      // Other Teams calls (reading chats) have their own 30 a second.
      await new Promise((r) => setTimeout(r, 1100));
      const reads = await Promise.all(
        Array.from({ length: 35 }, (_, i) =>
          call(emulator, 'GET', `/chats/${chats[i % chats.length]}/messages`, { token }),
        ),
      );
      expect(reads.filter((r) => r.status === 200).length).toBe(30);
      expect(reads.filter((r) => r.status === 429).length).toBe(5);
    } finally {
      emulator.setFaults({ rateLimits: false });
    }
  });
});
