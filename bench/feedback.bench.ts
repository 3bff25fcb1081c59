import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastestSendSeconds } from '../src/domain/feedback.js';
import { startEmulator } from '../src/emulator/server.js';
import { PARTNERSHIP_SITE_PATH, SEED_USERS, SHAREPOINT_HOST } from '../src/emulator/tenant.js';
import { createOutbox, type OutboxEntry } from '../src/graph/outbox.js';
import { provisionSite } from '../src/graph/provision.js';
import { clientFor } from '../tests/support/emulator.js';
import type { Figure } from './emulator.bench.js';

/**
 * Sending a whole theme's feedback: 500 "feedback ready" cards, each a 1:1 chat message from the
 * sender to a practitioner, through the outbox and the emulator with Teams' limits on (20 chat
 * messages and 30 other Teams calls a second per app; 4 a second per chat). The time is shown as
 * a ratio of the fastest the limits allow (`fastestSendSeconds`: 1 would be the ceiling itself),
 * with the number of requests the emulator throttled (429), which should be none.
 */
export async function benchFeedback(cards = 500): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-feedback-'));
  const emulator = await startEmulator({ port: 0, dataDir: dir });
  try {
    const sender = SEED_USERS[1]!;
    const client = clientFor(emulator, sender.userPrincipalName);
    const lists = await provisionSite(
      clientFor(emulator, SEED_USERS[0]!.userPrincipalName),
      `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`,
    );
    // Every other person of the fictional tenant stands for a practitioner: one chat each.
    const practitioners = SEED_USERS.filter((u) => u.id !== sender.id);
    const entries: OutboxEntry[] = Array.from({ length: cards }, (_, i) => ({
      recordId: `feedback:${i + 1}`,
      event: 'feedbackReady',
      recipient: { kind: 'chat', userId: practitioners[i % practitioners.length]!.id },
      card: {
        kind: 'feedbackReady',
        data: { feedback: { id: String(i + 1), caseReference: `NSP-CP-${1000 + (i % 50)}` } },
      },
    }));
    const outbox = createOutbox(client, lists, {
      me: { id: sender.id },
      cards: {
        links: { mode: 'local', tabUrl: 'http://localhost:53000' },
        caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
      },
    });
    await outbox.enqueue(entries);
    emulator.setFaults({ rateLimits: true });
    const before = emulator.stats().rateLimited;
    const started = performance.now();
    let sent = 0;
    for (let round = 0; round < 50 && sent < cards; round++) {
      const report = await outbox.drain();
      sent += report.sent;
      if (report.sent === 0 && report.waiting > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    const seconds = (performance.now() - started) / 1000;
    const throttled = emulator.stats().rateLimited - before;
    if (sent < cards) throw new Error(`Only ${sent} of ${cards} feedback cards were sent.`);
    const floor = fastestSendSeconds(cards, practitioners.length);
    return [
      {
        name: `feedback: ${cards} cards sent with Teams' limits on`,
        value: round2(seconds),
        unit: 's',
      },
      { name: 'feedback: fastest the limits allow', value: round2(floor), unit: 's' },
      {
        name: 'feedback: share of the ceiling reached',
        value: round2(floor / seconds),
        unit: '(1 = the limit)',
      },
      { name: 'feedback: requests throttled (429)', value: throttled, unit: 'requests' },
    ];
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
