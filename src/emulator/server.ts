import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { GraphApp } from './app.js';
import { runBatch } from './batch.js';
import type { GraphRequest, GraphResponse } from './context.js';
import { errorBody } from './errors.js';
import {
  DEFAULT_FAULTS,
  type FaultConfig,
  lostAnswer,
  mergeFaults,
  random,
  RateLimiter,
} from './faults.js';
import { feedOf, PAGE_HTML } from './page.js';
import { seedTenant } from './seed.js';
import { Store } from './store.js';
import { SEED_USERS, TENANT_ID } from './tenant.js';

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

export type EmulatorStats = {
  requests: number;
  injectedFaults: number;
  lostAnswers: number;
  rateLimited: number;
  /** The most messages accepted inside any one second, per channel or chat. */
  peakPerSecond: Record<string, number>;
};

const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, If-Match, If-None-Match, Prefer, ConsistencyLevel, client-request-id, SdkVersion, return-client-request-id',
  'Access-Control-Expose-Headers': 'Retry-After, ETag, Location, request-id, client-request-id',
  'Access-Control-Max-Age': '600',
};

const require = createRequire(import.meta.url);
/** The official card renderer, read from node_modules on first use. */
let rendererScript: Buffer | undefined;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  const out: Record<string, string> = { ...CORS, 'Cache-Control': 'no-cache', ...headers };
  if (body === null || body === undefined || status === 204) {
    res.writeHead(status, out);
    res.end();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.writeHead(status, out);
    res.end(body);
    return;
  }
  res.writeHead(status, { 'Content-Type': ODATA_JSON, 'OData-Version': '4.0', ...out });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  let faults: FaultConfig = mergeFaults(DEFAULT_FAULTS, opts.faults as Record<string, unknown>);
  let rand = random(faults.seed);
  const limiter = new RateLimiter();
  const stats: EmulatorStats = {
    requests: 0,
    injectedFaults: 0,
    lostAnswers: 0,
    rateLimited: 0,
    peakPerSecond: {},
  };
  const accepted = new Map<string, number[]>();
  // Built once the port is known, since its links carry the address.
  const bound: { app?: GraphApp } = {};

  const noteAccepted = (key: string) => {
    const now = Date.now();
    const recent = (accepted.get(key) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    accepted.set(key, recent);
    stats.peakPerSecond[key] = Math.max(stats.peakPerSecond[key] ?? 0, recent.length);
  };

  const messageKey = (req: GraphRequest): { key: string; perSecond: number } | undefined => {
    if (req.method !== 'POST') return undefined;
    const parts = req.path.split('/').filter(Boolean);
    if (
      parts[0] === 'teams' &&
      parts[2] === 'channels' &&
      parts[4] === 'messages' &&
      parts.length === 5
    ) {
      return { key: `channel:${parts[1]}/${parts[3]}`, perSecond: faults.channelMessagesPerSecond };
    }
    if (parts[0] === 'chats' && parts[2] === 'messages' && parts.length === 3)
      return { key: `chat:${parts[1]}`, perSecond: faults.chatMessagesPerSecond };
    if (parts[0] === 'users' && parts[2] === 'teamwork' && parts.length === 4)
      return {
        key: `activity:${parts[1]}`,
        perSecond: faults.activityNotificationsPerSecondPerUser,
      };
    return undefined;
  };

  const throttled = (
    status: number,
    seconds: number,
    message: string,
    code: string,
  ): GraphResponse => ({
    status,
    headers: { 'Retry-After': String(seconds) },
    body: errorBody(code, message, 'fault', 'fault'),
  });

  /** Faults and limits that come before a request is served, for plain and batched requests alike. */
  const gate = (req: GraphRequest): GraphResponse | undefined => {
    if (faults.rate > 0 && rand() < faults.rate) {
      stats.injectedFaults++;
      const status = faults.statuses[Math.floor(rand() * faults.statuses.length)] as number;
      const code =
        status === 429
          ? 'TooManyRequests'
          : status === 503
            ? 'serviceNotAvailable'
            : 'gatewayTimeout';
      return throttled(
        status,
        faults.retryAfterSeconds,
        `Injected fault: ${status}. Retry after ${faults.retryAfterSeconds} seconds.`,
        code,
      );
    }
    const limited = faults.rateLimits ? messageKey(req) : undefined;
    if (limited) {
      const wait = limiter.take(limited.key, limited.perSecond);
      if (wait > 0) {
        stats.rateLimited++;
        return throttled(
          429,
          wait,
          `Rate limit of ${limited.perSecond} a second exceeded for ${limited.key.split(':')[0]}.`,
          'TooManyRequests',
        );
      }
    }
    return undefined;
  };

  const serve = (req: GraphRequest, claims: Parameters<GraphApp['handle']>[1]): GraphResponse => {
    const blocked = gate(req);
    if (blocked) return blocked;
    const res = (bound.app as GraphApp).handle(req, claims);
    const key = messageKey(req);
    if (key && res.status < 300) noteAccepted(key.key);
    return res;
  };

  const handleAdmin = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> => {
    const path = url.pathname;
    if (path === '/' || path === '/_emulator' || path === '/_emulator/') {
      if (path !== '/_emulator/') return send(res, 302, { Location: '/_emulator/' }, null);
      return send(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, PAGE_HTML);
    }
    if (path === '/_emulator/assets/adaptivecards.js') {
      rendererScript ??= readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
      const file = rendererScript;
      return send(
        res,
        200,
        { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' },
        file,
      );
    }
    if (path === '/_emulator/api/feed')
      return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(feedOf(store)));
    if (path === '/_emulator/api/health')
      return send(
        res,
        200,
        { 'Content-Type': 'application/json' },
        JSON.stringify({ ok: true, tenantId }),
      );
    if (path === '/_emulator/api/stats')
      return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(stats));
    if (path === '/_emulator/api/users') {
      // For local mode's sign-in picker only: the seeded people, their role and agency.
      const users = SEED_USERS.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        jobTitle: u.jobTitle,
        department: u.department,
      }));
      return send(
        res,
        200,
        { 'Content-Type': 'application/json' },
        JSON.stringify({ tenantId, users }),
      );
    }
    if (path === '/_emulator/api/faults') {
      if (req.method === 'GET')
        return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(faults));
      if (req.method === 'PUT' || req.method === 'PATCH') {
        try {
          const patch = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
          faults = mergeFaults(req.method === 'PUT' ? DEFAULT_FAULTS : faults, patch);
          rand = random(faults.seed);
          return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(faults));
        } catch (e) {
          return send(
            res,
            400,
            { 'Content-Type': 'application/json' },
            JSON.stringify({ error: (e as Error).message }),
          );
        }
      }
    }
    if (path === '/_emulator/api/grants' && req.method === 'PUT') {
      // Sets or removes one grant: how tests give a list its own permissions.
      const body = JSON.parse((await readBody(req)) || '{}') as {
        resource?: string;
        principal?: string;
        role?: string | null;
      };
      if (!body.resource || !body.principal)
        return send(
          res,
          400,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ error: 'resource and principal are required' }),
        );
      if (body.role === null || body.role === undefined)
        store.db
          .prepare('DELETE FROM grants WHERE resource = ? AND principal = ?')
          .run(body.resource, body.principal);
      else if (['read', 'write', 'owner'].includes(body.role))
        store.db
          .prepare('INSERT OR REPLACE INTO grants(resource, principal, role) VALUES (?, ?, ?)')
          .run(body.resource, body.principal, body.role);
      else
        return send(
          res,
          400,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ error: 'role must be read, write, owner or null' }),
        );
      return send(res, 204, {}, null);
    }
    return send(
      res,
      404,
      { 'Content-Type': 'application/json' },
      JSON.stringify({ error: `No emulator page at ${path}` }),
    );
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'OPTIONS') return send(res, 204, {}, null);
      if (!url.pathname.startsWith('/v1.0/') && url.pathname !== '/v1.0')
        return handleAdmin(req, res, url);
      stats.requests++;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const raw = await readBody(req);
      let body: unknown = null;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(
            res,
            400,
            {},
            errorBody(
              'BadRequest',
              'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
              'parse',
              headers['client-request-id'] ?? 'parse',
            ),
          );
        }
      }
      let path: string;
      try {
        path = url.pathname
          .slice('/v1.0'.length)
          .split('/')
          .map((s) => decodeURIComponent(s))
          .join('/');
      } catch {
        return send(
          res,
          400,
          {},
          errorBody('BadRequest', 'The request URL is malformed.', 'parse', 'parse'),
        );
      }
      const graphReq: GraphRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path,
        query: url.searchParams,
        headers,
        body,
      };
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const auth = (bound.app as GraphApp).authenticate(headers['authorization']);
      if (!('oid' in auth)) return send(res, auth.status, auth.headers, auth.body);
      let answer: GraphResponse;
      if (graphReq.path === '/$batch') {
        if (graphReq.method !== 'POST')
          return send(
            res,
            405,
            {},
            errorBody(
              'Request_BadRequest',
              'Specified HTTP method is not allowed for the request target.',
              'batch',
              'batch',
            ),
          );
        const blocked = gate(graphReq);
        if (blocked) return send(res, blocked.status, blocked.headers, blocked.body);
        try {
          answer = runBatch(
            body,
            auth,
            (sub, claims) => serve(sub, claims),
            (sub, res) => {
              if (sub.method === 'GET' || res.status >= 300) return undefined;
              if (!(faults.batchItemLostRate > 0 && rand() < faults.batchItemLostRate))
                return undefined;
              stats.lostAnswers++;
              return lostAnswer(faults.retryAfterSeconds, 'lost');
            },
          );
          if (faults.batchLostRate > 0 && rand() < faults.batchLostRate) {
            stats.lostAnswers++;
            const lost = lostAnswer(
              faults.retryAfterSeconds,
              headers['client-request-id'] ?? 'lost',
            );
            return send(res, lost.status, lost.headers, lost.body);
          }
        } catch (e) {
          const err = e as { status?: number; code?: string; message: string };
          answer = {
            status: err.status ?? 500,
            headers: {},
            body: errorBody(
              err.code ?? 'generalException',
              err.message,
              'batch',
              headers['client-request-id'] ?? 'batch',
            ),
          };
        }
      } else {
        answer = serve(graphReq, auth);
      }
      const isWrite = graphReq.method !== 'GET' && graphReq.path !== '/$batch';
      if (isWrite && answer.status < 300 && faults.lostRate > 0 && rand() < faults.lostRate) {
        stats.lostAnswers++;
        return send(
          res,
          504,
          { 'Retry-After': String(faults.retryAfterSeconds) },
          errorBody(
            'gatewayTimeout',
            'Injected fault: the write was applied but its answer was lost.',
            'lost',
            headers['client-request-id'] ?? 'lost',
          ),
        );
      }
      send(res, answer.status, answer.headers, answer.body);
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
  bound.app = new GraphApp(
    { store, graphBase, tenantId, secret },
    { activityTypes: opts.activityTypes },
  );

  return {
    url,
    graphUrl: graphBase,
    store,
    faults: () => faults,
    setFaults: (patch) => {
      faults = mergeFaults(faults, patch as Record<string, unknown>);
      rand = random(faults.seed);
      return faults;
    },
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
