import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevToken } from '../src/emulator/auth.js';
import { startEmulator } from '../src/emulator/server.js';
import {
  DEFAULT_DEV_SCOPES,
  findSeedUser,
  PARTNERSHIP_SITE_ID,
  TENANT_ID,
} from '../src/emulator/tenant.js';
import { createGraphClient } from '../src/graph/client.js';
import { readAllPages } from '../src/graph/paging.js';

export type Figure = { name: string; value: number; unit: string };

/** Items created and read per second through the Graph SDK over HTTP, 12,000 items. */
export async function benchEmulator(total = 12_000): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
  const emulator = await startEmulator({ port: 0, dataDir: dir });
  try {
    const token = createDevToken(findSeedUser('morgan.ellis@northshire.example')!, {
      tenantId: TENANT_ID,
      scopes: DEFAULT_DEV_SCOPES,
    });
    const client = createGraphClient({
      baseUrl: emulator.url,
      tokens: { getToken: async () => token },
    });
    const site = `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}`;
    const list = await client.api(`${site}/lists`).post({
      displayName: 'Bench',
      columns: [
        { name: 'Seq', number: {}, indexed: true },
        { name: 'Ref', text: {}, indexed: true },
      ],
    });
    const started = performance.now();
    // Four batches of 20 in flight at once, as a client honouring Graph's batching would send.
    const batches: Array<() => Promise<unknown>> = [];
    for (let start = 0; start < total; start += 20) {
      batches.push(() =>
        client.api('/$batch').post({
          requests: Array.from({ length: Math.min(20, total - start) }, (_, i) => ({
            id: String(i + 1),
            method: 'POST',
            url: `${site}/lists/${list.id}/items`,
            headers: { 'Content-Type': 'application/json' },
            body: {
              fields: { Title: `Item ${start + i}`, Seq: start + i, Ref: `REF-${start + i}` },
            },
          })),
        }),
      );
    }
    for (let i = 0; i < batches.length; i += 4)
      await Promise.all(batches.slice(i, i + 4).map((b) => b()));
    const created = performance.now() - started;
    const readStart = performance.now();
    const first = await client
      .api(`${site}/lists/${list.id}/items`)
      .expand('fields(select=Seq,Ref)')
      .top(5000)
      .get();
    const { items } = await readAllPages(client, first);
    const read = performance.now() - readStart;
    if (items.length !== total) throw new Error(`read ${items.length} items, expected ${total}`);
    const filterStart = performance.now();
    for (let i = 0; i < 200; i++) {
      await client
        .api(`${site}/lists/${list.id}/items`)
        .filter(`fields/Ref eq 'REF-${i * 37}'`)
        .get();
    }
    const filtered = performance.now() - filterStart;
    return [
      {
        name: 'emulator: items created per second (12,000 items, $batch of 20)',
        value: Math.round((total / created) * 1000),
        unit: 'items/s',
      },
      {
        name: 'emulator: items read per second (paged, $top=5000)',
        value: Math.round((total / read) * 1000),
        unit: 'items/s',
      },
      {
        name: 'emulator: indexed equality filters per second over 12,000 items',
        value: Math.round((200 / filtered) * 1000),
        unit: 'requests/s',
      },
    ];
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
