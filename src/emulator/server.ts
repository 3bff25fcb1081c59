import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGraph } from './adapter.js';
import { handleAdmin } from './admin.js';
import { GraphApp } from './app.js';
import { errorBody } from './errors.js';
import type { FaultConfig } from './faults.js';
import { type EmulatorStats, FaultGate } from './gate.js';
import { send } from './http.js';
import { AcceptedRates } from './rates.js';
import { seedTenant } from './seed.js';
import { Store } from './store.js';
import { handleSharePointRest } from './sharePointRest.js';
import { SHAREPOINT_HOST, TENANT_ID } from './tenant.js';

export type { EmulatorStats } from './gate.js';

export type EmulatorOptions = {
  port: number;
  host: string;
  /** A folder for the SQLite file, or ':memory:' for a throwaway emulator. */
  dataDir: string;
  faults: Partial<FaultConfig>;
  activityTypes: readonly string[];
};

export type Emulator = {
  readonly url: string;
  readonly graphUrl: string;
  readonly store: Store;
  faults(): FaultConfig;
  setFaults(patch: Partial<FaultConfig>): FaultConfig;
  stats(): EmulatorStats;
  close(): Promise<void>;
};

/** Starts the emulator; `port: 0` takes a free port (what tests do). */
export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const opts: EmulatorOptions = {
    port: 53100,
    host: '127.0.0.1',
    dataDir: '.data/graph',
    faults: {},
    activityTypes: [],
    ...options,
  };
  const store = new Store(opts.dataDir);
  seedTenant(store);
  const tenantId = store.getMeta('tenantId') ?? TENANT_ID;
  const secret = store.getMeta('secret') as string;
  const stats: EmulatorStats = {
    requests: 0,
    injectedFaults: 0,
    lostAnswers: 0,
    rateLimited: 0,
    peakPerSecond: {},
  };
  const gate = new FaultGate(opts.faults, stats);
  const rates = new AcceptedRates(stats.peakPerSecond);
  // Built once the port is known, since its links carry the address.
  const bound: { app?: GraphApp; origin?: string } = {};

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // Preflights of Graph and SharePoint calls are allowed; the admin API allows no other origin.
      if (req.method === 'OPTIONS')
        return send(res, 204, {}, null, !url.pathname.startsWith('/_emulator'));
      if (/\/_api(\/|$)/i.test(url.pathname))
        return handleSharePointRest(
          { store, tenantId, sharePointHost: SHAREPOINT_HOST },
          req,
          res,
          url,
        );
      if (!url.pathname.startsWith('/v1.0/') && url.pathname !== '/v1.0')
        return handleAdmin({ store, tenantId, gate, origin: bound.origin ?? '' }, req, res, url);
      return handleGraph({ app: bound.app as GraphApp, gate, rates }, req, res, url);
    })().catch((e: unknown) => {
      if (!res.headersSent)
        send(
          res,
          500,
          {},
          errorBody(
            'generalException',
            `The emulator failed: ${(e as Error).message}`,
            'fail',
            'fail',
          ),
        );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${opts.host}:${address.port}`;
  const graphBase = `${url}/v1.0`;
  bound.origin = url;
  bound.app = new GraphApp(
    { store, graphBase, tenantId, secret },
    { activityTypes: opts.activityTypes },
  );

  return {
    url,
    graphUrl: graphBase,
    store,
    faults: () => gate.faults,
    setFaults: (patch) => gate.update(patch as Record<string, unknown>),
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
