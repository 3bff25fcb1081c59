/**
 * The emulator loses answers of `$batch` requests and of single requests inside a batch, as a
 * proxy between client and Graph would: the work is done, the client is told 504.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PARTNERSHIP_SITE_ID } from '../../src/emulator/tenant.js';
import {
  BUSINESS_MANAGER,
  call,
  clientFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

let emulator: TestEmulator;
const site = `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}`;
beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

async function newList(name: string): Promise<string> {
  const res = await call(emulator, 'POST', `${site}/lists`, {
    token: tokenFor(BUSINESS_MANAGER),
    body: { displayName: name, columns: [], list: { template: 'genericList' } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const creates = (listId: string, n: number) => ({
  requests: Array.from({ length: n }, (_, i) => ({
    id: String(i),
    method: 'POST',
    url: `${site}/lists/${listId}/items`,
    headers: { 'Content-Type': 'application/json' },
    body: { fields: { Title: `item ${i}` } },
  })),
});

async function count(listId: string): Promise<number> {
  const items = await clientFor(emulator, BUSINESS_MANAGER)
    .api(`${site}/lists/${listId}/items`)
    .top(500)
    .get();
  return items.value.length;
}

describe('lost answers of batches', () => {
  it('runs a whole batch and answers 504 with Retry-After when its answer is lost', async () => {
    const listId = await newList('BatchLost');
    emulator.setFaults({ batchLostRate: 1, retryAfterSeconds: 1 });
    try {
      const res = await call(emulator, 'POST', '/$batch', {
        token: tokenFor(BUSINESS_MANAGER),
        body: creates(listId, 5),
      });
      expect(res.status).toBe(504);
      expect(res.headers.get('Retry-After')).toBe('1');
      expect(res.body.error.code).toBe('gatewayTimeout');
    } finally {
      emulator.setFaults({ batchLostRate: 0 });
    }
    expect(await count(listId)).toBe(5);
  });

  it('answers 504 for a write inside a batch whose answer is lost, the write done', async () => {
    const listId = await newList('BatchItemLost');
    const before = emulator.stats().lostAnswers;
    emulator.setFaults({ batchItemLostRate: 0.5, retryAfterSeconds: 1, seed: 11 });
    let lost: Array<{ status: number; headers: Record<string, string> }>;
    try {
      const res = await call(emulator, 'POST', '/$batch', {
        token: tokenFor(BUSINESS_MANAGER),
        body: creates(listId, 20),
      });
      expect(res.status).toBe(200);
      const responses = res.body.responses as Array<{
        status: number;
        headers: Record<string, string>;
      }>;
      lost = responses.filter((r) => r.status === 504);
      expect(responses.filter((r) => r.status === 201).length + lost.length).toBe(20);
    } finally {
      emulator.setFaults({ batchItemLostRate: 0 });
    }
    expect(lost.length).toBeGreaterThan(2);
    expect(lost.length).toBeLessThan(18);
    for (const r of lost) expect(r.headers['Retry-After']).toBe('1');
    expect(emulator.stats().lostAnswers - before).toBe(lost.length);
    // Every write was done, whatever its answer said.
    expect(await count(listId)).toBe(20);
  });

  it('refuses a fault setting out of range', async () => {
    const res = await call(emulator, 'PATCH', `${emulator.url}/_emulator/api/faults`, {
      body: { batchItemLostRate: 2 },
    });
    expect(res.status).toBe(400);
  });
});
